#pragma once
// Sweep files: a base scenario, the swept keys and their design, replicates, common random numbers and
// the variables to keep. Validated like scenario files: every problem with file, line and key.
//
//   [sweep]
//   scenario = "../staggered_none.toml"   # relative to the sweep file
//   design = "grid"                        # grid, list, random, latin_hypercube, sobol
//   replicates = 4
//   common_random_numbers = true
//
//   [[sweep.parameters]]
//   key = "policy.rd_subsidy_rate"
//   values = [0.0, 0.1, 0.2]              # grid and list; low/high for sampled designs
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "sim/config/config.hpp"
#include "sim/run/model.hpp"
#include "sim/sweep/design.hpp"

namespace sim::sweep {

struct SweepSpec {
  std::filesystem::path file;      // the sweep file as given
  std::filesystem::path scenario;  // the base scenario, resolved
  Design design;
  Points points;                   // the scenarios of the design, in order
  int replicates = 1;
  bool common_random_numbers = true;
  std::vector<std::string> keep;   // names of variables to write; empty: every variable
  std::string text;                // the resolved sweep file (TOML), for the output's metadata
  // --set overrides of the base scenario ("key=value"), applied before the design's values; the
  // resolved base scenario in the output's metadata includes them.
  std::vector<std::string> base_overrides;
};

// Keys that runs compared with each other may not vary: they shape the time axis the runs share, or they
// are the random streams a sweep or a calibration assigns itself.
const std::vector<std::string>& fixed_keys();

// The key an override "key=value" names, trimmed; the whole text when it has no '=' (the loader then says
// what is wrong with it).
std::string override_key(const std::string& text);

// The schema of sweep files (for validation and the reference in docs/sweeps.md).
config::Schema sweep_schema();

// The design of a loaded sweep file as written: kind, samples, seed and every row of sweep.parameters
// (key, values, low, high), without the scenario or the model, so `integer` is false for every parameter
// (load_sweep sets it from the scenario schema). Shared by load_sweep and the analysis of a sweep file,
// which regenerates the design from the file's `sweep` attribute. A key without a value (config::load_report
// after an error) leaves Design's default.
Design design_of(const config::Config& sweep);

// Reads and validates a sweep file against the model's scenario schema: the base scenario must load
// and pass the model's check; each swept key must be a real or integer key of the scenario schema that
// does not shape the run's time axis or its random streams; every value must be within the key's range;
// the design must be well formed; every name in `keep` must be a time-series variable of the model's
// output (declared by a run started, not stepped, from the base scenario). `overrides` ("key=value", as
// --set) of keys under `sweep.` change the sweep file; any other key changes the base scenario (not a
// swept key: the design sets those). Throws config::InputError with every problem found, each with its
// file, line and column: an error of one key does not hide those of the others.
SweepSpec load_sweep(const Model& model, const std::filesystem::path& file,
                     std::span<const std::string> overrides = {});

// The overrides ("key=value") that turn the base scenario into scenario `index` of the sweep.
std::vector<std::string> scenario_overrides(const SweepSpec& spec, std::size_t index);

// The random-stream key of replicate `replicate` of scenario `scenario`: with common random numbers
// every scenario's replicate j uses replicate key j (paired comparisons); without, every run has a key of
// its own, scenario * replicates + replicate.
std::uint32_t replicate_key(const SweepSpec& spec, std::size_t scenario, int replicate);

}  // namespace sim::sweep
