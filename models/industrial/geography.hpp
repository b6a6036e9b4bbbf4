#pragma once
// Distances between regions and the spatial weights of knowledge flows (model brief §4.4).
#include <Eigen/Dense>

#include "models/core/economy.hpp"

namespace models {

// Great-circle distances (km) between points given in degrees, on a sphere of radius 6371 km.
Eigen::MatrixXd great_circle_km(const Eigen::VectorXd& latitude, const Eigen::VectorXd& longitude);

// W_rs = 1 for r = s; o_rs * exp(-d_rs / decay) for 0 < d_rs < cutoff; 0 beyond the cutoff; o_rs the
// openness of the link (pairwise_openness).
Eigen::MatrixXd spatial_weights(const Eigen::MatrixXd& distance_km, const KnowledgeParameters& knowledge,
                                const Eigen::MatrixXd& link_openness);

// Iceberg trade factor raised to 1 - sigma: phi_rs = (1 + tau_rs * d_rs / 1000 km)^(1 - sigma), tau_rs the
// transport cost of the route (pairwise_transport_cost).
Eigen::MatrixXd trade_freeness(const Eigen::MatrixXd& distance_km, const Eigen::MatrixXd& transport_cost_per_1000km,
                               double elasticity);

// The freeness of every industry: one matrix per distinct elasticity, in order of the first industry
// that has it, and each industry's matrix.
TradeFreeness trade_freeness_by_elasticity(const Eigen::MatrixXd& distance_km,
                                           const Eigen::MatrixXd& transport_cost_per_1000km,
                                           const Eigen::VectorXd& elasticity);

// W and its nonzero entries, which the loops over linked regions read: set together, so that the two
// cannot disagree.
void set_spatial_weight(Economy& economy, Eigen::MatrixXd weight);

// The links between regions that depend on levers (openness, transport cost): spatial weights and
// trade freeness, recomputed whenever those levers change.
void update_geography(Economy& economy);

}  // namespace models
