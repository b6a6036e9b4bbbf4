// The command line as a user meets it: exit statuses, error messages, help and version.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "process_runner.hpp"
#include "temp_dir.hpp"

namespace {

using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;

TEST(CommandLine, VersionAndHelp) {
  const auto version = run_command(clustersim() + " --version");
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.output.find("clustersim 0."), std::string::npos);
  const auto help = run_command(clustersim() + " --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("Examples:"), std::string::npos);
  EXPECT_NE(help.output.find("validate"), std::string::npos);
}

TEST(CommandLine, ValidateAcceptsTheBaseline) {
  const auto result = run_command(clustersim() + " validate " + source_path("configs/baseline.toml"));
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("valid (31 regions, 18 industries, 80 ticks)"), std::string::npos) << result.output;
}

TEST(CommandLine, InfoDescribesARunFileAndPrintsItsScenario) {
  testing_support::TempDir dir;
  const std::string out = (dir.path() / "run.h5").string();
  ASSERT_EQ(run_command(clustersim() + " run -q " + source_path("tests/data/small.toml") +
                        " --set simulation.ticks=2 --seed 7 -o " + out).status, 0);
  const auto info = run_command(clustersim() + " info " + out);
  EXPECT_EQ(info.status, 0) << info.output;
  EXPECT_NE(info.output.find("run file"), std::string::npos) << info.output;
  EXPECT_NE(info.output.find("seed                   7"), std::string::npos) << info.output;
  EXPECT_NE(info.output.find("| sales | 2 x 31 x 18 | 1e8 CNY/year | time: mean |"), std::string::npos) << info.output;
  // The scenario it prints runs again to the same file.
  const std::string scenario = (dir.path() / "again.toml").string();
  const auto printed = run_command(clustersim() + " info " + out + " --scenario > " + scenario);
  EXPECT_EQ(printed.status, 0) << printed.output;
  EXPECT_EQ(run_command(clustersim() + " validate " + scenario).status, 0);
  // Neither a text file nor an output given as a scenario gets past a clear refusal.
  const auto text = run_command(clustersim() + " info " + source_path("README.md"));
  EXPECT_EQ(text.status, 2);
  EXPECT_NE(text.output.find("not an HDF5 file"), std::string::npos) << text.output;
  const auto validate = run_command(clustersim() + " validate " + out);
  EXPECT_EQ(validate.status, 2);
  EXPECT_NE(validate.output.find("clustersim info"), std::string::npos) << validate.output;
}

TEST(CommandLine, BadScenarioListsEveryErrorAndExitsWith2) {
  const auto result = run_command(clustersim() + " validate " + source_path("tests/data/bad_scenario.toml"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("bad_scenario.toml:5:"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("policy.rd_subsidy_rate"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("1.5"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("bad_scenario.toml:6:"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("policy.openness"), std::string::npos) << result.output;  // did you mean
  EXPECT_NE(result.output.find("2 errors"), std::string::npos) << result.output;
}

TEST(CommandLine, BadOverrideExitsWith2) {
  const auto result = run_command(clustersim() + " validate " + source_path("configs/baseline.toml") +
                                  " --set policy.openness=2");
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("--set policy.openness"), std::string::npos) << result.output;
}

TEST(CommandLine, BadRegionAreaNamesFileLineAndKeyAndExitsWith2) {
  const testing_support::TempDir dir;
  std::ofstream(dir / "regions.csv") << "region,lat,lon,gdp,population,area_km2\n"
                                     << "Beijing,39.90,116.40,41611,2184,16410\n"
                                     << "Tianjin,39.13,117.20,16311,1363,-5\n";
  std::ofstream(dir / "s.toml") << "base = \"" << source_path("configs/baseline.toml") << "\"\n"
                                << "[regions]\nfile = \"regions.csv\"\n";
  const auto result = run_command(clustersim() + " run " + (dir / "s.toml").string() + " -o " + (dir / "s.h5").string());
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find("regions.csv:3:33: regions[1].area_km2: expected a real number in [1, 20000000], found -5"),
            std::string::npos)
      << result.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "s.h5"));
}

TEST(CommandLine, MissingFileAndUnknownOptionExitWith2) {
  EXPECT_EQ(run_command(clustersim() + " validate /nonexistent/scenario.toml").status, 2);
  EXPECT_EQ(run_command(clustersim() + " run --no-such-option x.toml").status, 2);
}

TEST(CommandLine, StartDateMustBeFirstOfMonth) {
  const auto result = run_command(clustersim() + " validate " + source_path("configs/baseline.toml") +
                                  " --set simulation.start_date=2023-01-15");
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("the first day of a month"), std::string::npos) << result.output;
}

TEST(CommandLine, UnwritableOutputIsARuntimeFailure) {
  const auto result = run_command(clustersim() + " run -q " + source_path("tests/data/small.toml") +
                                  " --set simulation.ticks=1 -o /proc/clustersim-cannot-write/out.h5");
  EXPECT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("error"), std::string::npos);
}

}  // namespace

namespace {

TEST(CommandLine, CheckedRunFindsNoViolatedIdentity) {
  const testing_support::TempDir dir;
  const auto out = dir / "checked-run.h5";
  const auto result = testing_support::run_command(testing_support::clustersim() + " run -q --check " +
                                                   testing_support::source_path("tests/data/small.toml") + " -o " +
                                                   out.string());
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(std::filesystem::exists(out));
}

}  // namespace

namespace {

TEST(CommandLine, WholeBaselineRunKeepsEveryIdentity) {
  // All four chains, 80 ticks, 20,000 initial firms: talent, money and market identities every tick.
  const testing_support::TempDir dir;
  const auto out = dir / "checked-baseline.h5";
  const auto result = testing_support::run_command(testing_support::clustersim() + " run -q --check " +
                                                   testing_support::source_path("configs/baseline.toml") + " -o " +
                                                   out.string());
  EXPECT_EQ(result.status, 0) << result.output;
}

}  // namespace

namespace {

// Every scenario of configs/, and the R&D subsidy under each way of financing it, keeps every identity
// (the sector matrices included) on every tick. Fewer firms than the scenarios have keep this fast;
// the policies, schedules and financing are the scenarios' own.
TEST(CommandLine, EveryScenarioKeepsEveryIdentityUnderEveryFinancing) {
  const testing_support::TempDir dir;
  std::vector<std::string> runs;
  for (const auto& entry : std::filesystem::directory_iterator(testing_support::source_path("configs"))) {
    if (entry.path().extension() == ".toml") runs.push_back(entry.path().string());
  }
  ASSERT_GE(runs.size(), 10u);
  for (const char* financing : {"tax", "budget_neutral"}) {
    for (const char* scenario : {"configs/baseline.toml", "configs/high_rd_subsidy.toml"}) {
      runs.push_back(testing_support::source_path(scenario) + " --set 'policy.financing=\"" + financing + "\"'");
    }
  }
  for (const std::string& run : runs) {
    const auto result = testing_support::run_command(testing_support::clustersim() + " run -q --check " + run +
                                                     " --set firms.initial_count=2000 -o " + (dir / "run.h5").string());
    EXPECT_EQ(result.status, 0) << run << "\n" << result.output;
  }
}

}  // namespace
