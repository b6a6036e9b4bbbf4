#pragma once
// A sweep across the processes of an MPI job (mpirun -n P, or srun under Slurm): a farm of runs
// (task_farm.hpp). Rank 0 writes the one output file and runs runs on its own threads; every other rank
// runs one run at a time. The file holds the same values, bit for bit, as a sweep in one process: runs are
// deterministic and the file does not depend on who ran what or when.
#include <filesystem>
#include <functional>
#include <optional>

#include "sim/mpi/task_farm.hpp"
#include "sim/run/model.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/sweep_file.hpp"

namespace sim::mpi {

// Rank 0: loads the sweep with `load`, runs it with the other ranks into `output` and returns the
// result; whatever happens (an error in `load`, in the writer, a ResumeError), the other ranks are told
// to stop before the exception propagates. Other ranks: load the sweep, run what rank 0 hands out, and
// return std::nullopt; a rank whose `load` fails tells rank 0 that it takes no runs and rethrows.
std::optional<sweep::SweepResult> run_distributed_sweep(
    const Session& session, const Model& model, const std::function<sweep::SweepSpec()>& load,
    const std::filesystem::path& output, const sweep::SweepSettings& settings,
    const std::function<void(const sweep::SweepProgress&)>& progress = {});

}  // namespace sim::mpi
