#pragma once
// Future industries and key-industry transformation (model brief §4.8). A future industry's unit cost
// follows Wright's law in its national cumulative output; its commercial demand switches on as that
// cost nears what buyers will pay; pilots (policy.pilots) buy from local firms regardless of cost;
// key industries' productivity grows with the adoption of mature future and digital technology that
// their regions subsidise.
#include "models/core/economy.hpp"
#include "sim/output/variable.hpp"
#include "sim/schedule.hpp"

namespace models {

// Wright's law: c = c0 (X / X0)^-b, floored at 1 (a mature technology's cost).
double learning_cost(double initial_cost_multiple, double cumulative_output, double initial_experience, double exponent);
// Share of potential final demand that buys at cost multiple c: 1 / (1 + exp((ln c - ln wtp) / width)).
double commercial_demand_share(double cost_multiple, double willingness_to_pay, double width);
// Technology available to key industry k for adoption: sum_j P_kj m_j / sum_j P_kj over the future and
// digital industries j != k, m_j the maturity (1 / cost multiple) of j.
Eigen::VectorXd adoptable_technology(const Economy& economy);

// Pilot budget per (region, industry) in force at `tick`.
Eigen::MatrixXd pilot_budget_at(const std::vector<Pilot>& pilots, int tick, int regions, int industries);

// Sets costs and commercial shares at the start (before the first clearing).
void initialise_future_industries(Economy& economy);
// Experience at the start: X0 = initial_experience_years of the industry's potential output, what
// households would buy at a mature price (markup over the mean talent wage).
void set_initial_experience(Economy& economy);

// Runs before the market (so that a tick's costs and demand hold through it): last tick's output
// adds to experience, costs and commercial demand follow, and key industries adopt technology as
// far as their regions' adoption subsidies pay for it.
void future_industries_process(Economy& economy, const sim::TickContext& context);

void declare_future_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
