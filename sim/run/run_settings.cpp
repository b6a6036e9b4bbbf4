#include "sim/run/run_settings.hpp"

#include "sim/run/model.hpp"

#include <string_view>
#include <vector>

#include "sim/config/binding.hpp"

namespace sim {

using config::Kind;

namespace {

constexpr std::string_view months_per_tick_key = "simulation.months_per_tick";
constexpr std::string_view start_date_key = "simulation.start_date";

// The keys that fill a member of RunSettings directly; the calendar's two keys are read below.
const std::vector<config::Binding<RunSettings>>& run_keys() {
  using config::bind_integer;
  static const std::vector<config::Binding<RunSettings>> keys = {
      bind_integer("simulation.ticks", &RunSettings::ticks, 80, "tick", {1, 100000}, "Number of ticks to simulate."),
      bind_integer("simulation.seed", &RunSettings::seed, 1, "1", {0, 9.0e18},
                   "Seed of every random stream; the same scenario and seed give bit-identical output."),
      bind_integer("simulation.replicate", &RunSettings::replicate, 0, "1", {0, 4294967295.0},
                   "Replicate number: a second key of the random streams, so replicates of one seed are independent."),
      bind_integer("output.time_chunk", &RunSettings::time_chunk, 16, "tick", {1, 100000},
                   "Ticks per HDF5 chunk along time."),
      bind_integer("output.deflate_level", &RunSettings::deflate_level, 4, "1", {0, 9},
                   "Deflate compression level of the output datasets (0 = none, 9 = smallest)."),
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
  return settings;
}

config::Schema scenario_schema(const Model& model) {
  config::Schema schema;
  declare_run_settings(schema);
  model.declare(schema);
  return schema;
}

}  // namespace sim
