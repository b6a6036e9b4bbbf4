// A sweep whose scenario has a burn-in, on the toy model (tests/unit/toy_model.hpp, whose policy is
// toy.growth): the burn-in scenario resets the policy and takes the burn-in's ticks and seed; every run
// starts from the one shared burn-in, so replicates and swept policies differ only by what comes after it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fmt/core.h>

#include <filesystem>
#include <fstream>

#include "hdf5_read_support.hpp"
#include "sim/run/starting_state.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/sweep_file.hpp"
#include "temp_dir.hpp"
#include "toy_model.hpp"

namespace {

namespace fs = std::filesystem;

class SweepBurnIn : public ::testing::Test {
 protected:
  // A sweep over toy.growth with `replicates` replicates of a scenario with `burn_in_years`.
  sim::sweep::SweepSpec spec(int burn_in_years, int replicates) {
    std::ofstream(dir_.path() / "base.toml") << fmt::format(
        "[simulation]\nticks = 4\nmonths_per_tick = 12\nburn_in_years = {}\nburn_in_seed = 5\n[toy]\ngrowth = 0.3\n",
        burn_in_years);
    std::ofstream(dir_.path() / "sweep.toml") << fmt::format(
        "[sweep]\nscenario = \"base.toml\"\nreplicates = {}\n[[sweep.parameters]]\nkey = \"toy.growth\"\n"
        "values = [0.2, 0.4]\n",
        replicates);
    return sim::sweep::load_sweep(model_, dir_.path() / "sweep.toml");
  }
  // toy `level` of the sweep file as (scenario, replicate, tick, region), flattened.
  std::vector<double> levels(const sim::sweep::SweepSpec& sweep) {
    const fs::path output = dir_.path() / "sweep.h5";
    fs::remove(output);
    sim::sweep::SweepSettings settings;
    settings.jobs = 2;
    sim::sweep::run_sweep(model_, sweep, output, settings);
    const auto file = testing_support::open_file(output);
    return testing_support::read_doubles(testing_support::open_dataset(file.get(), "level").get());
  }

  const sim::Model model_ = testing_support::toy_model();
  const testing_support::TempDir dir_;
};

TEST_F(SweepBurnIn, TheBurnInScenarioResetsThePolicyAndTakesItsOwnTicksAndSeed) {
  const sim::config::Schema schema = sim::scenario_schema(model_);
  std::ofstream(dir_.path() / "s.toml")
      << "[simulation]\nticks = 9\nseed = 77\nreplicate = 3\nmonths_per_tick = 6\nburn_in_years = 3\n"
         "burn_in_seed = 5\n[output]\ndeflate_level = 9\n[toy]\ngrowth = 0.3\nfail_above = 0.4\n";
  const sim::config::Config scenario = sim::config::load(schema, dir_.path() / "s.toml");
  const sim::config::Config burn_in = sim::burn_in_config(model_, scenario);
  EXPECT_EQ(burn_in.real("toy.growth"), 0.1);        // the policy's default
  EXPECT_EQ(burn_in.real("toy.fail_above"), 0.4);    // the rest of the scenario is kept
  EXPECT_EQ(burn_in.integer("simulation.ticks"), 6);  // 3 years of half-year ticks
  EXPECT_EQ(burn_in.integer("simulation.seed"), 5);
  EXPECT_EQ(burn_in.integer("simulation.replicate"), 0);
  EXPECT_EQ(burn_in.integer("simulation.burn_in_years"), 0);
  EXPECT_EQ(burn_in.integer("output.deflate_level"), 1);  // the default, not the scenario's 9
  // Two replicates of a scenario share the burn-in scenario text, the cache's key.
  std::ofstream(dir_.path() / "t.toml")
      << "[simulation]\nticks = 9\nseed = 78\nreplicate = 4\nmonths_per_tick = 6\nburn_in_years = 3\n"
         "burn_in_seed = 5\n[toy]\ngrowth = 0.2\nfail_above = 0.4\n";
  const sim::config::Config other = sim::config::load(schema, dir_.path() / "t.toml");
  EXPECT_EQ(sim::burn_in_config(model_, other).to_toml(), burn_in.to_toml());
}

TEST_F(SweepBurnIn, EveryRunStartsFromTheOneSharedBurnIn) {
  const int loads_before = testing_support::ToyRun::loads();
  const std::vector<double> with = levels(spec(2, 3));
  // 2 scenarios x 3 replicates and the prototype that lays out the file each loaded the burn-in.
  EXPECT_EQ(testing_support::ToyRun::loads() - loads_before, 7);
  const std::size_t per_run = 4 * 2;  // ticks x regions
  ASSERT_EQ(with.size(), 6 * per_run);
  for (std::size_t scenario = 0; scenario < 2; ++scenario) {
    for (std::size_t replicate = 1; replicate < 3; ++replicate) {
      for (std::size_t i = 0; i < per_run; ++i) {
        EXPECT_EQ(with[(scenario * 3 + replicate) * per_run + i], with[scenario * 3 * per_run + i]);
      }
    }
  }
  // The swept growth acts after the start: the scenarios' first ticks differ, from one start.
  EXPECT_NE(with[0], with[3 * per_run]);
  // Without a burn-in each replicate starts from its own draw.
  const std::vector<double> without = levels(spec(0, 3));
  EXPECT_NE(without[0], without[per_run]);
}

}  // namespace
