#include "sim/sweep/sweep_file.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "sim/config/suggest.hpp"
#include "sim/config/text.hpp"
#include "sim/config/text_file.hpp"

namespace sim::sweep {

using config::Error;
using config::FieldSpec;
using config::Kind;
using config::KeySpec;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

const std::vector<std::string> design_names = {"grid", "list", "random", "latin_hypercube", "sobol"};

Error error_at(config::Source source, std::string key, std::string expected, std::string found, std::string hint = {}) {
  Error error;
  error.source = std::move(source);
  error.key = std::move(key);
  error.expected = std::move(expected);
  error.found = std::move(found);
  error.hint = std::move(hint);
  return error;
}

DesignKind design_kind(const std::string& name) {
  const auto it = std::find(design_names.begin(), design_names.end(), name);
  return static_cast<DesignKind>(it - design_names.begin());
}

std::string format_value(double value, bool integer) {
  if (integer) return fmt::format("{}", static_cast<std::int64_t>(std::llround(value)));
  return fmt::format("{}", value);
}

}  // namespace

const std::vector<std::string>& fixed_keys() {
  static const std::vector<std::string> keys = {"simulation.ticks", "simulation.months_per_tick",
                                                "simulation.start_date", "simulation.seed", "simulation.replicate"};
  return keys;
}

std::string override_key(const std::string& text) {
  const std::string key = text.substr(0, text.find('='));
  const auto first = key.find_first_not_of(" \t");
  const auto last = key.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : key.substr(first, last - first + 1);
}

config::Schema sweep_schema() {
  config::Schema schema;
  schema.add({.path = "sweep.scenario", .kind = Kind::path, .unit = "",
              .description = "The base scenario every run of the sweep starts from (relative to the sweep file)."});
  schema.add({.path = "sweep.design", .kind = Kind::choice, .default_value = std::string("grid"), .unit = "",
              .description = "grid (every combination of the values, the last parameter varying fastest), list "
                             "(row i takes the i-th value of every parameter), random, latin_hypercube, or sobol "
                             "(Saltelli's scheme for first-order and total Sobol indices).",
              .choices = design_names});
  schema.add({.path = "sweep.replicates", .kind = Kind::integer, .default_value = std::int64_t{1}, .unit = "run",
              .description = "Runs of every scenario, each with its own random streams.", .range = {1, 100000}});
  schema.add({.path = "sweep.common_random_numbers", .kind = Kind::boolean, .default_value = true, .unit = "",
              .description = "true: replicate j of every scenario uses the same random streams, so differences "
                             "between scenarios are paired; false: every run has streams of its own."});
  schema.add({.path = "sweep.samples", .kind = Kind::integer, .default_value = std::int64_t{0}, .unit = "scenario",
              .description = "random and latin_hypercube: scenarios; sobol: base samples N (N (d + 2) scenarios "
                             "for d parameters; a power of two balances the sequence best).",
              .range = {0, static_cast<double>(max_points)}});
  schema.add({.path = "sweep.seed", .kind = Kind::integer, .default_value = std::int64_t{1}, .unit = "",
              .description = "Seed of the random and latin_hypercube designs (the runs' seed is the base "
                             "scenario's simulation.seed).",
              .range = {0, 9.0e18}});
  schema.add({.path = "sweep.keep", .kind = Kind::string_list, .default_value = config::StringList{}, .unit = "",
              .description = "Output variables to write (names as in docs/output.md); empty: every variable."});
  schema.add({.path = "sweep.parameters", .kind = Kind::records, .unit = "",
              .description = "The swept scenario keys, one [[sweep.parameters]] table each.",
              .fields = {
                  FieldSpec{.name = "key", .kind = Kind::string, .unit = "",
                            .description = "A real or integer key of the scenario, e.g. policy.rd_subsidy_rate."},
                  FieldSpec{.name = "values", .kind = Kind::real_list, .unit = "",
                            .description = "grid and list designs: the values (refused in the other designs).", .required = false},
                  FieldSpec{.name = "low", .kind = Kind::real, .unit = "",
                            .description = "random, latin_hypercube, sobol: lower end of the uniform range (refused in grid and list).",
                            .required = false},
                  FieldSpec{.name = "high", .kind = Kind::real, .unit = "",
                            .description = "random, latin_hypercube, sobol: upper end of the uniform range (refused in grid and list).",
                            .required = false},
              }});
  return schema;
}

Design design_of(const config::Config& sweep) {
  Design design;
  if (sweep.has("sweep.design")) design.kind = design_kind(sweep.string("sweep.design"));
  if (sweep.has("sweep.samples")) design.samples = sweep.integer("sweep.samples");
  if (sweep.has("sweep.seed")) design.seed = static_cast<std::uint64_t>(sweep.integer("sweep.seed"));
  if (!sweep.has("sweep.parameters")) return design;
  const config::Records& rows = sweep.records("sweep.parameters");
  for (std::size_t row = 0; row < rows.rows.size(); ++row) {
    Parameter parameter;
    parameter.key = rows.string(row, "key");
    if (rows.has(row, "values")) parameter.values = rows.reals(row, "values");
    if (rows.has(row, "low")) parameter.low = rows.real(row, "low");
    if (rows.has(row, "high")) parameter.high = rows.real(row, "high");
    design.parameters.push_back(std::move(parameter));
  }
  return design;
}

namespace {

bool is_sweep_override(const std::string& text) {
  return text.find('=') == std::string::npos || override_key(text).rfind("sweep.", 0) == 0;
}

// The base scenario of a sweep file, loaded and checked by the model; nothing when it has errors, which
// go to `errors`. A file that cannot be read is blamed on the sweep file's `scenario` key.
std::optional<config::Config> load_base(const Model& model, const config::Schema& scenario_schema,
                                        const config::Config& sweep, const SweepSpec& spec, std::vector<Error>& errors) {
  const std::string problem = config::text_file_problem(spec.scenario);
  if (!problem.empty()) {
    errors.push_back(error_at(sweep.source("sweep.scenario"), "sweep.scenario", "a readable scenario file",
                              fmt::format("{} ({})", config::detail::quote(spec.scenario.string()), problem)));
    return std::nullopt;
  }
  try {
    config::Config base = config::load(scenario_schema, spec.scenario, spec.base_overrides);
    if (model.check != nullptr) model.check(base, read_run_settings(base));
    return base;
  } catch (const config::InputError& error) {
    errors.insert(errors.end(), error.errors().begin(), error.errors().end());
    return std::nullopt;
  }
}

// Each name of `keep` must be a time-series variable of the model's output, which a run started from the
// base scenario declares (the variables may depend on the scenario).
void check_keep(const Model& model, const config::Config& base, const config::Config& sweep, const SweepSpec& spec,
                std::vector<Error>& errors) {
  if (spec.keep.empty() || model.start == nullptr) return;
  output::Registry registry;  // only its names are read: the samplers point into the run, gone after the try
  try {
    const std::unique_ptr<ModelRun> run = model.start(base, read_run_settings(base));
    run->declare_outputs(registry);
  } catch (const config::InputError& error) {
    errors.insert(errors.end(), error.errors().begin(), error.errors().end());
    return;
  }
  std::vector<std::string> names;
  for (const output::Variable& variable : registry.variables()) {
    if (variable.time_series) names.push_back(variable.name);
  }
  for (std::size_t i = 0; i < spec.keep.size(); ++i) {
    const std::string& name = spec.keep[i];
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    const output::Variable* variable = registry.find(name);
    errors.push_back(error_at(sweep.item_source("sweep.keep", i), fmt::format("sweep.keep[{}]", i),
                              "the name of a time-series output variable (docs/output.md)",
                              config::detail::quote(name),
                              variable != nullptr ? std::string("a variable without a time axis is always written")
                                                  : config::detail::did_you_mean(config::detail::nearest(name, names))));
  }
}

// The sweep file's own errors first, in line order (those that name no line last); then those of --set
// and of the base scenario, in the order found.
void sort_errors(std::vector<Error>& errors, const std::string& sweep_file) {
  const auto rank = [&](const Error& error) {
    if (error.source.file != sweep_file) return std::make_tuple(error.source.file == "--set" ? 1 : 2, 0, 0);
    return std::make_tuple(0, error.source.line > 0 ? error.source.line : std::numeric_limits<int>::max(),
                           error.source.column);
  };
  std::stable_sort(errors.begin(), errors.end(), [&](const Error& a, const Error& b) { return rank(a) < rank(b); });
}

}  // namespace

SweepSpec load_sweep(const Model& model, const std::filesystem::path& file, std::span<const std::string> overrides) {
  static const config::Schema schema = sweep_schema();
  std::vector<std::string> sweep_overrides;
  std::vector<std::string> base_overrides;
  for (const std::string& text : overrides) (is_sweep_override(text) ? sweep_overrides : base_overrides).push_back(text);
  // Every check below runs on the keys it needs that are valid, so that one report holds every problem.
  config::LoadReport loaded = config::load_report(schema, file, sweep_overrides);
  const config::Config& sweep = loaded.config;
  std::vector<Error> errors = std::move(loaded.errors);
  SweepSpec spec;
  spec.base_overrides = base_overrides;
  spec.file = file;
  if (sweep.has("sweep.replicates")) spec.replicates = static_cast<int>(sweep.integer("sweep.replicates"));
  if (sweep.has("sweep.common_random_numbers")) spec.common_random_numbers = sweep.boolean("sweep.common_random_numbers");
  if (sweep.has("sweep.keep")) spec.keep = sweep.strings("sweep.keep");
  spec.design = design_of(sweep);

  for (const std::string& text : spec.base_overrides) {
    if (override_key(text) != "simulation.replicate") continue;
    errors.push_back(error_at(config::Source{"--set", 0, 0}, "simulation.replicate", "a key the sweep does not set",
                              fmt::format("'{}'", text),
                              "the sweep gives every run its replicate (sweep.replicates, sweep.common_random_numbers)"));
  }
  // The base scenario, and through it the model's scenario schema.
  const config::Schema scenario_schema = sim::scenario_schema(model);
  std::optional<config::Config> base;
  if (sweep.has("sweep.scenario")) {
    spec.scenario = sweep.string("sweep.scenario");
    base = load_base(model, scenario_schema, sweep, spec, errors);
  }
  if (base) check_keep(model, *base, sweep, spec, errors);

  static const config::Records no_rows;
  const config::Records& rows = sweep.has("sweep.parameters") ? sweep.records("sweep.parameters") : no_rows;
  const bool have_kind = sweep.has("sweep.design");
  const bool sampled = spec.design.kind == DesignKind::random || spec.design.kind == DesignKind::latin_hypercube ||
                       spec.design.kind == DesignKind::sobol;
  std::vector<std::string> scenario_keys;
  for (const KeySpec& key : scenario_schema.keys()) scenario_keys.push_back(key.path);
  for (std::size_t row = 0; row < rows.rows.size(); ++row) {
    const std::string where = fmt::format("sweep.parameters[{}]", row);
    Parameter& parameter = spec.design.parameters[row];
    // What the design needs from the row.
    if (have_kind && sampled && (!rows.has(row, "low") || !rows.has(row, "high"))) {
      errors.push_back(error_at(rows.rows[row].source, where, fmt::format("low and high for a {} design",
                                                                          sweep.string("sweep.design")),
                                "no range"));
    }
    if (have_kind && !sampled && !rows.has(row, "values")) {
      errors.push_back(error_at(rows.rows[row].source, fmt::format("{}.values", where),
                                fmt::format("values for a {} design", sweep.string("sweep.design")), "none"));
    }
    // A field the design does not read would be ignored without a word; the user meant something by it.
    static const std::vector<std::string> sampled_unused{"values"};
    static const std::vector<std::string> listed_unused{"low", "high"};
    for (const std::string& unused : sampled ? sampled_unused : listed_unused) {
      if (!have_kind || !rows.has(row, unused)) continue;
      errors.push_back(error_at(rows.source(row, unused), fmt::format("{}.{}", where, unused),
                                fmt::format("no {} in a {} design, which {}", unused, sweep.string("sweep.design"),
                                            sampled ? "draws values between low and high"
                                                    : "takes the values listed"),
                                fmt::format("{} given", unused)));
    }
    const KeySpec* key = scenario_schema.find(parameter.key);
    if (key == nullptr || (key->kind != Kind::real && key->kind != Kind::integer)) {
      errors.push_back(error_at(rows.source(row, "key"), fmt::format("{}.key", where),
                                "a real or integer key of the scenario", fmt::format("'{}'", parameter.key),
                                key == nullptr ? config::detail::did_you_mean(
                                                     config::detail::nearest(parameter.key, scenario_keys))
                                               : std::string("only numbers can be swept")));
      continue;
    }
    if (std::ranges::find(fixed_keys(), parameter.key) != fixed_keys().end()) {
      errors.push_back(error_at(rows.source(row, "key"), fmt::format("{}.key", where),
                                "a key that neither the time axis nor the random streams depend on",
                                fmt::format("'{}'", parameter.key),
                                "the sweep sets seeds itself (sweep.replicates, sweep.common_random_numbers)"));
    }
    for (const std::string& text : spec.base_overrides) {
      if (override_key(text) != parameter.key) continue;
      errors.push_back(error_at(config::Source{"--set", 0, 0}, parameter.key, "a key that the design does not sweep",
                                fmt::format("'{}'", text),
                                fmt::format("{} sweeps it: change its values there", where)));
    }
    parameter.integer = key->kind == Kind::integer;
    // Every value the design can take must be valid for the key: the lists, or the sampled range.
    std::vector<double> extremes = parameter.values;
    if (sampled) extremes = {parameter.low, parameter.high};
    for (double value : extremes) {
      if (config::detail::in_range(key->range, value)) continue;
      errors.push_back(error_at(rows.source(row, sampled ? (value == parameter.low ? "low" : "high") : "values"),
                                where, fmt::format("values of {} within its range", parameter.key),
                                format_value(value, false)));
      break;
    }
  }
  if (errors.empty()) {
    try {
      (void)point_count(spec.design);
    } catch (const std::invalid_argument& problem) {
      // Blame the row of the parameter the message names, else the parameters table.
      config::Source source = sweep.source("sweep.parameters");
      for (std::size_t row = 0; row < rows.rows.size(); ++row) {
        if (std::string(problem.what()).find(fmt::format("'{}'", rows.string(row, "key"))) != std::string::npos) {
          source = rows.rows[row].source;
        }
      }
      errors.push_back(error_at(source, "sweep.parameters", "a well-formed design", problem.what()));
    }
  }
  if (!errors.empty()) {
    sort_errors(errors, file.string());
    throw config::InputError(std::move(errors));
  }
  spec.text = sweep.to_toml();
  spec.points = generate(spec.design);
  return spec;
}

std::vector<std::string> scenario_overrides(const SweepSpec& spec, std::size_t index) {
  std::vector<std::string> overrides;
  const std::vector<double>& row = spec.points.rows.at(index);
  for (std::size_t p = 0; p < spec.points.keys.size(); ++p) {
    overrides.push_back(
        fmt::format("{}={}", spec.points.keys[p], format_value(row[p], spec.design.parameters[p].integer)));
  }
  return overrides;
}

std::uint32_t replicate_key(const SweepSpec& spec, std::size_t scenario, int replicate) {
  if (spec.common_random_numbers) return static_cast<std::uint32_t>(replicate);
  return static_cast<std::uint32_t>(scenario * static_cast<std::size_t>(spec.replicates) +
                                    static_cast<std::size_t>(replicate));
}

}  // namespace sim::sweep
