// End to end: a run saved part-way and continued from its state writes, bit for bit, the ticks of the run
// that was never interrupted (the baseline, and a scheduled policy with the coordinated planner that
// changes its rules around the saved tick; a checkpoint does the same); a burn-in gives every seed the
// same start, the one a saved start gives; states of other regions, other versions or no state at all
// are refused with exit status 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "hdf5_read_support.hpp"
#include "process_runner.hpp"
#include "sim/state/state_file.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::clustersim;
using testing_support::read_numeric_datasets;
using testing_support::run_command;
using testing_support::same_bits;
using testing_support::source_path;

class SavedState : public ::testing::Test {
 protected:
  // clustersim run SCENARIO ARGS -o NAME; expects success.
  fs::path run(const std::string& scenario, const std::string& args, const std::string& name) const {
    const fs::path out = dir_.path() / name;
    const auto result =
        run_command(clustersim() + " run -q " + source_path(scenario) + " " + args + " -o " + out.string());
    EXPECT_EQ(result.status, 0) << result.output;
    return out;
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }

  const testing_support::TempDir dir_;
};

// Every time series of `rest` equals the ticks of `whole` from `first` on, bit for bit.
void expect_continuation(const fs::path& whole, const fs::path& rest, std::size_t first) {
  const auto all = read_numeric_datasets(whole);
  const auto tail = read_numeric_datasets(rest);
  std::size_t compared = 0;
  for (const auto& [name, dataset] : all) {
    if (!dataset.time_series || dataset.dims.empty() || dataset.dims[0] == 0) continue;
    ASSERT_TRUE(tail.count(name)) << name;
    const std::size_t per_tick = dataset.values.size() / dataset.dims[0];
    const std::vector<double> expected(dataset.values.begin() + static_cast<std::ptrdiff_t>(first * per_tick),
                                       dataset.values.end());
    EXPECT_TRUE(same_bits(expected, tail.at(name).values)) << name;
    ++compared;
  }
  EXPECT_GT(compared, 100u);
}

TEST_F(SavedState, BaselineSavedAtTick40GoesOnAsTheUninterruptedRun) {
  const fs::path whole = run("configs/baseline.toml", "", "whole.h5");
  const fs::path first = run("configs/baseline.toml", "--stop-at 40 --save-state " + path("at40.h5").string(), "first.h5");
  EXPECT_EQ(read_numeric_datasets(first).at("gdp_total").values.size(), 40u);
  const fs::path rest = run("configs/baseline.toml", "--from-state " + path("at40.h5").string(), "rest.h5");
  expect_continuation(whole, rest, 40);
  const auto state = sim::state::read_state_file(path("at40.h5"));
  EXPECT_EQ(state.attributes.at("ticks_done"), "40");
  EXPECT_NE(state.attributes.at("scenario").find("[simulation]"), std::string::npos);
}

TEST_F(SavedState, ScheduledCoordinatedPlannerGoesOnFromASaveAndFromACheckpoint) {
  const std::string scenario = "tests/data/checkpoint_schedule.toml";
  const fs::path whole = run(scenario, "", "whole.h5");
  run(scenario, "--stop-at 40 --save-state " + path("at40.h5").string(), "first.h5");
  expect_continuation(whole, run(scenario, "--from-state " + path("at40.h5").string(), "rest.h5"), 40);
  // A run cut short after its checkpoint at tick 30 goes on from the checkpoint kept beside its output.
  run(scenario, "--checkpoint-every 30 --stop-at 35", "cut.h5");
  ASSERT_TRUE(fs::exists(path("cut.checkpoint.h5")));
  expect_continuation(whole, run(scenario, "--from-state " + path("cut.checkpoint.h5").string(), "resumed.h5"), 30);
}

TEST_F(SavedState, BurnInGivesEverySeedTheSameStartAsTheSavedStart) {
  const std::string scenario = "tests/data/small.toml";
  const std::string burn_in = "--set simulation.burn_in_years=2 ";
  run(scenario, burn_in + "--seed 1 --stop-at 0 --save-state " + path("start1.h5").string(), "unused1.h5");
  run(scenario, burn_in + "--seed 2 --stop-at 0 --save-state " + path("start2.h5").string(), "unused2.h5");
  EXPECT_FALSE(fs::exists(path("unused1.h5")));  // --stop-at 0 writes the state only
  const auto start1 = sim::state::read_state_file(path("start1.h5"));
  const auto start2 = sim::state::read_state_file(path("start2.h5"));
  ASSERT_EQ(start1.arrays.size(), start2.arrays.size());
  for (const auto& [name, array] : start1.arrays) EXPECT_EQ(array.bytes, start2.arrays.at(name).bytes) << name;
  EXPECT_EQ(start1.attributes.at("state_hash"), start2.attributes.at("state_hash"));
  EXPECT_NE(start1.attributes.at("seed"), start2.attributes.at("seed"));
  // Future industries start as immature as the data's year has them: the burn-in adds no experience.
  EXPECT_EQ(start1.arrays.at("future/cumulative_output").bytes, start1.arrays.at("future/initial_experience").bytes);
  // Without a burn-in the seeds draw different initial firms.
  run(scenario, "--seed 1 --stop-at 0 --save-state " + path("own1.h5").string(), "unused3.h5");
  run(scenario, "--seed 2 --stop-at 0 --save-state " + path("own2.h5").string(), "unused4.h5");
  EXPECT_NE(sim::state::read_state_file(path("own1.h5")).arrays.at("firms/productivity").bytes,
            sim::state::read_state_file(path("own2.h5")).arrays.at("firms/productivity").bytes);
  EXPECT_NE(sim::state::read_state_file(path("own1.h5")).attributes.at("state_hash"),
            sim::state::read_state_file(path("own2.h5")).attributes.at("state_hash"));
  // A scenario naming the saved start runs as the one with the burn-in.
  const fs::path after_burn_in = run(scenario, burn_in + "--seed 3", "burn_in.h5");
  const fs::path from_start =
      run(scenario, "--seed 3 --set simulation.initial_state=" + path("start1.h5").string(), "from_start.h5");
  expect_continuation(after_burn_in, from_start, 0);
}

TEST_F(SavedState, RefusesStatesItCannotUse) {
  const std::string small = source_path("tests/data/small.toml");
  run("tests/data/small.toml", "--stop-at 2 --save-state " + path("small.h5").string(), "small_out.h5");
  // Other regions: the first five of the default data.
  std::ifstream data(source_path("configs/data/china31-regions.csv"));
  std::ofstream few(path("few.csv"));
  std::string line;
  for (int rows = 0; std::getline(data, line) && rows < 6;) {
    few << line << "\n";
    if (!line.empty() && line[0] != '#') ++rows;
  }
  few.close();
  std::ofstream(path("few.toml")) << "base = \"" << small << "\"\n[regions]\nfile = \"few.csv\"\n";
  const auto other_regions =
      run_command(clustersim() + " run -q " + path("few.toml").string() + " --from-state " + path("small.h5").string() +
                  " -o " + path("x.h5").string());
  EXPECT_EQ(other_regions.status, 2) << other_regions.output;
  EXPECT_NE(other_regions.output.find("regions"), std::string::npos) << other_regions.output;
  // Another version.
  const auto retag = run_command("/usr/bin/python3 -c \"import h5py; f = h5py.File('" + path("small.h5").string() +
                                 "', 'a'); f.attrs['program_version'] = '0.0.1'\"");
  ASSERT_EQ(retag.status, 0) << retag.output;
  const auto old = run_command(clustersim() + " run -q " + small + " --from-state " + path("small.h5").string() +
                               " -o " + path("y.h5").string());
  EXPECT_EQ(old.status, 2) << old.output;
  EXPECT_NE(old.output.find("0.0.1"), std::string::npos) << old.output;
  // An output file is not a state; a state at the scenario's end leaves nothing to run.
  const auto output = run_command(clustersim() + " run -q " + small + " --from-state " + path("small_out.h5").string() +
                                  " -o " + path("z.h5").string());
  EXPECT_EQ(output.status, 2) << output.output;
  run("tests/data/small.toml", "--save-state " + path("end.h5").string(), "end_out.h5");
  const auto done = run_command(clustersim() + " run -q " + small + " --from-state " + path("end.h5").string() +
                                " -o " + path("w.h5").string());
  EXPECT_EQ(done.status, 2) << done.output;
  // A scenario naming a state file that is not there: the key and the path.
  const auto missing = run_command(clustersim() + " run -q " + small + " --set simulation.initial_state=" +
                                   path("nowhere.h5").string() + " -o " + path("v.h5").string());
  EXPECT_EQ(missing.status, 2) << missing.output;
  EXPECT_NE(missing.output.find("simulation.initial_state"), std::string::npos) << missing.output;
  EXPECT_NE(missing.output.find("nowhere.h5"), std::string::npos) << missing.output;
  EXPECT_FALSE(fs::exists(path("x.h5")) || fs::exists(path("y.h5")) || fs::exists(path("z.h5")) ||
               fs::exists(path("w.h5")));
}

}  // namespace
