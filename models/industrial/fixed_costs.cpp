#include "models/industrial/fixed_costs.hpp"

#include "models/macro/spending.hpp"

namespace models {

double fixed_service_cost(const Economy& economy) {
  return economy.parameters.firms.fixed_cost * reference_growth(economy);
}

double fixed_talent_cost(const Economy& economy, int region) {
  return economy.parameters.firms.fixed_talent * economy.talent.wage(region);
}

double fixed_cost(const Economy& economy, int region) {
  return fixed_service_cost(economy) + fixed_talent_cost(economy, region);
}

}  // namespace models
