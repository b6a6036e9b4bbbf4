// The kernels of a tick, each timed alone on the state it meets in the first tick: the initial economy
// after the processes the schedule runs before it. items_per_second counts what the kernel's cost grows
// with, named at the end of the case: firms for the loops over firms, region_pairs for the terms over
// pairs of regions (the counters firms and regions give both). Two scales: the baseline (31 provinces,
// 20,000 firms) and cities300 at 200,000 firms. Run: build/bench/kernels_bench
//
// The demand fixed point is not timed alone: it lives inside models::clear_market. clear_market_hold
// times the whole clearing with the shares held (prices, supply sums, price indices, the demand
// fixed point, the allocation of sales to firms), i.e. market_process less its share update, its
// chain signals and its talent markets.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/core/initial_state.hpp"
#include "models/core/model.hpp"
#include "models/core/tick_schedule.hpp"
#include "models/industrial/market.hpp"
#include "models/knowledge/innovation.hpp"
#include "models/knowledge/spillovers.hpp"
#include "models/talent/migration.hpp"
#include "sim/config/config.hpp"
#include "sim/parallel.hpp"
#include "sim/run/run_settings.hpp"

namespace {

struct Scale {
  const char* name;
  const char* scenario;
  std::vector<std::string> overrides;
};

const Scale scales[] = {
    {"baseline", "configs/baseline.toml", {}},
    // A fifth of the scenario's million firms: each case keeps an economy of its own in memory.
    {"cities300_200k", "configs/scale/cities300.toml", {"firms.initial_count=200000"}},
};

// A process with the economy and the context it has in tick 0.
struct Prepared {
  models::Economy economy;
  sim::Process<models::Economy> process;
  sim::TickContext context;
};

// Kept for the whole program: Google Benchmark calls a case several times while it settles the number
// of iterations, and preparing a 200,000-firm economy takes far longer than any kernel.
const Prepared& prepared(const Scale& scale, const std::string& process_name) {
  static std::map<std::string, std::unique_ptr<Prepared>> cache;
  std::unique_ptr<Prepared>& entry = cache[std::string(scale.name) + "/" + process_name];
  if (entry) return *entry;
  const sim::config::Schema schema = sim::scenario_schema(models::cluster_model());
  const sim::config::Config config =
      sim::config::load(schema, std::string(CLUSTERSIM_SOURCE_DIR) + "/" + scale.scenario, scale.overrides);
  const sim::RunSettings settings = sim::read_run_settings(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  models::Economy economy = models::initial_economy(config);
  for (const auto& process : schedule.processes()) {
    // The context the schedule builds (sim::Schedule::run_tick), so the kernel draws what it would.
    const sim::TickContext context{0, sim::TickStreams({settings.seed, settings.replicate, process.stream}, 0)};
    if (process.name == process_name) {
      entry = std::make_unique<Prepared>(Prepared{std::move(economy), process, context});
      return *entry;
    }
    if (process.enabled) process.step(economy, context);
  }
  throw std::logic_error("the schedule has no process " + process_name);
}

enum class Per { firm, region_pair };

// What a kernel changes that its next call reads is put back before each iteration (not timed), so that
// every call works on the state a tick gives it, not on its own last result. The region kernels put back
// only their part: a copy of the whole economy moves every firm's columns, which they never touch.
using Restore = void (*)(models::Economy& economy, const models::Economy& start);
void whole(models::Economy& economy, const models::Economy& start) { economy = start; }
void talent(models::Economy& economy, const models::Economy& start) {
  economy.talent = start.talent;
  economy.regions.population = start.regions.population;
}

template <class Kernel>
void time_kernel(benchmark::State& state, const Scale& scale, const char* process_name, Per per, Restore restore,
                 Kernel kernel) {
  const Prepared& start = prepared(scale, process_name);
  if (!start.process.enabled) {
    state.SkipWithError((std::string("the scenario switches off ") + process_name).c_str());
    return;
  }
  models::Economy economy = start.economy;
  for (auto _ : state) {
    if (restore != nullptr) {
      state.PauseTiming();
      restore(economy, start.economy);
      state.ResumeTiming();
    }
    kernel(economy, start.context);
    benchmark::ClobberMemory();
  }
  const auto firms = static_cast<std::int64_t>(start.economy.firms.size());
  const auto regions = static_cast<std::int64_t>(start.economy.region_count());
  state.SetItemsProcessed(state.iterations() * (per == Per::firm ? firms : regions * regions));
  state.counters["firms"] = static_cast<double>(firms);
  state.counters["regions"] = static_cast<double>(regions);
}

void register_kernels(const Scale& scale) {
  // Each kernel on one thread and on two (run --threads 2): their ratio is the kernel's parallel speed-up.
  const auto add = [&](const std::string& kernel, const char* process, Per per, Restore restore, auto body) {
    for (const int threads : {1, 2}) {
      const std::string name = kernel + "/" + scale.name + (per == Per::firm ? "/firms" : "/region_pairs") +
                               "/threads:" + std::to_string(threads);
      benchmark::RegisterBenchmark(name.c_str(), [&scale, process, per, restore, body, threads](benchmark::State& state) {
        const sim::parallel::ThreadScope scope(threads);
        time_kernel(state, scale, process, per, restore, body);
      })->Unit(benchmark::kMillisecond)->UseRealTime();  // a kernel spread over threads hides work from CPU time
    }
  };
  add("market_process", "market", Per::firm, whole,
      [](models::Economy& e, const sim::TickContext& c) { models::market_process(e, c); });
  add("clear_market_hold", "market", Per::firm, whole,
      [](models::Economy& e, const sim::TickContext&) { models::clear_market(e, models::ShareRule::hold); });
  // The pool reads the firms and writes only the knowledge state: calls repeat the same work.
  add("spillover_firm_knowledge", "spillovers", Per::firm, nullptr,
      [](models::Economy& e, const sim::TickContext&) { benchmark::DoNotOptimize(models::firm_knowledge(e)); });
  add("spillover_pool", "spillovers", Per::region_pair, nullptr,
      [](models::Economy& e, const sim::TickContext& c) { models::spillover_process(e, c); });
  add("innovation", "innovation", Per::firm, whole,
      [](models::Economy& e, const sim::TickContext& c) { models::innovation_process(e, c); });
  add("migration", "migration", Per::region_pair, talent,
      [](models::Economy& e, const sim::TickContext& c) { models::migration_process(e, c); });
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  for (const Scale& scale : scales) register_kernels(scale);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
