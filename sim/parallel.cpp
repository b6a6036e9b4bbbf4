#include "sim/parallel.hpp"

#include <exception>
#include <limits>
#include <stdexcept>

namespace sim::parallel {

namespace {
thread_local int calling_thread_count = 1;
}

int threads() { return calling_thread_count; }

ThreadScope::ThreadScope(int threads) : previous_(calling_thread_count) {
  if (threads < 1) throw std::invalid_argument("a run needs at least one thread");
  calling_thread_count = threads;
}

ThreadScope::~ThreadScope() { calling_thread_count = previous_; }

void run_tasks(std::int64_t count, void (*run)(void* context, std::int64_t task), void* context) {
  const int thread_count = calling_thread_count;
  std::exception_ptr failure;
  std::int64_t failed_task = std::numeric_limits<std::int64_t>::max();
  // Tasks are handed out one at a time: their sizes differ (clusters), and which thread runs a task
  // does not change what it computes.
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count)
  for (std::int64_t t = 0; t < count; ++t) {
    try {
      run(context, t);
    } catch (...) {
#pragma omp critical(clustersim_parallel_failure)
      if (t < failed_task) {
        failed_task = t;
        failure = std::current_exception();
      }
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace sim::parallel
