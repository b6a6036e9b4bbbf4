#pragma once
// `clustersim calibrate`: estimate a scenario's parameters from target moments by the method of simulated
// moments; `clustersim moments`: a calibration file's moments at given parameter values, as a targets CSV
// (a recovery exercise's targets, or a check of what the model gives). docs/calibration.md.
#include <string>
#include <vector>

#include "sim/calibrate/calibrate.hpp"
#include "sim/run/model.hpp"

namespace CLI {
class App;
}

namespace sim::cli {

struct CalibrateOptions {
  std::string file;
  std::vector<std::string> overrides;  // KEY=VALUE of the calibration file (calibration.*) or its scenario
  std::string output;                  // set by the caller when empty (results/CAL.h5)
  bool quiet = false;
  calibrate::CalibrationSettings settings;
};

struct MomentsOptions {
  std::string file;
  std::vector<std::string> overrides;
  std::vector<std::string> at;  // KEY=VALUE of the calibration's parameters
  int replicates = 20;
  long first_replicate = 1000;
  int jobs = 1;
  std::string output;  // the CSV; "-": standard output
};

CLI::App* add_calibrate_command(CLI::App& app, CalibrateOptions& options);
CLI::App* add_moments_command(CLI::App& app, MomentsOptions& options);

// Runs the calibration, writes the results file and prints the table; returns 0, 1 on a runtime failure
// (the journal stays for --resume), or 128 + the signal when interrupted. config::InputError,
// calibrate::JournalError and output::OutputInUse propagate (exit status 2).
int run_calibrate_command(const CalibrateOptions& options, const Model& model);
int run_moments_command(const MomentsOptions& options, const Model& model);

}  // namespace sim::cli
