#include "models/identities.hpp"

#include <fmt/core.h>

#include <cmath>

namespace models {

namespace {

bool differ(double lhs, double rhs) {
  return std::abs(lhs - rhs) > identity_tolerance * std::max({1.0, std::abs(lhs), std::abs(rhs)});
}

}  // namespace

std::vector<std::string> check_identities(const Economy& economy, int tick) {
  std::vector<std::string> violations;
  const Clusters& clusters = economy.clusters;
  const Regions& regions = economy.regions;

  // Market clearing: everything spent on an industry is some firm's sales (iceberg costs included).
  for (int k = 0; k < economy.industry_count(); ++k) {
    const double spent = economy.industries.expenditure_share(k) * regions.income.sum();
    const double sold = clusters.sales.col(k).sum();
    const bool has_firms = clusters.firms.col(k).sum() > 0.0 || clusters.sales.col(k).sum() > 0.0;
    if (has_firms && differ(spent, sold)) {
      violations.push_back(fmt::format("tick {}, industry {}: market clearing: sales {} != expenditure {}", tick,
                                       economy.industries.names[k], sold, spent));
    }
  }

  // Regional accounts: GDP is background income plus value added.
  for (int r = 0; r < economy.region_count(); ++r) {
    const double value_added = clusters.sales.row(r).sum();
    if (differ(regions.gdp(r), regions.background_income(r) + value_added)) {
      violations.push_back(fmt::format("tick {}, region {}: GDP = background income + value added: {} != {} + {}", tick,
                                       regions.names[r], regions.gdp(r), regions.background_income(r), value_added));
    }
  }
  return violations;
}

}  // namespace models
