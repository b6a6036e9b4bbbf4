#include "models/market.hpp"

#include <cmath>

namespace models {

namespace {

// Firm prices are a constant markup over unit labour cost (talent is the only variable input until
// the industrial chain adds intermediate inputs).
void set_prices(Economy& economy) {
  Firms& firms = economy.firms;
  const Eigen::VectorXd& sigma = economy.industries.elasticity;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const double markup = sigma(firms.industry[i]) / (sigma(firms.industry[i]) - 1.0);
    firms.price[i] = markup * economy.regions.talent_wage(firms.region[i]) / firms.productivity[i];
  }
}

}  // namespace

void clear_market(Economy& economy) {
  set_prices(economy);
  Firms& firms = economy.firms;
  Clusters& clusters = economy.clusters;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const Eigen::VectorXd& sigma = economy.industries.elasticity;

  // Supply side of each cluster: sum over its firms of p^(1 - sigma).
  Eigen::MatrixXd supply = Eigen::MatrixXd::Zero(regions, industries);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    supply(firms.region[i], firms.industry[i]) += std::pow(firms.price[i], 1.0 - sigma(firms.industry[i]));
  }

  // One matrix product per industry: P_ks^(1-sigma) = sum_r phi_rs supply_rk, then market access
  // M_rk = sum_s phi_rs E_ks / P_ks^(1-sigma). Cost O(R^2 K), independent of the number of firms.
  for (int k = 0; k < industries; ++k) {
    const Eigen::MatrixXd& phi = economy.trade_freeness[k];
    const Eigen::VectorXd index_power = phi.transpose() * supply.col(k);  // P^(1-sigma), per region s
    const Eigen::VectorXd expenditure = economy.industries.expenditure_share(k) * economy.regions.income;
    Eigen::VectorXd demand_per_index = Eigen::VectorXd::Zero(regions);
    for (int s = 0; s < regions; ++s) {
      if (index_power(s) > 0.0) demand_per_index(s) = expenditure(s) / index_power(s);
      // With no supplier reachable the price index is unbounded: report 0 rather than infinity.
      clusters.price_index(s, k) = index_power(s) > 0.0 ? std::pow(index_power(s), 1.0 / (1.0 - sigma(k))) : 0.0;
    }
    clusters.market_access.col(k) = phi * demand_per_index;
  }

  // Firm demand q = p^-sigma * M_rk; sales S = p q. Output is valued at tick-0 prices by deflating
  // with the industry's national price index.
  clusters.sales.setZero();
  clusters.output.setZero();
  clusters.employment.setZero();
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const int r = firms.region[i];
    const int k = firms.industry[i];
    firms.sales[i] = std::pow(firms.price[i], 1.0 - sigma(k)) * clusters.market_access(r, k);
    firms.output[i] = firms.sales[i] / firms.price[i];
    const double production_workers = firms.output[i] / firms.productivity[i];
    const double researchers = firms.rd_spending[i] / economy.regions.talent_wage(r);
    firms.employment[i] = production_workers + researchers;
    clusters.sales(r, k) += firms.sales[i];
    clusters.employment(r, k) += firms.employment[i];
  }

  // National price index per industry: expenditure-weighted mean over regions (weights mu_k Y_s).
  const Eigen::VectorXd income_share = economy.regions.income / economy.regions.income.sum();
  economy.national_price_index = clusters.price_index.transpose() * income_share;
  for (int k = 0; k < industries; ++k) {
    const double deflator =
        economy.initial_price_index.size() > 0 && economy.initial_price_index(k) > 0.0
            ? economy.national_price_index(k) / economy.initial_price_index(k)
            : 1.0;
    // An industry that has lost every firm has no price index; its output is 0, not 0/0.
    if (deflator > 0.0) {
      clusters.output.col(k) = clusters.sales.col(k) / deflator;
    } else {
      clusters.output.col(k).setZero();
    }
  }

  // Value added equals sales while there are no intermediate inputs; GDP adds the income earned
  // outside the modelled industries.
  economy.regions.gdp = economy.regions.background_income + clusters.sales.rowwise().sum();
  economy.regions.real_gdp = economy.regions.background_income + clusters.output.rowwise().sum();
}

void market_process(Economy& economy, const sim::TickContext&) { clear_market(economy); }

}  // namespace models
