// One tick of the model on the baseline scenario and on one with ten times the firms, reported as
// firm-ticks per second (items_per_second). Run: build/bench/tick_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "models/initial_state.hpp"
#include "models/model.hpp"
#include "models/scenario.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run_settings.hpp"

namespace {

const std::string baseline = std::string(CLUSTERSIM_SOURCE_DIR) + "/configs/baseline.toml";

void tick(benchmark::State& state) {
  const sim::config::Schema schema = sim::scenario_schema(models::cluster_model());
  const std::vector<std::string> overrides{"firms.initial_count=" + std::to_string(state.range(0))};
  const sim::config::Config config = sim::config::load(schema, baseline, overrides);
  const sim::RunSettings settings = sim::read_run_settings(config);
  models::Economy economy = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  int tick = 0;
  std::int64_t firm_ticks = 0;
  for (auto _ : state) {
    firm_ticks += static_cast<std::int64_t>(economy.firms.size());
    schedule.run_tick(economy, tick++, settings.seed, settings.replicate);
  }
  state.SetItemsProcessed(firm_ticks);
  state.counters["firms"] = static_cast<double>(economy.firms.size());
}

}  // namespace

BENCHMARK(tick)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
