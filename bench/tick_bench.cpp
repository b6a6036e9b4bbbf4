// One tick of the model, reported as firm-ticks per second (items_per_second): the baseline scenario
// (31 provinces) at its 20,000 firms and at ten times as many, and the 300 cities of
// configs/scale/cities300.toml at 200,000 firms (what do ten times the regions cost at the same firms?)
// and at 400,000 (does doubling the firms at most double a tick?). The doubling is timed on cities300
// because the baseline refuses to start with 400,000 firms (the closure's start-up check); cities300
// scales the money per firm down so that it starts. Each iteration steps a fresh copy of the initial
// economy (the copy is not timed): left to run on, the 10x economy would shed most of its firms within
// a few ticks, since the same market cannot feed ten times the firms, and the benchmark would no longer
// measure what it says. Run: build/bench/tick_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "models/core/initial_state.hpp"
#include "models/core/model.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/tick_schedule.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run_settings.hpp"

namespace {

void tick_of(benchmark::State& state, const std::string& scenario) {
  const sim::config::Schema schema = sim::scenario_schema(models::cluster_model());
  const std::vector<std::string> overrides{"firms.initial_count=" + std::to_string(state.range(0))};
  const sim::config::Config config =
      sim::config::load(schema, std::string(CLUSTERSIM_SOURCE_DIR) + "/" + scenario, overrides);
  const sim::RunSettings settings = sim::read_run_settings(config);
  const models::Economy initial = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  std::int64_t firm_ticks = 0;
  for (auto _ : state) {
    state.PauseTiming();
    models::Economy economy = initial;
    state.ResumeTiming();
    schedule.run_tick(economy, 0, settings.seed, settings.replicate);
    firm_ticks += static_cast<std::int64_t>(initial.firms.size());
    state.PauseTiming();
    economy = {};  // freeing the copy is not part of a tick either
    state.ResumeTiming();
  }
  state.SetItemsProcessed(firm_ticks);
  state.counters["firms"] = static_cast<double>(initial.firms.size());
  state.counters["regions"] = static_cast<double>(initial.region_count());
}

void tick(benchmark::State& state) { tick_of(state, "configs/baseline.toml"); }
void tick_cities300(benchmark::State& state) { tick_of(state, "configs/scale/cities300.toml"); }

}  // namespace

// Wall-clock time: a tick that spreads its work over threads would hide it from the benchmark's CPU time.
BENCHMARK(tick)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(tick_cities300)->Arg(200000)->Arg(400000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
