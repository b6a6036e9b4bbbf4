#pragma once
// Monopolistic competition with CES demand and iceberg trade costs (model brief §4.5).
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// How firms' shares of their cluster's orders are set at a clearing (models/industrial/market_shares.cpp).
enum class ShareRule {
  static_ces,  // every firm's CES share p^(1 - sigma) / sum p^(1 - sigma): initial and repeated clearings
  tick,        // the tick's step: quasi-replicator for incumbents (or CES with market.static_shares)
  hold,        // the shares the tick's step set: a clearing repeated within the tick at other wages
};

// alpha_k as the market prices with it: 0 for every industry while the industrial chain is off.
Eigen::VectorXd priced_input_shares(const Economy& economy);

// Input cost factor of every cluster, prod_j P_jr^A(j, k) / m_rk, from the chain's signals (1 where alpha_k = 0).
Eigen::MatrixXd input_cost_factor(const Economy& economy, const Eigen::VectorXd& alpha);

// Prices, price indices, demand, firms' shares, sales up to capacity, output and employment of every
// firm; cluster sums of these flows; regional value added and GDP.
void clear_market(Economy& economy, ShareRule shares = ShareRule::static_ces);

void market_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
