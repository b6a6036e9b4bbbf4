#pragma once
// A sweep across the processes of an MPI job (mpirun -n P, or srun under Slurm). Rank 0 writes the one
// output file and runs runs on its own threads; every other rank runs one run at a time, asking rank 0
// for the next when it hands back the last, so fast and slow ranks share the work as it comes. The file
// holds the same values, bit for bit, as a sweep in one process: runs are deterministic and the file
// does not depend on who ran what or when.
#include <filesystem>
#include <functional>
#include <optional>

#include "sim/run/model.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/sweep_file.hpp"

namespace sim::mpi {

// MPI_Init on construction (only the calling thread makes MPI calls), MPI_Finalize on destruction.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

// Rank 0: loads the sweep with `load`, runs it with the other ranks into `output` and returns the
// result; whatever happens (an error in `load`, in the writer, a ResumeError), the other ranks are told
// to stop before the exception propagates. Other ranks: load the sweep, run what rank 0 hands out, and
// return std::nullopt; a rank whose `load` fails tells rank 0 that it takes no runs and rethrows.
std::optional<sweep::SweepResult> run_distributed_sweep(
    const Session& session, const Model& model, const std::function<sweep::SweepSpec()>& load,
    const std::filesystem::path& output, const sweep::SweepSettings& settings,
    const std::function<void(const sweep::SweepProgress&)>& progress = {});

}  // namespace sim::mpi
