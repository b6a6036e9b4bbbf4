#include "sim/mpi/task_farm.hpp"

#include <mpi.h>
#include <signal.h>

#include <fmt/core.h>

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <string>

#include "sim/run/interruption.hpp"

namespace sim::mpi {

namespace {

// Messages between rank 0 and the others. A worker sends `request` (empty) when it starts, `result`
// (bytes) when it ends a task, and `gone` (empty) if it cannot take tasks at all or a signal interrupted
// its task; rank 0 answers `request` and `result` with `assign`: a task's bytes, or no bytes for "stop".
enum Tag : int { request = 1, result = 2, assign = 3, gone = 4 };

void check(int code, const char* call) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw std::runtime_error(fmt::format("{} failed: {}", call, std::string(text, static_cast<std::size_t>(length))));
}

Bytes receive(const MPI_Status& probed) {
  int count = 0;
  check(MPI_Get_count(&probed, MPI_BYTE, &count), "MPI_Get_count");
  Bytes bytes(static_cast<std::size_t>(count));
  check(MPI_Recv(bytes.data(), count, MPI_BYTE, probed.MPI_SOURCE, probed.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "MPI_Recv");
  return bytes;
}

void send(const Bytes& bytes, int rank, int tag) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    throw std::runtime_error(fmt::format("a message of {} bytes is too large for one MPI message", bytes.size()));
  }
  check(MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, rank, tag, MPI_COMM_WORLD), "MPI_Send");
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

Coordinator::Coordinator(int size)
    : stopped_(static_cast<std::size_t>(size), false), busy_(static_cast<std::size_t>(size), false) {
  stopped_[0] = true;
}

std::vector<Bytes> Coordinator::serve(const std::function<std::optional<Bytes>()>& take) {
  std::vector<Bytes> arrived;
  while (!idle_.empty()) {
    std::optional<Bytes> task = take();
    if (!task) break;
    reply(idle_.front(), task);
    idle_.erase(idle_.begin());
  }
  for (;;) {
    int waiting = 0;
    MPI_Status status;
    check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status), "MPI_Iprobe");
    if (!waiting) return arrived;
    Bytes bytes = receive(status);
    if (status.MPI_TAG == gone) {
      const auto rank = static_cast<std::size_t>(status.MPI_SOURCE);
      stopped_[rank] = true;
      if (busy_[rank]) request_interrupt(SIGTERM);
      continue;
    }
    if (status.MPI_TAG == result) arrived.push_back(std::move(bytes));
    std::optional<Bytes> task = take();
    if (task) {
      reply(status.MPI_SOURCE, task);
    } else {
      busy_[static_cast<std::size_t>(status.MPI_SOURCE)] = false;
      idle_.push_back(status.MPI_SOURCE);
    }
  }
}

void Coordinator::stop_all() {
  for (int rank : idle_) reply(rank, std::nullopt);
  idle_.clear();
  while (std::find(stopped_.begin(), stopped_.end(), false) != stopped_.end()) {
    MPI_Status status;
    check(MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "MPI_Probe");
    receive(status);
    if (status.MPI_TAG == gone) {
      stopped_[static_cast<std::size_t>(status.MPI_SOURCE)] = true;
    } else {
      reply(status.MPI_SOURCE, std::nullopt);
    }
  }
}

void Coordinator::reply(int rank, const std::optional<Bytes>& task) {
  send(task ? *task : Bytes{}, rank, assign);
  if (!task) stopped_[static_cast<std::size_t>(rank)] = true;
  busy_[static_cast<std::size_t>(rank)] = task.has_value();
}

void work(const std::function<Bytes(std::span<const unsigned char> task)>& run) {
  Bytes bytes;
  int tag = request;
  for (;;) {
    send(bytes, 0, tag);
    MPI_Status status;
    check(MPI_Probe(0, assign, MPI_COMM_WORLD, &status), "MPI_Probe");
    const Bytes task = receive(status);
    if (task.empty()) return;
    try {
      bytes = run(task);
    } catch (...) {
      // Rank 0 must not wait for this task: it learns that this rank is gone.
      leave();
      throw;
    }
    tag = result;
  }
}

void leave() { check(MPI_Send(nullptr, 0, MPI_BYTE, 0, gone, MPI_COMM_WORLD), "MPI_Send"); }

}  // namespace sim::mpi
