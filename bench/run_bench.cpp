// End to end: the whole baseline run as a user starts it (initial state, 80 ticks, HDF5 output).
// Run: build/bench/run_bench
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "models/core/model.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run.hpp"

namespace {

void baseline_run(benchmark::State& state) {
  const std::string scenario = std::string(CLUSTERSIM_SOURCE_DIR) + "/configs/baseline.toml";
  const sim::Model model = models::cluster_model();
  const sim::config::Schema schema = sim::scenario_schema(model);
  const sim::config::Config config = sim::config::load(schema, scenario);
  // Named after the process, so two benchmarks running at once do not write the same file.
  const std::filesystem::path output =
      std::filesystem::temp_directory_path() / ("clustersim-run-bench-" + std::to_string(::getpid()) + ".h5");
  std::int64_t ticks = 0;
  for (auto _ : state) ticks += sim::run_scenario(model, config, "baseline", output).ticks;
  std::filesystem::remove(output);
  state.SetItemsProcessed(ticks);
  state.counters["ticks_per_second"] = benchmark::Counter(static_cast<double>(ticks), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(baseline_run)->Unit(benchmark::kSecond)->Iterations(3);
BENCHMARK_MAIN();
