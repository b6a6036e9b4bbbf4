#include "models/talent_market.hpp"

#include <cmath>

namespace models {

double tight_market_wage(double initial_wage, double employment, double initial_employment, double supply_elasticity) {
  if (initial_employment <= 0.0) return initial_wage;
  return initial_wage * std::pow(employment / initial_employment, 1.0 / supply_elasticity);
}

void talent_market_process(Economy& economy, const sim::TickContext&) {
  Regions& regions = economy.regions;
  const Eigen::VectorXd employment = economy.clusters.employment.rowwise().sum();
  for (int r = 0; r < economy.region_count(); ++r) {
    // A region that loses all its modelled firms keeps a floor wage rather than a zero one: talent there
    // still earns what the rest of the economy pays.
    const double wage = tight_market_wage(regions.initial_talent_wage(r), employment(r), regions.initial_employment(r),
                                          economy.parameters.talent.supply_elasticity);
    regions.talent_wage(r) = std::max(wage, economy.parameters.talent.wage_floor_share * regions.initial_talent_wage(r));
  }
}

}  // namespace models
