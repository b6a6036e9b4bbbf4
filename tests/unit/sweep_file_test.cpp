// Sweep files: read against a model's scenario schema (here a two-key model that knows no economics),
// every problem reported with file, line and key; the scenarios' overrides and the replicates' streams.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "sim/config/schema.hpp"
#include "sim/sweep/sweep_file.hpp"
#include "toy_model.hpp"

namespace {

namespace fs = std::filesystem;
using sim::config::Error;
using sim::config::InputError;
using sim::config::Kind;

void declare(sim::config::Schema& schema) {
  schema.add({.path = "policy.rate", .kind = Kind::real, .default_value = 0.1, .unit = "1",
              .description = "A rate.", .range = {0, 1}});
  schema.add({.path = "firms.count", .kind = Kind::integer, .default_value = std::int64_t{10}, .unit = "1",
              .description = "A count.", .range = {1, 1000}});
  schema.add({.path = "label", .kind = Kind::string, .default_value = std::string("x"), .unit = "",
              .description = "A name."});
}

const sim::Model& model() {
  static const sim::Model instance{"test model", declare, nullptr, nullptr};
  return instance;
}

struct Files {
  fs::path dir = fs::temp_directory_path() / fmt::format("clustersim-sweep-file-test-{}", ::getpid());
  Files() {
    fs::create_directories(dir);
    std::ofstream(dir / "base.toml") << "[simulation]\nticks = 4\n[policy]\nrate = 0.2\n";
  }
  ~Files() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  fs::path write(const std::string& body) const {
    const fs::path file = dir / "sweep.toml";
    std::ofstream(file) << body;
    return file;
  }
};

const Files& files() {
  static const Files instance;
  return instance;
}

std::vector<Error> errors_of(const std::string& body, const sim::Model& with = model()) {
  try {
    (void)sim::sweep::load_sweep(with, files().write(body));
  } catch (const InputError& error) {
    return error.errors();
  }
  ADD_FAILURE() << "accepted:\n" << body;
  return {};
}

TEST(SweepFile, GridWithReplicatesAndOverrides) {
  const auto spec = sim::sweep::load_sweep(model(), files().write(
                                                        "[sweep]\n"
                                                        "scenario = \"base.toml\"\n"
                                                        "replicates = 3\n"
                                                        "[[sweep.parameters]]\n"
                                                        "key = \"policy.rate\"\n"
                                                        "values = [0, 0.5]\n"
                                                        "[[sweep.parameters]]\n"
                                                        "key = \"firms.count\"\n"
                                                        "values = [5, 50, 500]\n"));
  EXPECT_EQ(spec.scenario, files().dir / "base.toml");
  ASSERT_EQ(spec.points.rows.size(), 6u);
  EXPECT_EQ(spec.replicates, 3);
  EXPECT_TRUE(spec.common_random_numbers);
  EXPECT_TRUE(spec.keep.empty());
  EXPECT_EQ(sim::sweep::scenario_overrides(spec, 0), (std::vector<std::string>{"policy.rate=0", "firms.count=5"}));
  EXPECT_EQ(sim::sweep::scenario_overrides(spec, 4), (std::vector<std::string>{"policy.rate=0.5", "firms.count=50"}));
  // Common random numbers: replicate j has the same streams in every scenario.
  EXPECT_EQ(sim::sweep::replicate_key(spec, 0, 2), 2u);
  EXPECT_EQ(sim::sweep::replicate_key(spec, 5, 2), 2u);
}

TEST(SweepFile, IndependentStreamsWithoutCommonRandomNumbers) {
  const auto spec = sim::sweep::load_sweep(model(), files().write(
                                                        "[sweep]\n"
                                                        "scenario = \"base.toml\"\n"
                                                        "replicates = 3\n"
                                                        "common_random_numbers = false\n"
                                                        "design = \"latin_hypercube\"\n"
                                                        "samples = 4\n"
                                                        "[[sweep.parameters]]\n"
                                                        "key = \"firms.count\"\n"
                                                        "low = 1\n"
                                                        "high = 1000\n"));
  std::set<std::uint32_t> keys;
  for (std::size_t s = 0; s < 4; ++s) {
    for (int r = 0; r < 3; ++r) keys.insert(sim::sweep::replicate_key(spec, s, r));
  }
  EXPECT_EQ(keys.size(), 12u);  // every run its own streams
  // An integer key gets integer values.
  for (std::size_t s = 0; s < 4; ++s) {
    const std::string text = sim::sweep::scenario_overrides(spec, s)[0];
    EXPECT_EQ(text.find('.', std::string("firms.count=").size()), std::string::npos) << text;
  }
}

TEST(SweepFile, ProblemsWithFileLineAndKey) {
  const auto errors = errors_of(
      "[sweep]\n"
      "scenario = \"base.toml\"\n"
      "[[sweep.parameters]]\n"
      "key = \"policy.rat\"\n"          // line 4: unknown key
      "values = [0.1]\n"
      "[[sweep.parameters]]\n"
      "key = \"policy.rate\"\n"
      "values = [0.5, 2.0]\n"           // line 8: outside the key's range
      "[[sweep.parameters]]\n"
      "key = \"simulation.seed\"\n"     // line 10: set by the sweep itself
      "values = [1, 2]\n"
      "[[sweep.parameters]]\n"
      "key = \"label\"\n"               // line 13: not a number
      "values = [1]\n");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].format(),
            fmt::format("{}:4:7: sweep.parameters[0].key: expected a real or integer key of the scenario, found "
                        "'policy.rat' (did you mean 'policy.rate'?)",
                        (files().dir / "sweep.toml").string()));
  EXPECT_EQ(errors[1].key, "sweep.parameters[1]");
  EXPECT_EQ(errors[1].source.line, 8);
  EXPECT_EQ(errors[1].found, "2");
  EXPECT_EQ(errors[2].key, "sweep.parameters[2].key");
  EXPECT_EQ(errors[2].source.line, 10);
  EXPECT_EQ(errors[3].key, "sweep.parameters[3].key");
  EXPECT_EQ(errors[3].hint, "only numbers can be swept");
}

TEST(SweepFile, DesignNeedsWhatItSamples) {
  const auto errors = errors_of(
      "[sweep]\n"
      "scenario = \"base.toml\"\n"
      "design = \"sobol\"\n"
      "samples = 8\n"
      "[[sweep.parameters]]\n"
      "key = \"policy.rate\"\n"
      "values = [0.1]\n");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].key, "sweep.parameters[0]");
  EXPECT_EQ(errors[0].expected, "low and high for a sobol design");
  EXPECT_EQ(errors[0].source.line, 5);
  // The values it would not read are refused too, at their line.
  EXPECT_EQ(errors[1].key, "sweep.parameters[0].values");
  EXPECT_EQ(errors[1].source.line, 7);
}

// A field the design does not read is refused rather than ignored: a grid given low and high as well as its
// values would otherwise run the values alone without a word.
TEST(SweepFile, AFieldTheDesignDoesNotReadIsRefused) {
  const auto errors = errors_of(
      "[sweep]\n"
      "scenario = \"base.toml\"\n"
      "design = \"grid\"\n"
      "[[sweep.parameters]]\n"
      "key = \"policy.rate\"\n"
      "values = [0.1, 0.2]\n"
      "low = 0.1\n"
      "high = 0.3\n");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].key, "sweep.parameters[0].low");
  EXPECT_EQ(errors[0].source.line, 7);
  EXPECT_EQ(errors[0].expected, "no low in a grid design, which takes the values listed");
  EXPECT_EQ(errors[1].key, "sweep.parameters[0].high");
  EXPECT_EQ(errors[1].source.line, 8);
}

TEST(SweepFile, MalformedDesignBlamesTheParameter) {
  const auto errors = errors_of(
      "[sweep]\n"
      "scenario = \"base.toml\"\n"
      "design = \"random\"\n"
      "samples = 8\n"
      "[[sweep.parameters]]\n"
      "key = \"policy.rate\"\n"
      "low = 0.5\n"
      "high = 0.5\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "sweep.parameters");
  EXPECT_EQ(errors[0].source.line, 5);
  EXPECT_NE(errors[0].found.find("policy.rate"), std::string::npos) << errors[0].found;
}

TEST(SweepFile, BrokenBaseScenarioIsReported) {
  std::ofstream(files().dir / "broken.toml") << "[policy]\nrate = 3\n";
  const auto errors = errors_of(
      "[sweep]\n"
      "scenario = \"broken.toml\"\n"
      "[[sweep.parameters]]\n"
      "key = \"policy.rate\"\n"
      "values = [0.1]\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "policy.rate");
  EXPECT_EQ(errors[0].source.file, (files().dir / "broken.toml").string());
}

std::string sweep_file() { return (files().dir / "sweep.toml").string(); }

TEST(SweepFile, EveryErrorOfTheFileIsReportedTogether) {
  // An invalid value of one key used to stop the check of the others.
  const auto errors = errors_of(
      "[sweep]\n"
      "scenario = \"base.toml\"\n"
      "replicates = -1\n"                // line 3: out of range
      "design = \"grdi\"\n"              // line 4: no such design
      "[[sweep.parameters]]\n"
      "key = \"policy.rat\"\n"           // line 6: unknown key
      "values = [0.1]\n");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].key, "sweep.replicates");
  EXPECT_EQ(errors[0].source.describe(), sweep_file() + ":3:14");
  EXPECT_EQ(errors[1].key, "sweep.design");
  EXPECT_EQ(errors[1].source.describe(), sweep_file() + ":4:10");
  EXPECT_EQ(errors[2].key, "sweep.parameters[0].key");
  EXPECT_EQ(errors[2].source.describe(), sweep_file() + ":6:7");
}

TEST(SweepFile, KeepNamesEachUnknownVariableWhereItIsWritten) {
  const sim::Model toy = testing_support::toy_model();
  std::ofstream(files().dir / "toy.toml") << "[simulation]\nticks = 4\n";
  const auto errors = errors_of(
      "[sweep]\n"
      "scenario = \"toy.toml\"\n"
      "replicates = 0\n"
      "keep = [\"level\", \"levle\",\n"
      "        \"area\"]\n"
      "[[sweep.parameters]]\n"
      "key = \"toy.growth\"\n"
      "values = [0.1]\n",
      toy);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].key, "sweep.replicates");
  EXPECT_EQ(errors[1].format(), sweep_file() + ":4:18: sweep.keep[1]: expected the name of a time-series output "
                                               "variable (docs/output.md), found \"levle\" (did you mean 'level'?)");
  EXPECT_EQ(errors[2].source.describe(), sweep_file() + ":5:9");
  EXPECT_EQ(errors[2].hint, "a variable without a time axis is always written");
}

TEST(SweepFile, KnownKeepNamesAreAccepted) {
  const sim::Model toy = testing_support::toy_model();
  std::ofstream(files().dir / "toy.toml") << "[simulation]\nticks = 4\n";
  const auto spec = sim::sweep::load_sweep(toy, files().write("[sweep]\n"
                                                              "scenario = \"toy.toml\"\n"
                                                              "keep = [\"total\", \"level\"]\n"
                                                              "[[sweep.parameters]]\n"
                                                              "key = \"toy.growth\"\n"
                                                              "values = [0.1]\n"));
  EXPECT_EQ(spec.keep, (std::vector<std::string>{"total", "level"}));
}

TEST(SweepFile, MissingScenarioIsBlamedOnTheScenarioKey) {
  const auto errors = errors_of(
      "[sweep]\n"
      "replicates = 2\n"
      "scenario = \"no_such.toml\"\n"
      "[[sweep.parameters]]\n"
      "key = \"policy.rate\"\n"
      "values = [0.1]\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), sweep_file() + ":3:12: sweep.scenario: expected a readable scenario file, found \"" +
                                    (files().dir / "no_such.toml").string() + "\" (no such file)");
}

TEST(SweepFile, DirectoryAsScenarioIsBlamedOnTheScenarioKey) {
  const auto errors = errors_of(
      "[sweep]\n"
      "scenario = \".\"\n"
      "[[sweep.parameters]]\n"
      "key = \"policy.rate\"\n"
      "values = [0.1]\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].source.describe(), sweep_file() + ":2:12");
  EXPECT_NE(errors[0].found.find("(a directory)"), std::string::npos) << errors[0].found;
}

}  // namespace
