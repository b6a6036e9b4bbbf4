#include "models/industrial/investment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/core/cluster_loops.hpp"
#include "models/industrial/machines.hpp"

namespace models {

double affordable_machines(double net_worth, double capital_kept, double sales_credit, double collateral_share) {
  const double headroom = net_worth + sales_credit;
  if (collateral_share >= 1.0) return headroom >= 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
  return std::max(0.0, headroom / (1.0 - collateral_share) - capital_kept);
}

MachineOrder order_machines(const InvestmentParameters& p, double machine_price, const Plant& plant) {
  MachineOrder order;
  if (!(plant.technology > 0.0) || !(machine_price > 0.0)) return order;
  const double wanted = plant.expected_output / p.desired_utilisation;
  const double price_per_capacity = machine_price / plant.technology;

  // Replacement: scrap every installed machine and buy the wanted capacity at the best technology, if
  // that pays back and the firm can pay for it once the old machines' book value is written off.
  if (plant.capacity > 0.0 && wanted > 0.0 &&
      replacement_pays(price_per_capacity, plant.unit_cost, plant.labour_share, plant.productivity, plant.technology,
                       p.payback_years)) {
    const double cost = wanted * price_per_capacity;
    if (cost <= affordable_machines(plant.net_worth - plant.capital, 0.0, plant.sales_credit, p.collateral_share)) {
      return {.capacity = wanted, .cost = cost, .replaces = true};
    }
  }
  // A pioneer, with no machines and nothing to go by (no firm of its industry has sold), buys what its
  // founders' money and credit allow.
  if (plant.capacity <= 0.0 && wanted <= 0.0) {
    const double cost = affordable_machines(plant.net_worth, plant.capital, plant.sales_credit, p.collateral_share);
    if (cost > 0.0 && std::isfinite(cost)) order = {.capacity = cost / price_per_capacity, .cost = cost, .replaces = false};
    return order;
  }
  // Expansion: once the gap exceeds the threshold, close it, as far as the money and credit go.
  if (wanted > plant.capacity * (1.0 + p.expansion_threshold)) {
    const double cost = std::min((wanted - plant.capacity) * price_per_capacity,
                                 affordable_machines(plant.net_worth, plant.capital, plant.sales_credit, p.collateral_share));
    if (cost > 0.0) order = {.capacity = cost / price_per_capacity, .cost = cost, .replaces = false};
  }
  return order;
}

namespace {

// Output and sales a firm that has not sold yet plans for: those of the mean firm of its cluster that
// sold at the last clearing, else of its industry.
struct Expectation {
  Eigen::MatrixXd output, sales;  // per cluster
};

Expectation newcomer_expectation(const Economy& economy) {
  const Firms& firms = economy.firms;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  Eigen::MatrixXd output = Eigen::MatrixXd::Zero(regions, industries), sales = output, count = output;
  Eigen::VectorXd industry_output = Eigen::VectorXd::Zero(industries), industry_sales = industry_output,
                  industry_count = industry_output;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    if (firms.sales[i] <= 0.0) continue;
    const int r = firms.region[i], k = firms.industry[i];
    output(r, k) += firms.output[i];
    sales(r, k) += firms.sales[i];
    count(r, k) += 1.0;
    industry_output(k) += firms.output[i];
    industry_sales(k) += firms.sales[i];
    industry_count(k) += 1.0;
  }
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      const bool local = count(r, k) > 0.0;
      const double n = local ? count(r, k) : industry_count(k);
      output(r, k) = n > 0.0 ? (local ? output(r, k) : industry_output(k)) / n : 0.0;
      sales(r, k) = n > 0.0 ? (local ? sales(r, k) : industry_sales(k)) / n : 0.0;
    }
  }
  return {output, sales};
}

}  // namespace

void investment_process(Economy& economy, const sim::TickContext&) {
  Firms& firms = economy.firms;
  Clusters& clusters = economy.clusters;
  const InvestmentParameters& p = economy.parameters.investment;
  const double dt = economy.parameters.years_per_tick;
  const int regions = economy.region_count();
  clusters.investment.setZero();
  Eigen::VectorXd regional = Eigen::VectorXd::Zero(regions);
  const std::size_t slot = static_cast<std::size_t>(std::max(0, economy.tick)) % investment_window_ticks;
  if (!p.enabled || !economy.machines.installed) {
    std::fill(firms.investment.begin(), firms.investment.end(), 0.0);
    std::fill(firms.depreciation.begin(), firms.depreciation.end(), 0.0);
    for (InvestmentWindow& window : firms.recent_investment) window[slot] = 0.0;
  } else {
    // Every firm is a member of its cluster: the loop sets this tick's investment, depreciation and
    // window slot of each, so they need no zeroing first (a pass over the firms spared).
    const double price = machine_price(economy);
    const Expectation newcomer = newcomer_expectation(economy);
    const Eigen::VectorXd& sigma = economy.industries.elasticity;
    const Eigen::VectorXd& alpha = economy.chain.input_share;
    const double wear = std::min(1.0, p.depreciation_rate * dt);
    // Each region's firms, clusters and sum on one thread (models/core/cluster_loops.hpp).
    for_each_cluster_member(economy, [&](int r, int k, std::size_t i) {
      const double worn = wear * firms.capital[i];
      firms.capacity[i] *= 1.0 - wear;
      firms.capital[i] -= worn;
      const bool sold = firms.sales[i] > 0.0;
      const Plant plant{
          .capacity = firms.capacity[i],
          .productivity = firms.productivity[i],
          .technology = firms.technology[i],
          .capital = firms.capital[i],
          .net_worth = firms.net_worth[i] - worn,
          .expected_output = firms.demand[i] > 0.0 ? firms.demand[i] : newcomer.output(r, k),
          .unit_cost = firms.price[i] * (sigma(k) - 1.0) / sigma(k),
          .labour_share = alpha.size() == economy.industry_count() ? 1.0 - alpha(k) : 1.0,
          .sales_credit = economy.levers.credit_multiple(r) * (sold ? firms.sales[i] : newcomer.sales(r, k)) * dt};
      const MachineOrder order = order_machines(p, price, plant);
      double scrapped = 0.0;
      if (order.replaces) {
        scrapped = firms.capital[i];
        firms.capital[i] = 0.0;
        firms.capacity[i] = 0.0;
      }
      firms.productivity[i] =
          installed_productivity(firms.capacity[i], firms.productivity[i], order.capacity, firms.technology[i]);
      firms.capacity[i] += order.capacity;
      firms.capital[i] += order.cost;
      firms.investment[i] = order.cost / dt;
      firms.recent_investment[i][slot] = order.cost;
      firms.depreciation[i] = (worn + scrapped) / dt;
      clusters.investment(r, k) += firms.investment[i];
      regional(r) += firms.investment[i];
    });
  }
  // Machines are bought from the modelled industries and the background sector like any final spending.
  MacroState& macro = economy.macro;
  if (macro.firms.investment.size() == regions) macro.firms.investment = regional;
  economy.regions.income += regional;
}

}  // namespace models
