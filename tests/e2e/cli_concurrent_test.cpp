// Safe concurrent use (docs/output.md, "One process per output"): a second process given an output in use
// is refused and the first completes; Ctrl-C ends a run leaving nothing under its name, and a sweep
// keeping its complete runs, which --resume completes to the same file as a sweep never interrupted; a
// killed process's lock is taken over; without a terminal, progress is a line every interval;
// `sweep --set` accepts keys of the base scenario.
#include <gtest/gtest.h>

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "hdf5_read_support.hpp"
#include "process_runner.hpp"
#include "spawned_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;
using testing_support::SpawnedProcess;

class CliConcurrent : public ::testing::Test {
 protected:
  // A small economy over `ticks` ticks.
  fs::path write_scenario(int ticks) const {
    const fs::path file = dir_ / fmt::format("base{}.toml", ticks);
    std::ofstream(file) << fmt::format("base = \"{}\"\n[simulation]\nticks = {}\n[firms]\ninitial_count = 300\n",
                                       source_path("configs/baseline.toml"), ticks);
    return file;
  }
  // Three scenarios x six replicates of four ticks.
  fs::path write_sweep() const {
    const fs::path file = dir_ / "sweep.toml";
    std::ofstream(file) << fmt::format(
        "[sweep]\nscenario = \"{}\"\nreplicates = 6\nkeep = [\"sales\", \"gdp\", \"firms_total\"]\n"
        "[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rate\"\nvalues = [0.0, 0.2, 0.4]\n",
        write_scenario(4).filename().string());
    return file;
  }
  SpawnedProcess start(std::vector<std::string> arguments, const std::string& log_name) const {
    arguments.insert(arguments.begin(), clustersim());
    return SpawnedProcess(std::move(arguments), dir_ / log_name);
  }
  const testing_support::TempDir dir_;
};

// The largest N of the progress lines "clustersim: ITEM N/TOTAL" printed so far, or -1.
long progress_done(const std::string& output, const std::string& item) {
  const std::regex line("clustersim: " + item + " ([0-9]+)/[0-9]+ after");
  long done = -1;
  for (auto it = std::sregex_iterator(output.begin(), output.end(), line); it != std::sregex_iterator(); ++it) {
    done = std::max(done, std::stol((*it)[1]));
  }
  return done;
}

int exit_status(int raw) { return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1; }

TEST_F(CliConcurrent, ASecondRunOnTheSameOutputIsRefusedAndTheFirstCompletes) {
  const fs::path scenario = write_scenario(24);
  const fs::path output = dir_ / "out.h5";
  SpawnedProcess first = start({"run", scenario.string(), "-o", output.string(), "--progress-interval", "0.05"},
                               "first.log");
  ASSERT_TRUE(first.wait_until([&] { return progress_done(first.output(), "tick") >= 1; })) << first.output();

  const auto second = run_command(fmt::format("{} run {} -o {}", clustersim(), scenario.string(), output.string()));
  EXPECT_EQ(second.status, 2) << second.output;
  EXPECT_NE(second.output.find(fmt::format("out.h5 is in use by process {} on ", first.pid())), std::string::npos)
      << second.output;
  EXPECT_NE(second.output.find(" run " + scenario.string()), std::string::npos) << "names the command: "
                                                                                << second.output;
  EXPECT_TRUE(fs::exists(output.string() + ".partial")) << "the first run's file is untouched";
  ASSERT_TRUE(first.running()) << "the first run ended before the second was refused: lengthen it\n"
                               << first.output();

  EXPECT_EQ(exit_status(first.wait()), 0) << first.output();
  EXPECT_TRUE(fs::exists(output));
  EXPECT_FALSE(fs::exists(output.string() + ".partial"));
  EXPECT_FALSE(fs::exists(output.string() + ".lock"));
  // The same run alone gives the same file: the refused process changed nothing.
  const fs::path alone = dir_ / "alone.h5";
  const auto reference = run_command(fmt::format("{} run -q {} -o {}", clustersim(), scenario.string(), alone.string()));
  ASSERT_EQ(reference.status, 0) << reference.output;
  EXPECT_EQ(testing_support::content_differences(alone, output, {"created", "history"}), std::vector<std::string>{});
}

TEST_F(CliConcurrent, CtrlCOnARunLeavesNothingUnderItsName) {
  const fs::path scenario = write_scenario(24);
  const fs::path output = dir_ / "out.h5";
  SpawnedProcess run = start({"run", scenario.string(), "-o", output.string(), "--progress-interval", "0.05"},
                             "run.log");
  ASSERT_TRUE(run.wait_until([&] { return progress_done(run.output(), "tick") >= 1; })) << run.output();
  run.signal(SIGINT);
  EXPECT_EQ(exit_status(run.wait()), 130) << run.output();
  EXPECT_TRUE(std::regex_search(run.output(), std::regex("interrupted at tick [0-9]+; nothing written under .*out\\.h5")))
      << run.output();
  EXPECT_FALSE(fs::exists(output));
  EXPECT_FALSE(fs::exists(output.string() + ".partial"));
  EXPECT_FALSE(fs::exists(output.string() + ".lock"));
}

TEST_F(CliConcurrent, TheLockOfAKilledRunIsTakenOver) {
  const fs::path scenario = write_scenario(24);
  const fs::path output = dir_ / "out.h5";
  SpawnedProcess killed = start({"run", scenario.string(), "-o", output.string(), "--progress-interval", "0.05"},
                                "killed.log");
  ASSERT_TRUE(killed.wait_until([&] { return progress_done(killed.output(), "tick") >= 1; })) << killed.output();
  killed.signal(SIGKILL);
  killed.wait();
  ASSERT_TRUE(fs::exists(output.string() + ".lock")) << "SIGKILL leaves the lock";

  const auto again = run_command(fmt::format("{} run {} -o {}", clustersim(), scenario.string(), output.string()));
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find(fmt::format("note: took over {}.lock, left by process {} on ", output.string(),
                                          killed.pid())),
            std::string::npos)
      << again.output;
  EXPECT_TRUE(fs::exists(output));
  EXPECT_FALSE(fs::exists(output.string() + ".lock"));
}

TEST_F(CliConcurrent, CtrlCOnASweepThenResumeGivesTheUninterruptedFile) {
  const fs::path sweep = write_sweep();
  const fs::path whole = dir_ / "whole.h5";
  const auto uninterrupted =
      run_command(fmt::format("{} sweep -q {} -j 2 -o {}", clustersim(), sweep.string(), whole.string()));
  ASSERT_EQ(uninterrupted.status, 0) << uninterrupted.output;

  const fs::path output = dir_ / "out.h5";
  SpawnedProcess interrupted =
      start({"sweep", sweep.string(), "-j", "2", "-o", output.string(), "--progress-interval", "0.05"}, "sweep.log");
  ASSERT_TRUE(interrupted.wait_until([&] { return progress_done(interrupted.output(), "run") >= 2; }))
      << interrupted.output();

  // --resume while it runs: refused, with the right advice (not "delete the file").
  const auto early = run_command(fmt::format("{} sweep {} -o {} --resume", clustersim(), sweep.string(), output.string()));
  EXPECT_EQ(early.status, 2) << early.output;
  EXPECT_NE(early.output.find(fmt::format("the sweep writing it is still running as process {} ", interrupted.pid())),
            std::string::npos)
      << early.output;
  EXPECT_EQ(early.output.find("delete"), std::string::npos) << early.output;

  interrupted.signal(SIGINT);
  EXPECT_EQ(exit_status(interrupted.wait()), 130) << interrupted.output();
  std::smatch saved;
  const std::string log = interrupted.output();
  ASSERT_TRUE(std::regex_search(log, saved, std::regex("interrupted: ([0-9]+) of 18 runs saved in (.*); continue with --resume")))
      << log;
  const int runs_saved = std::stoi(saved[1]);
  EXPECT_GE(runs_saved, 2) << log;
  ASSERT_LT(runs_saved, 18) << "the sweep ended before the signal: lengthen it\n" << log;
  EXPECT_EQ(saved[2].str(), output.string() + ".partial");
  EXPECT_TRUE(fs::exists(output.string() + ".partial"));
  EXPECT_FALSE(fs::exists(output));
  EXPECT_FALSE(fs::exists(output.string() + ".lock"));

  const auto resumed =
      run_command(fmt::format("{} sweep {} -j 2 -o {} --resume", clustersim(), sweep.string(), output.string()));
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  EXPECT_NE(resumed.output.find(fmt::format("18 runs (0 failed, {} recorded before)", runs_saved)), std::string::npos)
      << resumed.output;
  EXPECT_EQ(testing_support::content_differences(whole, output, {"created", "history"}), std::vector<std::string>{});
}

TEST_F(CliConcurrent, ProgressWithoutATerminalIsALineEveryInterval) {
  const fs::path scenario = write_scenario(24);
  const auto logged = run_command(fmt::format("{} run {} -o {} --progress-interval 0.01", clustersim(),
                                              scenario.string(), (dir_ / "a.h5").string()));
  ASSERT_EQ(logged.status, 0) << logged.output;
  EXPECT_GE(progress_done(logged.output, "tick"), 1) << logged.output;
  EXPECT_EQ(logged.output.find('\r'), std::string::npos) << "no redrawn line in a log";
  const auto silent = run_command(fmt::format("{} run {} -o {} --progress-interval 0", clustersim(),
                                              scenario.string(), (dir_ / "b.h5").string()));
  ASSERT_EQ(silent.status, 0) << silent.output;
  EXPECT_EQ(progress_done(silent.output, "tick"), -1) << silent.output;
  const auto negative = run_command(fmt::format("{} run {} -o {} --progress-interval -1", clustersim(),
                                                scenario.string(), (dir_ / "c.h5").string()));
  EXPECT_EQ(negative.status, 2) << negative.output;
  EXPECT_NE(negative.output.find("--progress-interval"), std::string::npos) << negative.output;
}

TEST_F(CliConcurrent, SweepSetAcceptsKeysOfTheBaseScenario) {
  const fs::path sweep = write_sweep();
  const fs::path output = dir_ / "short.h5";
  const auto shorter = run_command(fmt::format("{} sweep -q {} --set simulation.ticks=3 --set sweep.replicates=1 -o {}",
                                               clustersim(), sweep.string(), output.string()));
  ASSERT_EQ(shorter.status, 0) << shorter.output;
  const auto datasets = testing_support::read_numeric_datasets(output);
  EXPECT_EQ(datasets.at("gdp").dims, (std::vector<hsize_t>{3, 1, 3, 31}));

  const auto swept = run_command(fmt::format("{} sweep -q {} --set policy.rd_subsidy_rate=0.1 -o {}", clustersim(),
                                             sweep.string(), (dir_ / "swept.h5").string()));
  EXPECT_EQ(swept.status, 2) << swept.output;
  EXPECT_NE(swept.output.find("--set policy.rd_subsidy_rate: expected a key that the design does not sweep"),
            std::string::npos)
      << swept.output;
  const auto unknown = run_command(fmt::format("{} sweep -q {} --set simulation.tick=3 -o {}", clustersim(),
                                               sweep.string(), (dir_ / "unknown.h5").string()));
  EXPECT_EQ(unknown.status, 2) << unknown.output;
  EXPECT_NE(unknown.output.find("did you mean 'simulation.ticks'"), std::string::npos) << unknown.output;
}

}  // namespace
