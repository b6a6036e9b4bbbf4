#pragma once
// Deterministic parallel loops inside one run. The work is cut into tasks fixed by the data (one task
// per index: a cluster, a region, a fixed block of rows), never by the number of threads, and each task
// writes only its own results; a sum over tasks is then taken by the caller in task order. So a run
// gives the same bits with 1 thread or N. The thread count belongs to the calling thread (ThreadScope),
// so a sweep that runs one run per thread leaves every run on its own thread.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

namespace sim::parallel {

// Threads the loops of the calling thread may use: 1 unless a ThreadScope is open.
int threads();

class WorkerPool;

// Sets the calling thread's thread count while it lives (a run with `--threads N`), and keeps the
// threads that help it.
class ThreadScope {
 public:
  explicit ThreadScope(int threads);
  ~ThreadScope();
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;

 private:
  int previous_;
  WorkerPool* previous_pool_;
  std::unique_ptr<WorkerPool> pool_;
};

// Rows per block for loops over rows (firms): fixed, so that block sums do not depend on threads.
inline constexpr std::size_t block_rows = 16384;

inline std::size_t block_count(std::size_t rows) { return (rows + block_rows - 1) / block_rows; }

// The loop itself (parallel.cpp): calls run(context, t) for t in [0, count) on the scope's threads.
void run_tasks(std::int64_t count, void (*run)(void* context, std::int64_t task), void* context);

// Calls task(t) for t in [0, count), on up to threads() threads. An exception thrown by a task is
// rethrown after the loop: that of the lowest task that threw, so that the error does not depend on
// the threads either.
template <class Task>
void for_each_task(std::int64_t count, Task&& task) {
  if (threads() <= 1 || count < 2) {
    for (std::int64_t t = 0; t < count; ++t) task(t);
    return;
  }
  using Callable = std::remove_reference_t<Task>;
  run_tasks(count, [](void* context, std::int64_t t) { (*static_cast<Callable*>(context))(t); },
            const_cast<void*>(static_cast<const void*>(&task)));
}

// Calls body(begin, end) on the fixed blocks of block_rows rows of [0, rows), in parallel.
template <class Body>
void for_each_block(std::size_t rows, Body&& body) {
  for_each_task(static_cast<std::int64_t>(block_count(rows)), [&](std::int64_t b) {
    const std::size_t begin = static_cast<std::size_t>(b) * block_rows;
    const std::size_t end = begin + block_rows < rows ? begin + block_rows : rows;
    body(begin, end);
  });
}

}  // namespace sim::parallel
