#include "models/policy/policy_chain.hpp"

#include <algorithm>
#include <cmath>

#include "models/core/output_helpers.hpp"
#include "models/core/stream_ids.hpp"
#include "models/industrial/geography.hpp"
#include "models/policy/levers.hpp"
#include "models/policy/policy_process.hpp"
#include "models/policy/policy_schedule.hpp"
#include "models/policy/staggered_development.hpp"
#include "models/policy/structure.hpp"

namespace models {

namespace {

void declare_keys(sim::config::Schema& schema) {
  declare_lever_keys(schema);
  declare_policy_schedule_keys(schema);
  sim::config::declare(schema, staggered_keys());
}

void read_parameters(const sim::config::Config& config, const sim::RunSettings& settings, Parameters& parameters) {
  StaggeredParameters& p = parameters.staggered;
  sim::config::read(config, staggered_keys(), p);
  const auto whole_ticks = [&](double years) {
    return std::max(1, static_cast<int>(std::lround(years * 12.0 / static_cast<double>(settings.calendar.months_per_tick))));
  };
  p.plan_period_ticks = whole_ticks(p.plan_period_years);
  p.signal_window_ticks = whole_ticks(p.signal_window_years);
}

void check(const sim::config::Config& config, const sim::RunSettings& settings, const ScenarioNames& names) {
  std::vector<sim::config::Error> errors;
  sim::config::collect_errors(errors, [&] { read_policy_schedule(config, settings, names.regions); });
  sim::config::collect_errors(errors, [&] { read_pilots(config, settings, names.regions, names.industries); });
  if (!errors.empty()) throw sim::config::InputError(std::move(errors));
}

// The levers in force at the start: policy.* values, then the schedule's entries of tick 0.
void before_firms(Economy& economy, const sim::config::Config& config, const sim::RunSettings& settings) {
  economy.levers = read_levers(config, economy.region_count());
  economy.policy_schedule = read_policy_schedule(config, settings, economy.regions.names);
  apply_policy_changes(economy.levers, economy.policy_schedule, 0);
  economy.future.pilots = read_pilots(config, settings, economy.regions.names, economy.industries.names);
}

// The levers in force, the plan and the indices of the regional structure.
void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  declare_lever_outputs(economy.levers, registry);
  const StaggeredState& s = economy.staggered;
  add_cluster_output(registry, s.priority,
                     {.name = "priority", .units = "1", .long_name = "Priority cluster",
                      .description = "1 where the cluster is a priority of the plan in force this tick, else 0",
                      .storage = sim::output::Storage::int64, .cell_method = sim::output::CellMethod::point});
  add_cluster_output(registry, s.location_quotient,
                     {.name = "location_quotient", .units = "1", .long_name = "Location quotient",
                      .description = "location quotient of the cluster's value added in current prices (0 without "
                                     "output)"});
  // The state holds the tick's amounts (the waste bookkeeping counts them per tick); the file gives them
  // as annual rates over the tick, like every other money flow.
  const double per_year = 1.0 / economy.parameters.years_per_tick;
  add_scaled_cluster_output(registry, s.subsidies, per_year,
                            {.name = "subsidies", .units_note = "1e8 CNY/year", .long_name = "Subsidies",
                             .description = "government money paid to the cluster's firms in the tick, annual rate "
                                            "(R&D subsidy, leading-enterprise support, guidance funds, adoption "
                                            "subsidy)"});
  add_scaled_cluster_output(registry, s.wasted_subsidies, per_year,
                            {.name = "wasted_subsidies", .units_note = "1e8 CNY/year", .long_name = "Wasted subsidies",
                             .description = "subsidies received within planner.waste_window_ticks by the cluster's "
                                            "firms that exited in the tick, annual rate"});
  registry.add({.name = "duplication", .axes = {"industry"}, .units = "1", .units_note = "region",
                .long_name = "Duplication", .description = "number of regions with a location quotient above 1",
                .storage = sim::output::Storage::int64,
                .sample = [&s](std::span<double> out) { copy_vector(s.duplication, out); }});
  registry.add({.name = "ellison_glaeser", .axes = {"industry"}, .units = "1", .long_name = "Ellison-Glaeser index",
                .description = "Ellison-Glaeser index of geographic concentration (NaN where undefined)",
                .sample = [&s](std::span<double> out) { copy_vector(s.ellison_glaeser, out); },
                .may_be_undefined = true});
  registry.add({.name = "structural_similarity", .axes = {"region", "partner"}, .units = "1",
                .long_name = "Structural similarity",
                .description = "structural similarity coefficient of the two regions' industry shares of value "
                               "added in current prices (1 identical; NaN where a region has no output)",
                .sample = [&s](std::span<double> out) { copy_row_major(s.similarity, out); },
                .may_be_undefined = true});
  registry.add({.name = "mean_structural_similarity", .units = "1", .long_name = "Mean structural similarity",
                .description = "structural similarity coefficient, mean over region pairs",
                .sample = [&s](std::span<double> out) { out[0] = s.mean_similarity; }, .may_be_undefined = true});
  registry.add({.name = "mean_krugman_specialisation", .units = "1", .long_name = "Mean Krugman specialisation",
                .description = "Krugman specialisation index (0 identical, 2 disjoint), mean over region pairs",
                .sample = [&s](std::span<double> out) { out[0] = s.mean_krugman; }, .may_be_undefined = true});
}

constexpr ProcessSpec processes[] = {
    {"policy", 2, stream_id::policy, policy_process},
    {"staggered_development", 18, stream_id::staggered_development, staggered_development_process},
    {"structure", 25, stream_id::structure, structure_process},
};

void visit_staggered(sim::state::StateVisitor& visitor, StaggeredState& s) {
  const sim::state::StateVisitor::Group group(visitor, "staggered");
  visitor("priority", s.priority);
  visitor("next_priority", s.next_priority);
  visitor("plan_pending", s.plan_pending);
  visitor("advantage", s.advantage);
  visitor("signal_share", s.signal_share);
  visitor("last_plan_tick", s.last_plan_tick);
  visitor("replan_requested", s.replan_requested);
  visitor("location_quotient", s.location_quotient);
  visitor("duplication", s.duplication);
  visitor("ellison_glaeser", s.ellison_glaeser);
  visitor("similarity", s.similarity);
  visitor("mean_similarity", s.mean_similarity);
  visitor("mean_krugman", s.mean_krugman);
  visitor("subsidies", s.subsidies);
  visitor("wasted_subsidies", s.wasted_subsidies);
}

// The levers in force are saved for whoever reads the state; loading takes them from the scenario.
void visit_levers(sim::state::StateVisitor& visitor, Levers& levers) {
  const sim::state::StateVisitor::Group group(visitor, "levers_in_force");
  for (const RegionalLever& lever : regional_levers()) visitor(lever.name, levers.*lever.values);
  for (const NationalLever& lever : national_levers()) visitor(lever.name, levers.*lever.value);
}

void visit_policy_state(sim::state::StateVisitor& visitor, Economy& economy) {
  visit_staggered(visitor, economy.staggered);
  visit_levers(visitor, economy.levers);
}

bool same_planning_rules(const Levers& a, const Levers& b) {
  return a.planner_mode == b.planner_mode && a.priorities_per_region == b.priorities_per_region &&
         a.regions_per_industry == b.regions_per_industry;
}

// The policy is the scenario's: at its start, its levers of tick 0 and a first plan made on the state's
// averaged signal;
// going on, its levers as its schedule has set them by the saved tick (a plan made under other rules is
// revised at the end of the next tick, as when the schedule changes the rules).
void policy_after_load(Economy& economy, const Economy& scenario, sim::LoadMode mode) {
  if (mode == sim::LoadMode::start) {
    economy.levers = scenario.levers;
    update_geography(economy);
    restart_planner(economy);
    return;
  }
  Levers levers = scenario.levers;
  for (int tick = 1; tick <= economy.scenario_tick(); ++tick) {
    apply_policy_changes(levers, economy.policy_schedule, tick);
  }
  if (!same_planning_rules(levers, economy.levers)) economy.staggered.replan_requested = true;
  economy.levers = levers;
  update_geography(economy);
}

}  // namespace

const Chain policy_chain{
    .name = "policy",
    .declare_keys = declare_keys,
    .read_parameters = read_parameters,
    .check = check,
    .before_firms = before_firms,
    .first_clearing = initialise_planner,
    .processes = processes,
    .declare_outputs = declare_outputs,
    .visit_state = visit_policy_state,
    .after_load = policy_after_load,
};

}  // namespace models
