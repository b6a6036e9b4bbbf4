#pragma once
// Who sells to whom: the origin-destination trade flows of the last clearing (docs/model.md §7.2), for
// the optional output `trade_flows` (market.write_flows) and the gravity check of docs/validation.md.
#include <Eigen/Dense>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/output/variable.hpp"

namespace models {

// One R x R matrix per industry k, origin r in rows, destination s in columns, 1e8 CNY/year: the sales of
// cluster (r, k) to the buyers (households, modelled industries, pilots) of region s at the last clearing,
//   X_rsk = served_rk * phi_rs D_sk / M_rk,  D_sk = E_sk / P_sk^(1 - sigma_k),  M_rk = sum_s phi_rs D_sk,
// plus the cluster's pilot sales on the diagonal (pilots buy from their own region's firms). served_rk
// is the cluster's market sales (its sales less pilot sales). Without rationing served_rk = Q_rk M_rk and
// this is phi_rs Q_rk E_sk / P_sk^(1 - sigma_k); a cluster whose machines are full serves the same share of
// every region's orders, so rationing scales its whole row. Each row sums to the cluster's sales; column
// s sums to the buyers' spending E_sk less what full machines could not serve them, plus pilots.
std::vector<Eigen::MatrixXd> trade_flows(const Economy& economy);

// Declares `trade_flows` (time, region, destination, industry) when market.write_flows is on.
void declare_trade_flow_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
