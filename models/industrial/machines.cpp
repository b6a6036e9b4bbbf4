#include "models/industrial/machines.hpp"

#include <cmath>

#include "models/core/output_helpers.hpp"
#include "models/macro/spending.hpp"

namespace models {

double machine_price(const Economy& economy) { return economy.machines.initial_price * reference_growth(economy); }

double installed_productivity(double kept_capacity, double productivity, double added_capacity, double technology) {
  const double machines = (kept_capacity > 0.0 ? kept_capacity / productivity : 0.0) +
                          (added_capacity > 0.0 ? added_capacity / technology : 0.0);
  if (machines <= 0.0) return technology;
  return (std::max(0.0, kept_capacity) + std::max(0.0, added_capacity)) / machines;
}

bool replacement_pays(double price_per_capacity, double unit_cost, double labour_share, double productivity,
                      double technology, double payback_years) {
  if (!(technology > productivity) || unit_cost <= 0.0) return false;
  // Unit cost is Cobb-Douglas in labour (w / a)^(1 - alpha) times the inputs' price index.
  const double saving = unit_cost * (1.0 - std::pow(productivity / technology, labour_share));
  return price_per_capacity <= payback_years * saving;
}

double initial_cycle_position(std::uint64_t firm_id) {
  constexpr double golden = 0.6180339887498949;  // the golden ratio's fractional part spreads points most evenly
  const double x = static_cast<double>(firm_id) * golden;
  return x - std::floor(x);
}

void install_initial_machines(Economy& economy) {
  Firms& firms = economy.firms;
  const InvestmentParameters& p = economy.parameters.investment;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    firms.technology[i] = firms.productivity[i];
    firms.demand[i] = firms.output[i];
  }
  if (!p.enabled) return;
  double machines = 0.0, sales = 0.0;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    // A firm orders when its capacity falls below 1 / (1 + s) of what it wants, and then closes the gap:
    // between orders its capacity lies in that band.
    const double wanted = firms.output[i] / p.desired_utilisation;
    firms.capacity[i] = wanted * std::pow(1.0 + p.expansion_threshold, -initial_cycle_position(firms.id[i]));
    machines += firms.capacity[i] / firms.productivity[i];
    sales += firms.sales[i];
  }
  economy.machines.initial_price = machines > 0.0 ? p.capital_to_sales * sales / machines : 0.0;
  economy.machines.initial_replacement = Eigen::VectorXd::Zero(economy.region_count());
  for (std::size_t i = 0; i < firms.size(); ++i) {
    firms.capital[i] = economy.machines.initial_price * firms.capacity[i] / firms.productivity[i];
    firms.net_worth[i] += firms.capital[i];  // the owners' machines, on top of their money
    economy.machines.initial_replacement(firms.region[i]) += p.depreciation_rate * firms.capital[i];
  }
  economy.machines.installed = true;
}

}  // namespace models

namespace models {

void declare_machine_outputs(const Economy& economy, sim::output::Registry& registry) {
  using sim::output::Storage;
  const Clusters& c = economy.clusters;
  add_cluster_output(registry, c.capital,
                     {.name = "capital", .units_note = "1e8 CNY", .long_name = "Capital (machines)",
                      .description = "book value of the cluster's machines (cost less depreciation) at the end of "
                                     "the tick"});
  add_cluster_output(registry, c.investment,
                     {.name = "investment", .units_note = "1e8 CNY/year", .long_name = "Investment",
                      .description = "machines bought by the cluster's firms, annual rate"});
  registry.add({.name = "capacity_utilisation", .axes = {"region", "industry"}, .units = "1",
                .long_name = "Capacity utilisation",
                .description = "output of the cluster over what its machines could make, at the clearing (0 "
                               "without machines)",
                .sample = [&c](std::span<double> out) {
                  for (Eigen::Index r = 0; r < c.capacity.rows(); ++r) {
                    for (Eigen::Index k = 0; k < c.capacity.cols(); ++k) {
                      out[static_cast<std::size_t>(r * c.capacity.cols() + k)] =
                          c.capacity(r, k) > 0.0 ? c.physical_output(r, k) / c.capacity(r, k) : 0.0;
                    }
                  }
                }});
  add_cluster_output(registry, c.unserved,
                     {.name = "unserved_demand", .units_note = "1e8 CNY/year", .long_name = "Unserved demand",
                      .description = "orders for the cluster's output that its full machines could not serve "
                                     "(bought from the background sector instead), annual rate"});
  registry.add({.name = "machine_price", .units_note = "1e8 CNY/machine", .long_name = "Machine price",
                .description = "price of a machine; a machine of technology A makes up to A output units a year",
                .sample = [&economy](std::span<double> out) { out[0] = machine_price(economy); }});
}

}  // namespace models
