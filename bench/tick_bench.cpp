// One tick of the model on the baseline scenario and on one with ten times the firms, reported as
// firm-ticks per second (items_per_second). Each iteration steps a fresh copy of the initial economy
// (the copy is not timed): left to run on, the 10x economy would shed most of its firms within a few
// ticks, since the same market cannot feed ten times the firms, and the benchmark would no longer
// measure what it says. Run: build/bench/tick_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "models/core/initial_state.hpp"
#include "models/core/model.hpp"
#include "models/core/initial_state.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/tick_schedule.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run_settings.hpp"

namespace {

const std::string baseline = std::string(CLUSTERSIM_SOURCE_DIR) + "/configs/baseline.toml";

void tick(benchmark::State& state) {
  const sim::config::Schema schema = sim::scenario_schema(models::cluster_model());
  const std::vector<std::string> overrides{"firms.initial_count=" + std::to_string(state.range(0))};
  const sim::config::Config config = sim::config::load(schema, baseline, overrides);
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
}

}  // namespace

BENCHMARK(tick)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
