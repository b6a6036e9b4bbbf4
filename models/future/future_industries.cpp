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

void update_costs_and_demand(Economy& economy) {
  const FutureParameters& p = economy.parameters.future;
  FutureState& f = economy.future;
  for (int k = 0; k < economy.industry_count(); ++k) {
    if (!is_future(economy, k)) continue;
    f.unit_cost(k) = learning_cost(p.initial_cost_multiple, f.cumulative_output(k), f.initial_experience(k),
                                   p.learning_exponent);
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
  f.commercial_share = Eigen::VectorXd::Ones(industries);
  f.cumulative_output = Eigen::VectorXd::Zero(industries);
  f.initial_experience = Eigen::VectorXd::Zero(industries);
  for (int k = 0; k < industries; ++k) {
    if (!is_future(economy, k)) continue;
    f.unit_cost(k) = p.initial_cost_multiple;
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
  FutureState& f = economy.future;
  const double income = economy.regions.income.sum();
  const double mean_wage = economy.talent.wage.mean();
  for (int k = 0; k < economy.industry_count(); ++k) {
    if (!is_future(economy, k)) continue;
    const double sigma = economy.industries.elasticity(k);
    const double mature_price = sigma / (sigma - 1.0) * mean_wage;
    const double potential_output = economy.industries.expenditure_share(k) * income / mature_price;
    f.initial_experience(k) = economy.parameters.future.initial_experience_years * potential_output;
    f.cumulative_output(k) = f.initial_experience(k);
  }
}

void future_industries_process(Economy& economy, const sim::TickContext&) {
  FutureState& f = economy.future;
  const FutureParameters& p = economy.parameters.future;
  // The clusters still hold last tick's output, that of the firms which exited since included; the
  // initial clearing's output (tick 0 opens after it) is within the experience X0.
  if (economy.tick > 0) {
    const Eigen::VectorXd output =
        economy.clusters.physical_output.colwise().sum().transpose() * economy.parameters.years_per_tick;
    for (int k = 0; k < economy.industry_count(); ++k) {
      if (is_future(economy, k)) f.cumulative_output(k) += output(k);
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
  registry.add({"future_unit_cost", {"industry"}, "1",
                "unit cost over that of a mature technology, from Wright's law (1 for mature industries)", true,
                Storage::float64, [&f](std::span<double> out) { copy_vector(f.unit_cost, out); }});
  registry.add({"future_maturity", {"industry"}, "1", "maturity: 1 / future_unit_cost (1 mature)", true,
                Storage::float64, [&f](std::span<double> out) {
                  for (Eigen::Index k = 0; k < f.unit_cost.size(); ++k) out[static_cast<std::size_t>(k)] = 1.0 / f.unit_cost(k);
                }});
  registry.add({"cumulative_output", {"industry"}, "output unit",
                "cumulative physical output of a future industry since its start, experience included (0 for others)",
                true, Storage::float64, [&f](std::span<double> out) { copy_vector(f.cumulative_output, out); }});
  registry.add({"commercial_demand_share", {"industry"}, "1",
                "share of potential final demand that buys at the current cost (1 for mature industries)", true,
                Storage::float64, [&f](std::span<double> out) { copy_vector(f.commercial_share, out); }});
  add_cluster_output(registry, f.pilot_budget, "pilot_budget", "1e8 CNY/year",
                     "application-scenario pilot budget in force, annual rate");
  add_cluster_output(registry, f.pilot_purchases, "pilot_purchases", "1e8 CNY/year",
                     "pilot purchases from the cluster's firms (0 without local firms), annual rate");
  add_cluster_output(registry, f.adoption_subsidies, "adoption_subsidies", "1e8 CNY/year",
                     "adoption subsidy paid to the key-industry cluster's firms, annual rate");
}

}  // namespace models
