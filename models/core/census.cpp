#include "models/core/census.hpp"

#include <algorithm>

namespace models {

void census_process(Economy& economy, const sim::TickContext&) {
  const Firms& firms = economy.firms;
  Clusters& clusters = economy.clusters;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      const auto members = economy.cluster_index.members(r, k);
      double weighted = 0.0, weights = 0.0, plain = 0.0, best = 0.0, capital = 0.0;
      for (std::int32_t j : members) {
        capital += firms.capital[j];
        weighted += firms.sales[j] * firms.productivity[j];
        weights += firms.sales[j];
        plain += firms.productivity[j];
        best = std::max(best, firms.productivity[j]);
      }
      clusters.firms(r, k) = static_cast<double>(members.size());
      clusters.mean_productivity(r, k) =
          weights > 0.0 ? weighted / weights : (members.empty() ? 0.0 : plain / members.size());
      clusters.frontier_productivity(r, k) = best;
      clusters.capital(r, k) = capital;
    }
  }
}

}  // namespace models
