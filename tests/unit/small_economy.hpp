#pragma once
// Hand-built economies for tests of single mechanisms: every number is chosen so that the expected
// result can be worked out on paper.
#include <fmt/core.h>

#include <vector>

#include "models/capital/capital_chain.hpp"
#include "models/core/economy.hpp"
#include "models/industrial/entry.hpp"
#include "models/industrial/exit.hpp"
#include "models/industrial/geography.hpp"
#include "models/policy/policy_schedule.hpp"
#include "models/policy/priority_assignment.hpp"
#include "models/policy/staggered_development.hpp"

namespace testing_support {

// Mode none: every emerging and future industry is a priority of every region (call again after
// changing industry kinds).
inline void set_priorities(models::Economy& e) {
  e.staggered.priority =
      models::every_plannable(e.region_count(), models::plannable_industries(e.industries)).cast<double>();
  e.staggered.subsidies = Eigen::MatrixXd::Zero(e.region_count(), e.industry_count());
  e.staggered.wasted_subsidies = Eigen::MatrixXd::Zero(e.region_count(), e.industry_count());
}

inline void index_firms(models::Economy& e) { e.cluster_index.rebuild(e.firms, e.region_count(), e.industry_count()); }

// `regions` regions on the equator, `spacing_km` apart in a row, one industry per entry of
// `elasticities`; wages 1 everywhere (in model money units per person-year), income `income`.
inline models::Economy small_economy(const std::vector<double>& income, double spacing_km,
                                     const std::vector<double>& elasticities = {2.0}, double transport_cost = 1.0) {
  models::Economy e;
  const int regions = static_cast<int>(income.size());
  const int industries = static_cast<int>(elasticities.size());
  e.parameters.years_per_tick = 0.25;
  e.levers = models::default_levers(regions);
  e.levers.openness.setConstant(0.5);
  e.levers.transport_cost.setConstant(transport_cost);
  e.parameters.staggered = {.plan_period_ticks = 20, .waste_window_ticks = 8};
  e.parameters.knowledge = {.distance_decay_km = 250.0, .cutoff_km = 750.0};
  e.parameters.firms = {.initial_count = 0, .initial_productivity_dispersion = 0.3, .fixed_cost = 0.5,
                        .initial_net_worth_to_sales = 1.0, .relative_share_floor = 0.01, .low_share_ticks_to_exit = 4};
  e.parameters.chain = {};  // no intermediate inputs, no co-location benefit: the market of docs §7.2 alone
  e.parameters.innovation = {.rd_share_of_sales = 0.04, .innovation_share = 0.5, .innovation_rate = 0.008,
                             .imitation_rate = 0.004, .step_min = -0.05, .step_max = 0.05, .step_beta_a = 3.0,
                             .step_beta_b = 3.0};
  e.regions.names.clear();
  for (int r = 0; r < regions; ++r) e.regions.names.push_back(fmt::format("R{}", r));
  e.regions.population = Eigen::VectorXd::Ones(regions);
  e.regions.amenity = Eigen::VectorXd::Ones(regions);
  e.regions.distance_km.resize(regions, regions);
  for (int r = 0; r < regions; ++r)
    for (int s = 0; s < regions; ++s) e.regions.distance_km(r, s) = spacing_km * std::abs(r - s);
  // A consistent talent state: 1000 persons per region, nothing moved yet.
  e.talent.wage = Eigen::VectorXd::Ones(regions);
  e.talent.initial_wage = e.talent.wage;
  e.macro.background.wage = Eigen::VectorXd::Constant(regions, 0.5);  // the talent's outside option
  e.talent.stock = Eigen::VectorXd::Constant(regions, 1000.0);
  e.talent.previous_stock = e.talent.stock;
  e.talent.employed = Eigen::VectorXd::Zero(regions);
  for (Eigen::VectorXd* counts : {&e.talent.trained, &e.talent.retired, &e.talent.immigrants, &e.talent.emigrants}) {
    *counts = Eigen::VectorXd::Zero(regions);
  }
  e.talent.flows = Eigen::MatrixXd::Zero(regions, regions);
  e.talent.initial_talent_per_resident = e.talent.stock.sum() / (e.regions.population.sum() * 1e4);
  // No areas: densities are populations; no housing or price differences yet, so real wages are wages.
  e.talent.initial_population = e.regions.population;
  e.talent.net_migration = Eigen::VectorXd::Zero(regions);
  e.talent.reference_density = e.regions.population.mean();
  e.talent.housing_cost = Eigen::VectorXd::Ones(regions);
  e.talent.cost_of_living = Eigen::VectorXd::Ones(regions);
  e.talent.real_wage = e.talent.wage;
  e.regions.income = Eigen::Map<const Eigen::VectorXd>(income.data(), regions);
  e.regions.gdp = e.regions.income;
  for (int k = 0; k < industries; ++k) e.industries.names.push_back(fmt::format("K{}", k));
  e.industries.kinds.assign(industries, models::IndustryKind::emerging);
  e.industries.digital.assign(industries, false);
  e.industries.inputs.assign(industries, {});
  e.industries.elasticity = Eigen::Map<const Eigen::VectorXd>(elasticities.data(), industries);
  e.industries.expenditure_share = Eigen::VectorXd::Constant(industries, 0.5 / industries);
  models::update_geography(e);
  e.clusters.resize(regions, industries);
  set_priorities(e);
  index_firms(e);  // no firms yet: every cluster empty
  models::initialise_capital(e);
  return e;
}

}  // namespace testing_support
