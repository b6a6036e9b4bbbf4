#pragma once
// Money-metric welfare (docs/model.md, Measurement): the households' disposable income over the cost of
// living of the model's own utility, Cobb-Douglas over the industries' CES composites and the numeraire
// (background) good. Within an industry the CES price index is exact, variety included; across industries
// the index is chained with Tornqvist weights, exact when the weights are constant and the Divisia line
// integral (the consumer surplus) while a future industry's commercial demand share changes. The level is
// in 1e8 CNY at common reference prices, fixed by the scenario's data and parameters, never by its levers.
#include <Eigen/Dense>

#include "models/core/economy.hpp"

namespace models {

// P^ref_k: the CES index of industry k's initial firms at the mature markup over the mean initial wage,
// traded freely, at the expected value of the initial productivity draws (lognormal, mean 1, dispersion s):
// sigma/(sigma-1) w (n_k exp(s^2 (sigma-1)(sigma-2)/2))^(1/(1-sigma)), n_k at least 1.
Eigen::VectorXd reference_prices(const Eigen::VectorXd& elasticity, const Eigen::VectorXd& initial_firms,
                                 double mean_wage, double productivity_dispersion);

// theta_ks: the share of region s's final spending that buys industry k's composite (mu_k times the
// commercial share), 0 where no supplier is reachable (that spending buys the background good).
Eigen::MatrixXd final_spending_shares(const Economy& economy);

// ln G_s at the first clearing: sum_k theta_ks ln(P_ks / P^ref_k).
void anchor_cost_of_living(Economy& economy);

// Links ln G_s to this clearing: += sum_k (theta_{k,t-1} + theta_kt)/2 ln(P_kt / P_k,t-1) over the
// industries supplied at both; the same weights carry `variety_link` into the welfare's variety gain.
void link_cost_of_living(Economy& economy, const Eigen::MatrixXd& variety_link);

// Disposable income / G_s, 1e8 CNY/year at the reference prices.
Eigen::VectorXd welfare(const Economy& economy);

}  // namespace models
