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
  // Money has its unit in units_note alone (UDUNITS knows no currency); the rule reads both fields and
  // the description, not the short long_name.
  const so_cf::Variable rate{.name = "sales", .axes = {"region"}, .units_note = "1e8 CNY/year", .long_name = "Sales",
                             .description = "sales, annual rate", .sample = sampler};
  const so_cf::Variable lever_rate{.name = "support", .axes = {"region"}, .units = "year-1", .units_note = "1/year",
                                   .long_name = "Support rate", .description = "share of sales per year",
                                   .sample = sampler};
  const so_cf::Variable count{.name = "entries", .axes = {"region"}, .units = "1", .units_note = "firms",
                              .long_name = "Entries", .description = "firms that entered during the tick",
                              .storage = so_cf::Storage::int64, .sample = sampler};
  const so_cf::Variable stock{.name = "capital", .axes = {"region"}, .units_note = "1e8 CNY", .long_name = "Capital",
                              .description = "machines at the end of the tick", .sample = sampler};
  const so_cf::Variable labelled{.name = "trained", .axes = {"region"}, .units = "1",
                                 .long_name = "Graduates during the tick", .description = "graduates",
                                 .sample = sampler};
  so_cf::Variable overridden = count;
  overridden.cell_method = so_cf::CellMethod::point;
  so_cf::Variable fixed = stock;
  fixed.time_series = false;
  EXPECT_EQ(so_cf::cell_methods(rate), "time: mean");
  EXPECT_EQ(so_cf::cell_methods(lever_rate), "time: mean");
  EXPECT_EQ(so_cf::cell_methods(labelled), "time: point") << "the label does not count, the description does";
  EXPECT_EQ(so_cf::cell_methods(count), "time: sum");
  EXPECT_EQ(so_cf::cell_methods(stock), "time: point");
  EXPECT_EQ(so_cf::cell_methods(overridden), "time: point");
  EXPECT_EQ(so_cf::cell_methods(fixed), "");
}

TEST(OutputCoordinates, VariablesNameTheCoordinatesOfTheirAxes) {
  const auto sampler = [](std::span<double>) {};
  const std::vector<so_cf::Axis> axes{
      {.name = "region", .long_name = "Region", .description = "region", .labels = {"A", "B"}},
      {.name = "industry", .long_name = "Industry", .description = "industry", .labels = {"x", "y"},
       .text_coordinates = {{.name = "industry_kind", .long_name = "Kind", .description = "kind", .values = {"k", "l"}}}},
      {.name = "destination", .long_name = "Destination", .description = "destination", .labels = {"A", "B"}}};
  so_cf::Variable latitude{.name = "latitude", .axes = {"region"}, .units = "degree_north", .long_name = "Latitude",
                           .description = "latitude", .time_series = false, .sample = sampler};
  latitude.coordinate = true;
  const so_cf::Variable sales{.name = "sales", .axes = {"region", "industry"}, .units = "1", .long_name = "Sales",
                              .description = "sales", .sample = sampler};
  const so_cf::Variable flows{.name = "flows", .axes = {"destination"}, .units = "1", .long_name = "Flows",
                              .description = "flows", .sample = sampler};
  const std::vector<so_cf::Variable> variables{latitude, sales, flows};
  EXPECT_EQ(so_cf::auxiliary_coordinates(sales, axes, variables), "industry_kind latitude");
  EXPECT_EQ(so_cf::auxiliary_coordinates(flows, axes, variables), "");  // latitude is along region, not destination
  EXPECT_EQ(so_cf::auxiliary_coordinates(latitude, axes, variables), "");  // a coordinate has none
}

}  // namespace
