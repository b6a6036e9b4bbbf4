// Policy schedule and pilot entries checked against the scenario's levers, regions, industries and
// calendar through the real model (docs/model.md §7.12): each problem reported with file, line and key;
// entries read in tick order.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "models/industrial/geography.hpp"
#include "models/core/initial_state.hpp"
#include "models/policy/levers.hpp"
#include "models/core/model.hpp"
#include "models/core/observation.hpp"
#include "models/core/output_helpers.hpp"
#include "models/policy/policy_schedule.hpp"
#include "models/core/initial_state.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/tick_schedule.hpp"
#include "policy_test_support.hpp"
#include "process_runner.hpp"
#include "sim/config/config.hpp"
#include "sim/run/model.hpp"

namespace {

namespace fs = std::filesystem;
using sim::config::Error;
using sim::config::InputError;
using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;
using testing_support::all;
using testing_support::errors_of;
using testing_support::index_of;
using testing_support::load_scenario;
using testing_support::model_schema;
using testing_support::region_names;

// ---------------------------------------------------------------------------------------------------
// Validation: each problem is an error with the file, line, key, what was expected and what was found.

TEST(PolicyScheduleValidation, UnknownLeverSuggestsTheNearest) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "set = { opennes = 0.3 }\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].source.file, "s.toml");
  EXPECT_EQ(errors[0].source.line, 4);
  EXPECT_EQ(errors[0].key, "policy.schedule[0].set.opennes");
  EXPECT_EQ(errors[0].expected.rfind("a field of policy.schedule.set (basic_research_funding, ", 0), 0u)
      << errors[0].expected;
  EXPECT_NE(errors[0].expected.find("openness"), std::string::npos);
  EXPECT_NE(errors[0].expected.find("planner_mode"), std::string::npos);
  EXPECT_EQ(errors[0].found, "an unknown field");
  EXPECT_EQ(errors[0].hint, "did you mean 'openness'?");
}

TEST(PolicyScheduleValidation, ValueOutsideTheLeversRange) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "tick = 4\n"
      "set = { openness = 1.5, rd_subsidy_rate = -0.1 }\n"
      "[[policy.schedule]]\n"
      "tick = 4\n"
      "set.non_priority_entry_penalty = 1.01\n"
      "[[policy.schedule]]\n"
      "tick = 4\n"
      "set.planner_mode = \"central\"\n");
  ASSERT_EQ(errors.size(), 4u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:4:20: policy.schedule[0].set.openness: expected a real number in [0, 1], found 1.5");
  EXPECT_EQ(errors[1].format(),
            "s.toml:4:43: policy.schedule[0].set.rd_subsidy_rate: expected a real number in [0, 1], found -0.1");
  EXPECT_EQ(errors[2].source.line, 7);
  EXPECT_EQ(errors[2].key, "policy.schedule[1].set.non_priority_entry_penalty");
  EXPECT_EQ(errors[2].expected, "a real number in [0, 1]");
  EXPECT_EQ(errors[2].found, "1.01");
  EXPECT_EQ(errors[3].source.line, 10);
  EXPECT_EQ(errors[3].key, "policy.schedule[2].set.planner_mode");
  EXPECT_NE(errors[3].expected.find("coordinated"), std::string::npos) << errors[3].expected;
}

TEST(PolicyScheduleValidation, RegionNotInTheScenario) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "regions = [\"Anhui\", \"Jiangsuu\", \"Atlantis\"]\n"
      "set = { rd_subsidy_rate = 0.1 }\n");
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].source.file, "s.toml");
  EXPECT_EQ(errors[0].source.line, 4);
  EXPECT_EQ(errors[0].key, "policy.schedule[0].regions");
  EXPECT_EQ(errors[0].expected, "names of regions of the scenario");
  EXPECT_EQ(errors[0].found, "'Jiangsuu'");
  EXPECT_EQ(errors[0].hint, "did you mean 'Jiangsu'?");
  EXPECT_EQ(errors[1].source.line, 4);
  EXPECT_EQ(errors[1].found, "'Atlantis'");
  EXPECT_EQ(errors[1].hint, "");  // nothing close
}

TEST(PolicyScheduleValidation, DateThatIsNotTheFirstDayOfATick) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2030-02-01\n"
      "set = { rd_subsidy_rate = 0.1 }\n"
      "[[policy.schedule]]\n"
      "from = 2030-01-15\n"
      "set = { rd_subsidy_rate = 0.2 }\n");
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:3:8: policy.schedule[0].from: expected the first day of a tick (3 months from 2023-01-01), found "
            "2030-02-01 (ticks start on 2030-01-01 and 2030-04-01)");
  EXPECT_EQ(errors[1].source.line, 6);
  EXPECT_EQ(errors[1].key, "policy.schedule[1].from");
  EXPECT_EQ(errors[1].found, "2030-01-15");
  EXPECT_EQ(errors[1].hint, "ticks start on 2030-01-01 and 2030-04-01");
}

TEST(PolicyScheduleValidation, DateOutsideTheRun) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2043-01-01\n"  // tick 80: the first day after the run
      "set = { rd_subsidy_rate = 0.1 }\n"
      "[[policy.schedule]]\n"
      "from = 2022-10-01\n"  // tick -1
      "set = { rd_subsidy_rate = 0.1 }\n"
      "[[policy.schedule]]\n"
      "from = 2042-10-01\n"  // tick 79: the last tick, valid
      "set = { rd_subsidy_rate = 0.1 }\n");
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:3:8: policy.schedule[0].from: expected a date within the run, 2023-01-01 (tick 0) to 2042-10-01 "
            "(tick 79), found 2043-01-01");
  EXPECT_EQ(errors[1].source.line, 6);
  EXPECT_EQ(errors[1].key, "policy.schedule[1].from");
  EXPECT_EQ(errors[1].found, "2022-10-01");
  EXPECT_EQ(errors[1].expected, "a date within the run, 2023-01-01 (tick 0) to 2042-10-01 (tick 79)");
}

TEST(PolicyScheduleValidation, TheRunFollowsTheOverrides) {
  // --set simulation.ticks=8 ends the run at tick 7 (2024-10-01).
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2025-01-01\n"
      "set = { rd_subsidy_rate = 0.1 }\n",
      {"simulation.ticks=8"});
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].expected, "a date within the run, 2023-01-01 (tick 0) to 2024-10-01 (tick 7)");
}

TEST(PolicyScheduleValidation, TickBeyondTheRun) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "tick = 80\n"
      "set = { rd_subsidy_rate = 0.1 }\n"
      "[[policy.schedule]]\n"
      "tick = 79\n"  // the last tick: valid
      "set = { rd_subsidy_rate = 0.1 }\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:3:8: policy.schedule[0].tick: expected a tick of the run, 0 to 79, found 80");
  // A negative tick is outside the schema's range: an error while loading, before the model's check.
  const auto negative = errors_of(
      "[[policy.schedule]]\n"
      "tick = -1\n"
      "set = { rd_subsidy_rate = 0.1 }\n");
  ASSERT_EQ(negative.size(), 1u) << all(negative);
  EXPECT_EQ(negative[0].format(), "s.toml:3:8: policy.schedule[0].tick: expected an integer in [0, 1000000000], found -1");
}

TEST(PolicyScheduleValidation, BothFromAndTick) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "tick = 28\n"
      "set = { rd_subsidy_rate = 0.1 }\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:4:8: policy.schedule[0].tick: expected either from or tick, found both");
}

TEST(PolicyScheduleValidation, NationalLeverWithRegions) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "regions = [\"Anhui\"]\n"
      "set = { planner_mode = \"coordinated\" }\n"
      "[[policy.schedule]]\n"
      "regions = [\"Anhui\"]\n"
      "set = { rd_subsidy_rate = 0.1, regions_per_industry = 3 }\n");
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:4:11: policy.schedule[0].regions: expected no regions with the national levers planner_mode, "
            "priorities_per_region, regions_per_industry, found a list of regions (put the national levers in an "
            "entry of their own)");
  EXPECT_EQ(errors[1].source.line, 7);
  EXPECT_EQ(errors[1].key, "policy.schedule[1].regions");
}

TEST(PolicyScheduleValidation, EntryThatSetsNothing) {
  const auto errors = errors_of(
      "[policy]\n"
      "rd_subsidy_rate = 0.1\n"
      "\n"
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "regions = [\"Anhui\"]\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  // Reported at the start of the entry: there is no `set` to point at.
  EXPECT_EQ(errors[0].source.file, "s.toml");
  EXPECT_EQ(errors[0].source.line, 5);
  EXPECT_EQ(errors[0].key, "policy.schedule[0].set");
  EXPECT_EQ(errors[0].expected, "at least one lever to change, set = { lever = value }");
  EXPECT_EQ(errors[0].found, "none");
}

TEST(PolicyScheduleValidation, PilotWithAnUnknownIndustry) {
  const auto errors = errors_of(
      "[[policy.pilots]]\n"
      "regions = [\"Anhui\", \"Guangdong\"]\n"
      "industry = \"future_informaton\"\n"
      "budget = 50.0\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:4:12: policy.pilots[0].industry: expected the name of an industry of the scenario, found "
            "'future_informaton' (did you mean 'future_information'?)");
}

TEST(PolicyScheduleValidation, PilotThatEndsBeforeItStarts) {
  const auto errors = errors_of(
      "[[policy.pilots]]\n"
      "regions = [\"Anhui\"]\n"
      "industry = \"future_health\"\n"
      "budget = 50.0\n"
      "from = 2026-01-01\n"
      "until = 2026-01-01\n"
      "[[policy.pilots]]\n"
      "regions = [\"Anhui\"]\n"
      "industry = \"future_health\"\n"
      "budget = 50.0\n"
      "from_tick = 12\n"
      "until_tick = 10\n"
      "[[policy.pilots]]\n"  // ends with the run: valid
      "regions = [\"Anhui\"]\n"
      "industry = \"future_health\"\n"
      "budget = 50.0\n"
      "from = 2042-10-01\n"
      "until = 2043-01-01\n"
      "[[policy.pilots]]\n"
      "regions = [\"Anhui\"]\n"
      "industry = \"future_health\"\n"
      "budget = 50.0\n"
      "until_tick = 81\n");
  ASSERT_EQ(errors.size(), 3u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:2:1: policy.pilots[0].until: expected an end after the start (tick 12), found tick 12");
  EXPECT_EQ(errors[1].format(),
            "s.toml:8:1: policy.pilots[1].until: expected an end after the start (tick 12), found tick 10");
  EXPECT_EQ(errors[2].format(), "s.toml:24:14: policy.pilots[3].until_tick: expected a tick of the run, 0 to 80, found 81");
}

TEST(PolicyScheduleValidation, EveryProblemOfBothTablesIsReportedTogether) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2030-02-01\n"
      "regions = [\"Anhiu\"]\n"
      "set = { rd_subsidy_rate = 0.1 }\n"
      "[[policy.pilots]]\n"
      "regions = [\"Guangdong\"]\n"
      "industry = \"future_helth\"\n"
      "budget = 1.0\n");
  ASSERT_EQ(errors.size(), 3u) << all(errors);
  EXPECT_EQ(errors[0].key, "policy.schedule[0].from");
  EXPECT_EQ(errors[0].source.line, 3);
  EXPECT_EQ(errors[1].key, "policy.schedule[0].regions");
  EXPECT_EQ(errors[1].source.line, 4);
  EXPECT_EQ(errors[1].hint, "did you mean 'Anhui'?");
  EXPECT_EQ(errors[2].key, "policy.pilots[0].industry");
  EXPECT_EQ(errors[2].source.line, 8);
  EXPECT_EQ(errors[2].hint, "did you mean 'future_health'?");
}

TEST(PolicyScheduleValidation, CommandLineReportsTheLineAndExitsWith2) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("clustersim-policy-validate-{}", ::getpid());
  fs::create_directories(dir);
  const fs::path file = dir / "bad_schedule.toml";
  std::ofstream(file) << fmt::format(
      "base = \"{}\"\n"
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "set = {{ opennes = 0.3 }}\n",
      source_path("configs/baseline.toml"));
  const auto result = run_command(fmt::format("{} validate {}", clustersim(), file.string()));
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find(fmt::format("{}:4:", file.string())), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("policy.schedule[0].set.opennes"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("did you mean 'openness'?"), std::string::npos) << result.output;
  fs::remove_all(dir);
}

// ---------------------------------------------------------------------------------------------------
// Reading a valid schedule and applying it.

TEST(PolicyScheduleReading, EntriesInTickOrderThenFileOrder) {
  const sim::config::Config config = load_scenario(
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"  // tick 28
      "regions = [\"Jiangsu\", \"Anhui\"]\n"
      "set = { rd_subsidy_rate = 0.2, openness = 0.8 }\n"
      "[[policy.schedule]]\n"
      "set = { planner_mode = \"coordinated\", priorities_per_region = 2 }\n"
      "[[policy.schedule]]\n"
      "tick = 28\n"
      "set = { rd_subsidy_rate = 0.3 }\n"
      "[[policy.schedule]]\n"
      "tick = 5\n"
      "set = { transport_cost = 0.2 }\n");
  const auto names = region_names();
  const models::PolicySchedule schedule = models::read_policy_schedule(config, sim::read_run_settings(config), names);
  ASSERT_EQ(schedule.size(), 4u);
  EXPECT_EQ(schedule[0].tick, 0);
  EXPECT_TRUE(schedule[0].regional.empty());
  // National levers, in the order of national_levers(): planner_mode, then priorities_per_region.
  ASSERT_EQ(schedule[0].national.size(), 2u);
  EXPECT_EQ(schedule[0].national[0].first->name, "planner_mode");
  EXPECT_EQ(schedule[0].national[0].second, static_cast<int>(models::PlannerMode::coordinated));
  EXPECT_EQ(schedule[0].national[1].first->name, "priorities_per_region");
  EXPECT_EQ(schedule[0].national[1].second, 2);
  EXPECT_EQ(schedule[1].tick, 5);
  ASSERT_EQ(schedule[1].regional.size(), 1u);
  EXPECT_EQ(schedule[1].regional[0].first, models::find_regional_lever("transport_cost"));
  EXPECT_EQ(schedule[1].regional[0].second, 0.2);
  EXPECT_TRUE(schedule[1].regions.empty());
  EXPECT_EQ(schedule[2].tick, 28);
  EXPECT_EQ(schedule[2].regions,
            (std::vector<int>{index_of(names, "Jiangsu"), index_of(names, "Anhui")}));
  ASSERT_EQ(schedule[2].regional.size(), 2u);
  EXPECT_EQ(schedule[3].tick, 28);
  ASSERT_EQ(schedule[3].regional.size(), 1u);
  EXPECT_EQ(schedule[3].regional[0].second, 0.3);

  // Entries of one tick apply in file order: everywhere 0.3, the later entry, wins in Anhui too.
  models::Levers levers = models::default_levers(static_cast<int>(names.size()));
  models::LeverChanges changes = models::apply_policy_changes(levers, schedule, 27);
  EXPECT_FALSE(changes.any);
  changes = models::apply_policy_changes(levers, schedule, 28);
  EXPECT_TRUE(changes.any);
  EXPECT_TRUE(changes.geography);
  EXPECT_FALSE(changes.plan);
  EXPECT_TRUE((levers.rd_subsidy_rate.array() == 0.3).all());
  const int anhui = index_of(names, "Anhui");
  const int jiangsu = index_of(names, "Jiangsu");
  for (int r = 0; r < static_cast<int>(names.size()); ++r) {
    EXPECT_EQ(levers.openness(r), r == anhui || r == jiangsu ? 0.8 : 0.5) << names[static_cast<std::size_t>(r)];
  }
  changes = models::apply_policy_changes(levers, schedule, 0);
  EXPECT_TRUE(changes.plan);
  EXPECT_FALSE(changes.geography);
  EXPECT_EQ(levers.mode(), models::PlannerMode::coordinated);
  EXPECT_EQ(levers.priorities_per_region, 2);
  EXPECT_EQ(levers.regions_per_industry, 5);  // unchanged default
}

TEST(PolicyScheduleReading, PilotsFromDatesAndTicks) {
  const sim::config::Config config = load_scenario(
      "[[policy.pilots]]\n"
      "regions = [\"Guangdong\", \"Anhui\"]\n"
      "industry = \"future_energy\"\n"
      "budget = 50.0\n"
      "from = 2026-01-01\n"
      "until = 2031-01-01\n"
      "[[policy.pilots]]\n"
      "regions = [\"Beijing\"]\n"
      "industry = \"future_health\"\n"
      "budget = 2.5\n");
  const auto names = region_names();
  const models::Industries industries = models::read_industries(config);
  const auto pilots = models::read_pilots(config, sim::read_run_settings(config), names, industries.names);
  ASSERT_EQ(pilots.size(), 2u);
  EXPECT_EQ(pilots[0].regions, (std::vector<int>{index_of(names, "Guangdong"), index_of(names, "Anhui")}));
  EXPECT_EQ(pilots[0].industry, index_of(industries.names, "future_energy"));
  EXPECT_EQ(pilots[0].budget, 50.0);
  EXPECT_EQ(pilots[0].from_tick, 12);
  EXPECT_EQ(pilots[0].until_tick, 32);
  EXPECT_EQ(pilots[1].from_tick, 0);    // default: the start
  EXPECT_EQ(pilots[1].until_tick, 80);  // default: the end of the run
}

// The hint for a date before the start names the tick starts around it (floor division of a negative
// month count).
TEST(PolicyScheduleValidation, HintForADateBeforeTheStart) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2022-10-15\n"
      "set = { rd_subsidy_rate = 0.1 }\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].key, "policy.schedule[0].from");
  EXPECT_EQ(errors[0].hint, "ticks start on 2022-10-01 and 2023-01-01");
}

// `regions = []` would read as "every region", the opposite of what it says: an error.
TEST(PolicyScheduleValidation, EmptyRegionListIsAnError) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "tick = 2\n"
      "regions = []\n"
      "set = { rd_subsidy_rate = 0.1 }\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].key, "policy.schedule[0].regions");
  EXPECT_EQ(errors[0].source.line, 4);
}

}  // namespace
