// End to end at city scale: configs/scale/cities300.toml (300 regions) run for 3 ticks as a user starts
// it (initial state, the ticks, HDF5 output), at 200,000 firms, reported as firm-ticks per second of wall
// time. Firm-ticks are counted at the initial number of firms (entry and exit change it within
// the run), and the time includes building the initial economy and writing the file.
// Run: build/bench/scale_bench
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "models/core/model.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run.hpp"

namespace {

void cities300_run(benchmark::State& state) {
  const std::string scenario = std::string(CLUSTERSIM_SOURCE_DIR) + "/configs/scale/cities300.toml";
  const sim::Model model = models::cluster_model();
  const sim::config::Schema schema = sim::scenario_schema(model);
  const std::int64_t firms = state.range(0);
  const std::vector<std::string> overrides{"simulation.ticks=3", "firms.initial_count=" + std::to_string(firms)};
  const sim::config::Config config = sim::config::load(schema, scenario, overrides);
  // Named after the process, so two benchmarks running at once do not write the same file.
  const std::filesystem::path output =
      std::filesystem::temp_directory_path() / ("clustersim-scale-bench-" + std::to_string(::getpid()) + ".h5");
  std::int64_t ticks = 0;
  for (auto _ : state) ticks += sim::run_scenario(model, config, "cities300", output).ticks;
  std::filesystem::remove(output);
  state.SetItemsProcessed(ticks * firms);
  state.counters["firms"] = static_cast<double>(firms);
  state.counters["ticks"] = static_cast<double>(ticks) / static_cast<double>(state.iterations());
}

}  // namespace

// Wall-clock time: a run may spread its work over threads the benchmark's own CPU time would not see.
BENCHMARK(cities300_run)->Arg(200000)->Unit(benchmark::kSecond)->Iterations(2)->UseRealTime();
BENCHMARK_MAIN();
