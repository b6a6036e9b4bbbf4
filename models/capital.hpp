#pragma once
// The capital chain's processes (model brief §4.7): credit limit and debt, support for leading
// enterprises, venture capital with home bias, guidance funds with private co-investment, the
// regional government budget. Parameters and state are in capital_state.hpp.
#include <cstdint>
#include <span>
#include <vector>

#include "models/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// The most a bank lends a firm: multiple * sales * dt (the multiple is in ticks of sales).
double credit_limit(double multiple, double sales, double years_per_tick);

// exp(-home_bias * d / 1000 km * (1 - openness)): the weight an investor gives a firm d km away.
double home_bias_factor(double home_bias, double distance_km, double openness);

// What an investor expects from a firm: max(0, cluster margin) * productivity / cluster frontier
// (0 without a frontier).
double expected_return(double cluster_margin, double productivity, double frontier);

// Splits `amount` over `weights` in proportion (nothing when the weights sum to 0); adds each part to
// `out` and returns the total given out.
double allocate_proportionally(double amount, std::span<const double> weights, std::span<double> out);

// Whether a firm may receive venture capital or guidance funds: not an initial firm, and younger than
// `max_age` years (age counted as in the firm panel).
bool is_young(std::int32_t birth_tick, int tick, double years_per_tick, double max_age);

// Per region: the sum of the firms' net worth. Per cluster: debt.
Eigen::VectorXd regional_net_worth(const Economy& economy);
// Sets every firm's debt to max(0, -N_i) and the clusters' debt to their sums.
void record_debt(Economy& economy);

// Opens the tick's net-worth books (called by the accounts before booking profit).
void open_capital_books(Economy& economy);

// Flags leading enterprises and pays their support, invests venture capital and guidance funds (with
// private co-investment) in young firms, updates debt and the government budget.
void capital_process(Economy& economy, const sim::TickContext& context);

// The regional governments' spending of the tick and its parts: R&D subsidies, leading-enterprise
// support, guidance funds, basic research, pilot purchases and adoption subsidies. Runs after every
// process that spends.
void government_budget_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
