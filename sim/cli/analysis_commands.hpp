#pragma once
// `clustersim compare` and `clustersim sensitivity`: statistics of a finished sweep file
// (docs/sweeps.md, "Comparing scenarios and sensitivity").
#include <cstdint>
#include <string>

#include "sim/run/model.hpp"

namespace CLI {
class App;
}

namespace sim::cli {

// What both commands take: the file, the metric and its ticks, where to write CSV, the interval level.
struct MetricOptions {
  std::string file;
  std::string metric;
  std::string at;      // YYYY-MM-DD: last tick on or before; empty: the last tick
  std::string window;  // YYYY-MM-DD:YYYY-MM-DD: mean over the ticks within (inclusive)
  std::string csv;     // also write the table as CSV here
  double level = 0.95;
};

struct CompareOptions : MetricOptions {
  // A scenario index ("0"), or swept values "policy.rd_subsidy_rate=0.1,policy.openness=0.5"
  // (sim/analysis/scenario_selection.hpp).
  std::string baseline = "0";
};

struct SensitivityOptions : MetricOptions {
  int resamples = 1000;
  std::uint64_t seed = 1;
};

// Register the subcommands and their options on `app`.
CLI::App* add_compare_command(CLI::App& app, CompareOptions& options);
CLI::App* add_sensitivity_command(CLI::App& app, SensitivityOptions& options);

// Run them: print the Markdown table on stdout, write the CSV if asked. Return the exit status (0, or 2
// for bad input with a message on stderr); other failures (I/O) throw.
int run_compare(const CompareOptions& options);
int run_sensitivity(const SensitivityOptions& options, const Model& model);

}  // namespace sim::cli
