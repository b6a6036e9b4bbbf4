#include "sim/parallel.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sim::parallel {

// Threads that sleep between loops. A pool that spins, like OpenMP's default, took the core from the
// serial parts of a tick and made two threads slower than one on two cores; a short spin (50 us) before
// sleeping sped up the small loops but slowed the city run (13.1-16.5 s against 12.6-12.8 s for 30
// ticks), so callers keep loops too small to share on one thread instead. The calling thread takes tasks
// too; a task is handed out by an atomic counter, so which thread runs it is left to chance, and what it
// computes is not.
class WorkerPool {
 public:
  explicit WorkerPool(int threads) {
    for (int t = 1; t < threads; ++t) workers_.emplace_back([this] { work(); });
  }

  ~WorkerPool() {
    {
      const std::lock_guard lock(mutex_);
      stop_.store(true);
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void run(std::int64_t count, void (*task)(void*, std::int64_t), void* context) {
    {
      const std::lock_guard lock(mutex_);
      count_ = count;
      task_ = task;
      context_ = context;
      next_.store(0);
      failure_ = nullptr;
      failed_task_ = std::numeric_limits<std::int64_t>::max();
      busy_.store(static_cast<int>(workers_.size()));
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    take_tasks();
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return busy_.load(std::memory_order_acquire) == 0; });
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void work() {
    std::uint64_t seen = 0;
    for (;;) {
      const auto ready = [&] { return stop_.load(std::memory_order_acquire) || generation_.load(std::memory_order_acquire) != seen; };
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, ready);
      }
      if (stop_.load()) return;
      seen = generation_.load(std::memory_order_acquire);
      take_tasks();
      if (busy_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        // Under the lock, so that a caller about to wait for the count cannot miss the wake-up.
        const std::lock_guard lock(mutex_);
        done_.notify_one();
      }
    }
  }

  void take_tasks() {
    for (std::int64_t t = next_.fetch_add(1); t < count_; t = next_.fetch_add(1)) {
      try {
        task_(context_, t);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        if (t < failed_task_) {
          failed_task_ = t;
          failure_ = std::current_exception();
        }
      }
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<int> busy_{0};
  std::atomic<bool> stop_{false};
  std::int64_t count_ = 0;
  std::atomic<std::int64_t> next_{0};
  void (*task_)(void*, std::int64_t) = nullptr;
  void* context_ = nullptr;
  std::exception_ptr failure_;
  std::int64_t failed_task_ = std::numeric_limits<std::int64_t>::max();
};

namespace {
thread_local int calling_thread_count = 1;
thread_local WorkerPool* calling_thread_pool = nullptr;
}  // namespace

int threads() { return calling_thread_count; }

ThreadScope::ThreadScope(int threads) : previous_(calling_thread_count), previous_pool_(calling_thread_pool) {
  if (threads < 1) throw std::invalid_argument("a run needs at least one thread");
  calling_thread_count = threads;
  if (threads > 1) {
    pool_ = std::make_unique<WorkerPool>(threads);
    calling_thread_pool = pool_.get();
  }
}

ThreadScope::~ThreadScope() {
  calling_thread_count = previous_;
  calling_thread_pool = previous_pool_;
}

void run_tasks(std::int64_t count, void (*run)(void* context, std::int64_t task), void* context) {
  if (calling_thread_pool == nullptr) {
    for (std::int64_t t = 0; t < count; ++t) run(context, t);
    return;
  }
  calling_thread_pool->run(count, run, context);
}

}  // namespace sim::parallel
