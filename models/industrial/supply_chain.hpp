#pragma once
// The supply chain among the modelled industries (model brief §4.5): input-output coefficients,
// co-location, its initial state, outputs and identities. It acts inside the market (market.cpp): unit
// costs include intermediate inputs bought at delivered price indices, and intermediate demand adds to
// final demand.
#include <string>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"

namespace models {

// Input-output coefficients A (K x K) from the industries' input lists: A(j, k) = input_share / n_k
// for each of the n_k industries j that k buys from (a supplier listed twice counts twice), 0 else.
// Column k sums to input_share if k has inputs, to 0 if not.
Eigen::MatrixXd input_coefficients(const std::vector<std::vector<int>>& inputs, double input_share);

// Co-location multiplier m_rk = 1 + beta * sum_j (A(j, k) / alpha_k) * l_jr, where the local supply
// share l_jr = sum_s W_rs sales_sj / sum_s sales_sj (0 for an industry without sales) is in [0, 1]
// because W_rs <= 1; so 1 <= m_rk <= 1 + beta. m_rk = 1 for an industry without inputs.
Eigen::MatrixXd colocation_multiplier(const Eigen::MatrixXd& input_coefficients, const Eigen::MatrixXd& spatial_weight,
                                      const Eigen::MatrixXd& sales, double beta);

// The signals this tick's unit costs read, from the last clearing: input price indices (a region
// that lost every reachable supplier keeps its last positive index) and co-location multipliers from
// the clusters' sales. Called by the market process before it clears the market.
void update_chain_signals(Economy& economy);

// Before the first market clearing: builds A and brings the signals to the fixed point of the initial
// economy (clearing the market repeatedly), so that the initial clearings are consistent.
void initialise_industrial_chain(Economy& economy);

void declare_industrial_chain_outputs(const Economy& economy, sim::output::Registry& registry);

// Intermediate purchases of region r = its spending on suppliers; purchases = alpha_k x variable cost;
// value added = sales - purchases.
void check_industrial_chain_identities(const Economy& economy, int tick, std::vector<std::string>& violations);

}  // namespace models
