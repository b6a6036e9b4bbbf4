#include "models/staggered_planner.hpp"

#include <cmath>

#include "models/output_helpers.hpp"
#include "models/priority_planner.hpp"
#include "models/schema_helpers.hpp"
#include "models/structure_indices.hpp"

namespace models {

void declare_planner_keys(sim::config::Schema& schema) {
  add_real(schema, "planner.plan_period_years", 5.0, "year", {0, 1000, true},
           "The planner revises every region's priority industries this often (a five-year plan), at the end of "
           "the tick that completes the period; rounded to whole ticks, at least one.");
  add_integer(schema, "planner.waste_window_ticks", 8, "tick", {1, max_waste_window_ticks},
              "Subsidies a firm received within this many ticks before it exits count as wasted duplicated "
              "investment (wasted_subsidies).");
}

StaggeredParameters read_planner_parameters(const sim::config::Config& config) {
  StaggeredParameters p;
  const double months = config.real("planner.plan_period_years") * 12.0;
  p.plan_period_ticks =
      std::max(1, static_cast<int>(std::lround(months / static_cast<double>(config.integer("simulation.months_per_tick")))));
  p.waste_window_ticks = static_cast<int>(config.integer("planner.waste_window_ticks"));
  return p;
}

std::vector<bool> plannable_industries(const Industries& industries) {
  std::vector<bool> plannable;
  for (IndustryKind kind : industries.kinds) plannable.push_back(kind != IndustryKind::key);
  return plannable;
}

Eigen::MatrixXd plan_priorities(const Levers& levers, const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable) {
  switch (levers.planner_mode) {
    case PlannerMode::none:
      return every_plannable(static_cast<int>(advantage.rows()), plannable).cast<double>();
    case PlannerMode::comparative:
      return comparative_priorities(advantage, plannable, levers.priorities_per_region).cast<double>();
    case PlannerMode::coordinated:
      return coordinated_priorities(advantage, plannable, levers.priorities_per_region, levers.regions_per_industry)
          .cast<double>();
  }
  return Eigen::MatrixXd::Zero(advantage.rows(), advantage.cols());
}

namespace {

Eigen::MatrixXd make_plan(Economy& economy) {
  StaggeredState& s = economy.staggered;
  s.advantage = location_quotients(economy.clusters.output);
  s.last_plan_tick = economy.tick;
  s.replan_requested = false;
  return plan_priorities(economy.levers, s.advantage, plannable_industries(economy.industries));
}

}  // namespace

void initialise_planner(Economy& economy) {
  StaggeredState& s = economy.staggered;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  s.subsidies = Eigen::MatrixXd::Zero(regions, industries);
  s.wasted_subsidies = Eigen::MatrixXd::Zero(regions, industries);
  s.priority = make_plan(economy);
  s.plan_pending = false;
}

void put_new_plan_in_force(Economy& economy) {
  StaggeredState& s = economy.staggered;
  if (!s.plan_pending) return;
  s.priority = s.next_priority;
  s.plan_pending = false;
}

Eigen::MatrixXd priority_subsidy_rate(const Economy& economy) {
  return economy.levers.rd_subsidy_rate.asDiagonal() * economy.staggered.priority;
}

double entry_planning_factor(const Economy& economy, int region, int industry) {
  if (economy.industries.kinds[static_cast<std::size_t>(industry)] == IndustryKind::key) return 1.0;
  if (economy.staggered.priority(region, industry) > 0.0) return 1.0 + economy.levers.priority_entry_bonus(region);
  return 1.0 - economy.levers.non_priority_entry_penalty(region);
}

void planner_process(Economy& economy, const sim::TickContext&) {
  const StaggeredState& s = economy.staggered;
  const bool period_over = economy.tick - s.last_plan_tick >= economy.parameters.staggered.plan_period_ticks;
  if (period_over || s.replan_requested) {
    economy.staggered.next_priority = make_plan(economy);
    economy.staggered.plan_pending = true;
  }
}

void structure_process(Economy& economy, const sim::TickContext&) {
  StaggeredState& s = economy.staggered;
  const Eigen::MatrixXd& output = economy.clusters.output;
  const Eigen::MatrixXd shares = industry_shares(output);
  s.location_quotient = location_quotients(output);
  s.duplication = duplication_counts(s.location_quotient);
  const Firms& firms = economy.firms;
  s.ellison_glaeser =
      ellison_glaeser(output, plant_herfindahl(firms.industry, firms.output, economy.industry_count()));
  s.similarity = structural_similarity(shares);
  s.mean_similarity = mean_over_pairs(s.similarity);
  s.mean_krugman = mean_over_pairs(krugman_specialisation(shares));
}

void declare_staggered_outputs(const Economy& economy, sim::output::Registry& registry) {
  const StaggeredState& s = economy.staggered;
  add_cluster_output(registry, s.priority, "priority",
                     "1", "1 where the cluster is a priority of the plan in force this tick, else 0",
                     sim::output::Storage::int32);
  add_cluster_output(registry, s.location_quotient, "location_quotient", "1",
                     "location quotient of the cluster's real output (0 without output)");
  add_cluster_output(registry, s.subsidies, "subsidies", "1e8 CNY",
                     "government money paid to the cluster's firms this tick (R&D subsidy, leading-enterprise "
                     "support, guidance funds, adoption subsidy)");
  add_cluster_output(registry, s.wasted_subsidies, "wasted_subsidies", "1e8 CNY",
                     "subsidies received within planner.waste_window_ticks by the cluster's firms that exited this tick");
  registry.add({"duplication", {"industry"}, "region", "number of regions with a location quotient above 1", true,
                sim::output::Storage::int32, [&s](std::span<double> out) { copy_vector(s.duplication, out); }});
  registry.add({"ellison_glaeser", {"industry"}, "1",
                "Ellison-Glaeser index of geographic concentration (NaN where undefined)", true,
                sim::output::Storage::float64, [&s](std::span<double> out) { copy_vector(s.ellison_glaeser, out); }, true});
  registry.add({"structural_similarity", {"region", "partner"}, "1",
                "structural similarity coefficient of the two regions' industry output shares (1 identical; NaN where a region has no output)", true,
                sim::output::Storage::float64, [&s](std::span<double> out) { copy_row_major(s.similarity, out); }, true});
  registry.add({"mean_structural_similarity", {}, "1", "structural similarity coefficient, mean over region pairs",
                true, sim::output::Storage::float64, [&s](std::span<double> out) { out[0] = s.mean_similarity; }, true});
  registry.add({"mean_krugman_specialisation", {}, "1",
                "Krugman specialisation index (0 identical, 2 disjoint), mean over region pairs", true,
                sim::output::Storage::float64, [&s](std::span<double> out) { out[0] = s.mean_krugman; }, true});
}

}  // namespace models
