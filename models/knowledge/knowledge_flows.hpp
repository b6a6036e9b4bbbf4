#pragma once
// Who learns from whom: the knowledge each region's spillover pool receives from each region, for the
// optional output `knowledge_flows` (knowledge.write_flows; docs/model.md §7.9).
#include <Eigen/Dense>

#include "models/core/economy.hpp"
#include "sim/output/variable.hpp"

namespace models {

// R x R, origin r in rows, destination s in columns: the part of region s's pool, summed over its
// industries, that comes from the cluster knowledge of region r,
//   K_rs = W_sr sum_k sum_j (P0_kj + d_s D_kj) X_rj,
// with the proximities P0 and D, the penetration d_s and the knowledge X of the last spillover process.
// Column s sums to sum_k S_sk less what leading enterprises pass to their local suppliers (a local
// addition that comes from no region's pool); its off-diagonal part sums to sum_k received_sk.
Eigen::MatrixXd knowledge_flows(const Economy& economy);

// Declares `knowledge_flows` (time, region, destination) when knowledge.write_flows is on.
void declare_knowledge_flow_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
