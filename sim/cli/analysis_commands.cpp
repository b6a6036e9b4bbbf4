#include "sim/cli/analysis_commands.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "sim/analysis/compare.hpp"
#include "sim/analysis/scenario_selection.hpp"
#include "sim/analysis/sobol_indices.hpp"
#include "sim/calendar.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/config/config.hpp"
#include "sim/sweep/design.hpp"
#include "sim/sweep/sweep_file.hpp"
#include "sim/sweep/sweep_results.hpp"

namespace sim::cli {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

using sweep::ResultsError;

std::optional<sweep::Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const char* p = text.data();
  if (std::from_chars(p, p + 4, year).ptr != p + 4 || std::from_chars(p + 5, p + 7, month).ptr != p + 7 ||
      std::from_chars(p + 8, p + 10, day).ptr != p + 10) {
    return std::nullopt;
  }
  const sweep::Date date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!date.ok()) return std::nullopt;
  return date;
}

sweep::Date date_option(const std::string& option, std::string_view text) {
  const std::optional<sweep::Date> date = parse_date(text);
  if (!date) throw ResultsError(fmt::format("{}: expected a date YYYY-MM-DD, found '{}'", option, text));
  return *date;
}

sweep::TickSelection selection_of(const MetricOptions& options) {
  sweep::TickSelection selection;
  if (!options.at.empty() && !options.window.empty()) throw ResultsError("give --at or --window, not both");
  if (!options.at.empty()) selection.at = date_option("--at", options.at);
  if (!options.window.empty()) {
    const std::size_t colon = options.window.find(':');
    if (colon == std::string::npos) {
      throw ResultsError(fmt::format("--window: expected FROM:TO (YYYY-MM-DD:YYYY-MM-DD), found '{}'", options.window));
    }
    const sweep::Date from = date_option("--window", std::string_view(options.window).substr(0, colon));
    const sweep::Date to = date_option("--window", std::string_view(options.window).substr(colon + 1));
    if (std::chrono::sys_days(to) < std::chrono::sys_days(from)) {
      throw ResultsError(fmt::format("--window: {} ends before it starts", options.window));
    }
    selection.window = {from, to};
  }
  if (!(options.level > 0 && options.level < 1)) {
    throw ResultsError(fmt::format("--level: expected a number in (0, 1), found {}", options.level));
  }
  return selection;
}

// Markdown cells: 6 significant digits; CSV cells: the shortest text that reads back exactly.
std::string cell(double value) { return fmt::format("{:.6g}", value); }
std::string csv_cell(double value) { return fmt::format("{}", value); }
// CSV cells of a value that may be missing: empty for NaN.
std::string csv_cell_or_empty(double value) { return std::isnan(value) ? std::string() : csv_cell(value); }

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;      // Markdown cells
  std::vector<std::string> csv_header;
  std::vector<std::vector<std::string>> csv_rows;  // CSV cells
};

std::string markdown(const Table& table) {
  std::string text = fmt::format("| {} |\n|", fmt::join(table.header, " | "));
  for (std::size_t c = 0; c < table.header.size(); ++c) text += "---|";
  text += '\n';
  for (const auto& row : table.rows) text += fmt::format("| {} |\n", fmt::join(row, " | "));
  return text;
}

void write_csv(const std::string& path, const Table& table) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path));
  out << fmt::format("{}\n", fmt::join(table.csv_header, ","));
  for (const auto& row : table.csv_rows) out << fmt::format("{}\n", fmt::join(row, ","));
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path));
}

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  std::size_t n = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
  }
  return n == 0 ? nan : sum / static_cast<double>(n);
}

void add_metric_options(CLI::App& command, MetricOptions& options) {
  command.add_option("file", options.file, "Sweep file (HDF5, written by `clustersim sweep`)")->required();
  // Without a default from the model, a metric must be named.
  CLI::Option* metric = command.add_option(
      "--metric", options.metric,
      options.metric.empty() ? std::string("Time-series variable; per run its sum over the non-time axes (e.g. gdp: national GDP)")
                             : fmt::format("Time-series variable; per run its sum over the non-time axes (default {})",
                                           options.metric));
  if (options.metric.empty()) metric->required();
  command.add_option("--at", options.at, "Take the metric at the last tick on or before this date (default: last tick)")
      ->type_name("YYYY-MM-DD");
  command.add_option("--window", options.window, "Take the metric's mean over the ticks within these dates (inclusive)")
      ->type_name("FROM:TO");
  command.add_option("--csv", options.csv, "Also write the table as CSV to this file");
  command.add_option("--level", options.level, "Confidence level of the intervals (default 0.95)");
}

int bad_input(const std::exception& error) {
  fmt::print(stderr, "clustersim: error: {}\n", error.what());
  return exit_bad_input;
}

}  // namespace

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options) {
  CLI::App* command = app.add_subcommand(
      "compare", "Compare every scenario of a sweep file with a baseline scenario: mean difference of a metric with "
                 "its confidence interval, relative change with Fieller's interval (docs/sweeps.md)");
  add_metric_options(*command, options);
  command->add_option("--baseline", options.baseline,
                      "The baseline scenario: its index (default 0), or the values of swept keys, "
                      "e.g. policy.rd_subsidy_rate=0,policy.openness=0.5 (each swept key at most once; keys left "
                      "out may take any value)")
      ->type_name("INDEX|KEY=VALUE,...");
  return command;
}

CLI::App* add_sensitivity_command(CLI::App& app, SensitivityOptions& options) {
  CLI::App* command = app.add_subcommand(
      "sensitivity", "First-order and total Sobol indices of a metric from a sweep file with a sobol design; a warning "
                     "on stderr when the sample is too small for stable indices (docs/sweeps.md)");
  add_metric_options(*command, options);
  command->add_option("--resamples", options.resamples, "Bootstrap resamples of the intervals (default 1000)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--seed", options.seed, "Seed of the bootstrap (default 1)");
  return command;
}

int run_compare(const CompareOptions& options) {
  try {
    const sweep::TickSelection selection = selection_of(options);
    const sweep::SweepResults results(options.file);
    const sweep::RunValues metric = results.metric(options.metric, selection);
    const std::size_t scenarios = results.scenarios();
    const std::size_t replicates = results.replicates();
    std::vector<analysis::SweptValues> swept;
    for (const sweep::SweptParameter& parameter : results.parameters()) swept.push_back({parameter.key, parameter.values});
    std::size_t baseline = 0;
    try {
      baseline = analysis::select_scenario(options.baseline, swept, scenarios);
    } catch (const std::invalid_argument& problem) {
      throw ResultsError(fmt::format("--baseline: {} ({})", problem.what(), options.file));
    }
    const bool paired = results.attribute("common_random_numbers") == "true";
    const auto values_of = [&](std::size_t s) {
      return std::vector<double>(metric.values.begin() + static_cast<std::ptrdiff_t>(s * replicates),
                                 metric.values.begin() + static_cast<std::ptrdiff_t>((s + 1) * replicates));
    };
    const std::vector<double> base = values_of(baseline);

    Table table;
    table.header = {"scenario"};
    table.csv_header = {"scenario"};
    for (const sweep::SweptParameter& parameter : results.parameters()) {
      table.header.push_back(parameter.key);
      table.csv_header.push_back(parameter.key);
    }
    for (const char* name : {"baseline mean", "scenario mean", "mean difference", "CI low", "CI high",
                             "relative change (%)", "relative change CI (%)", "n", "paired", "excludes 0",
                             "n for 80 % power"}) {
      table.header.emplace_back(name);
    }
    for (const char* name : {"baseline_mean", "scenario_mean", "mean_difference", "ci_low", "ci_high",
                             "relative_change_percent", "relative_change_low_percent", "relative_change_high_percent",
                             "n", "paired", "excludes_zero", "replicates_for_80_percent_power"}) {
      table.csv_header.emplace_back(name);
    }
    bool some_unbounded = false;
    for (std::size_t s = 0; s < scenarios; ++s) {
      if (s == baseline) continue;
      std::vector<double> x = values_of(s);
      std::vector<double> b = base;
      const analysis::Difference d =
          paired ? analysis::paired_difference(x, b, options.level) : analysis::unpaired_difference(x, b, options.level);
      if (paired) {  // the means over the pairs used
        for (std::size_t j = 0; j < replicates; ++j) {
          if (std::isnan(x[j]) || std::isnan(b[j])) x[j] = b[j] = nan;
        }
      }
      const double scenario_mean = mean_of(x);
      const double baseline_mean = mean_of(b);
      std::vector<std::string> row{fmt::format("{}", s)};
      std::vector<std::string> csv_row = row;
      for (const sweep::SweptParameter& parameter : results.parameters()) {
        row.push_back(cell(parameter.values[s]));
        csv_row.push_back(csv_cell(parameter.values[s]));
      }
      for (double value : {baseline_mean, scenario_mean, d.mean, d.low, d.high, 100 * d.relative}) {
        row.push_back(cell(value));
        csv_row.push_back(csv_cell(value));
      }
      const analysis::RatioInterval& relative = d.relative_interval;
      switch (relative.bounds) {
        case analysis::RatioBounds::finite:
          row.push_back(fmt::format("[{}, {}]", cell(100 * relative.low), cell(100 * relative.high)));
          break;
        case analysis::RatioBounds::unbounded:
          row.push_back("no finite interval");
          some_unbounded = true;
          break;
        case analysis::RatioBounds::undefined: row.push_back("-"); break;
      }
      csv_row.push_back(csv_cell_or_empty(100 * relative.low));
      csv_row.push_back(csv_cell_or_empty(100 * relative.high));
      for (auto* cells : {&row, &csv_row}) {
        cells->push_back(fmt::format("{}", d.n));
        cells->push_back(d.paired ? "true" : "false");
        cells->push_back(analysis::excludes_zero(d) ? "true" : "false");
      }
      row.push_back(cell(d.replicates_for_power));
      csv_row.push_back(csv_cell(d.replicates_for_power));
      table.rows.push_back(std::move(row));
      table.csv_rows.push_back(std::move(csv_row));
    }
    fmt::print("{}: {}\n", options.file, metric.description);
    fmt::print("Scenario minus baseline scenario {}, {:g}% confidence intervals, {} over {} replicate{}.\n\n",
               baseline, 100 * options.level,
               paired ? "paired (common random numbers)" : "unpaired (Welch)", replicates,
               replicates == 1 ? "" : "s");
    fmt::print("{}", markdown(table));
    fmt::print("\nThe relative change is mean(scenario) / mean(baseline) - 1; its interval is Fieller's on the ratio "
               "of the means{}.\n",
               paired ? ", with the covariance of the pairs" : "");
    if (some_unbounded) {
      fmt::print("No finite interval: the baseline mean's own {:g}% interval includes 0, so the data cannot bound the "
                 "ratio; read the mean difference, or run more replicates.\n",
                 100 * options.level);
    }
    if (!options.csv.empty()) write_csv(options.csv, table);
  } catch (const ResultsError& error) {
    return bad_input(error);
  }
  return 0;
}

int run_sensitivity(const SensitivityOptions& options, const Model& model) {
  try {
    const sweep::TickSelection selection = selection_of(options);
    const sweep::SweepResults results(options.file);
    const std::string design_name = results.attribute("design").value_or("");
    if (design_name != "sobol") {
      throw ResultsError(fmt::format("{} has a {} design; sensitivity needs a sobol design (sweep.design = \"sobol\")",
                                     options.file, design_name.empty() ? "unknown" : design_name));
    }
    const std::optional<std::string> text = results.attribute("sweep");
    if (!text) throw ResultsError(fmt::format("{} lacks the attribute 'sweep' (its sweep file)", options.file));

    // The design as the sweep generated it.
    sweep::Design design;
    try {
      const config::Schema schema = sweep::sweep_schema();  // the Config refers to it
      const config::Config config =
          config::load_string(schema, *text, fmt::format("{} (attribute 'sweep')", options.file),
                              std::filesystem::path(options.file).parent_path());
      design = sweep::design_of(config);
    } catch (const config::InputError& error) {
      std::string message = fmt::format("the attribute 'sweep' of {} is not a valid sweep file:", options.file);
      message += "\n" + config::report(error.errors(), "  ");
      throw ResultsError(message);
    }
    const config::Schema scenario_schema = sim::scenario_schema(model);
    for (sweep::Parameter& parameter : design.parameters) {
      const config::KeySpec* key = scenario_schema.find(parameter.key);
      parameter.integer = key != nullptr && key->kind == config::Kind::integer;
    }
    sweep::Points points;
    try {
      points = sweep::generate(design);
    } catch (const std::invalid_argument& problem) {
      throw ResultsError(fmt::format("the design of {} cannot be regenerated: {}", options.file, problem.what()));
    }
    const auto disagree = [&](const std::string& what) {
      return ResultsError(fmt::format("{} and its design disagree: {}", options.file, what));
    };
    const std::vector<sweep::SweptParameter>& parameters = results.parameters();
    if (points.rows.size() != results.scenarios()) {
      throw disagree(fmt::format("the design has {} scenarios, the file {}", points.rows.size(), results.scenarios()));
    }
    if (parameters.size() != points.keys.size()) {
      throw disagree(fmt::format("the design has {} parameters, the file {}", points.keys.size(), parameters.size()));
    }
    for (std::size_t p = 0; p < parameters.size(); ++p) {
      if (parameters[p].key != points.keys[p]) {
        throw disagree(fmt::format("parameter {} is '{}' in the design, '{}' in the file", p, points.keys[p],
                                   parameters[p].key));
      }
      for (std::size_t s = 0; s < points.rows.size(); ++s) {
        if (points.rows[s][p] != parameters[p].values[s]) {
          throw disagree(fmt::format("scenario {} has {} = {} in the file, {} in the design", s, parameters[p].key,
                                     parameters[p].values[s], points.rows[s][p]));
        }
      }
    }

    // Each scenario's metric: the mean over its replicates that are done.
    const sweep::RunValues metric = results.metric(options.metric, selection);
    const std::size_t replicates = results.replicates();
    const auto samples = static_cast<std::size_t>(design.samples);
    const std::size_t d = parameters.size();
    analysis::SaltelliResults saltelli;
    saltelli.a.assign(samples, nan);
    saltelli.b.assign(samples, nan);
    saltelli.ab.assign(d, std::vector<double>(samples, nan));
    for (std::size_t s = 0; s < points.rows.size(); ++s) {
      const std::vector<double> runs(metric.values.begin() + static_cast<std::ptrdiff_t>(s * replicates),
                                     metric.values.begin() + static_cast<std::ptrdiff_t>((s + 1) * replicates));
      const double value = mean_of(runs);
      const sweep::SaltelliRole& role = points.roles[s];
      const auto j = static_cast<std::size_t>(role.sample);
      switch (role.matrix) {
        case sweep::SaltelliMatrix::a: saltelli.a[j] = value; break;
        case sweep::SaltelliMatrix::b: saltelli.b[j] = value; break;
        case sweep::SaltelliMatrix::ab: saltelli.ab[static_cast<std::size_t>(role.parameter)][j] = value; break;
      }
    }
    const std::vector<analysis::SobolIndex> indices =
        analysis::sobol_indices(saltelli, options.resamples, options.level, options.seed);

    Table table;
    table.header = {"parameter", "first-order [low, high]", "total [low, high]"};
    table.csv_header = {"parameter", "first_order", "first_order_low", "first_order_high",
                        "total",     "total_low",   "total_high"};
    for (std::size_t p = 0; p < d; ++p) {
      const analysis::SobolIndex& index = indices[p];
      table.rows.push_back({parameters[p].key,
                            fmt::format("{} [{}, {}]", cell(index.first_order), cell(index.first_low),
                                        cell(index.first_high)),
                            fmt::format("{} [{}, {}]", cell(index.total), cell(index.total_low),
                                        cell(index.total_high))});
      table.csv_rows.push_back({parameters[p].key, csv_cell(index.first_order), csv_cell(index.first_low),
                                csv_cell(index.first_high), csv_cell(index.total), csv_cell(index.total_low),
                                csv_cell(index.total_high)});
    }
    fmt::print("{}: {}\n", options.file, metric.description);
    fmt::print("Sobol indices from {} base samples x ({} + 2) scenarios{}; {:g}% bootstrap intervals ({} resamples, "
               "seed {}).\n\n",
               samples, d,
               replicates > 1 ? fmt::format(", each the mean of its {} replicates", replicates) : std::string(),
               100 * options.level, options.resamples, options.seed);
    fmt::print("{}", markdown(table));
    if (!options.csv.empty()) write_csv(options.csv, table);

    std::vector<std::string> names;
    for (const sweep::SweptParameter& parameter : parameters) names.push_back(parameter.key);
    const std::vector<std::string> problems = analysis::stability_problems(indices, names);
    if (!problems.empty()) {
      // The widest interval says how many base samples would bring every interval to the width accepted.
      double widest = 0;
      for (const analysis::SobolIndex& index : indices) {
        widest = std::max({widest, index.first_high - index.first_low, index.total_high - index.total_low});
      }
      fmt::print(stderr, "clustersim: warning: {} base samples are too few for stable Sobol indices:\n", samples);
      for (const std::string& problem : problems) fmt::print(stderr, "  {}\n", problem);
      if (std::isfinite(widest) && widest > 0.1) {
        fmt::print(stderr,
                   "  intervals narrow like 1/sqrt(N): about {} base samples would bring the widest to 0.1 "
                   "(sweep.samples; docs/sweeps.md)\n",
                   static_cast<long long>(std::ceil(static_cast<double>(samples) * (widest / 0.1) * (widest / 0.1))));
      }
    }
  } catch (const ResultsError& error) {
    return bad_input(error);
  }
  return 0;
}

}  // namespace sim::cli
