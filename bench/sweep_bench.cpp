// Sweeps: runs per second of a sweep of small scenarios (48 runs of 2,000 firms over 12 ticks, written
// to one file) with 1 and 2 threads. Parallel efficiency = (runs/s at 2 threads) / (2 x runs/s at 1).
// Run: build/bench/sweep_bench
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "models/core/model.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/sweep_file.hpp"

namespace {

void sweep(benchmark::State& state) {
  const sim::Model model = models::cluster_model();
  const sim::sweep::SweepSpec spec =
      sim::sweep::load_sweep(model, std::string(CLUSTERSIM_SOURCE_DIR) + "/bench/data/sweep_small.toml");
  // Named after the process, so two benchmarks running at once do not write the same file.
  const std::filesystem::path output =
      std::filesystem::temp_directory_path() / ("clustersim-sweep-bench-" + std::to_string(::getpid()) + ".h5");
  sim::sweep::SweepSettings settings;
  settings.jobs = static_cast<int>(state.range(0));
  std::size_t runs = 0;
  for (auto _ : state) runs += sim::sweep::run_sweep(model, spec, output, settings).runs;
  std::filesystem::remove(output);
  state.counters["runs_per_second"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
  state.counters["threads"] = settings.jobs;
}

}  // namespace

// Wall-clock time: the work runs on the pool's threads, not on the benchmark's.
BENCHMARK(sweep)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();
BENCHMARK_MAIN();
