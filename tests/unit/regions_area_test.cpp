// The regions' optional land areas (area_km2 of the regions' input, docs/model.md §6): read for every
// region or for none, and bad cells reported with their file, line, column and key.
#include <gtest/gtest.h>

#include <fmt/core.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "models/core/regions_industries.hpp"
#include "policy_test_support.hpp"
#include "temp_dir.hpp"

namespace {

// Two regions of the baseline in a CSV file, with the given area cells; the scenario is the baseline with
// those regions. Every error the loader and the model's check report.
std::vector<sim::config::Error> area_errors(const testing_support::TempDir& dir, const std::string& beijing_area,
                                            const std::string& tianjin_area = "11970") {
  std::ofstream(dir / "regions.csv") << "# two regions\n"
                                     << "region,lat,lon,gdp,population,area_km2\n"
                                     << "Beijing,39.90,116.40,41611,2184," << beijing_area << "\n"
                                     << "Tianjin,39.13,117.20,16311,1363," << tianjin_area << "\n";
  const std::string body = fmt::format("[regions]\nfile = \"{}\"\n", (dir / "regions.csv").string());
  return testing_support::errors_of(body);
}

TEST(RegionAreas, BadAreasAreReportedWithFileLineAndKey) {
  const testing_support::TempDir dir;
  const std::string csv = (dir / "regions.csv").string();
  for (const auto& [cell, found] : std::vector<std::pair<std::string, std::string>>{
           {"-16410", "-16410"}, {"0", "0"}, {"abc", "\"abc\""}}) {
    const auto errors = area_errors(dir, cell);
    ASSERT_EQ(errors.size(), 1u) << testing_support::all(errors);
    EXPECT_EQ(errors[0].format(),
              csv + ":3:33: regions[0].area_km2: expected a real number in [1, 20000000], found " + found);
  }
  // Areas for some regions only: each region without one is named.
  const auto errors = area_errors(dir, "16410", "");
  ASSERT_EQ(errors.size(), 1u) << testing_support::all(errors);
  EXPECT_EQ(errors[0].format(), csv + ":4:33: regions[1].area_km2: expected a land area in km2 for every region or for "
                                      "none (1 of 2 regions have one), found none for 'Tianjin'");
  // Good areas load; without the column there are none.
  std::ofstream(csv) << "region,lat,lon,gdp,population,area_km2\nBeijing,39.90,116.40,41611,2184,16410\n";
  const std::string scenario = fmt::format("[regions]\nfile = \"{}\"\n", csv);
  EXPECT_EQ(models::read_regions(testing_support::load_scenario(scenario)).area_km2, Eigen::VectorXd::Constant(1, 16410.0));
  std::ofstream(csv) << "region,lat,lon,gdp,population\nBeijing,39.90,116.40,41611,2184\n";
  EXPECT_EQ(models::read_regions(testing_support::load_scenario(scenario)).area_km2.size(), 0);
}

TEST(RegionAreas, TheBaselineReadsEveryRegionsArea) {
  const models::Regions regions = models::read_regions(testing_support::load_scenario(""));
  ASSERT_EQ(regions.area_km2.size(), 31);
  EXPECT_EQ(regions.area_km2(testing_support::index_of(regions.names, "Beijing")), 16410.0);
  EXPECT_EQ(regions.area_km2(testing_support::index_of(regions.names, "Shanghai")), 6340.0);
  EXPECT_EQ(regions.area_km2(testing_support::index_of(regions.names, "Xinjiang")), 1664900.0);
  EXPECT_NEAR(regions.area_km2.sum(), 9.6e6, 0.05e6);  // China's land area
}

}  // namespace
