#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/output/variable.hpp"

namespace so = sim::output;

namespace {

so::Variable make(std::string name) {
  so::Variable v{.name = std::move(name), .axes = {}, .units = std::string(1, '1'), .long_name = std::string("test"),
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
