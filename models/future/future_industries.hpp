#pragma once
// Future industries and key-industry transformation (model brief §4.8, §9.7). A future industry's unit
// cost in a region follows Wright's law in the cluster's own and the nation's cumulative output; its
// commercial demand switches on as the national mean of that cost nears what buyers will pay; pilots
// (policy.pilots) buy from local firms regardless of cost, and so teach that region's firms first;
// key industries' productivity grows with the adoption of mature future and digital technology that
// their regions subsidise.
#include "models/core/economy.hpp"
#include "sim/output/variable.hpp"
#include "sim/schedule.hpp"

namespace models {

// Wright's law: c = c0 (X / X0)^-b, floored at 1 (a mature technology's cost).
double learning_cost(double initial_cost_multiple, double cumulative_output, double initial_experience, double exponent);
// Wright's law with a local and a national part: c = max(1, c0 (X_r / X0_r)^(-b (1 - s)) (X / X0)^(-b s)),
// s the national share. At s = 1 it is learning_cost(c0, X, X0, b) bit for bit, at s = 0
// learning_cost(c0, X_r, X0_r, b). Without national experience (X or X0 not positive) the cost is c0; a
// region without local experience to measure against (X_r or X0_r not positive) learns nationally only.
double regional_learning_cost(double initial_cost_multiple, double local_output, double local_experience,
                              double national_output, double national_experience, double exponent,
                              double national_share);
// Mean of the regional costs weighted by `weights`, written as `reference` plus the weighted mean
// deviation from it, so that costs all equal to `reference` give `reference` exactly; `reference` where
// the weights sum to zero.
double mean_unit_cost(const Eigen::VectorXd& regional_costs, const Eigen::VectorXd& weights, double reference);
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
// households would buy at a mature price (markup over the mean talent wage); each region holds X0 / R of it
// as its own experience X0_rk, so every region starts at c0.
void set_initial_experience(Economy& economy);

// Runs before the market (so that a tick's costs and demand hold through it): last tick's output
// adds to experience, costs and commercial demand follow, and key industries adopt technology as
// far as their regions' adoption subsidies pay for it.
void future_industries_process(Economy& economy, const sim::TickContext& context);

void declare_future_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
