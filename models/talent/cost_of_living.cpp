#include "models/talent/cost_of_living.hpp"

#include <cmath>

namespace models {

Eigen::VectorXd population_density(const Eigen::VectorXd& population, const Eigen::VectorXd& area_km2) {
  if (area_km2.size() == 0) return population;
  return (population.array() * 1e4 / area_km2.array()).matrix();
}

double national_density(const Eigen::VectorXd& population, const Eigen::VectorXd& area_km2) {
  if (population.size() == 0) return 0.0;
  if (area_km2.size() == 0) return population.mean();
  return population.sum() * 1e4 / area_km2.sum();
}

Eigen::VectorXd housing_costs(const Eigen::VectorXd& density, double reference_density, const Eigen::VectorXd& lever,
                              double elasticity) {
  return (lever.array() * (density.array() / reference_density).pow(elasticity)).matrix();
}

Eigen::VectorXd cost_of_living(const Eigen::MatrixXd& price_index, const Eigen::VectorXd& initial_price_index,
                               const Eigen::VectorXd& expenditure_share, const Eigen::VectorXd& housing_cost,
                               double housing_share) {
  const Eigen::Index regions = housing_cost.size();
  const Eigen::Index industries = expenditure_share.size();
  const bool has_prices = price_index.rows() == regions && price_index.cols() == industries &&
                          initial_price_index.size() == industries;
  Eigen::VectorXd result(regions);
  for (Eigen::Index r = 0; r < regions; ++r) {
    // In logs, summed in industry order.
    double log_cost = housing_share * std::log(housing_cost(r));
    for (Eigen::Index k = 0; has_prices && k < industries; ++k) {
      const double now = price_index(r, k);
      const double start = initial_price_index(k);
      if (now > 0.0 && start > 0.0 && std::isfinite(now) && std::isfinite(start)) {
        log_cost += expenditure_share(k) * std::log(now / start);
      }
    }
    result(r) = std::exp(log_cost);
  }
  return result;
}

void update_cost_of_living(Economy& economy) {
  TalentState& talent = economy.talent;
  const TalentParameters& p = economy.parameters.talent;
  const Eigen::VectorXd density = population_density(economy.regions.population, economy.regions.area_km2);
  talent.housing_cost =
      housing_costs(density, talent.reference_density, economy.levers.housing_cost, p.housing_density_elasticity);
  talent.cost_of_living = cost_of_living(economy.clusters.price_index, economy.initial_price_index,
                                         economy.industries.expenditure_share, talent.housing_cost, p.housing_share);
  talent.real_wage = talent.wage.cwiseQuotient(talent.cost_of_living);
}

}  // namespace models
