#include "models/measurement/welfare.hpp"

#include <algorithm>
#include <cmath>

namespace models {

Eigen::VectorXd reference_prices(const Eigen::VectorXd& elasticity, const Eigen::VectorXd& initial_firms,
                                 double mean_wage, double productivity_dispersion) {
  const double s2 = productivity_dispersion * productivity_dispersion;
  Eigen::VectorXd price(elasticity.size());
  for (Eigen::Index k = 0; k < elasticity.size(); ++k) {
    const double sigma = elasticity(k);
    // E[Z^(sigma-1)] for Z lognormal with mean 1 and log standard deviation s.
    const double mean_power = std::exp(s2 * (sigma - 1.0) * (sigma - 2.0) / 2.0);
    const double firms = std::max(1.0, initial_firms(k));
    price(k) = sigma / (sigma - 1.0) * mean_wage * std::pow(firms * mean_power, 1.0 / (1.0 - sigma));
  }
  return price;
}

Eigen::MatrixXd final_spending_shares(const Economy& economy) {
  const FutureState& future = economy.future;
  const int industries = economy.industry_count();
  const bool has_future = future.commercial_share.size() == industries;
  Eigen::MatrixXd share(economy.region_count(), industries);
  for (int k = 0; k < industries; ++k) {
    const double mu = economy.industries.expenditure_share(k) * (has_future ? future.commercial_share(k) : 1.0);
    for (int s = 0; s < economy.region_count(); ++s) share(s, k) = economy.clusters.price_index(s, k) > 0.0 ? mu : 0.0;
  }
  return share;
}

void anchor_cost_of_living(Economy& economy) {
  MeasurementState& m = economy.measurement;
  const Eigen::MatrixXd& price_index = economy.clusters.price_index;
  m.spending_share = final_spending_shares(economy);
  m.log_price_level = Eigen::VectorXd::Zero(economy.region_count());
  for (int s = 0; s < economy.region_count(); ++s) {
    for (int k = 0; k < economy.industry_count(); ++k) {
      if (m.spending_share(s, k) > 0.0)
        m.log_price_level(s) += m.spending_share(s, k) * std::log(price_index(s, k) / m.reference_price(k));
    }
  }
  m.linked_price_index = price_index;
  m.variety_gain = Eigen::MatrixXd::Zero(economy.region_count(), economy.industry_count());
  m.welfare_variety_gain = Eigen::VectorXd::Zero(economy.region_count());
}

void link_cost_of_living(Economy& economy, const Eigen::MatrixXd& variety_link) {
  MeasurementState& m = economy.measurement;
  const Eigen::MatrixXd& price_index = economy.clusters.price_index;
  const Eigen::MatrixXd share = final_spending_shares(economy);
  for (int s = 0; s < economy.region_count(); ++s) {
    for (int k = 0; k < economy.industry_count(); ++k) {
      // An industry that gains or loses its last reachable supplier has no price on one side: its
      // appearance or disappearance is not valued (docs/model.md, Measurement).
      if (!(price_index(s, k) > 0.0) || !(m.linked_price_index(s, k) > 0.0)) continue;
      const double weight = 0.5 * (m.spending_share(s, k) + share(s, k));
      m.log_price_level(s) += weight * std::log(price_index(s, k) / m.linked_price_index(s, k));
      m.welfare_variety_gain(s) += weight * variety_link(s, k);
    }
  }
  m.variety_gain += variety_link;
  m.spending_share = share;
  m.linked_price_index = price_index;
}

Eigen::VectorXd welfare(const Economy& economy) {
  return economy.macro.households.disposable_income.cwiseQuotient(economy.measurement.log_price_level.array().exp().matrix());
}

}  // namespace models
