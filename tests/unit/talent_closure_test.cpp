// Stock-flow closure of the talent chain (docs/model.md, Talent chain): training replaces retirement,
// so that with no policy the national talent stock over the national population stays put.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "models/core/initial_state.hpp"
#include "models/core/tick_schedule.hpp"
#include "policy_test_support.hpp"

namespace {

TEST(TalentClosure, NationalTalentPerResidentStaysPutWithoutPolicy) {
  // The baseline (31 regions, 18 industries, 80 quarterly ticks, every lever at its default) with fewer
  // firms. Under the former rule (16 graduates per 1e4 residents per year whatever the stock) the ratio
  // rose by about 24 % over the 20 years.
  const sim::config::Config config = testing_support::load_scenario("", {"firms.initial_count=2000"});
  models::Economy economy = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  const double start = economy.talent.stock.sum() / economy.regions.population.sum();
  ASSERT_GT(start, 0.0);
  double worst = 0.0;
  double retired = 0.0;
  double moved = 0.0;
  for (int tick = 0; tick < 80; ++tick) {
    schedule.run_tick(economy, tick, 1, 0);
    const double ratio = economy.talent.stock.sum() / economy.regions.population.sum();
    worst = std::max(worst, std::abs(ratio / start - 1.0));
    retired += economy.talent.retired.sum();
    moved += economy.talent.emigrants.sum();
  }
  EXPECT_LT(worst, 0.02) << "largest relative departure of national talent per resident from its start";
  // The stock turned over and moved: the closure is not the trivial one of a frozen stock.
  const double stock = economy.talent.stock.sum();
  EXPECT_GT(retired, 0.3 * stock);
  EXPECT_GT(moved, 0.2 * stock);
}

}  // namespace
