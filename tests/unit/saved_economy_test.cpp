// The economy as a saved state: loading a saved state and saving it again gives the same arrays (the one
// list of members serves both ways); a new start re-bases what counts from the start and leaves the
// economy as it was; damaged states are refused.
#include <gtest/gtest.h>

#include "models/core/initial_state.hpp"
#include "models/core/saved_state.hpp"
#include "models/core/model.hpp"
#include "sim/config/config.hpp"

namespace {

models::Economy small_scenario() {
  const sim::Model model = models::cluster_model();
  const sim::config::Schema schema = sim::scenario_schema(model);
  const sim::config::Config config =
      sim::config::load(schema, std::string(CLUSTERSIM_SOURCE_DIR) + "/tests/data/small.toml",
                        std::vector<std::string>{"firms.initial_count=300"});
  return models::initial_economy(config);
}

TEST(SavedEconomy, LoadingAndSavingAgainGivesTheSameArrays) {
  const models::Economy economy = small_scenario();
  sim::state::StateImage image;
  models::save_economy(economy, image);
  EXPECT_GT(image.arrays.size(), 150u);
  const models::Economy loaded = models::load_economy(economy, image, sim::LoadMode::resume, "test");
  sim::state::StateImage again;
  models::save_economy(loaded, again);
  ASSERT_EQ(again.arrays.size(), image.arrays.size());
  for (const auto& [name, array] : image.arrays) EXPECT_EQ(again.arrays.at(name).bytes, array.bytes) << name;
  EXPECT_EQ(again.attributes, image.attributes);
}

TEST(SavedEconomy, ANewStartCountsFromTheNextTick) {
  models::Economy economy = small_scenario();
  economy.tick = 11;
  economy.talent.net_migration(0) = 300.0;
  economy.talent.net_migration(1) = -300.0;
  economy.regions.population(0) = economy.talent.initial_population(0) + 300.0 * 1e-4;
  sim::state::StateImage image;
  models::save_economy(economy, image);
  const models::Economy started = models::load_economy(small_scenario(), image, sim::LoadMode::start, "test");
  EXPECT_EQ(started.start_tick, 12);
  EXPECT_EQ(started.scenario_tick(), -1);  // the scenario's tick 0 comes next
  EXPECT_EQ(started.talent.net_migration.cwiseAbs().sum(), 0.0);
  EXPECT_EQ(started.talent.initial_population(0), economy.regions.population(0));
  EXPECT_EQ(started.firms.productivity, economy.firms.productivity);
}

TEST(SavedEconomy, RefusesDamagedStates) {
  const models::Economy economy = small_scenario();
  sim::state::StateImage image;
  models::save_economy(economy, image);
  sim::state::StateImage short_column = image;
  short_column.arrays.at("firms/sales").shape = {1};
  short_column.arrays.at("firms/sales").bytes.resize(sizeof(double));
  EXPECT_THROW(models::load_economy(economy, short_column, sim::LoadMode::resume, "test"), sim::state::StateError);
  sim::state::StateImage renamed = image;
  renamed.attributes.at("regions") = "Atlantis";
  EXPECT_THROW(models::load_economy(economy, renamed, sim::LoadMode::resume, "test"), sim::state::StateError);
  sim::state::StateImage extra = image;
  extra.arrays["talent/unknown"] = image.arrays.at("talent/stock");
  EXPECT_THROW(models::load_economy(economy, extra, sim::LoadMode::resume, "test"), sim::state::StateError);
}

}  // namespace
