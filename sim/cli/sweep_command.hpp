#pragma once
// `clustersim sweep`: every scenario and replicate of a sweep file into one HDF5 file, on threads, or
// across the ranks of an MPI job when an MPI launcher started the process (docs/sweeps.md).
#include <string>
#include <vector>

#include "sim/cli/progress.hpp"
#include "sim/run/model.hpp"
#include "sim/sweep/runner.hpp"

namespace CLI {
class App;
}

namespace sim::cli {

struct SweepOptions {
  std::string file;
  std::vector<std::string> overrides;  // KEY=VALUE of the sweep file (sweep.*) or of its base scenario
  std::string output;                  // set by the caller when empty (results/SWEEP.h5)
  bool quiet = false;
  double progress_interval = default_progress_interval;  // seconds between lines without a terminal; 0: none
  sweep::SweepSettings settings;       // jobs, resume, run options
};

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options);

// Runs the sweep and returns the exit status: 0, or 1 when a run failed or the sweep stopped on an error
// (said on stderr, with where the recorded runs stay), or 128 + the signal when interrupted (how many
// runs were saved, and --resume). config::InputError, output::ResumeError and output::OutputInUse
// propagate, from rank 0 only under MPI (the other ranks end quietly with status 2).
int run_sweep_command(const SweepOptions& options, const Model& model);

}  // namespace sim::cli
