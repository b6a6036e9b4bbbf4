#pragma once
// Running a sweep: every (scenario, replicate) of a sweep file on a pool of threads, each run's results
// collected in memory and handed to one writer as it finishes, so memory holds at most a few runs
// whatever the size of the sweep. A run that fails is recorded with its error; the others go on.
#include <cstddef>
#include <filesystem>
#include <functional>

#include "sim/run/model.hpp"
#include "sim/run/run.hpp"
#include "sim/sweep/sweep_file.hpp"

namespace sim::sweep {

struct SweepProgress {
  std::size_t done = 0;    // runs written, failed ones included
  std::size_t failed = 0;
  std::size_t total = 0;
  double seconds = 0.0;    // since the sweep started
};

struct SweepResult {
  std::filesystem::path output;
  std::size_t runs = 0;
  std::size_t failed = 0;
  double seconds = 0.0;
};

// Runs the sweep with `jobs` threads into `output` (through output.partial, renamed when every run is
// written). Throws config::InputError for a `keep` name that is not a variable of the model's output.
SweepResult run_sweep(const Model& model, const SweepSpec& spec, const std::filesystem::path& output, int jobs,
                      const std::function<void(const SweepProgress&)>& progress = {}, const RunOptions& options = {});

}  // namespace sim::sweep
