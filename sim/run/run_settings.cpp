#include "sim/run/run_settings.hpp"

#include "sim/run/model.hpp"

#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "sim/config/binding.hpp"
#include "sim/config/text_file.hpp"

namespace sim {

using config::Kind;

namespace {

constexpr std::string_view months_per_tick_key = "simulation.months_per_tick";
constexpr std::string_view start_date_key = "simulation.start_date";
constexpr std::string_view initial_state_key = "simulation.initial_state";
constexpr std::string_view burn_in_years_key = "simulation.burn_in_years";

// The keys that fill a member of RunSettings directly; the calendar's two keys are read below.
const std::vector<config::Binding<RunSettings>>& run_keys() {
  using config::bind_integer;
  static const std::vector<config::Binding<RunSettings>> keys = {
      bind_integer("simulation.ticks", &RunSettings::ticks, 80, "tick", {1, 100000}, "Number of ticks to simulate."),
      bind_integer("simulation.seed", &RunSettings::seed, 1, "1", {0, static_cast<double>(max_seed)},
                   "Seed of every random stream; the same scenario and seed give bit-identical output."),
      bind_integer("simulation.burn_in_seed", &RunSettings::burn_in_seed, 1, "1", {0, static_cast<double>(max_seed)},
                   "Seed of the burn-in's random streams (replicate 0): every seed and replicate of the scenario, "
                   "and every scenario with the same keys outside [policy], starts from the same burn-in."),
      bind_integer("simulation.replicate", &RunSettings::replicate, 0, "1", {0, 4294967295.0},
                   "Replicate number: a second key of the random streams, so replicates of one seed are independent."),
      bind_integer("output.time_chunk", &RunSettings::time_chunk, 16, "tick", {1, 100000},
                   "Ticks per HDF5 chunk along time."),
      bind_integer("output.deflate_level", &RunSettings::deflate_level, 1, "1", {0, 9},
                   "Deflate compression level of the output datasets (0 = none, 9 = smallest). 1 by default: "
                   "higher levels gain little on these series (the baseline's file is 9.53 MB at 1, 9.60 MB at "
                   "4, 17.3 MB at 0)."),
      bind_integer("output.snapshot_every", &RunSettings::snapshot_every, 0, "tick", {0, 100000},
                   "Ticks between snapshots of the model's record tables (the firm panel), taken at the end of "
                   "every snapshot_every-th tick; 0 writes none."),
  };
  return keys;
}

}  // namespace

void declare_run_settings(config::Schema& schema) {
  schema.add({.path = std::string(months_per_tick_key), .kind = Kind::integer, .default_value = std::int64_t{3},
              .unit = "month",
              .description = "Length of one tick; 3 makes a tick a quarter. Annual rates are scaled by months_per_tick / 12.",
              .range = {1, 12}});
  schema.add({.path = std::string(start_date_key), .kind = Kind::date,
              .default_value = config::Date{std::chrono::year{2023}, std::chrono::month{1}, std::chrono::day{1}},
              .unit = "date",
              .description = "First day of the first tick (the first of a month); output times are the last day of each tick."});
  schema.add({.path = std::string(burn_in_years_key), .kind = Kind::integer, .default_value = std::int64_t{0},
              .unit = "year",
              .description = "Years the model runs before the scenario starts, with every policy.* key at its "
                             "default and under simulation.burn_in_seed; the output starts after them, from the "
                             "state they end in (0: the scenario starts from the model's initialisation). Must be "
                             "whole ticks.",
              .range = {0, 1000}});
  schema.add({.path = std::string(initial_state_key), .kind = Kind::path, .default_value = std::string{},
              .unit = "",
              .description = "A state file (written by `clustersim run --save-state`) the scenario starts from "
                             "instead of the model's initialisation: same model version, regions and industries; "
                             "the scenario's own parameters and policy apply from its first tick. Not together "
                             "with burn_in_years."});
  config::declare(schema, run_keys());
}

RunSettings read_run_settings(const config::Config& c) {
  RunSettings settings;
  config::read(c, run_keys(), settings);
  settings.calendar = {c.date(start_date_key), static_cast<int>(c.integer(months_per_tick_key))};
  if (settings.calendar.start.day() != std::chrono::day{1}) {
    // Ticks are whole months; starting mid-month would make tick ends fall on days some months lack.
    throw config::InputError({{c.source(start_date_key), std::string(start_date_key), "the first day of a month",
                               iso_date(settings.calendar.start), ""}});
  }
  settings.initial_state = c.string(initial_state_key);
  // A FIFO or a device is refused before HDF5 opens it (opening a FIFO waits for a writer).
  const std::string problem = settings.initial_state.empty() ? "" : config::file_kind_problem(settings.initial_state);
  if (!problem.empty()) {
    throw config::InputError({{c.source(initial_state_key), std::string(initial_state_key),
                               "a state file (written by clustersim run --save-state)",
                               fmt::format("'{}' ({})", settings.initial_state, problem), ""}});
  }
  settings.burn_in_years = static_cast<int>(c.integer(burn_in_years_key));
  const int burn_in_months = settings.burn_in_years * 12;
  if (burn_in_months % settings.calendar.months_per_tick != 0) {
    throw config::InputError({{c.source(burn_in_years_key), std::string(burn_in_years_key),
                               fmt::format("whole ticks of {} months", settings.calendar.months_per_tick),
                               std::to_string(settings.burn_in_years), ""}});
  }
  settings.burn_in_ticks = burn_in_months / settings.calendar.months_per_tick;
  if (settings.burn_in_years > 0 && !settings.initial_state.empty()) {
    throw config::InputError({{c.source(burn_in_years_key), std::string(burn_in_years_key),
                               "0 when simulation.initial_state names a state to start from",
                               std::to_string(settings.burn_in_years),
                               "a burn-in and a saved state are two ways to start; choose one"}});
  }
  return settings;
}

config::Schema scenario_schema(const Model& model) {
  config::Schema schema;
  declare_run_settings(schema);
  model.declare(schema);
  return schema;
}

}  // namespace sim
