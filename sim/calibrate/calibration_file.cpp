#include "sim/calibrate/calibration_file.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "sim/calibrate/moment_window.hpp"
#include "sim/config/suggest.hpp"
#include "sim/config/text.hpp"
#include "sim/config/text_file.hpp"
#include "sim/sweep/sweep_file.hpp"

namespace sim::calibrate {

using config::Error;
using config::FieldSpec;
using config::Kind;
using config::KeySpec;

namespace {

const std::vector<std::string> weighting_names = {"diagonal", "efficient"};
const std::vector<std::string> local_names = {"neldermead", "sbplx", "bobyqa"};

std::vector<std::string> statistic_choices() {
  std::vector<std::string> names;
  for (std::string_view name : statistic_names()) names.emplace_back(name);
  return names;
}

template <class Enum>
Enum choice_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<Enum>(std::find(names.begin(), names.end(), name) - names.begin());
}

// The ticks a statistic needs in its window at least.
int ticks_needed(Statistic statistic) {
  switch (statistic) {
    case Statistic::standard_deviation:
    case Statistic::growth_rate:
      return 2;
    case Statistic::growth_volatility:
    case Statistic::correlation:
      return 3;
    default:
      return 1;
  }
}

// Which optional fields of a moment each statistic reads: the others are refused, since a user who wrote
// one meant something by it that the statistic would silently ignore.
struct FieldUse {
  bool denominator = false;  // read (required for share)
  bool paired_with = false;
  bool tail_fraction = false;
  bool region = true;
};

FieldUse field_use(Statistic statistic) {
  switch (statistic) {
    case Statistic::share:
      return {.denominator = true};
    case Statistic::cross_section_cv:
      return {.denominator = true, .region = false};
    case Statistic::correlation:
      return {.paired_with = true};
    case Statistic::tail_index:
      return {.tail_fraction = true, .region = false};
    default:
      return {};
  }
}

// What the model's output declares, from a run started (not stepped) from the base scenario.
struct Declared {
  std::map<std::string, std::vector<std::string>, std::less<>> series;  // time series -> axes after time
  std::set<std::string, std::less<>> columns;                            // columns of record tables
  std::vector<std::string> regions;                                      // labels of the region axis
  std::vector<std::string> series_names;                                 // for suggestions
  std::vector<std::string> column_names;
};

std::optional<Declared> declared_outputs(const Model& model, const config::Config& base, std::vector<Error>& errors) {
  output::Registry registry;
  std::vector<output::Axis> axes;
  try {
    const std::unique_ptr<ModelRun> run = model.start(base, read_run_settings(base));
    run->declare_outputs(registry);
    axes = run->axes();
  } catch (const config::InputError& error) {
    errors.insert(errors.end(), error.errors().begin(), error.errors().end());
    return std::nullopt;
  }
  Declared declared;
  for (const output::Variable& variable : registry.variables()) {
    if (!variable.time_series) continue;
    declared.series.emplace(variable.name, variable.axes);
    declared.series_names.push_back(variable.name);
  }
  for (const output::Table& table : registry.tables()) {
    for (const output::Column& column : table.columns) {
      declared.columns.insert(column.name);
      declared.column_names.push_back(column.name);
    }
  }
  for (const output::Axis& axis : axes) {
    if (axis.name == "region") declared.regions = axis.labels;
  }
  return declared;
}

void check_moment(const config::Records& rows, std::size_t row, const MomentSpec& moment, const Declared& declared,
                  const CalibrationSpec& spec, std::vector<Error>& errors) {
  const std::string where = fmt::format("calibration.moments[{}]", row);
  const FieldUse use = field_use(moment.statistic);
  const std::string statistic(to_string(moment.statistic));
  const auto refuse_unused = [&](const char* field, bool read) {
    if (read || !rows.has(row, field)) return;
    errors.push_back(Error{.source = rows.source(row, field), .key = fmt::format("{}.{}", where, field),
                           .expected = fmt::format("no {} for the statistic {}, which does not read it", field, statistic),
                           .found = fmt::format("{} given", field)});
  };
  refuse_unused("denominator", use.denominator);
  refuse_unused("denominator_region", use.denominator && use.region);
  refuse_unused("paired_with", use.paired_with);
  refuse_unused("tail_fraction", use.tail_fraction);
  refuse_unused("region", use.region);
  const auto require = [&](const char* field, bool needed) {
    if (!needed || rows.has(row, field)) return;
    errors.push_back(Error{.source = rows.rows[row].source, .key = fmt::format("{}.{}", where, field),
                           .expected = fmt::format("a {} for the statistic {}", field, statistic), .found = "none"});
  };
  require("denominator", moment.statistic == Statistic::share);
  require("paired_with", moment.statistic == Statistic::correlation);

  // Each named variable: a time series (a table column for tail_index), with a region axis where needed.
  const bool needs_region_axis = moment.statistic == Statistic::cross_section_cv;
  const auto check_variable = [&](const char* field, const std::string& name, bool region_chosen) {
    if (!rows.has(row, field)) return;
    const std::string key = fmt::format("{}.{}", where, field);
    if (moment.statistic == Statistic::tail_index) {
      if (declared.columns.contains(name)) return;
      // A name of the other kind is told so, rather than suggested back to the user as it was written.
      errors.push_back(Error{.source = rows.source(row, field), .key = key,
                             .expected = "a column of the model's firm panel (docs/output.md, Firm panel)",
                             .found = config::detail::quote(name),
                             .hint = declared.series.contains(name)
                                         ? std::string("a time series, which only the other statistics read")
                                         : config::detail::did_you_mean(
                                               config::detail::nearest(name, declared.column_names))});
      return;
    }
    const auto it = declared.series.find(name);
    if (it == declared.series.end()) {
      errors.push_back(Error{.source = rows.source(row, field), .key = key,
                             .expected = "the name of a time-series output variable (docs/output.md)",
                             .found = config::detail::quote(name),
                             .hint = declared.columns.contains(name)
                                         ? std::string("a column of the firm panel, which only tail_index reads")
                                         : config::detail::did_you_mean(
                                               config::detail::nearest(name, declared.series_names))});
      return;
    }
    const bool has_region = std::ranges::find(it->second, "region") != it->second.end();
    if ((region_chosen || needs_region_axis) && !has_region) {
      errors.push_back(Error{.source = rows.source(row, field), .key = key,
                             .expected = region_chosen ? "a variable along regions, since a region is chosen"
                                                       : "a variable along regions, for a cross-section of regions",
                             .found = fmt::format("'{}', which has no region axis", name)});
    }
  };
  check_variable("variable", moment.variable, !moment.region.empty());
  check_variable("denominator", moment.denominator, !moment.denominator_region.empty());
  check_variable("paired_with", moment.paired_with, !moment.region.empty());
  for (const char* field : {"region", "denominator_region"}) {
    if (!rows.has(row, field)) continue;
    const std::string& label = rows.string(row, field);
    if (std::ranges::find(declared.regions, label) != declared.regions.end()) continue;
    errors.push_back(Error{.source = rows.source(row, field), .key = fmt::format("{}.{}", where, field),
                           .expected = "the name of a region of the scenario", .found = config::detail::quote(label),
                           .hint = config::detail::did_you_mean(config::detail::nearest(label, declared.regions))});
  }

  // The window: inside the run, with the ticks the statistic needs.
  const double run_years = spec.years_per_tick * spec.ticks;
  if (moment.to_year > run_years + 1e-9) {
    errors.push_back(Error{.source = rows.source(row, "to_year"), .key = fmt::format("{}.to_year", where),
                           .expected = fmt::format("at most the run's length, {} years", run_years),
                           .found = fmt::format("{}", moment.to_year)});
    return;
  }
  const TickWindow window = window_ticks(moment, spec.ticks, spec.years_per_tick);
  if (window.count() < ticks_needed(moment.statistic)) {
    errors.push_back(Error{.source = rows.has(row, "from_year") ? rows.source(row, "from_year") : rows.rows[row].source,
                           .key = fmt::format("{}.from_year", where),
                           .expected = fmt::format("a window [from_year, to_year) holding at least {} whole ticks of "
                                                   "{} years for the statistic {}",
                                                   ticks_needed(moment.statistic), spec.years_per_tick, statistic),
                           .found = fmt::format("[{}, {}), {} ticks", moment.from_year, moment.to_year, window.count())});
  }
}

}  // namespace

config::Schema calibration_schema() {
  config::Schema schema;
  schema.add({.path = "calibration.scenario", .kind = Kind::path, .unit = "",
              .description = "The scenario whose parameters are estimated (relative to the calibration file)."});
  schema.add({.path = "calibration.targets", .kind = Kind::records, .unit = "",
              .description = "The observed moments, one row each: { file = \"targets.csv\" } beside the file, or "
                             "inline [[calibration.targets]] tables.",
              .fields = {
                  FieldSpec{.name = "moment", .kind = Kind::string, .unit = "",
                            .description = "The name of a moment of calibration.moments."},
                  FieldSpec{.name = "value", .kind = Kind::real, .unit = "",
                            .description = "The observed value, in the unit of the moment's statistic."},
                  FieldSpec{.name = "standard_error", .kind = Kind::real, .unit = "",
                            .description = "Its standard error: the diagonal weighting matrix is 1 / its square, which "
                                           "the range keeps a finite number.",
                            .range = {1e-150, 1e150}},
                  FieldSpec{.name = "source", .kind = Kind::string, .unit = "",
                            .description = "Where the value comes from, with the year (written to the results)."},
              }});
  schema.add({.path = "calibration.parameters", .kind = Kind::records, .unit = "",
              .description = "The parameters to estimate, one [[calibration.parameters]] table each.",
              .fields = {
                  FieldSpec{.name = "key", .kind = Kind::string, .unit = "",
                            .description = "A real key of the scenario, e.g. knowledge.distance_decay_km."},
                  FieldSpec{.name = "low", .kind = Kind::real, .unit = "",
                            .description = "Lower bound of the search, within the key's range."},
                  FieldSpec{.name = "high", .kind = Kind::real, .unit = "",
                            .description = "Upper bound of the search, above low and within the key's range."},
              }});
  schema.add({.path = "calibration.moments", .kind = Kind::records, .unit = "",
              .description = "How each moment is computed from a run, one [[calibration.moments]] table each.",
              .fields = {
                  FieldSpec{.name = "name", .kind = Kind::string, .unit = "",
                            .description = "The moment's name, as in the targets' `moment` column."},
                  FieldSpec{.name = "statistic", .kind = Kind::choice, .unit = "",
                            .description = "mean, standard_deviation, growth_rate, growth_volatility, share, "
                                           "correlation, cross_section_cv or tail_index (docs/calibration.md, Moments).",
                            .choices = statistic_choices()},
                  FieldSpec{.name = "variable", .kind = Kind::string, .unit = "",
                            .description = "A time-series output variable, summed over the axes the moment does not "
                                           "keep; tail_index: a firm-panel column such as firm_sales."},
                  FieldSpec{.name = "denominator", .kind = Kind::string, .unit = "",
                            .description = "share: the variable divided by (its sum over the window); cross_section_cv: "
                                           "a per-region divisor (gdp per resident_population).",
                            .required = false},
                  FieldSpec{.name = "paired_with", .kind = Kind::string, .unit = "",
                            .description = "correlation: the second variable.", .required = false},
                  FieldSpec{.name = "region", .kind = Kind::string, .unit = "",
                            .description = "Only this region's values of the variable (and of paired_with); "
                                           "default every region.",
                            .required = false},
                  FieldSpec{.name = "denominator_region", .kind = Kind::string, .unit = "",
                            .description = "share: only this region's values of the denominator; default every region.",
                            .required = false},
                  FieldSpec{.name = "from_year", .kind = Kind::real, .unit = "year",
                            .description = "Start of the window, in years from the run's start (default 0).",
                            .range = {0.0, 1e4}, .required = false},
                  FieldSpec{.name = "to_year", .kind = Kind::real, .unit = "year",
                            .description = "End of the window (default the run's end); a tick counts when its whole "
                                           "span lies in [from_year, to_year).",
                            .range = {0.0, 1e4, true, false}, .required = false},
                  FieldSpec{.name = "tail_fraction", .kind = Kind::real, .unit = "1",
                            .description = "tail_index: the share of the largest positive values used (default 0.05).",
                            .range = {0.0, 0.5, true, false}, .required = false},
              }});
  schema.add({.path = "calibration.replicates", .kind = Kind::integer, .default_value = std::int64_t{4}, .unit = "run",
              .description = "R: runs of every evaluated point, each with its own random streams; the simulated "
                             "moments are their mean, and the standard errors carry the factor 1 + 1/R.",
              .range = {1, 10000}});
  schema.add({.path = "calibration.common_random_numbers", .kind = Kind::boolean, .default_value = true, .unit = "",
              .description = "true: every point's replicate j uses the same random streams, so the loss surface is "
                             "smooth in the parameters; false: every evaluation draws new streams (the Jacobian still "
                             "reuses the estimate's)."});
  schema.add({.path = "calibration.first_replicate", .kind = Kind::integer, .default_value = std::int64_t{0},
              .unit = "", .description = "The replicate key (simulation.replicate) of the first run of a point; "
                                         "the others follow. A recovery exercise keeps its targets' replicates apart.",
              .range = {0, 4.0e9}});
  schema.add({.path = "calibration.weighting", .kind = Kind::choice, .default_value = std::string("diagonal"),
              .unit = "",
              .description = "diagonal: W = S^-1 with S the diagonal of the targets' squared standard errors; "
                             "efficient: S estimated from covariance_replicates runs at the first-stage estimate, "
                             "then W = S^-1 and the local search runs again.",
              .choices = weighting_names});
  schema.add({.path = "calibration.covariance_replicates", .kind = Kind::integer, .default_value = std::int64_t{32},
              .unit = "run",
              .description = "efficient weighting: runs at the first-stage estimate whose moments' covariance is S "
                             "(more than the number of moments).",
              .range = {2, 100000}});
  schema.add({.path = "calibration.jacobian_step", .kind = Kind::real, .default_value = 0.05, .unit = "1",
              .description = "Finite-difference step of the Jacobian, as a share of each parameter's range (central "
                             "differences, one-sided at a bound).",
              .range = {0.0, 0.5, true, false}});
  schema.add({.path = "calibration.search.global_points", .kind = Kind::integer, .default_value = std::int64_t{32},
              .unit = "point", .description = "Points of the Sobol sequence over the bounds that start the search.",
              .range = {1, 1e6}});
  schema.add({.path = "calibration.search.batch_rounds", .kind = Kind::integer, .default_value = std::int64_t{3},
              .unit = "round",
              .description = "Best-batch rounds after the Sobol points: each perturbs the best points so far, with a "
                             "spread that halves every round.",
              .range = {0, 1000}});
  schema.add({.path = "calibration.search.batch_size", .kind = Kind::integer, .default_value = std::int64_t{8},
              .unit = "point", .description = "Points of a best-batch round: one around each of the best so far.",
              .range = {1, 1e5}});
  schema.add({.path = "calibration.search.local_algorithm", .kind = Kind::choice,
              .default_value = std::string("neldermead"), .unit = "",
              .description = "NLopt's derivative-free local search from the best point: neldermead, sbplx "
                             "(Rowan's subplex) or bobyqa (Powell's quadratic models).",
              .choices = local_names});
  schema.add({.path = "calibration.search.local_evaluations", .kind = Kind::integer,
              .default_value = std::int64_t{60}, .unit = "point",
              .description = "At most this many points in a local search (0: no local search).", .range = {0, 1e6}});
  schema.add({.path = "calibration.search.local_tolerance", .kind = Kind::real, .default_value = 1e-3, .unit = "1",
              .description = "The local search stops when a step moves every parameter by less than this share of "
                             "its range.",
              .range = {0.0, 1.0, true, true}});
  schema.add({.path = "calibration.search.seed", .kind = Kind::integer, .default_value = std::int64_t{1}, .unit = "",
              .description = "Seed of the best-batch perturbations (the runs' seeds are the scenario's).",
              .range = {0, 9.0e18}});
  return schema;
}

CalibrationSpec load_calibration(const Model& model, const std::filesystem::path& file,
                                 std::span<const std::string> overrides, bool with_targets) {
  static const config::Schema schema = calibration_schema();
  std::vector<std::string> own_overrides;
  CalibrationSpec spec;
  for (const std::string& text : overrides) {
    const bool own = text.find('=') == std::string::npos || sweep::override_key(text).rfind("calibration.", 0) == 0;
    (own ? own_overrides : spec.base_overrides).push_back(text);
  }
  config::LoadReport loaded = config::load_report(schema, file, own_overrides);
  const config::Config& cal = loaded.config;
  std::vector<Error> errors;
  for (Error& error : loaded.errors) {
    if (with_targets || error.key.rfind("calibration.targets", 0) != 0) errors.push_back(std::move(error));
  }
  spec.file = file;
  if (cal.has("calibration.replicates")) spec.replicates = static_cast<int>(cal.integer("calibration.replicates"));
  if (cal.has("calibration.common_random_numbers")) {
    spec.common_random_numbers = cal.boolean("calibration.common_random_numbers");
  }
  if (cal.has("calibration.first_replicate")) {
    spec.first_replicate = static_cast<std::uint32_t>(cal.integer("calibration.first_replicate"));
  }
  if (cal.has("calibration.weighting")) {
    spec.weighting = choice_of<Weighting>(weighting_names, cal.string("calibration.weighting"));
  }
  if (cal.has("calibration.covariance_replicates")) {
    spec.covariance_replicates = static_cast<int>(cal.integer("calibration.covariance_replicates"));
  }
  if (cal.has("calibration.jacobian_step")) spec.jacobian_step = cal.real("calibration.jacobian_step");
  SearchSettings& search = spec.search;
  if (cal.has("calibration.search.global_points")) {
    search.global_points = static_cast<int>(cal.integer("calibration.search.global_points"));
  }
  if (cal.has("calibration.search.batch_rounds")) {
    search.batch_rounds = static_cast<int>(cal.integer("calibration.search.batch_rounds"));
  }
  if (cal.has("calibration.search.batch_size")) {
    search.batch_size = static_cast<int>(cal.integer("calibration.search.batch_size"));
  }
  if (cal.has("calibration.search.local_algorithm")) {
    search.local = choice_of<LocalAlgorithm>(local_names, cal.string("calibration.search.local_algorithm"));
  }
  if (cal.has("calibration.search.local_evaluations")) {
    search.local_evaluations = static_cast<int>(cal.integer("calibration.search.local_evaluations"));
  }
  if (cal.has("calibration.search.local_tolerance")) {
    search.local_tolerance = cal.real("calibration.search.local_tolerance");
  }
  if (cal.has("calibration.search.seed")) search.seed = static_cast<std::uint64_t>(cal.integer("calibration.search.seed"));

  // The base scenario, and through it the model's schema and output.
  const config::Schema scenario_schema = sim::scenario_schema(model);
  std::optional<config::Config> base;
  if (cal.has("calibration.scenario")) {
    spec.scenario = cal.string("calibration.scenario");
    const std::string problem = config::text_file_problem(spec.scenario);
    if (!problem.empty()) {
      errors.push_back(Error{.source = cal.source("calibration.scenario"), .key = "calibration.scenario",
                             .expected = "a readable scenario file",
                             .found = fmt::format("{} ({})", config::detail::quote(spec.scenario.string()), problem)});
    } else {
      try {
        base = config::load(scenario_schema, spec.scenario, spec.base_overrides);
        if (model.check != nullptr) model.check(*base, read_run_settings(*base));
      } catch (const config::InputError& error) {
        errors.insert(errors.end(), error.errors().begin(), error.errors().end());
        base.reset();
      }
    }
  }
  std::optional<Declared> declared;
  if (base) {
    const RunSettings settings = read_run_settings(*base);
    spec.ticks = settings.ticks;
    spec.years_per_tick = settings.calendar.years_per_tick();
    spec.scenario_text = base->to_toml();
    declared = declared_outputs(model, *base, errors);
  }
  for (const std::string& text : spec.base_overrides) {
    if (sweep::override_key(text) != "simulation.replicate") continue;
    errors.push_back(Error{.source = config::Source{"--set", 0, 0}, .key = "simulation.replicate",
                           .expected = "a key the calibration does not set", .found = fmt::format("'{}'", text),
                           .hint = "the calibration gives every run its replicate (calibration.first_replicate)"});
  }

  // Parameters.
  std::vector<std::string> scenario_keys;
  for (const KeySpec& key : scenario_schema.keys()) scenario_keys.push_back(key.path);
  if (cal.has("calibration.parameters")) {
    const config::Records& rows = cal.records("calibration.parameters");
    for (std::size_t row = 0; row < rows.rows.size(); ++row) {
      const std::string where = fmt::format("calibration.parameters[{}]", row);
      ParameterSpec parameter{rows.string(row, "key"), rows.real(row, "low"), rows.real(row, "high")};
      const KeySpec* key = scenario_schema.find(parameter.key);
      const auto blame_key = [&](std::string expected, std::string hint) {
        errors.push_back(Error{.source = rows.source(row, "key"), .key = where + ".key", .expected = std::move(expected),
                               .found = config::detail::quote(parameter.key), .hint = std::move(hint)});
      };
      if (key == nullptr) {
        blame_key("a real key of the scenario",
                  config::detail::did_you_mean(config::detail::nearest(parameter.key, scenario_keys)));
      } else if (key->kind != Kind::real) {
        blame_key("a real key of the scenario",
                  key->kind == Kind::integer ? "integer keys cannot be estimated by a continuous search"
                                             : "only numbers can be estimated");
      } else if (std::ranges::find(sweep::fixed_keys(), parameter.key) != sweep::fixed_keys().end()) {
        blame_key("a key that neither the time axis nor the random streams depend on",
                  "the calibration sets the runs' replicates itself");
      }
      for (std::size_t other = 0; other < row; ++other) {
        if (spec.parameters[other].key == parameter.key) blame_key("a key not estimated twice", {});
      }
      for (const std::string& text : spec.base_overrides) {
        if (sweep::override_key(text) != parameter.key) continue;
        errors.push_back(Error{.source = config::Source{"--set", 0, 0}, .key = parameter.key,
                               .expected = "a key the calibration does not estimate", .found = fmt::format("'{}'", text),
                               .hint = fmt::format("{} estimates it: change its bounds there", where)});
      }
      if (!(parameter.low < parameter.high)) {
        errors.push_back(Error{.source = rows.source(row, "high"), .key = where + ".high",
                               .expected = fmt::format("a value above low ({})", parameter.low),
                               .found = fmt::format("{}", parameter.high)});
      } else if (key != nullptr && key->kind == Kind::real) {
        for (const char* end : {"low", "high"}) {
          const double value = rows.real(row, end);
          if (config::detail::in_range(key->range, value)) continue;
          errors.push_back(Error{.source = rows.source(row, end), .key = fmt::format("{}.{}", where, end),
                                 .expected = fmt::format("a value within the range of {}", parameter.key),
                                 .found = fmt::format("{}", value)});
        }
      }
      spec.parameters.push_back(std::move(parameter));
    }
  }

  // Moments and their targets.
  std::map<std::string, std::size_t, std::less<>> moment_rows;
  if (cal.has("calibration.moments")) {
    const config::Records& rows = cal.records("calibration.moments");
    for (std::size_t row = 0; row < rows.rows.size(); ++row) {
      MomentSpec moment;
      moment.name = rows.string(row, "name");
      moment.statistic = choice_of<Statistic>(statistic_choices(), rows.string(row, "statistic"));
      moment.variable = rows.string(row, "variable");
      const auto text = [&](const char* field) { return rows.has(row, field) ? rows.string(row, field) : std::string(); };
      moment.denominator = text("denominator");
      moment.paired_with = text("paired_with");
      moment.region = text("region");
      moment.denominator_region = text("denominator_region");
      if (rows.has(row, "from_year")) moment.from_year = rows.real(row, "from_year");
      moment.to_year = rows.has(row, "to_year") ? rows.real(row, "to_year") : spec.years_per_tick * spec.ticks;
      if (rows.has(row, "tail_fraction")) moment.tail_fraction = rows.real(row, "tail_fraction");
      if (!moment_rows.emplace(moment.name, row).second) {
        errors.push_back(Error{.source = rows.source(row, "name"), .key = fmt::format("calibration.moments[{}].name", row),
                               .expected = "a name no other moment has", .found = config::detail::quote(moment.name)});
      }
      if (declared) check_moment(rows, row, moment, *declared, spec, errors);
      spec.moments.push_back(std::move(moment));
    }
  }
  if (with_targets && cal.has("calibration.targets") && cal.has("calibration.moments")) {
    const config::Records& rows = cal.records("calibration.targets");
    std::vector<bool> targeted(spec.moments.size(), false);
    std::vector<std::string> names;
    for (const MomentSpec& moment : spec.moments) names.push_back(moment.name);
    for (std::size_t row = 0; row < rows.rows.size(); ++row) {
      const std::string& name = rows.string(row, "moment");
      const auto it = moment_rows.find(name);
      const std::string key = fmt::format("calibration.targets[{}].moment", row);
      if (it == moment_rows.end()) {
        errors.push_back(Error{.source = rows.source(row, "moment"), .key = key,
                               .expected = "the name of a moment of calibration.moments", .found = config::detail::quote(name),
                               .hint = config::detail::did_you_mean(config::detail::nearest(name, names))});
        continue;
      }
      if (targeted[it->second]) {
        errors.push_back(Error{.source = rows.source(row, "moment"), .key = key,
                               .expected = "one target per moment", .found = fmt::format("a second target of '{}'", name)});
        continue;
      }
      targeted[it->second] = true;
      MomentSpec& moment = spec.moments[it->second];
      moment.target = rows.real(row, "value");
      moment.target_standard_error = rows.real(row, "standard_error");
      moment.source = rows.string(row, "source");
    }
    for (std::size_t m = 0; m < spec.moments.size(); ++m) {
      if (targeted[m]) continue;
      errors.push_back(Error{.source = cal.source("calibration.targets"), .key = "calibration.targets",
                             .expected = fmt::format("a target for every moment"),
                             .found = fmt::format("none for '{}'", spec.moments[m].name)});
    }
  }
  if (errors.empty() && spec.moments.size() < spec.parameters.size()) {
    errors.push_back(Error{.source = cal.source("calibration.moments"), .key = "calibration.moments",
                           .expected = fmt::format("at least as many moments as parameters ({})", spec.parameters.size()),
                           .found = fmt::format("{} moments", spec.moments.size()),
                           .hint = "fewer moments than parameters cannot identify them"});
  }
  if (errors.empty() && spec.weighting == Weighting::efficient &&
      spec.covariance_replicates <= static_cast<int>(spec.moments.size())) {
    errors.push_back(Error{.source = cal.source("calibration.covariance_replicates"),
                           .key = "calibration.covariance_replicates",
                           .expected = fmt::format("more runs than moments ({}) for an invertible covariance",
                                                   spec.moments.size()),
                           .found = fmt::format("{}", spec.covariance_replicates)});
  }
  if (!errors.empty()) {
    const std::string own = file.string();
    std::stable_sort(errors.begin(), errors.end(), [&](const Error& a, const Error& b) {
      const auto rank = [&](const Error& e) {
        return std::make_tuple(e.source.file == own ? 0 : 1, e.source.line > 0 ? e.source.line : 1 << 30, e.source.column);
      };
      return rank(a) < rank(b);
    });
    throw config::InputError(std::move(errors));
  }
  spec.text = cal.to_toml();
  return spec;
}

std::vector<std::string> parameter_overrides(const CalibrationSpec& spec, std::span<const double> point) {
  std::vector<std::string> overrides;
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    overrides.push_back(fmt::format("{}={}", spec.parameters[p].key, point[p]));
  }
  return overrides;
}

}  // namespace sim::calibrate
