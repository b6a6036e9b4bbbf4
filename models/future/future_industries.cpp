#include "models/future/future_industries.hpp"

#include <cmath>
#include <limits>

#include "models/core/output_helpers.hpp"
#include "models/policy/wasted_subsidies.hpp"

namespace models {

double learning_cost(double initial_cost_multiple, double cumulative_output, double initial_experience, double exponent) {
  if (initial_experience <= 0.0 || cumulative_output <= 0.0) return initial_cost_multiple;
  return std::max(1.0, initial_cost_multiple * std::pow(cumulative_output / initial_experience, -exponent));
}

double regional_learning_cost(double initial_cost_multiple, double local_output, double local_experience,
                              double national_output, double national_experience, double exponent,
                              double national_share) {
  if (national_experience <= 0.0 || national_output <= 0.0) return initial_cost_multiple;
  const double local_ratio = local_experience > 0.0 && local_output > 0.0 ? local_output / local_experience : 1.0;
  // Two factors rather than one power of a geometric mean: at s = 1 the local factor is pow(x, -0.0) = 1
  // and the national one pow(X / X0, -b) exactly, so the national curve comes out bit for bit.
  const double national_factor = std::pow(national_output / national_experience, -exponent * national_share);
  const double local_factor = std::pow(local_ratio, -exponent * (1.0 - national_share));
  return std::max(1.0, initial_cost_multiple * national_factor * local_factor);
}

double mean_unit_cost(const Eigen::VectorXd& regional_costs, const Eigen::VectorXd& weights, double reference) {
  const double total = weights.sum();
  if (total <= 0.0) return reference;
  return reference + weights.dot((regional_costs.array() - reference).matrix()) / total;
}

double commercial_demand_share(double cost_multiple, double willingness_to_pay, double width) {
  return 1.0 / (1.0 + std::exp((std::log(cost_multiple) - std::log(willingness_to_pay)) / width));
}

Eigen::VectorXd adoptable_technology(const Economy& economy) {
  const int industries = economy.industry_count();
  const Industries& ind = economy.industries;
  const Eigen::MatrixXd& proximity = economy.knowledge.proximity;
  Eigen::VectorXd available = Eigen::VectorXd::Zero(industries);
  if (proximity.rows() != industries) return available;
  for (int k = 0; k < industries; ++k) {
    double weighted = 0.0, weights = 0.0;
    for (int j = 0; j < industries; ++j) {
      const auto jj = static_cast<std::size_t>(j);
      if (j == k || (ind.kinds[jj] != IndustryKind::future && !ind.digital[jj])) continue;
      weighted += proximity(k, j) / economy.future.unit_cost(j);
      weights += proximity(k, j);
    }
    available(k) = weights > 0.0 ? weighted / weights : 0.0;
  }
  return available;
}

Eigen::MatrixXd pilot_budget_at(const std::vector<Pilot>& pilots, int tick, int regions, int industries) {
  Eigen::MatrixXd budget = Eigen::MatrixXd::Zero(regions, industries);
  for (const Pilot& pilot : pilots) {
    if (tick < pilot.from_tick || tick >= pilot.until_tick) continue;
    for (int r : pilot.regions) budget(r, pilot.industry) += pilot.budget;
  }
  return budget;
}

namespace {

bool is_future(const Economy& economy, int k) {
  return economy.industries.kinds[static_cast<std::size_t>(k)] == IndustryKind::future;
}

// Weights of the national mean cost of industry k: last tick's physical output of each cluster, the cost
// of what was actually sold; before anything is sold, every region alike (X0_rk).
Eigen::VectorXd mean_cost_weights(const Economy& economy, int k) {
  const Eigen::MatrixXd& output = economy.clusters.physical_output;
  if (output.cols() == economy.industry_count() && output.col(k).sum() > 0.0) return output.col(k);
  return economy.future.local_initial_experience.col(k);
}

// Each cluster's cost from its own and the nation's experience. Households' commercial demand is one
// national share (the market divides a region's spending on k among all regions' firms by their prices,
// which carry the regional costs): it follows the output-weighted national mean cost, so a region's
// buyers switch on as the cost of the supply the nation sells falls, not that of their own cluster alone.
void update_costs_and_demand(Economy& economy) {
  const FutureParameters& p = economy.parameters.future;
  FutureState& f = economy.future;
  for (int k = 0; k < economy.industry_count(); ++k) {
    if (!is_future(economy, k)) continue;
    for (int r = 0; r < economy.region_count(); ++r) {
      f.regional_unit_cost(r, k) = regional_learning_cost(
          p.initial_cost_multiple, f.local_cumulative_output(r, k), f.local_initial_experience(r, k),
          f.cumulative_output(k), f.initial_experience(k), p.learning_exponent, p.national_learning_share);
    }
    const double national_curve = learning_cost(p.initial_cost_multiple, f.cumulative_output(k),
                                                f.initial_experience(k), p.learning_exponent);
    f.unit_cost(k) = mean_unit_cost(f.regional_unit_cost.col(k), mean_cost_weights(economy, k), national_curve);
    f.commercial_share(k) = commercial_demand_share(f.unit_cost(k), p.willingness_to_pay, p.demand_switch_width);
  }
}

}  // namespace

void initialise_future_industries(Economy& economy) {
  const FutureParameters& p = economy.parameters.future;
  FutureState& f = economy.future;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  f.unit_cost = Eigen::VectorXd::Ones(industries);
  f.regional_unit_cost = Eigen::MatrixXd::Ones(regions, industries);
  f.commercial_share = Eigen::VectorXd::Ones(industries);
  f.cumulative_output = Eigen::VectorXd::Zero(industries);
  f.initial_experience = Eigen::VectorXd::Zero(industries);
  f.local_cumulative_output = Eigen::MatrixXd::Zero(regions, industries);
  f.local_initial_experience = Eigen::MatrixXd::Zero(regions, industries);
  for (int k = 0; k < industries; ++k) {
    if (!is_future(economy, k)) continue;
    f.unit_cost(k) = p.initial_cost_multiple;
    f.regional_unit_cost.col(k).setConstant(p.initial_cost_multiple);
    f.commercial_share(k) = commercial_demand_share(f.unit_cost(k), p.willingness_to_pay, p.demand_switch_width);
  }
  f.pilot_budget = pilot_budget_at(f.pilots, 0, regions, industries);
  f.pilot_purchases = Eigen::MatrixXd::Zero(regions, industries);
  f.adoption_subsidies = Eigen::MatrixXd::Zero(regions, industries);
}

void set_initial_experience(Economy& economy) {
  // Experience is measured against the industry's potential: what households would buy at a mature
  // technology's price (markup over the mean talent wage, initial productivity averaging 1), not what an
  // immature industry happens to sell, which may be almost nothing.
  // Each region holds an equal share of it, X0_rk = X0_k / R: defined for every region, firms or not,
  // with X_rk / X0_rk = 1 and so c_rk = c0 everywhere at the start. Equal rather than by size so that a
  // unit of output teaches every region alike: learning depends on a cluster's absolute experience, and
  // a small region whose first firm wins national sales does not race down the curve from a tiny base.
  FutureState& f = economy.future;
  const double income = economy.regions.income.sum();
  const double mean_wage = economy.talent.wage.mean();
  const double years = economy.parameters.future.initial_experience_years;
  for (int k = 0; k < economy.industry_count(); ++k) {
    if (!is_future(economy, k)) continue;
    const double sigma = economy.industries.elasticity(k);
    const double mature_price = sigma / (sigma - 1.0) * mean_wage;
    const double potential_output = economy.industries.expenditure_share(k) * income / mature_price;
    f.initial_experience(k) = years * potential_output;
    f.cumulative_output(k) = f.initial_experience(k);
    f.local_initial_experience.col(k).setConstant(f.initial_experience(k) / economy.region_count());
    f.local_cumulative_output.col(k) = f.local_initial_experience.col(k);
  }
}

void future_industries_process(Economy& economy, const sim::TickContext&) {
  FutureState& f = economy.future;
  const FutureParameters& p = economy.parameters.future;
  // The clusters still hold last tick's output, that of the firms which exited since included; the
  // initial clearing's output (tick 0 opens after it) is within the experience X0. A burn-in stands for
  // the years before the data's, when future industries were no more mature than the data say.
  if (economy.tick > 0 && !p.learning_held) {
    const double dt = economy.parameters.years_per_tick;
    const Eigen::VectorXd output = economy.clusters.physical_output.colwise().sum().transpose() * dt;
    for (int k = 0; k < economy.industry_count(); ++k) {
      if (!is_future(economy, k)) continue;
      f.cumulative_output(k) += output(k);
      f.local_cumulative_output.col(k) += economy.clusters.physical_output.col(k) * dt;
    }
  }
  update_costs_and_demand(economy);

  // Key industries adopt what future and digital industries offer, as far as their region pays for it.
  const Eigen::VectorXd technology = adoptable_technology(economy);
  Firms& firms = economy.firms;
  const double dt = economy.parameters.years_per_tick;
  f.adoption_subsidies.setZero();
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const int r = firms.region[i];
    const int k = firms.industry[i];
    if (economy.industries.kinds[static_cast<std::size_t>(k)] != IndustryKind::key) continue;
    const double subsidy_share = economy.levers.adoption_subsidy(r);
    if (subsidy_share <= 0.0) continue;
    const double growth = p.adoption_efficiency * subsidy_share * technology(k);
    // Adoption changes how the firm works, not its machines: installed and best technology gain alike.
    firms.productivity[i] *= 1.0 + growth * dt;
    firms.technology[i] *= 1.0 + growth * dt;
    const double subsidy = subsidy_share * firms.sales[i];
    f.adoption_subsidies(r, k) += subsidy;
    firms.net_worth[i] += subsidy * dt;  // the government pays it to the firm
    record_subsidy(economy, i, subsidy);
  }
}

void declare_future_outputs(const Economy& economy, sim::output::Registry& registry) {
  const FutureState& f = economy.future;
  using sim::output::Storage;
  registry.add({.name = "future_unit_cost", .axes = {"industry"}, .units = "1", .long_name = "Relative unit cost",
                .description = "unit cost over that of a mature technology, national mean of the regional costs "
                               "weighted by last tick's output (1 for mature industries)",
                .sample = [&f](std::span<double> out) { copy_vector(f.unit_cost, out); }});
  registry.add({.name = "future_maturity", .axes = {"industry"}, .units = "1", .long_name = "Maturity",
                .description = "maturity: 1 / future_unit_cost (1 mature)",
                .sample = [&f](std::span<double> out) {
                  for (Eigen::Index k = 0; k < f.unit_cost.size(); ++k) out[static_cast<std::size_t>(k)] = 1.0 / f.unit_cost(k);
                }});
  registry.add({.name = "cumulative_output", .axes = {"industry"}, .units_note = "output unit",
                .long_name = "Cumulative output",
                .description = "cumulative physical output of a future industry since its start, experience "
                               "included (0 for others)",
                .sample = [&f](std::span<double> out) { copy_vector(f.cumulative_output, out); }});
  registry.add({.name = "commercial_demand_share", .axes = {"industry"}, .units = "1",
                .long_name = "Commercial demand share",
                .description = "share of potential final demand that buys at the current cost (1 for mature "
                               "industries)",
                .sample = [&f](std::span<double> out) { copy_vector(f.commercial_share, out); }});
  add_cluster_output(registry, f.regional_unit_cost,
                     {.name = "regional_future_unit_cost", .units = "1", .long_name = "Relative unit cost, cluster",
                      .description = "unit cost of the cluster's firms over that of a mature technology, from "
                                     "Wright's law in local and national experience (1 for mature industries)"});
  add_cluster_output(registry, f.pilot_budget,
                     {.name = "pilot_budget", .units_note = "1e8 CNY/year", .long_name = "Pilot budget",
                      .description = "application-scenario pilot budget in force, annual rate"});
  add_cluster_output(registry, f.pilot_purchases,
                     {.name = "pilot_purchases", .units_note = "1e8 CNY/year", .long_name = "Pilot purchases",
                      .description = "pilot purchases from the cluster's firms (0 without local firms), annual rate"});
  add_cluster_output(registry, f.adoption_subsidies,
                     {.name = "adoption_subsidies", .units_note = "1e8 CNY/year", .long_name = "Adoption subsidies",
                      .description = "adoption subsidy paid to the key-industry cluster's firms, annual rate"});
}

}  // namespace models
