#pragma once
// Products of the trade-freeness matrices with one column per industry, as matrix-matrix products.
// Industries that share an elasticity (all of them in the default data) share Phi (trade_freeness.hpp):
// one product of Phi with all their columns reads Phi once, where a product per industry streams it from
// memory once per industry (300 regions: 720 kB a matrix) and dominated the market clearing at city scale.
#include <Eigen/Dense>
#include <vector>

#include "models/core/economy.hpp"

namespace models {

// Column k of the result is Phi_k^T x columns.col(k): for supply by origin, the sum over origins r of
// phi_rs x column(r, k), per destination s.
Eigen::MatrixXd freeness_to_destinations(const Economy& economy, const Eigen::MatrixXd& columns);

// Column k of the result is Phi_k x columns.col(k): for spending by destination, the sum over
// destinations s of phi_rs x column(s, k), per origin r.
Eigen::MatrixXd freeness_to_origins(const Economy& economy, const Eigen::MatrixXd& columns);

}  // namespace models
