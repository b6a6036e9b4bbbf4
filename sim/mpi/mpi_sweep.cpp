#include "sim/mpi/mpi_sweep.hpp"

#include <mpi.h>
#include <signal.h>

#include <fmt/core.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/run/interruption.hpp"
#include "sim/sweep/run_outcome.hpp"

namespace sim::mpi {

namespace {

// Messages between rank 0 and the others. A worker sends `request` (empty) when it starts, `result`
// (a run outcome as bytes) when it ends a run, and `gone` (empty) if it cannot take runs at all or a
// signal interrupted its run; rank 0 answers `request` and `result` with `assign`: {run index, deflate
// level}, or {-1, 0} for "stop".
enum Tag : int { request = 1, result = 2, assign = 3, gone = 4 };

void check(int code, const char* call) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw std::runtime_error(fmt::format("{} failed: {}", call, std::string(text, static_cast<std::size_t>(length))));
}

std::vector<unsigned char> receive(const MPI_Status& probed) {
  int count = 0;
  check(MPI_Get_count(&probed, MPI_BYTE, &count), "MPI_Get_count");
  std::vector<unsigned char> bytes(static_cast<std::size_t>(count));
  check(MPI_Recv(bytes.data(), count, MPI_BYTE, probed.MPI_SOURCE, probed.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "MPI_Recv");
  return bytes;
}

// Rank 0's side: hands out runs and collects outcomes; knows which ranks have been told to stop.
class Coordinator {
 public:
  explicit Coordinator(int size)
      : stopped_(static_cast<std::size_t>(size), false), busy_(static_cast<std::size_t>(size), false) {
    stopped_[0] = true;
  }

  std::vector<sweep::RunOutcome> serve(const std::function<std::optional<std::size_t>()>& take, int deflate_level) {
    std::vector<sweep::RunOutcome> arrived;
    for (;;) {
      int waiting = 0;
      MPI_Status status;
      check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status), "MPI_Iprobe");
      if (!waiting) return arrived;
      const std::vector<unsigned char> bytes = receive(status);
      if (status.MPI_TAG == gone) {
        const auto rank = static_cast<std::size_t>(status.MPI_SOURCE);
        stopped_[rank] = true;
        // A rank interrupted in the middle of a run (a signal to it alone) takes that run with it: the
        // sweep cannot complete, so it stops as if interrupted here, keeping what is recorded.
        if (busy_[rank]) request_interrupt(SIGTERM);
        continue;
      }
      if (status.MPI_TAG == result) arrived.push_back(sweep::from_bytes(bytes));
      reply(status.MPI_SOURCE, take(), deflate_level);
    }
  }

  // Answers every rank not yet stopped with "stop", waiting for its next message (an outcome that
  // arrives now belongs to a sweep that is over, and is dropped).
  void stop_all() {
    while (std::find(stopped_.begin(), stopped_.end(), false) != stopped_.end()) {
      MPI_Status status;
      check(MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "MPI_Probe");
      receive(status);
      if (status.MPI_TAG == gone) {
        stopped_[static_cast<std::size_t>(status.MPI_SOURCE)] = true;
      } else {
        reply(status.MPI_SOURCE, std::nullopt, 0);
      }
    }
  }

 private:
  void reply(int rank, std::optional<std::size_t> index, int deflate_level) {
    const std::int64_t message[2] = {index ? static_cast<std::int64_t>(*index) : -1, index ? deflate_level : 0};
    check(MPI_Send(message, 2, MPI_INT64_T, rank, assign, MPI_COMM_WORLD), "MPI_Send");
    if (!index) stopped_[static_cast<std::size_t>(rank)] = true;
    busy_[static_cast<std::size_t>(rank)] = index.has_value();
  }

  std::vector<bool> stopped_;
  std::vector<bool> busy_;  // has a run assigned whose outcome has not come back
};

// A worker's side: one run at a time until rank 0 says stop.
void work(const Model& model, const sweep::SweepSpec& spec, const sweep::SweepSettings& settings) {
  BurnInCache burn_ins;  // each rank computes the burn-ins of its own runs once
  const config::Schema schema = scenario_schema(model);
  std::vector<unsigned char> bytes;
  int tag = request;
  for (;;) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
      throw std::runtime_error(fmt::format("a run's outcome of {} bytes is too large for one MPI message", bytes.size()));
    }
    check(MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, tag, MPI_COMM_WORLD), "MPI_Send");
    std::int64_t message[2] = {-1, 0};
    check(MPI_Recv(message, 2, MPI_INT64_T, 0, assign, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
    if (message[0] < 0) return;
    try {
      const sweep::RunOutcome outcome = sweep::run_one(model, schema, spec, static_cast<std::size_t>(message[0]),
                                                       settings.run, static_cast<int>(message[1]), burn_ins);
      bytes = sweep::to_bytes(outcome);
    } catch (const Interrupted&) {
      // Rank 0 must not wait for this run: it learns that this rank is gone (and stops the sweep).
      check(MPI_Send(nullptr, 0, MPI_BYTE, 0, gone, MPI_COMM_WORLD), "MPI_Send");
      throw;
    }
    tag = result;
  }
}

}  // namespace

Session::Session() {
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw std::runtime_error("the MPI library does not allow threads beside the one that calls MPI");
  }
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

Session::~Session() { MPI_Finalize(); }

std::optional<sweep::SweepResult> run_distributed_sweep(const Session& session, const Model& model,
                                                        const std::function<sweep::SweepSpec()>& load,
                                                        const std::filesystem::path& output,
                                                        const sweep::SweepSettings& settings,
                                                        const std::function<void(const sweep::SweepProgress&)>& progress) {
  if (session.rank() != 0) {
    sweep::SweepSpec spec;
    try {
      spec = load();
    } catch (...) {
      check(MPI_Send(nullptr, 0, MPI_BYTE, 0, gone, MPI_COMM_WORLD), "MPI_Send");
      throw;
    }
    work(model, spec, settings);
    return std::nullopt;
  }
  Coordinator coordinator(session.size());
  const sweep::RemoteWorkers remote{
      .serve = [&](const std::function<std::optional<std::size_t>()>& take,
                   int deflate_level) { return coordinator.serve(take, deflate_level); },
      .stop = [&] { coordinator.stop_all(); }};
  try {
    const sweep::SweepSpec spec = load();
    sweep::SweepSettings distributed = settings;
    distributed.remote = &remote;
    return sweep::run_sweep(model, spec, output, distributed, progress);
  } catch (...) {
    coordinator.stop_all();
    throw;
  }
}

}  // namespace sim::mpi
