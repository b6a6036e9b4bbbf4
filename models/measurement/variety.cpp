#include "models/measurement/variety.hpp"

#include <cmath>

#include "models/industrial/trade_products.hpp"

namespace models {

namespace {

// sum_r phi_rs supply_rk for every buyer region s: what buyers in s would spend on the supply's firms of k,
// relative to spending E / P^(1 - sigma).
Eigen::MatrixXd to_buyers(const Economy& economy, const Eigen::MatrixXd& supply) {
  return freeness_to_destinations(economy, supply);
}

// sum over the firms of each cluster of p_i^(1 - sigma), all of them and those not new, in one pass.
struct Supply {
  Eigen::MatrixXd all, common;
};
template <class IsNew>
Supply cluster_supply(const Economy& economy, IsNew is_new) {
  const Firms& firms = economy.firms;
  Supply supply{Eigen::MatrixXd::Zero(economy.region_count(), economy.industry_count()),
                Eigen::MatrixXd::Zero(economy.region_count(), economy.industry_count())};
  for (std::size_t i = 0; i < firms.size(); ++i) {
    supply.all(firms.region[i], firms.industry[i]) += firms.price_power[i];
    if (!is_new(i)) supply.common(firms.region[i], firms.industry[i]) += firms.price_power[i];
  }
  return supply;
}

Eigen::MatrixXd buyers_index_power(const Economy& economy) {
  return to_buyers(economy, cluster_supply(economy, [](std::size_t) { return false; }).all);
}

Eigen::MatrixXd share_of(const Eigen::MatrixXd& part, const Eigen::MatrixXd& whole) {
  Eigen::MatrixXd share = Eigen::MatrixXd::Zero(part.rows(), part.cols());
  for (Eigen::Index k = 0; k < part.cols(); ++k) {
    for (Eigen::Index s = 0; s < part.rows(); ++s) {
      if (whole(s, k) > 0.0) share(s, k) = part(s, k) / whole(s, k);
    }
  }
  return share;
}

}  // namespace

void record_surviving_share(Economy& economy) {
  // Every living firm with a price power was in the last clearing: exits are gone, entrants have none.
  const Eigen::MatrixXd surviving = buyers_index_power(economy);
  economy.measurement.surviving_share = share_of(surviving, economy.measurement.cleared_index_power);
}

void record_clearing(Economy& economy) {
  economy.measurement.cleared_index_power = buyers_index_power(economy);
}

Eigen::MatrixXd link_variety(Economy& economy) {
  const Firms& firms = economy.firms;
  const int tick = economy.tick;
  const auto is_new = [&firms, tick](std::size_t i) { return firms.birth_tick[i] >= 0 && firms.birth_tick[i] >= tick - 1; };
  const Supply supply = cluster_supply(economy, is_new);
  economy.measurement.cleared_index_power = to_buyers(economy, supply.all);
  const Eigen::MatrixXd common = to_buyers(economy, supply.common);
  const Eigen::MatrixXd common_share = share_of(common, economy.measurement.cleared_index_power);
  const Eigen::MatrixXd& surviving_share = economy.measurement.surviving_share;
  Eigen::MatrixXd link = Eigen::MatrixXd::Zero(common.rows(), common.cols());
  for (Eigen::Index k = 0; k < link.cols(); ++k) {
    const double sigma = economy.industries.elasticity(k);
    for (Eigen::Index s = 0; s < link.rows(); ++s) {
      if (common_share(s, k) > 0.0 && surviving_share(s, k) > 0.0)
        link(s, k) = std::log(surviving_share(s, k) / common_share(s, k)) / (sigma - 1.0);
    }
  }
  return link;
}

}  // namespace models
