#pragma once
// Evaluating points of a calibration: every (point, replicate) run of a batch on a pool of threads, each
// run's moments recorded in the journal as it ends, and runs the journal already holds taken from it. A
// batch's results do not depend on the thread count or on which runs came from the journal: each run is
// deterministic in its scenario and replicate key.
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "sim/calibrate/calibration_file.hpp"
#include "sim/calibrate/evaluation_journal.hpp"
#include "sim/run/model.hpp"
#include "sim/run/run.hpp"

namespace sim::calibrate {

struct Evaluation {
  std::vector<double> point;                          // the parameters, in the order of spec.parameters
  std::vector<std::uint32_t> replicates;              // the replicate keys of its runs
  std::vector<std::vector<double>> replicate_moments;  // per run; empty for a run that failed
  std::vector<double> moments;                        // mean over the runs; NaN when a run failed
  std::string first_error;                            // of the first failed run; empty when none failed
  int failed = 0;
};

struct EvaluatorProgress {
  std::size_t runs_done = 0;     // this batch's runs done (from the journal included)
  std::size_t runs_total = 0;    // in this batch
};

// Other processes (the ranks of an MPI job) that run runs of the same calibration beside this process's
// threads. `serve` hands out runs obtained from `take` (std::nullopt once none is left), waits at most a
// few milliseconds, and returns the runs that have come back.
struct RemoteRuns {
  std::function<std::vector<std::pair<RunKey, RunRecord>>(const std::function<std::optional<RunKey>()>& take)> serve;
};

class Evaluator {
 public:
  // `jobs` threads run runs at the same time (each run on one thread), and `remote` processes if given.
  Evaluator(const Model& model, const CalibrationSpec& spec, EvaluationJournal& journal, int jobs,
            RunOptions options = {}, const RemoteRuns* remote = nullptr);
  // Runs the points with the replicate keys given per point. Throws Interrupted (a signal) once the runs
  // in flight have stopped; the runs that ended are in the journal.
  std::vector<Evaluation> evaluate(const std::vector<std::vector<double>>& points,
                                   const std::vector<std::vector<std::uint32_t>>& replicates,
                                   const std::function<void(const EvaluatorProgress&)>& progress = {});
  std::size_t runs_run() const { return runs_run_; }          // this session (other ranks' included)
  std::size_t runs_replayed() const { return runs_replayed_; }  // taken from the journal

 private:
  const Model& model_;
  const CalibrationSpec& spec_;
  EvaluationJournal& journal_;
  int jobs_;
  RunOptions options_;
  const RemoteRuns* remote_;
  std::size_t runs_run_ = 0;
  std::size_t runs_replayed_ = 0;
};

// The record of one run: its moments, or the error it failed with. Interrupted propagates.
RunRecord run_record(const Model& model, const CalibrationSpec& spec, const RunKey& key, const RunOptions& options,
                     BurnInCache* burn_ins);

// The moments of one run of the calibration's scenario at `point` with replicate key `replicate`.
// Throws what the run throws (config::InputError for a scenario the point makes invalid, ModelFailure,
// std::domain_error for a moment that is not defined).
std::vector<double> simulate_moments(const Model& model, const CalibrationSpec& spec, const std::vector<double>& point,
                                     std::uint32_t replicate, const RunOptions& options = {},
                                     BurnInCache* burn_ins = nullptr);

}  // namespace sim::calibrate
