// End to end at city scale: configs/scale/cities300.toml (300 regions) run as a user starts it (initial
// state, the ticks, HDF5 output), reported as firm-ticks per second of wall time, and the same run
// without its output file, so that the output's share of a run is the difference of the two.
// Firm-ticks are counted at the initial number of firms (entry and exit change it within the run), and
// the time includes building the initial economy.
//
// Run: build/bench/scale_bench                (200,000 firms, 3 ticks, 1 and 2 threads)
//      build/bench/scale_bench --firms 1000000 --ticks 100 --threads 2
//                                             (one size, e.g. the goal's run; Google Benchmark's own
//                                              flags such as --benchmark_format=json go on as usual)
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "models/core/model.hpp"
#include "sim/config/config.hpp"
#include "sim/parallel.hpp"
#include "sim/run/run.hpp"

namespace {

struct Size {
  std::int64_t firms = 200000;
  std::int64_t ticks = 3;
  std::vector<int> threads{1, 2};
};

// The configuration refers to its schema, which the caller keeps.
sim::config::Config cities300(const sim::config::Schema& schema, std::int64_t firms, std::int64_t ticks) {
  const std::string scenario = std::string(CLUSTERSIM_SOURCE_DIR) + "/configs/scale/cities300.toml";
  const std::vector<std::string> overrides{"simulation.ticks=" + std::to_string(ticks),
                                           "firms.initial_count=" + std::to_string(firms)};
  return sim::config::load(schema, scenario, overrides);
}

void report(benchmark::State& state, std::int64_t ticks, std::int64_t firms) {
  state.SetItemsProcessed(ticks * firms);
  state.counters["firms"] = static_cast<double>(firms);
  state.counters["ticks"] = static_cast<double>(ticks) / static_cast<double>(state.iterations());
}

// Args: firms, ticks, threads.
void cities300_run(benchmark::State& state) {
  const sim::Model model = models::cluster_model();
  const sim::config::Schema schema = sim::scenario_schema(model);
  const sim::config::Config config = cities300(schema, state.range(0), state.range(1));
  const sim::parallel::ThreadScope threads(static_cast<int>(state.range(2)));
  // Named after the process, so two benchmarks running at once do not write the same file.
  const std::filesystem::path output =
      std::filesystem::temp_directory_path() / ("clustersim-scale-bench-" + std::to_string(::getpid()) + ".h5");
  std::int64_t ticks = 0;
  for (auto _ : state) ticks += sim::run_scenario(model, config, "cities300", output).ticks;
  std::filesystem::remove(output);
  report(state, ticks, state.range(0));
}

// The same run as cities300_run without the output: the initial state and the ticks, with the check
// that every reported series stays finite (which a run does too).
void cities300_without_output(benchmark::State& state) {
  const sim::Model model = models::cluster_model();
  const sim::config::Schema schema = sim::scenario_schema(model);
  const sim::config::Config config = cities300(schema, state.range(0), state.range(1));
  const sim::parallel::ThreadScope threads(static_cast<int>(state.range(2)));
  std::int64_t ticks = 0;
  for (auto _ : state) {
    sim::Simulation simulation = sim::start_simulation(model, config);
    sim::simulate(simulation, {}, {});
    ticks += state.range(1);
  }
  report(state, ticks, state.range(0));
}

// --firms N, --ticks N and --threads N, taken out of argv before Google Benchmark reads it.
Size parse_size(int& argc, char** argv) {
  Size size;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if ((flag == "--firms" || flag == "--ticks" || flag == "--threads") && i + 1 < argc) {
      const long long value = std::atoll(argv[++i]);
      if (value < 1) {
        std::fprintf(stderr, "scale_bench: %s needs a positive integer, got '%s'\n", argv[i - 1], argv[i]);
        std::exit(2);
      }
      if (flag == "--firms") size.firms = value;
      if (flag == "--ticks") size.ticks = value;
      if (flag == "--threads") size.threads = {static_cast<int>(value)};
      continue;
    }
    argv[kept++] = argv[i];
  }
  argc = kept;
  return size;
}

}  // namespace

int main(int argc, char** argv) {
  const Size size = parse_size(argc, argv);
  for (const int threads : size.threads) {
    // Wall-clock time: a run spreads its work over threads the benchmark's own CPU time would not see.
    for (auto* bench : {benchmark::RegisterBenchmark("cities300_run", cities300_run),
                        benchmark::RegisterBenchmark("cities300_without_output", cities300_without_output)}) {
      bench->Args({size.firms, size.ticks, threads})->ArgNames({"firms", "ticks", "threads"});
      bench->Unit(benchmark::kSecond)->Iterations(size.ticks > 10 ? 1 : 2)->UseRealTime();
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
