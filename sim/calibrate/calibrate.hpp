#pragma once
// A calibration by the method of simulated moments (docs/calibration.md): a Sobol design and best-batch
// rounds over the bounds, a local derivative-free search from the best point, with efficient weighting a
// second stage, then the Jacobian at the estimate on common random numbers and the inference. Every run
// goes through the journal, so an interrupted calibration resumed with the same file ends where an
// uninterrupted one does.
#include <Eigen/Dense>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/calibrate/calibration_file.hpp"
#include "sim/calibrate/evaluator.hpp"
#include "sim/calibrate/inference.hpp"
#include "sim/run/model.hpp"
#include "sim/run/run.hpp"

namespace sim::calibrate {

enum class Stage { global, batch, local, covariance, efficient_local, jacobian };
std::string_view to_string(Stage stage);

struct EvaluatedPoint {
  Evaluation evaluation;
  Stage stage = Stage::global;
  double search_loss = 0.0;  // under the weighting of its stage (+inf when a run failed)
  double loss = 0.0;         // under the final weighting
};

struct CalibrationResult {
  std::vector<EvaluatedPoint> evaluations;  // in the order evaluated
  std::size_t estimate_index = 0;           // the evaluation at the estimate
  Eigen::VectorXd estimate;                 // theta_hat
  double loss = 0.0;                        // at the estimate, under the final weighting
  Eigen::MatrixXd weighting;                // W
  Eigen::MatrixXd moment_covariance;        // S
  Eigen::MatrixXd jacobian;                 // G, moments x parameters, per unit of each parameter
  Inference inference;
  std::string local_stop;                   // why the (last) local search stopped; "" when none ran
  std::size_t runs_run = 0;                 // by this session
  std::size_t runs_replayed = 0;            // taken from the journal of an earlier session
  bool journal_replaced = false;            // a journal of an interrupted calibration was replaced
  double seconds = 0.0;
};

struct CalibrationProgress {
  Stage stage = Stage::global;
  std::size_t evaluations = 0;  // points evaluated so far
  double best_loss = 0.0;       // lowest so far under the stage's weighting
  EvaluatorProgress runs;       // of the batch under way
  double seconds = 0.0;
};

struct CalibrationSettings {
  int jobs = 1;
  bool resume = false;  // continue OUTPUT.journal
  RunOptions run;
  const RemoteRuns* remote = nullptr;  // other processes that run runs (MPI ranks); none: this one only
};

// OUTPUT.journal, where the runs are recorded until the results are written.
std::filesystem::path journal_path(const std::filesystem::path& output);

// Runs the calibration and returns its results; the caller writes them (calibration_results.hpp) and
// then removes the journal. Throws JournalError (resume without a fitting journal), Interrupted (a
// signal; the journal keeps the runs that ended), std::runtime_error when every point of the global
// search failed (the message gives the first run's error).
CalibrationResult calibrate(const Model& model, const CalibrationSpec& spec, EvaluationJournal& journal,
                            const CalibrationSettings& settings,
                            const std::function<void(const CalibrationProgress&)>& progress = {});

// The text a journal is tied to: the resolved calibration and scenario and the program version.
std::string journal_identity(const CalibrationSpec& spec);

}  // namespace sim::calibrate
