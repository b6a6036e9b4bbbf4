// The initial industrial structure from data: firms are split over the clusters of the table in
// proportion to their sizes, none elsewhere; a table naming unknown regions or industries, listing a
// cluster twice or holding only zeros is refused with the row; initial productivity no longer depends on
// the region.
#include <gtest/gtest.h>

#include <fstream>

#include "models/core/initial_state.hpp"
#include "models/core/model.hpp"
#include "sim/config/config.hpp"
#include "temp_dir.hpp"

namespace {

class InitialClusters : public ::testing::Test {
 protected:
  sim::config::Config scenario(const std::string& rows) {
    std::ofstream(dir_.path() / "s.toml") << "base = \"" << CLUSTERSIM_SOURCE_DIR << "/tests/data/small.toml\"\n"
                                          << "[firms]\ninitial_count = 1000\n" << rows;
    return sim::config::load(schema_, dir_.path() / "s.toml");
  }
  const sim::config::Schema schema_ = sim::scenario_schema(models::cluster_model());
  const testing_support::TempDir dir_;
};

TEST_F(InitialClusters, SplitsTheFirmsOverTheListedClustersInProportion) {
  const models::Economy economy = models::initial_economy(scenario(
      "[[firms.initial_clusters]]\nregion = \"Beijing\"\nindustry = \"information_technology\"\nsize = 3\n"
      "[[firms.initial_clusters]]\nregion = \"Guangdong\"\nindustry = \"information_technology\"\nsize = 1\n"
      "[[firms.initial_clusters]]\nregion = \"Anhui\"\nindustry = \"new_energy\"\nsize = 0\n"));
  const auto region = [&](const std::string& name) {
    return static_cast<int>(std::find(economy.regions.names.begin(), economy.regions.names.end(), name) -
                            economy.regions.names.begin());
  };
  const int it = static_cast<int>(std::find(economy.industries.names.begin(), economy.industries.names.end(),
                                            "information_technology") - economy.industries.names.begin());
  int beijing = 0, guangdong = 0, elsewhere = 0;
  for (std::size_t i = 0; i < economy.firms.size(); ++i) {
    if (economy.firms.birth_tick[i] != -1) continue;  // the initial firms only
    const bool in_it = economy.firms.industry[i] == it;
    if (in_it && economy.firms.region[i] == region("Beijing")) ++beijing;
    else if (in_it && economy.firms.region[i] == region("Guangdong")) ++guangdong;
    else ++elsewhere;
  }
  EXPECT_EQ(beijing, 750);
  EXPECT_EQ(guangdong, 250);
  EXPECT_EQ(elsewhere, 0);
}

TEST_F(InitialClusters, RefusesUnknownNamesDuplicatesAndOnlyZeros) {
  const auto check = [&](const std::string& rows) {
    const sim::config::Config config = scenario(rows);
    const sim::Model model = models::cluster_model();
    model.check(config, sim::read_run_settings(config));
  };
  EXPECT_THROW(check("[[firms.initial_clusters]]\nregion = \"Bejing\"\nindustry = \"new_energy\"\nsize = 1\n"),
               sim::config::InputError);
  EXPECT_THROW(check("[[firms.initial_clusters]]\nregion = \"Beijing\"\nindustry = \"new_energy\"\nsize = 1\n"
                     "[[firms.initial_clusters]]\nregion = \"Beijing\"\nindustry = \"new_energy\"\nsize = 2\n"),
               sim::config::InputError);
  EXPECT_THROW(check("[[firms.initial_clusters]]\nregion = \"Beijing\"\nindustry = \"new_energy\"\nsize = 0\n"),
               sim::config::InputError);
  try {
    check("[[firms.initial_clusters]]\nregion = \"Beijing\"\nindustry = \"new_enrgy\"\nsize = 1\n");
    FAIL() << "an unknown industry was accepted";
  } catch (const sim::config::InputError& error) {
    const std::string text = error.errors().front().format();
    EXPECT_NE(text.find("firms.initial_clusters[0].industry"), std::string::npos) << text;
    EXPECT_NE(text.find("new_energy"), std::string::npos) << text;  // did you mean
  }
}

TEST_F(InitialClusters, InitialProductivityDoesNotDependOnTheRegion) {
  const models::Economy economy = models::initial_economy(scenario(""));
  // Mean 1 in rich and poor regions alike (the lognormal's mean), within sampling error.
  std::vector<double> sum(static_cast<std::size_t>(economy.region_count()));
  std::vector<int> count(sum.size());
  for (std::size_t i = 0; i < economy.firms.size(); ++i) {
    if (economy.firms.birth_tick[i] != -1) continue;
    sum[static_cast<std::size_t>(economy.firms.region[i])] += economy.firms.productivity[i];
    ++count[static_cast<std::size_t>(economy.firms.region[i])];
  }
  for (std::size_t r = 0; r < sum.size(); ++r) {
    if (count[r] < 40) continue;
    const double standard_error = 0.31 / std::sqrt(count[r]);  // sd of the lognormal with s = 0.3
    EXPECT_NEAR(sum[r] / count[r], 1.0, 4.0 * standard_error) << economy.regions.names[r];
  }
}

}  // namespace
