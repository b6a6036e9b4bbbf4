#include "models/capital/young_firms.hpp"

#include <algorithm>
#include <numeric>

#include "models/core/cluster_loops.hpp"

namespace models {

bool is_young(std::int32_t birth_tick, int tick, double years_per_tick, double max_age) {
  return birth_tick >= 0 && (tick - birth_tick) * years_per_tick < max_age;
}

double expected_return(double cluster_margin, double productivity, double frontier) {
  if (!(frontier > 0.0)) return 0.0;
  return std::max(0.0, cluster_margin) * productivity / frontier;
}

double allocate_proportionally(double amount, std::span<const double> weights, std::span<double> out) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (!(total > 0.0) || amount == 0.0) return 0.0;
  double given = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double part = amount * weights[i] / total;
    out[i] += part;
    given += part;
  }
  return given;
}

YoungFirms young_firms(const Economy& economy) {
  const Firms& firms = economy.firms;
  const Clusters& clusters = economy.clusters;
  const std::size_t n = firms.size();
  Eigen::MatrixXd frontier = Eigen::MatrixXd::Zero(economy.region_count(), economy.industry_count());
  for_each_cluster_member(economy, [&](int r, int k, std::size_t i) {
    frontier(r, k) = std::max(frontier(r, k), firms.productivity[i]);
  });
  YoungFirms young;
  const double dt = economy.parameters.years_per_tick;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_young(firms.birth_tick[i], economy.tick, dt, economy.parameters.capital.vc_max_age)) continue;
    const int r = firms.region[i];
    const int k = firms.industry[i];
    const double margin = clusters.sales(r, k) > 0.0 ? clusters.profit(r, k) / clusters.sales(r, k) : 0.0;
    young.rows.push_back(i);
    young.expected.push_back(expected_return(margin, firms.productivity[i], frontier(r, k)));
  }
  return young;
}

}  // namespace models
