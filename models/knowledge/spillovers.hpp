#pragma once
// Cluster knowledge and the spillover pool S = W X P^T available to firms (model brief §4.4).
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Technology proximity P (K x K), P_kj = how much of industry j's knowledge reaches industry k:
// 1 on the diagonal; otherwise a base level (linked by an input in either direction > same kind >
// other), and for a digital j (k != j) the base moved towards 1 by the digital penetration d:
// base + d (1 - base). The lever touches no other entry.
Eigen::MatrixXd technology_proximity(const Industries& industries, const KnowledgeParameters& parameters,
                                     double digital_penetration);

// Firms' part of cluster knowledge: exp(l_rk - l_k), l the output-weighted mean log productivity of
// the cluster (l_rk) and of the industry nationally (l_k); 1 = the industry's national level, 0 for a
// cluster without output.
Eigen::MatrixXd firm_knowledge(const Economy& economy);

// X = firm knowledge + c_r B, S = W X P^T, received = (W - I) X P^T (W_rr = 1), all into economy.knowledge,
// with P the proximity at the digital penetration of the receiving region.
void compute_spillover_pool(Economy& economy);

// sigma(S) = S / (S + h), in [0, 1): the share of its maximum effect that a pool S has (0 for S <= 0).
double pool_saturation(double pool, double half_saturation);

// Knowledge leading enterprises pass to their local suppliers: for supplier industry j in region r,
// strength * sum over buyer industries k that list j as input of (leading firms' share of the output
// of cluster (r, k)) * X_rk. Uses the leading flags set by the capital process of the previous tick.
Eigen::MatrixXd leading_supplier_knowledge(const Economy& economy, const Eigen::MatrixXd& cluster_knowledge,
                                           double strength);

// Computes the pool (W follows the openness levers: models/policy/policy_schedule.cpp).
void spillover_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
