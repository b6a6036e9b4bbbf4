#include "sim/run/run_settings.hpp"

#include "sim/run/model.hpp"

namespace sim {

using config::Kind;

void declare_run_settings(config::Schema& schema) {
  schema.add({.path = "simulation.ticks", .kind = Kind::integer, .default_value = std::int64_t{80}, .unit = "tick",
              .description = "Number of ticks to simulate.", .range = {1, 100000}});
  schema.add({.path = "simulation.months_per_tick", .kind = Kind::integer, .default_value = std::int64_t{3},
              .unit = "month",
              .description = "Length of one tick; 3 makes a tick a quarter. Annual rates are scaled by months_per_tick / 12.",
              .range = {1, 12}});
  schema.add({.path = "simulation.start_date", .kind = Kind::date,
              .default_value = config::Date{std::chrono::year{2023}, std::chrono::month{1}, std::chrono::day{1}},
              .unit = "date",
              .description = "First day of the first tick (the first of a month); output times are the last day of each tick."});
  schema.add({.path = "simulation.seed", .kind = Kind::integer, .default_value = std::int64_t{1}, .unit = "1",
              .description = "Seed of every random stream; the same scenario and seed give bit-identical output.",
              .range = {0, 9.0e18}});
  schema.add({.path = "simulation.replicate", .kind = Kind::integer, .default_value = std::int64_t{0}, .unit = "1",
              .description = "Replicate number: a second key of the random streams, so replicates of one seed are independent.",
              .range = {0, 4294967295.0}});
  schema.add({.path = "output.time_chunk", .kind = Kind::integer, .default_value = std::int64_t{16}, .unit = "tick",
              .description = "Ticks per HDF5 chunk along time.", .range = {1, 100000}});
  schema.add({.path = "output.deflate_level", .kind = Kind::integer, .default_value = std::int64_t{4}, .unit = "1",
              .description = "Deflate compression level of the output datasets (0 = none, 9 = smallest).",
              .range = {0, 9}});
  schema.add({.path = "output.snapshot_every", .kind = Kind::integer, .default_value = std::int64_t{0}, .unit = "tick",
              .description = "Ticks between snapshots of the model's record tables (the firm panel), taken at the "
                             "end of every snapshot_every-th tick; 0 writes none.",
              .range = {0, 100000}});
}

RunSettings read_run_settings(const config::Config& c) {
  RunSettings settings;
  settings.ticks = static_cast<int>(c.integer("simulation.ticks"));
  settings.calendar = {c.date("simulation.start_date"), static_cast<int>(c.integer("simulation.months_per_tick"))};
  if (settings.calendar.start.day() != std::chrono::day{1}) {
    // Ticks are whole months; starting mid-month would make tick ends fall on days some months lack.
    throw config::InputError({{c.source("simulation.start_date"), "simulation.start_date",
                               "the first day of a month", iso_date(settings.calendar.start), ""}});
  }
  settings.seed = static_cast<std::uint64_t>(c.integer("simulation.seed"));
  settings.replicate = static_cast<std::uint32_t>(c.integer("simulation.replicate"));
  settings.time_chunk = static_cast<int>(c.integer("output.time_chunk"));
  settings.deflate_level = static_cast<int>(c.integer("output.deflate_level"));
  settings.snapshot_every = static_cast<int>(c.integer("output.snapshot_every"));
  return settings;
}

config::Schema scenario_schema(const Model& model) {
  config::Schema schema;
  declare_run_settings(schema);
  model.declare(schema);
  return schema;
}

}  // namespace sim
