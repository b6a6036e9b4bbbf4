#include "models/industrial/geography.hpp"

#include "models/policy/levers.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

namespace models {

Eigen::MatrixXd great_circle_km(const Eigen::VectorXd& latitude, const Eigen::VectorXd& longitude) {
  constexpr double earth_radius_km = 6371.0;
  constexpr double radians = std::numbers::pi / 180.0;
  const Eigen::Index n = latitude.size();
  Eigen::MatrixXd distance = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index r = 0; r < n; ++r) {
    for (Eigen::Index s = r + 1; s < n; ++s) {
      // Haversine: well conditioned for the short distances between neighbouring capitals.
      const double dlat = (latitude(s) - latitude(r)) * radians;
      const double dlon = (longitude(s) - longitude(r)) * radians;
      const double h = std::pow(std::sin(dlat / 2), 2) +
                       std::cos(latitude(r) * radians) * std::cos(latitude(s) * radians) * std::pow(std::sin(dlon / 2), 2);
      distance(r, s) = distance(s, r) = 2.0 * earth_radius_km * std::asin(std::min(1.0, std::sqrt(h)));
    }
  }
  return distance;
}

Eigen::MatrixXd spatial_weights(const Eigen::MatrixXd& distance_km, const KnowledgeParameters& knowledge,
                                const Eigen::MatrixXd& link_openness) {
  const Eigen::Index n = distance_km.rows();
  Eigen::MatrixXd weight(n, n);
  for (Eigen::Index r = 0; r < n; ++r) {
    for (Eigen::Index s = 0; s < n; ++s) {
      const double d = distance_km(r, s);
      if (r == s) {
        weight(r, s) = 1.0;
      } else if (d < knowledge.cutoff_km) {
        weight(r, s) = link_openness(r, s) * std::exp(-d / knowledge.distance_decay_km);
      } else {
        weight(r, s) = 0.0;
      }
    }
  }
  return weight;
}

Eigen::MatrixXd trade_freeness(const Eigen::MatrixXd& distance_km, const Eigen::MatrixXd& transport_cost_per_1000km,
                               double elasticity) {
  return (1.0 + transport_cost_per_1000km.array() * distance_km.array() / 1000.0).pow(1.0 - elasticity).matrix();
}

TradeFreeness trade_freeness_by_elasticity(const Eigen::MatrixXd& distance_km,
                                           const Eigen::MatrixXd& transport_cost_per_1000km,
                                           const Eigen::VectorXd& elasticity) {
  TradeFreeness freeness;
  std::vector<double> distinct;  // the elasticity of each matrix
  for (Eigen::Index k = 0; k < elasticity.size(); ++k) {
    const auto found = std::find(distinct.begin(), distinct.end(), elasticity(k));
    freeness.group.push_back(static_cast<int>(found - distinct.begin()));
    if (found != distinct.end()) continue;
    distinct.push_back(elasticity(k));
    freeness.matrices.push_back(trade_freeness(distance_km, transport_cost_per_1000km, elasticity(k)));
  }
  return freeness;
}

void set_spatial_weight(Economy& economy, Eigen::MatrixXd weight) {
  economy.spatial_links = nonzero_rows(weight);
  economy.spatial_weight = std::move(weight);
}

void update_geography(Economy& economy) {
  const Levers& levers = economy.levers;
  set_spatial_weight(economy, spatial_weights(economy.regions.distance_km, economy.parameters.knowledge,
                                              pairwise_openness(levers.openness)));
  economy.trade_freeness = trade_freeness_by_elasticity(
      economy.regions.distance_km, pairwise_transport_cost(levers.transport_cost), economy.industries.elasticity);
}

}  // namespace models
