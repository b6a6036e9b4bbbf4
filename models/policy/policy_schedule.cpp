#include "models/policy/policy_schedule.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <limits>

#include "models/policy/levers.hpp"
#include "sim/calendar.hpp"
#include "models/core/regions_industries.hpp"

namespace models {

using sim::config::Error;
using sim::config::FieldSpec;
using sim::config::Kind;
using sim::config::Records;

namespace {


FieldSpec date_field(std::string name, std::string description) {
  return {.name = std::move(name), .kind = Kind::date, .unit = "", .description = std::move(description),
          .required = false};
}

FieldSpec tick_field(std::string name, std::string description) {
  return {.name = std::move(name), .kind = Kind::integer, .unit = "tick", .description = std::move(description),
          .range = {0, 1.0e9}, .required = false};
}

// Where entries of the scenario file are checked against its calendar.
struct RunCalendar {
  sim::Calendar calendar;
  int ticks = 0;

  explicit RunCalendar(const sim::RunSettings& settings) : calendar(settings.calendar), ticks(settings.ticks) {}

  std::string run_span() const {
    return fmt::format("{} (tick 0) to {} (tick {})", sim::iso_date(calendar.start_of(0)),
                       sim::iso_date(calendar.start_of(ticks - 1)), ticks - 1);
  }

  // The tick of a date or tick field pair of row `row`; `fallback` when neither is given. `last` allows
  // the tick just after the run (an end date).
  std::optional<int> tick_of(const Records& records, std::size_t row, const std::string& key, const char* date_name,
                             const char* tick_name, int fallback, bool last, std::vector<Error>& errors) const {
    const bool has_date = records.has(row, date_name);
    const bool has_tick = records.has(row, tick_name);
    const int highest = last ? ticks : ticks - 1;
    if (has_date && has_tick) {
      errors.push_back({records.source(row, tick_name), fmt::format("{}.{}", key, tick_name),
                        fmt::format("either {} or {}", date_name, tick_name), "both", ""});
      return std::nullopt;
    }
    if (has_tick) {
      const auto tick = records.integer(row, tick_name);
      if (tick > highest) {
        Error error;
        error.source = records.source(row, tick_name);
        error.key = fmt::format("{}.{}", key, tick_name);
        error.expected = fmt::format("a tick of the run, 0 to {}", highest);
        error.found = std::to_string(tick);
        errors.push_back(std::move(error));
        return std::nullopt;
      }
      return static_cast<int>(tick);
    }
    if (!has_date) return fallback;
    const sim::config::Date date = records.date(row, date_name);
    const std::optional<int> tick = calendar.tick_starting_on(date);
    Error error;
    error.source = records.source(row, date_name);
    error.key = fmt::format("{}.{}", key, date_name);
    error.found = sim::iso_date(date);
    if (!tick) {
      error.expected = fmt::format("the first day of a tick ({} months from {})", calendar.months_per_tick,
                                   sim::iso_date(calendar.start));
      // The tick starts around the date, to pick from.
      const auto months = (static_cast<int>(date.year()) - static_cast<int>(calendar.start.year())) * 12 +
                          static_cast<int>(static_cast<unsigned>(date.month())) -
                          static_cast<int>(static_cast<unsigned>(calendar.start.month()));
      // Floor division: the tick starting on or before the date, also for dates before the start.
      const int before = months >= 0 ? months / calendar.months_per_tick
                                     : -((-months + calendar.months_per_tick - 1) / calendar.months_per_tick);
      error.hint = fmt::format("ticks start on {} and {}", sim::iso_date(calendar.start_of(before)),
                               sim::iso_date(calendar.start_of(before + 1)));
      errors.push_back(std::move(error));
      return std::nullopt;
    }
    if (*tick < 0 || *tick > highest) {
      error.expected = last ? fmt::format("a date from {} to {}", sim::iso_date(calendar.start_of(0)),
                                          sim::iso_date(calendar.start_of(ticks)))
                            : fmt::format("a date within the run, {}", run_span());
      errors.push_back(std::move(error));
      return std::nullopt;
    }
    return *tick;
  }
};

// Indices of the names in `names` among `known`; an error for each unknown one.
std::vector<int> indices_of(const Records& records, std::size_t row, const char* field, const std::string& key,
                            const std::vector<std::string>& known, const char* what, std::vector<Error>& errors) {
  std::vector<int> result;
  for (const std::string& name : records.strings(row, field)) {
    const auto index = index_of_name(records, row, field, name, fmt::format("{}.{}", key, field), known,
                                     fmt::format("names of {} of the scenario", what), errors);
    if (index) result.push_back(*index);
  }
  return result;
}

// "planner_mode, priorities_per_region, regions_per_industry": the national levers, for messages.
std::string national_lever_names() {
  std::string names;
  for (const NationalLever& lever : national_levers()) names += fmt::format("{}{}", names.empty() ? "" : ", ", lever.name);
  return names;
}

}  // namespace

void declare_policy_schedule_keys(sim::config::Schema& schema) {
  std::vector<FieldSpec> fields = {
      date_field("from", "Date the change takes effect: the first day of a tick. Without from and tick: the start."),
      tick_field("tick", "Tick the change takes effect at (instead of from)."),
      {.name = "regions", .kind = Kind::string_list, .unit = "", .description =
           "Regions the regional levers change in (names of the scenario's regions); absent: every region. "
           "Not allowed with national levers.",
       .required = false},
  };
  for (const RegionalLever& lever : regional_levers()) {
    fields.push_back({.name = fmt::format("set.{}", lever.name), .kind = Kind::real, .unit = std::string(lever.unit),
                      .description = fmt::format("New value of policy.{}.", lever.name), .range = lever.range,
                      .required = false});
  }
  for (const NationalLever& lever : national_levers()) {
    FieldSpec field{.name = fmt::format("set.{}", lever.name), .unit = std::string(lever.unit),
                    .description = fmt::format("New value of policy.{} (national).{}", lever.name,
                                               lever.effect == LeverEffect::plan
                                                   ? " The planner makes a new plan at the end of the tick."
                                                   : ""),
                    .required = false};
    if (lever.choices.empty()) {
      field.kind = Kind::integer;
      field.range = lever.range;
    } else {
      field.kind = Kind::choice;
      field.choices = lever.choices;
    }
    fields.push_back(std::move(field));
  }
  schema.add({.path = std::string(schedule_key), .kind = Kind::records, .unit = "", .description =
                  "Changes of levers: each [[policy.schedule]] entry sets levers (set = { lever = value, ... }) from "
                  "a date or tick on, in a list of regions or all. Entries without from or tick apply from the "
                  "start, so they also set levers per region. Entries of the same tick apply in file order.",
              .fields = std::move(fields), .required = false});

  schema.add({.path = std::string(pilots_key), .kind = Kind::records, .unit = "", .description =
                  "Application-scenario pilots: the governments of the listed regions buy the industry's output "
                  "from their own local firms, budget per region and year, from a date until a date "
                  "(docs/model.md, Future industries).",
              .fields = {
                  {.name = "regions", .kind = Kind::string_list, .unit = "", .description =
                       "Regions running the pilot (names of the scenario's regions)."},
                  {.name = "industry", .kind = Kind::string, .unit = "", .description = "Industry whose output is bought."},
                  {.name = "budget", .kind = Kind::real, .unit = "1e8 CNY/year", .description =
                       "Purchases per region and year while the pilot runs.", .range = {0, 1.0e6}},
                  date_field("from", "First day of the pilot (the first day of a tick); default: the start."),
                  tick_field("from_tick", "First tick of the pilot (instead of from)."),
                  date_field("until", "Day the pilot ends (the first day of a tick, not included); default: the end."),
                  tick_field("until_tick", "First tick without the pilot (instead of until)."),
              },
              .required = false});
}

PolicySchedule read_policy_schedule(const sim::config::Config& config, const sim::RunSettings& settings,
                                    const std::vector<std::string>& regions) {
  const Records& records = config.records(schedule_key);
  const RunCalendar run(settings);
  std::vector<Error> errors;
  PolicySchedule schedule;
  for (std::size_t row = 0; row < records.rows.size(); ++row) {
    const std::string key = fmt::format("{}[{}]", schedule_key, row);
    PolicyChange change;
    const std::optional<int> tick = run.tick_of(records, row, key, "from", "tick", 0, false, errors);
    if (records.has(row, "regions")) {
      change.regions = indices_of(records, row, "regions", key, regions, "regions", errors);
      // An empty list would read as "every region", the opposite of what it says.
      if (records.strings(row, "regions").empty()) {
        Error error;
        error.source = records.source(row, "regions");
        error.key = fmt::format("{}.regions", key);
        error.expected = "at least one region name (leave regions out for every region)";
        error.found = "an empty list";
        errors.push_back(std::move(error));
      }
    }
    for (const RegionalLever& lever : regional_levers()) {
      const std::string field = fmt::format("set.{}", lever.name);
      if (records.has(row, field)) change.regional.emplace_back(&lever, records.real(row, field));
    }
    for (const NationalLever& lever : national_levers()) {
      const std::string field = fmt::format("set.{}", lever.name);
      if (!records.has(row, field)) continue;
      change.national.emplace_back(&lever, lever.choices.empty() ? static_cast<int>(records.integer(row, field))
                                                                 : national_lever_value(lever, records.string(row, field)));
    }
    const bool national = !change.national.empty();
    if (change.regional.empty() && !national) {
      Error error;
      error.source = records.rows[row].source;
      error.key = fmt::format("{}.set", key);
      error.expected = "at least one lever to change, set = { lever = value }";
      error.found = "none";
      errors.push_back(std::move(error));
    }
    if (national && records.has(row, "regions")) {
      Error error;
      error.source = records.source(row, "regions");
      error.key = fmt::format("{}.regions", key);
      error.expected = fmt::format("no regions with the national levers {}", national_lever_names());
      error.found = "a list of regions";
      error.hint = "put the national levers in an entry of their own";
      errors.push_back(std::move(error));
    }
    if (tick) change.tick = *tick;
    schedule.push_back(std::move(change));
  }
  if (!errors.empty()) throw sim::config::InputError(std::move(errors));
  std::stable_sort(schedule.begin(), schedule.end(),
                   [](const PolicyChange& a, const PolicyChange& b) { return a.tick < b.tick; });
  return schedule;
}

std::vector<Pilot> read_pilots(const sim::config::Config& config, const sim::RunSettings& settings,
                               const std::vector<std::string>& regions, const std::vector<std::string>& industries) {
  const Records& records = config.records(pilots_key);
  const RunCalendar run(settings);
  std::vector<Error> errors;
  std::vector<Pilot> pilots;
  for (std::size_t row = 0; row < records.rows.size(); ++row) {
    const std::string key = fmt::format("{}[{}]", pilots_key, row);
    Pilot pilot;
    pilot.regions = indices_of(records, row, "regions", key, regions, "regions", errors);
    const auto industry = index_of_name(records, row, "industry", records.string(row, "industry"),
                                        fmt::format("{}.industry", key), industries,
                                        "the name of an industry of the scenario", errors);
    if (industry) pilot.industry = *industry;
    pilot.budget = records.real(row, "budget");
    const auto from = run.tick_of(records, row, key, "from", "from_tick", 0, false, errors);
    const auto until = run.tick_of(records, row, key, "until", "until_tick", run.ticks, true, errors);
    if (from && until && *until <= *from) {
      Error error;
      error.source = records.rows[row].source;
      error.key = fmt::format("{}.until", key);
      error.expected = fmt::format("an end after the start (tick {})", *from);
      error.found = fmt::format("tick {}", *until);
      errors.push_back(std::move(error));
    }
    pilot.from_tick = from.value_or(0);
    pilot.until_tick = until.value_or(0);
    pilots.push_back(std::move(pilot));
  }
  if (!errors.empty()) throw sim::config::InputError(std::move(errors));
  return pilots;
}

}  // namespace models
