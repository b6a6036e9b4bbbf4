#pragma once
// Calibration files (docs/calibration.md): the scenario, the parameters to estimate with their bounds,
// the target moments (a CSV of values, standard errors and sources) and how each moment is computed from
// a run, the replicates, the weighting and the search. Validated like scenario files: every problem with
// its file, line and key, all at once.
//
//   [calibration]
//   scenario = "../baseline.toml"
//   targets = { file = "china_targets.csv" }   # moment,value,standard_error,source
//   replicates = 4
//
//   [[calibration.parameters]]
//   key = "knowledge.distance_decay_km"
//   low = 50.0
//   high = 1500.0
//
//   [[calibration.moments]]
//   name = "rd_intensity"
//   statistic = "share"
//   variable = "rd_spending"
//   denominator = "gdp"
#include <cstdint>
#include <filesystem>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "sim/calibrate/moment_statistics.hpp"
#include "sim/config/config.hpp"
#include "sim/run/model.hpp"

namespace sim::calibrate {

struct ParameterSpec {
  std::string key;  // a real key of the scenario
  double low = 0.0;
  double high = 0.0;
};

struct MomentSpec {
  std::string name;
  Statistic statistic = Statistic::mean;
  std::string variable;            // a time series; for tail_index a column of a record table (firm_sales)
  std::string denominator;         // share: required; cross_section_cv: optional (per region); else empty
  std::string paired_with;         // correlation: the second series; else empty
  std::string region;              // "" every region; else the label whose values `variable` takes
  std::string denominator_region;  // the same for `denominator`
  double from_year = 0.0;          // the window: ticks whose span lies in [from_year, to_year) of the run
  double to_year = std::numeric_limits<double>::infinity();  // resolved to the run's length when not given
  double tail_fraction = 0.05;     // tail_index: share of the largest values the estimator uses
  double target = 0.0;             // from the targets file
  double target_standard_error = 0.0;
  std::string source;
};

enum class Weighting { diagonal, efficient };
enum class LocalAlgorithm { neldermead, sbplx, bobyqa };

struct SearchSettings {
  int global_points = 32;       // scrambled-free Sobol points over the bounds
  int batch_rounds = 3;         // best-batch rounds after them
  int batch_size = 8;           // points a round: one around each of the best `batch_size` so far
  LocalAlgorithm local = LocalAlgorithm::neldermead;
  int local_evaluations = 60;   // at most, per local search
  double local_tolerance = 1e-3;  // stop when a step moves every parameter less than this share of its range
  std::uint64_t seed = 1;       // of the best-batch draws
};

struct CalibrationSpec {
  std::filesystem::path file;      // the calibration file as given
  std::filesystem::path scenario;  // the base scenario, resolved
  std::vector<std::string> base_overrides;  // --set of the base scenario ("key=value"), applied first
  std::vector<ParameterSpec> parameters;
  std::vector<MomentSpec> moments;
  int replicates = 4;
  bool common_random_numbers = true;
  std::uint32_t first_replicate = 0;  // replicate keys first_replicate, first_replicate + 1, ...
  Weighting weighting = Weighting::diagonal;
  int covariance_replicates = 32;     // efficient: runs at the first-stage estimate that estimate S
  double jacobian_step = 0.05;        // share of each parameter's range
  SearchSettings search;
  int ticks = 0;                      // of the base scenario
  double years_per_tick = 0.25;
  std::string text;                   // the resolved calibration file (TOML, targets inline)
  std::string scenario_text;          // the resolved base scenario (TOML)
};

// The schema of calibration files (for validation and the reference in docs/calibration.md).
config::Schema calibration_schema();

// Reads and validates a calibration file against the model: the base scenario loads and passes the
// model's check; each parameter is a real key of the scenario that neither the time axis nor the random
// streams depend on, not set by --set, with low < high inside the key's range; each moment names output
// variables the model declares (with a region axis where a region is chosen or the statistic needs one),
// a window with enough ticks, the fields its statistic reads and no other; every moment has one target and
// every target a moment; there are at least as many moments as parameters. `overrides` ("key=value", as
// --set) of keys under `calibration.` change the calibration file, any other key the base scenario.
// Throws config::InputError with every problem found. Without `with_targets` (`clustersim moments`, which
// makes targets) the targets are neither read nor required, and every moment's target is 0.
CalibrationSpec load_calibration(const Model& model, const std::filesystem::path& file,
                                 std::span<const std::string> overrides = {}, bool with_targets = true);

// The overrides ("key=value") that set the parameters to `point` (in the order of spec.parameters).
std::vector<std::string> parameter_overrides(const CalibrationSpec& spec, std::span<const double> point);

}  // namespace sim::calibrate
