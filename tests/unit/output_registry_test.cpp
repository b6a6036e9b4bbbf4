#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/output/variable.hpp"

namespace so = sim::output;

namespace {

so::Variable make(std::string name) {
  so::Variable v{.name = std::move(name), .axes = {}, .units = std::string(1, '1'), .long_name = std::string("test"),
                 .description = std::string("a test variable"),
                 .time_series = true, .storage = so::Storage::float64, .sample = {}, .may_be_undefined = false};
  v.sample = [](std::span<double> out) {
    for (double& x : out) x = 1.0;
  };
  return v;
}

}  // namespace

TEST(OutputRegistry, AddAndFind) {
  so::Registry registry;
  registry.add(make("gdp"));
  registry.add(make("population"));
  ASSERT_EQ(registry.variables().size(), 2u);
  EXPECT_EQ(registry.variables()[0].name, "gdp");
  EXPECT_EQ(registry.variables()[1].name, "population");
  const so::Variable* found = registry.find("population");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->name, "population");
  EXPECT_EQ(registry.find("missing"), nullptr);
  EXPECT_EQ(registry.find(""), nullptr);
}

TEST(OutputRegistry, DuplicateNameThrows) {
  so::Registry registry;
  registry.add(make("gdp"));
  EXPECT_THROW(registry.add(make("gdp")), std::logic_error);
  EXPECT_EQ(registry.variables().size(), 1u);
}

TEST(OutputRegistry, EmptySamplerThrows) {
  so::Registry registry;
  so::Variable v = make("gdp");
  v.sample = nullptr;
  EXPECT_THROW(registry.add(std::move(v)), std::logic_error);
  EXPECT_TRUE(registry.variables().empty());
}

TEST(OutputRegistry, EmptyNameThrows) {
  so::Registry registry;
  EXPECT_THROW(registry.add(make("")), std::logic_error);
  EXPECT_TRUE(registry.variables().empty());
}

namespace {

namespace so_cf = sim::output;

TEST(OutputCellMethods, RatesAreMeansTickCountsSumsTheRestPoints) {
  const auto sampler = [](std::span<double>) {};
  const so_cf::Variable rate{"sales", {"region"}, "1e8 CNY/year", "sales, annual rate", true,
                             so_cf::Storage::float64, sampler};
  const so_cf::Variable count{"entries", {"region"}, "1", "firms that entered during the tick", true,
                              so_cf::Storage::int32, sampler};
  const so_cf::Variable stock{"capital", {"region"}, "1e8 CNY", "machines at the end of the tick", true,
                              so_cf::Storage::float64, sampler};
  so_cf::Variable overridden = count;
  overridden.cell_method = so_cf::CellMethod::point;
  so_cf::Variable fixed = stock;
  fixed.time_series = false;
  EXPECT_EQ(so_cf::cell_methods(rate), "time: mean");
  EXPECT_EQ(so_cf::cell_methods(count), "time: sum");
  EXPECT_EQ(so_cf::cell_methods(stock), "time: point");
  EXPECT_EQ(so_cf::cell_methods(overridden), "time: point");
  EXPECT_EQ(so_cf::cell_methods(fixed), "");
}

TEST(OutputCoordinates, VariablesNameTheCoordinatesOfTheirAxes) {
  const auto sampler = [](std::span<double>) {};
  const std::vector<so_cf::Axis> axes{{"region", "region", {"A", "B"}},
                                      {"industry", "industry", {"x", "y"}, {{"industry_kind", "kind", {"k", "l"}}}},
                                      {"destination", "destination", {"A", "B"}}};
  so_cf::Variable latitude{"latitude", {"region"}, "degree_north", "latitude", false, so_cf::Storage::float64, sampler};
  latitude.coordinate = true;
  const so_cf::Variable sales{"sales", {"region", "industry"}, "1", "sales", true, so_cf::Storage::float64, sampler};
  const so_cf::Variable flows{"flows", {"destination"}, "1", "flows", true, so_cf::Storage::float64, sampler};
  const std::vector<so_cf::Variable> variables{latitude, sales, flows};
  EXPECT_EQ(so_cf::auxiliary_coordinates(sales, axes, variables), "industry_kind latitude");
  EXPECT_EQ(so_cf::auxiliary_coordinates(flows, axes, variables), "");  // latitude is along region, not destination
  EXPECT_EQ(so_cf::auxiliary_coordinates(latitude, axes, variables), "");  // a coordinate has none
}

}  // namespace
