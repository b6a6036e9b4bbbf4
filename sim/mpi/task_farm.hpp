#pragma once
// A farm of tasks across the processes of an MPI job (mpirun -n P, or srun under Slurm): rank 0 hands out
// tasks as bytes and collects their results, every other rank runs one task at a time, asking for the
// next when it hands back the last, so that fast and slow ranks share the work as it comes. Sweeps hand
// out runs to write (mpi_sweep.hpp), calibrations runs whose moments they need (mpi_calibrate.hpp).
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace sim::mpi {

using Bytes = std::vector<unsigned char>;

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

// Rank 0's side.
class Coordinator {
 public:
  explicit Coordinator(int size);
  // Answers every message that waits, and returns at once when none does: a rank's result is returned,
  // and each request or result is answered with the next task from `take`. When `take` has none
  // (std::nullopt) the rank waits, idle, for a later call that has one, or for stop_all. A rank
  // that goes away while holding a task (a signal to it alone) takes the task with it: the work cannot
  // complete, so the process is asked to stop as if interrupted (SIGTERM through request_interrupt).
  std::vector<Bytes> serve(const std::function<std::optional<Bytes>()>& take);
  // Answers every rank not yet stopped with "stop": at once if it waits idle, else at its next message (a
  // result that arrives now belongs to work that is over, and is dropped).
  void stop_all();

 private:
  void reply(int rank, const std::optional<Bytes>& task);
  std::vector<bool> stopped_;
  std::vector<bool> busy_;  // has a task whose result has not come back
  std::vector<int> idle_;   // ranks that asked for a task when there was none, in the order they asked
};

// Any other rank's side: asks rank 0 for tasks and runs each with `run` until told to stop. An exception
// of `run` is rethrown after rank 0 has been told that this rank is gone.
void work(const std::function<Bytes(std::span<const unsigned char> task)>& run);

// Tells rank 0 that this rank takes no tasks (its input could not be loaded).
void leave();

}  // namespace sim::mpi
