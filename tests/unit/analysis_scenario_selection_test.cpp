// `compare --baseline` by index or by swept values: the scenario a description names, and the messages
// for descriptions that name none or several.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "sim/analysis/scenario_selection.hpp"

namespace {

using sim::analysis::select_scenario;
using sim::analysis::SweptValues;

// A 3 x 2 grid: rd_subsidy_rate in {0, 0.15, 0.3} (0.15 computed, as a design may, as 0.3 / 2), openness in
// {0.2, 0.8}, the last varying fastest.
const std::vector<SweptValues> grid = {
    {"policy.rd_subsidy_rate", {0.0, 0.0, 0.3 / 2, 0.3 / 2, 0.3, 0.3}},
    {"policy.openness", {0.2, 0.8, 0.2, 0.8, 0.2, 0.8}},
};

std::string message_of(const std::string& description) {
  try {
    select_scenario(description, grid, 6);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(ScenarioSelection, ByIndexOrByValues) {
  EXPECT_EQ(select_scenario("4", grid, 6), 4u);
  EXPECT_EQ(select_scenario("policy.rd_subsidy_rate=0.15,policy.openness=0.8", grid, 6), 3u);
  EXPECT_EQ(select_scenario(" policy.openness = 0.2 , policy.rd_subsidy_rate = 0.3 ", grid, 6), 4u);
  EXPECT_EQ(select_scenario("policy.rd_subsidy_rate=0,policy.openness=0.2", grid, 6), 0u);
  // Within a relative 1e-9, not beyond.
  EXPECT_EQ(select_scenario("policy.rd_subsidy_rate=0.15000000000001,policy.openness=0.8", grid, 6), 3u);
  EXPECT_NE(message_of("policy.rd_subsidy_rate=0.1500001,policy.openness=0.8"), "(no error)");
  // One key is enough where it alone tells the scenarios apart.
  const std::vector<SweptValues> line = {{"policy.openness", {0.2, 0.5, 0.8}}};
  EXPECT_EQ(select_scenario("policy.openness=0.5", line, 3), 1u);
}

TEST(ScenarioSelection, SaysWhatIsWrong) {
  EXPECT_EQ(message_of("6"), "6 is not a scenario: scenarios are 0 to 5");
  EXPECT_EQ(message_of("policy.openess=0.2"),
            "'policy.openess' is not a swept key of this sweep; its swept keys are policy.rd_subsidy_rate, "
            "policy.openness");
  EXPECT_EQ(message_of("policy.openness=0.5"), "no scenario has policy.openness = 0.5; its values are 0.2, 0.8");
  EXPECT_EQ(message_of("policy.openness=0.2,policy.openness=0.2"),
            "policy.openness is given twice; give each swept key once");
  EXPECT_EQ(message_of("policy.openness=high"), "policy.openness: expected a number, found 'high'");
  EXPECT_EQ(message_of("baseline"),
            "expected a scenario index or KEY=VALUE[,KEY=VALUE...] (e.g. policy.rd_subsidy_rate=0.1), found "
            "'baseline'");
  EXPECT_EQ(message_of("policy.openness=0.8"),
            "policy.openness = 0.8 matches scenarios 1, 3, 5; add policy.rd_subsidy_rate to tell them apart");
  // A list design whose values exist, but not together.
  const std::vector<SweptValues> list = {{"a", {1, 2}}, {"b", {10, 20}}};
  try {
    select_scenario("a=1,b=20", list, 2);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "no scenario has a = 1 and b = 20 together");
  }
}

}  // namespace
