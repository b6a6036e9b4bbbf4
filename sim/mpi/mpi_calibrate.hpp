#pragma once
// A calibration across the processes of an MPI job: rank 0 runs the search, its own threads and every
// other rank run the runs it needs (a farm of runs, task_farm.hpp). The results are the same, bit for bit,
// as a calibration in one process: each run is deterministic in its parameters and replicate key.
#include "sim/calibrate/calibration_file.hpp"
#include "sim/calibrate/evaluator.hpp"
#include "sim/mpi/task_farm.hpp"
#include "sim/run/model.hpp"

namespace sim::mpi {

// Rank 0: the runs that `serve` hands out go to the other ranks through `coordinator`.
calibrate::RemoteRuns remote_runs(Coordinator& coordinator);

// Any other rank: runs what rank 0 hands out until it says stop. Interrupted propagates (rank 0 has been
// told that this rank is gone).
void serve_runs(const Model& model, const calibrate::CalibrationSpec& spec, const RunOptions& options);

}  // namespace sim::mpi
