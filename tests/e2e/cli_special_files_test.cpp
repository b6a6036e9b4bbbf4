// HDF5 files a user names that clustersim cannot read: a FIFO, a device or a folder is refused with exit
// status 2 without being opened (opening a FIFO waits forever for a writer), a file cut short or not HDF5
// with exit status 2 and one line saying so; an output path that is a FIFO is refused, not replaced.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "limited_process.hpp"
#include "process_runner.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::clustersim;
using testing_support::Ended;
using testing_support::source_path;

class CliSpecialFiles : public ::testing::Test {
 protected:
  Ended run(std::vector<std::string> arguments) const {
    arguments.insert(arguments.begin(), clustersim());
    return testing_support::run_limited(arguments, dir_ / "stderr.txt");
  }

  // Every command given `file` as the HDF5 file to read ends with exit status 2 and one line that names
  // it and contains `expected`.
  void expect_refused(const fs::path& file, const std::string& expected) const {
    const std::vector<std::vector<std::string>> commands = {
        {"info", file.string()},
        {"export", file.string(), "-o", (dir_ / "out.csv").string()},
        {"compare", file.string()},
        {"run", "-q", source_path("tests/data/small.toml"), "--from-state", file.string(), "-o",
         (dir_ / "out.h5").string()}};
    for (const std::vector<std::string>& command : commands) {
      const Ended ended = run(command);
      const std::string what = command[0] + " " + file.string();
      ASSERT_FALSE(ended.killed_at_deadline) << what << " did not end";
      EXPECT_EQ(ended.exit_status, 2) << what << ": " << ended.stderr_text;
      const std::vector<std::string> lines = ended.lines();
      ASSERT_EQ(lines.size(), 1u) << what << ": " << ended.stderr_text;
      EXPECT_NE(lines[0].find(file.string()), std::string::npos) << what << ": " << lines[0];
      EXPECT_NE(lines[0].find(expected), std::string::npos) << what << ": " << lines[0];
    }
    EXPECT_FALSE(fs::exists(dir_ / "out.csv"));
    EXPECT_FALSE(fs::exists(dir_ / "out.h5"));
  }

  const testing_support::TempDir dir_;
};

TEST_F(CliSpecialFiles, AFifoIsRefusedWithoutBeingOpened) {
  const fs::path fifo = dir_ / "state.h5";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  expect_refused(fifo, "a FIFO (named pipe)");
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST_F(CliSpecialFiles, AFolderOrADeviceIsRefused) {
  fs::create_directory(dir_ / "folder.h5");
  expect_refused(dir_ / "folder.h5", "a folder");
  expect_refused("/dev/zero", "a character device");
}

TEST_F(CliSpecialFiles, AFileCutShortIsRefusedInOneLine) {
  const fs::path whole = dir_ / "whole.h5";
  ASSERT_EQ(run({"run", "-q", source_path("tests/data/small.toml"), "--set", "simulation.ticks=2", "-o",
                 whole.string()})
                .exit_status,
            0);
  const fs::path cut = dir_ / "cut.h5";
  fs::copy_file(whole, cut);
  fs::resize_file(cut, fs::file_size(whole) / 2);
  expect_refused(cut, "the file is cut short");
}

TEST_F(CliSpecialFiles, AnOutputThatIsAFifoIsRefusedAndKept) {
  const fs::path fifo = dir_ / "out.h5";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  const Ended ended = run({"run", "-q", source_path("tests/data/small.toml"), "--set", "simulation.ticks=2", "-o",
                           fifo.string()});
  EXPECT_EQ(ended.exit_status, 2) << ended.stderr_text;
  EXPECT_NE(ended.stderr_text.find("a FIFO (named pipe)"), std::string::npos) << ended.stderr_text;
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_FALSE(fs::exists(fifo.string() + ".partial"));
}

// A state that could not be saved is refused before the run, not after its last tick: no output is written.
TEST_F(CliSpecialFiles, ASaveStateThatIsAFolderIsRefusedBeforeTheRun) {
  fs::create_directory(dir_ / "state.h5");
  const Ended ended = run({"run", "-q", source_path("tests/data/small.toml"), "--set", "simulation.ticks=2", "-o",
                           (dir_ / "out.h5").string(), "--save-state", (dir_ / "state.h5").string()});
  EXPECT_EQ(ended.exit_status, 2) << ended.stderr_text;
  ASSERT_EQ(ended.lines().size(), 1u) << ended.stderr_text;
  EXPECT_NE(ended.stderr_text.find("a folder"), std::string::npos) << ended.stderr_text;
  EXPECT_FALSE(fs::exists(dir_ / "out.h5"));
  EXPECT_TRUE(fs::is_directory(dir_ / "state.h5"));
}

// validate reads the state a scenario starts from: a file that is no state fails validate, not the run.
TEST_F(CliSpecialFiles, ValidateRefusesAStateToStartFromThatIsNoState) {
  std::ofstream(dir_ / "junk.h5") << "not a state\n";
  std::ofstream(dir_ / "from_junk.toml") << "base = \"" << source_path("tests/data/small.toml") << "\"\n"
                                         << "[simulation]\ninitial_state = \"junk.h5\"\n";
  const Ended ended = run({"validate", (dir_ / "from_junk.toml").string()});
  EXPECT_EQ(ended.exit_status, 2) << ended.stderr_text;
  ASSERT_EQ(ended.lines().size(), 1u) << ended.stderr_text;
  EXPECT_NE(ended.stderr_text.find("junk.h5"), std::string::npos) << ended.stderr_text;
  EXPECT_NE(ended.stderr_text.find("not a state file"), std::string::npos) << ended.stderr_text;
}

}  // namespace
