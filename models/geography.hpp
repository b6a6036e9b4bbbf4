#pragma once
// Distances between regions and the spatial weights of knowledge flows (model brief §4.4).
#include <Eigen/Dense>

#include "models/parameters.hpp"

namespace models {

// Great-circle distances (km) between points given in degrees, on a sphere of radius 6371 km.
Eigen::MatrixXd great_circle_km(const Eigen::VectorXd& latitude, const Eigen::VectorXd& longitude);

// W_rs = 1 for r = s; openness * exp(-d_rs / decay) for 0 < d_rs < cutoff; 0 beyond the cutoff.
Eigen::MatrixXd spatial_weights(const Eigen::MatrixXd& distance_km, const KnowledgeParameters& knowledge,
                                double openness);

// Iceberg trade factor raised to 1 - sigma: phi_rs = (1 + tau * d_rs / 1000 km)^(1 - sigma).
Eigen::MatrixXd trade_freeness(const Eigen::MatrixXd& distance_km, double transport_cost_per_1000km,
                               double elasticity);

}  // namespace models
