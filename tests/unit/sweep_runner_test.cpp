// The sweep runner on a toy model (tests/unit/toy_model.hpp): failed runs are recorded while the others
// complete; a sweep killed with SIGKILL part-way, at a run boundary or in the middle of writing, resumes
// to a file whose contents equal, bit for bit, those of a sweep that was never interrupted; resuming
// refuses a partial file of another sweep; run outcomes survive the trip through bytes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "hdf5_read_support.hpp"
#include "sim/output/output_lock.hpp"
#include "sim/output/sweep_writer.hpp"
#include "sim/run/interruption.hpp"
#include "sim/sweep/run_outcome.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/sweep_file.hpp"
#include "toy_model.hpp"

namespace {

namespace fs = std::filesystem;
using sim::sweep::SweepSettings;
using sim::sweep::SweepSpec;
using testing_support::content_differences;

class SweepRunner : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / fmt::format("clustersim-sweep-runner-{}-{}", ::getpid(), info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "base.toml") << "[simulation]\nticks = 6\n[toy]\ngrowth = 0.1\nfail_above = 0.5\n";
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // A grid over toy.growth with `replicates` replicates.
  SweepSpec spec(const std::string& growths, int replicates, const std::vector<std::string>& overrides = {}) {
    const fs::path file = dir_ / "sweep.toml";
    std::ofstream(file) << fmt::format(
        "[sweep]\nscenario = \"base.toml\"\nreplicates = {}\n[[sweep.parameters]]\nkey = \"toy.growth\"\nvalues = {}\n",
        replicates, growths);
    return sim::sweep::load_sweep(model_, file, overrides);
  }

  sim::sweep::SweepResult run(const SweepSpec& sweep, const fs::path& output, int jobs, bool resume = false) {
    SweepSettings settings;
    settings.jobs = jobs;
    settings.resume = resume;
    return sim::sweep::run_sweep(model_, sweep, output, settings);
  }

  // Runs the sweep in a child process that kills itself with SIGKILL: `after_runs` runs into the sweep
  // (at once, or `delay` later from another thread while the writer goes on). Returns how the child ended.
  int killed_sweep(const SweepSpec& sweep, const fs::path& output, std::size_t after_runs,
                   std::chrono::microseconds delay = std::chrono::microseconds(-1)) {
    const pid_t child = ::fork();
    if (child == 0) {
      SweepSettings settings;
      settings.jobs = 2;
      try {
        sim::sweep::run_sweep(model_, sweep, output, settings, [&](const sim::sweep::SweepProgress& p) {
          if (p.done != after_runs) return;
          if (delay.count() < 0) ::raise(SIGKILL);
          std::thread([delay] {
            std::this_thread::sleep_for(delay);
            ::raise(SIGKILL);
          }).detach();
        });
      } catch (...) {
        ::_exit(3);
      }
      ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return status;
  }

  sim::Model model_ = testing_support::toy_model();
  fs::path dir_;
};

TEST_F(SweepRunner, FailedRunsAreRecordedAndTheOthersComplete) {
  // Growth 0.9 is above toy.fail_above: both its replicates fail at tick 2.
  const auto result = run(spec("[0.1, 0.9, 0.2]", 2), dir_ / "out.h5", 2);
  EXPECT_EQ(result.runs, 6u);
  EXPECT_EQ(result.failed, 2u);
  ASSERT_TRUE(fs::exists(dir_ / "out.h5"));
  const auto file = testing_support::open_file(dir_ / "out.h5");
  EXPECT_EQ(testing_support::read_ints(testing_support::open_dataset(file.get(), "run_status").get()),
            (std::vector<std::int32_t>{1, 1, 2, 2, 1, 1}));
  const auto errors = testing_support::read_strings(testing_support::open_dataset(file.get(), "run_error").get());
  ASSERT_EQ(errors.size(), 6u);
  for (std::size_t run = 0; run < 6; ++run) {
    const bool failed = run == 2 || run == 3;
    EXPECT_EQ(errors[run].find("toy growth 0.9"), failed ? 0u : std::string::npos) << run << ": " << errors[run];
  }
  const auto total = testing_support::read_doubles(testing_support::open_dataset(file.get(), "total").get());
  ASSERT_EQ(total.size(), 6u * 6u);
  for (std::size_t run = 0; run < 6; ++run) {
    const bool failed = run == 2 || run == 3;
    for (std::size_t tick = 0; tick < 6; ++tick) EXPECT_EQ(std::isnan(total[run * 6 + tick]), failed) << run;
  }
}

TEST_F(SweepRunner, KilledAtARunBoundaryResumesToTheSameFile) {
  const SweepSpec sweep = spec("[0.0, 0.1, 0.2, 0.3, 0.4]", 3);
  run(sweep, dir_ / "whole.h5", 1);
  for (const std::size_t after : {std::size_t{1}, std::size_t{7}, std::size_t{14}}) {
    const fs::path output = dir_ / fmt::format("killed-{}.h5", after);
    const int status = killed_sweep(sweep, output, after);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
    EXPECT_FALSE(fs::exists(output));
    ASSERT_TRUE(fs::exists(output.string() + ".partial"));
    const auto resumed = run(sweep, output, 1, true);
    EXPECT_EQ(resumed.resumed, after) << "the runs recorded before the kill are not run again";
    EXPECT_EQ(resumed.runs, 15u);
    EXPECT_FALSE(fs::exists(output.string() + ".partial"));
    EXPECT_EQ(content_differences(dir_ / "whole.h5", output, {"created", "history"}), std::vector<std::string>{}) << after;
  }
}

TEST_F(SweepRunner, KilledWhileWritingResumesToTheSameFile) {
  // 200 runs: the writer is still busy when the kill lands, a few hundred microseconds after run 3.
  const SweepSpec sweep = spec("[0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]", 20);
  run(sweep, dir_ / "whole.h5", 2);
  for (const int delay : {0, 150, 400, 1000}) {
    const fs::path output = dir_ / fmt::format("killed-{}.h5", delay);
    const int status = killed_sweep(sweep, output, 3, std::chrono::microseconds(delay));
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
    const auto resumed = run(sweep, output, 2, true);
    EXPECT_GE(resumed.resumed, 3u);
    EXPECT_LT(resumed.resumed, 200u);
    EXPECT_EQ(content_differences(dir_ / "whole.h5", output, {"created", "history"}), std::vector<std::string>{}) << delay;
  }
}

TEST_F(SweepRunner, ResumeRefusesThePartialFileOfAnotherSweep) {
  const SweepSpec sweep = spec("[0.0, 0.1, 0.2]", 2);
  const fs::path output = dir_ / "out.h5";
  const int status = killed_sweep(sweep, output, 2);
  ASSERT_TRUE(WIFSIGNALED(status)) << status;
  const SweepSpec other = spec("[0.0, 0.1, 0.2]", 3);
  try {
    run(other, output, 1, true);
    ADD_FAILURE() << "resumed the partial file of another sweep";
  } catch (const sim::output::ResumeError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("global attribute 'sweep' differs at line 5: 'replicates = 2' in the file, "
                           "'replicates = 3' now"),
              std::string::npos)
        << message;
  }
  // The refused file is left as it was: the right sweep still resumes it.
  ASSERT_TRUE(fs::exists(output.string() + ".partial"));
  const SweepSpec same = spec("[0.0, 0.1, 0.2]", 2);
  EXPECT_EQ(run(same, output, 1, true).resumed, 2u);
}

TEST_F(SweepRunner, InterruptedSweepKeepsItsCompleteRunsAndResumesToTheSameFile) {
  // The flag a SIGINT sets, set from the progress callback once three runs are recorded: no run starts
  // after it, the runs in flight are abandoned, the complete ones are written.
  const SweepSpec sweep = spec("[0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35]", 5);
  run(sweep, dir_ / "whole.h5", 2);
  const fs::path output = dir_ / "interrupted.h5";
  SweepSettings settings;
  settings.jobs = 2;
  try {
    sim::sweep::run_sweep(model_, sweep, output, settings, [](const sim::sweep::SweepProgress& p) {
      if (p.done >= 3) sim::request_interrupt(SIGINT);
    });
    ADD_FAILURE() << "the sweep was not interrupted";
  } catch (const sim::sweep::SweepInterrupted& stopped) {
    EXPECT_EQ(stopped.exit_status(), 130);
    EXPECT_EQ(stopped.total(), 40u);
    EXPECT_GE(stopped.saved(), 3u);
    EXPECT_LT(stopped.saved(), 40u);
  }
  sim::clear_interrupt();
  EXPECT_FALSE(fs::exists(output));
  EXPECT_FALSE(fs::exists(output.string() + ".lock"));
  ASSERT_TRUE(fs::exists(output.string() + ".partial"));
  const auto resumed = run(sweep, output, 2, true);
  EXPECT_GE(resumed.resumed, 3u);
  EXPECT_EQ(resumed.failed, 0u) << "an abandoned run is not recorded as failed";
  EXPECT_EQ(content_differences(dir_ / "whole.h5", output, {"created", "history"}), std::vector<std::string>{});
}

TEST_F(SweepRunner, ASweepOnAnOutputInUseIsRefusedAndLeavesItAlone) {
  const SweepSpec sweep = spec("[0.0, 0.1]", 2);
  const fs::path output = dir_ / "busy.h5";
  const sim::output::OutputLock held = sim::output::OutputLock::acquire(output);
  std::ofstream(output.string() + ".partial") << "another process's file";
  EXPECT_THROW(run(sweep, output, 1), sim::output::OutputInUse);
  EXPECT_THROW(run(sweep, output, 1, true), sim::output::OutputInUse);
  std::ifstream partial(output.string() + ".partial");
  std::string text;
  std::getline(partial, text);
  EXPECT_EQ(text, "another process's file");
}

TEST_F(SweepRunner, SetChangesTheBaseScenarioButNotASweptKey) {
  const SweepSpec shorter = spec("[0.0, 0.1]", 1, {"simulation.ticks=3", "sweep.replicates=2"});
  EXPECT_EQ(shorter.replicates, 2);
  EXPECT_EQ(shorter.base_overrides, std::vector<std::string>{"simulation.ticks=3"});
  run(shorter, dir_ / "short.h5", 1);
  const auto file = testing_support::open_file(dir_ / "short.h5");
  EXPECT_EQ(testing_support::shape_of(testing_support::open_dataset(file.get(), "total").get()),
            (std::vector<hsize_t>{2, 2, 3}));
  try {
    spec("[0.0, 0.1]", 1, {"toy.growth=0.3"});
    ADD_FAILURE() << "a swept key was set";
  } catch (const sim::config::InputError& error) {
    EXPECT_NE(std::string(error.what()).find("--set toy.growth: expected a key that the design does not sweep"),
              std::string::npos)
        << error.what();
  }
  EXPECT_THROW(spec("[0.0]", 1, {"simulation.replicate=3"}), sim::config::InputError);
}

TEST_F(SweepRunner, ResumeWithoutAPartialFileSaysSo) {
  try {
    run(spec("[0.1]", 1), dir_ / "none.h5", 1, true);
    ADD_FAILURE() << "resumed a file that does not exist";
  } catch (const sim::output::ResumeError& error) {
    EXPECT_NE(std::string(error.what()).find("none.h5.partial: it does not exist"), std::string::npos) << error.what();
  }
}

TEST(SweepRunOutcome, SurvivesBytes) {
  sim::sweep::RunOutcome outcome;
  outcome.scenario = 7;
  outcome.replicate = 3;
  outcome.seed = 0xF00000000000000DULL;
  outcome.replicate_key = 4000000001U;
  outcome.series = sim::output::encode_run(4, {{1.0, 2.0, -0.0}, {std::nan("")}});
  const std::vector<unsigned char> bytes = sim::sweep::to_bytes(outcome);
  const sim::sweep::RunOutcome back = sim::sweep::from_bytes(bytes);
  EXPECT_EQ(back.scenario, 7u);
  EXPECT_EQ(back.replicate, 3u);
  EXPECT_EQ(back.seed, outcome.seed);
  EXPECT_EQ(back.replicate_key, outcome.replicate_key);
  EXPECT_FALSE(back.error.has_value());
  ASSERT_EQ(back.series.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back.series[i].values, outcome.series[i].values);
    EXPECT_EQ(back.series[i].bytes, outcome.series[i].bytes);
  }
  sim::sweep::RunOutcome failed;
  failed.error = "diverged at tick 3";
  EXPECT_EQ(sim::sweep::from_bytes(sim::sweep::to_bytes(failed)).error, failed.error);
  // Cut short or padded bytes are refused, not read past.
  for (const std::size_t cut : {std::size_t{0}, std::size_t{5}, bytes.size() - 1}) {
    EXPECT_THROW(sim::sweep::from_bytes(std::span(bytes).first(cut)), std::invalid_argument) << cut;
  }
  std::vector<unsigned char> padded = bytes;
  padded.push_back(0);
  EXPECT_THROW(sim::sweep::from_bytes(padded), std::invalid_argument);
}

}  // namespace
