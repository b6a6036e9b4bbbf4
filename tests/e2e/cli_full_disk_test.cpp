// A full disk, met by the program as a user meets it: a run, a saved state and an export stop with exit
// status 1 and one line naming the file, leaving nothing under the final name and no .partial; a sweep
// stops the same way but keeps its .partial, which --resume continues to the file an uninterrupted sweep
// writes. The disk is "full" through a file size limit (RLIMIT_FSIZE, SIGXFSZ ignored): past it a write
// fails with EFBIG, "File too large", as it would with ENOSPC on a full disk.
#include <gtest/gtest.h>

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "hdf5_read_support.hpp"
#include "limited_process.hpp"
#include "process_runner.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::clustersim;
using testing_support::Ended;
using testing_support::source_path;

constexpr rlim_t one_megabyte = 1 << 20;

class CliFullDisk : public ::testing::Test {
 protected:
  Ended run(std::vector<std::string> arguments, rlim_t limit) const {
    arguments.insert(arguments.begin(), clustersim());
    return testing_support::run_limited(arguments, dir_ / "stderr.txt", limit);
  }

  // Exit status 1 and one line that names `file` and says why.
  static void expect_one_line_runtime_error(const Ended& ended, const fs::path& file) {
    EXPECT_EQ(ended.signal, 0) << "ended by signal " << ended.signal << ": " << ended.stderr_text;
    EXPECT_EQ(ended.exit_status, 1) << ended.stderr_text;
    const std::vector<std::string> lines = ended.lines();
    ASSERT_EQ(lines.size(), 1u) << ended.stderr_text;
    EXPECT_TRUE(lines[0].starts_with("clustersim: error: ")) << lines[0];
    EXPECT_NE(lines[0].find(file.string()), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("File too large"), std::string::npos) << lines[0];
  }

  static void expect_nothing_left(const fs::path& output) {
    EXPECT_FALSE(fs::exists(output)) << output;
    EXPECT_FALSE(fs::exists(output.string() + ".partial")) << output;
    EXPECT_FALSE(fs::exists(output.string() + ".lock")) << output;
  }

  fs::path write_sweep() const {
    const fs::path file = dir_ / "sweep.toml";
    std::ofstream(file) << fmt::format(
        "[sweep]\nscenario = \"{}\"\nreplicates = 2\n[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rate\"\n"
        "values = [0.0, 0.1, 0.2]\n",
        source_path("tests/data/small.toml"));
    return file;
  }

  const testing_support::TempDir dir_;
};

TEST_F(CliFullDisk, RunStopsWithOneLineAndLeavesNothing) {
  const fs::path output = dir_ / "out.h5";
  const Ended ended = run({"run", "-q", source_path("tests/data/small.toml"), "-o", output.string()}, one_megabyte);
  expect_one_line_runtime_error(ended, output.string() + ".partial");
  expect_nothing_left(output);
}

TEST_F(CliFullDisk, RunWritingSnapshotsNamesTheTimeStep) {
  // Enough firms that the firm panel's chunks leave HDF5's cache, and are written, before the run ends.
  const fs::path output = dir_ / "out.h5";
  const Ended ended = run({"run", "-q", source_path("tests/data/small.toml"), "--set", "output.snapshot_every=1",
                           "--set", "firms.initial_count=20000", "-o", output.string()},
                          one_megabyte);
  expect_one_line_runtime_error(ended, output.string() + ".partial");
  EXPECT_NE(ended.stderr_text.find("time step"), std::string::npos) << ended.stderr_text;
  expect_nothing_left(output);
}

TEST_F(CliFullDisk, SavedStateStopsWithOneLineAndLeavesNothing) {
  const fs::path state = dir_ / "start.h5";
  const Ended ended = run({"run", "-q", source_path("tests/data/small.toml"), "--stop-at", "0", "--save-state",
                           state.string()},
                          64 * 1024);
  expect_one_line_runtime_error(ended, state.string() + ".partial");
  EXPECT_FALSE(fs::exists(state));
  EXPECT_FALSE(fs::exists(state.string() + ".partial"));
}

TEST_F(CliFullDisk, ExportStopsWithOneLineAndLeavesNothing) {
  const fs::path run_file = dir_ / "run.h5";
  ASSERT_EQ(run({"run", "-q", source_path("tests/data/small.toml"), "-o", run_file.string()}, 0).exit_status, 0);
  for (const char* name : {"run.csv", "run.dta"}) {
    const fs::path output = dir_ / name;
    const Ended ended = run({"export", "-q", run_file.string(), "-o", output.string()}, one_megabyte);
    expect_one_line_runtime_error(ended, output.string() + ".partial");
    expect_nothing_left(output);
  }
}

TEST_F(CliFullDisk, SweepKeepsItsRunsAndResumesToTheUninterruptedFile) {
  const fs::path sweep = write_sweep();
  const fs::path whole = dir_ / "whole.h5";
  ASSERT_EQ(run({"sweep", "-q", sweep.string(), "-o", whole.string()}, 0).exit_status, 0);
  // Room for the layout and some of the six runs, not for all of them.
  const fs::path output = dir_ / "out.h5";
  const fs::path partial = output.string() + ".partial";
  const Ended full = run({"sweep", "-q", sweep.string(), "-o", output.string()}, fs::file_size(whole) / 2);
  expect_one_line_runtime_error(full, partial);
  EXPECT_NE(full.stderr_text.find("--resume"), std::string::npos) << full.stderr_text;
  EXPECT_TRUE(fs::exists(partial));
  EXPECT_FALSE(fs::exists(output));
  EXPECT_FALSE(fs::exists(output.string() + ".lock"));

  const Ended resumed = run({"sweep", "-q", "--resume", sweep.string(), "-o", output.string()}, 0);
  ASSERT_EQ(resumed.exit_status, 0) << resumed.stderr_text;
  EXPECT_EQ(testing_support::content_differences(whole, output, {"created", "history"}), std::vector<std::string>{});
}

}  // namespace
