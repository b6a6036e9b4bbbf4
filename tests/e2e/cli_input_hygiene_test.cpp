// Hostile input at the command line (issue 18): special files given as text inputs end at once with exit
// status 2 instead of blocking or reading forever; a seed above the documented limit, a NUL byte in a
// name and a sweep file with several errors are refused with the place of each problem.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "process_runner.hpp"
#include "temp_dir.hpp"

namespace {

using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;

// A command that blocks is killed after a minute (status 137), which no assertion below accepts.
std::string bounded(const std::string& arguments) { return "timeout -s KILL 60 " + clustersim() + " " + arguments; }

TEST(InputHygiene, FifoAsScenarioIsRefusedWithoutWaitingForAWriter) {
  const testing_support::TempDir dir;
  const auto fifo = dir / "scenario.toml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& command : std::vector<std::string>{"validate", "run -o " + (dir / "out.h5").string()}) {
    const auto result = run_command(bounded(command + " " + fifo.string()));
    EXPECT_EQ(result.status, 2) << command << ": " << result.output;
    EXPECT_NE(result.output.find(fifo.string() + "\" (a FIFO (named pipe), not a regular file)"), std::string::npos)
        << result.output;
  }
}

TEST(InputHygiene, DeviceAsBaseIsRefusedWithItsLine) {
  const testing_support::TempDir dir;
  std::ofstream(dir / "s.toml") << "\nbase = \"/dev/zero\"\n";
  const auto result = run_command(bounded("validate " + (dir / "s.toml").string()));
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find("s.toml:2:8: base: expected a readable file, found \"/dev/zero\" (a character device"),
            std::string::npos)
      << result.output;
}

TEST(InputHygiene, SeedAboveTheLimitIsRefusedFromTheOptionAndTheFile) {
  const testing_support::TempDir dir;
  auto result = run_command(bounded("run " + source_path("configs/baseline.toml") + " --seed 9000000000000000001 -o " +
                               (dir / "out.h5").string()));
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find("--seed"), std::string::npos) << result.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.h5"));
  std::ofstream(dir / "s.toml") << "base = \"" << source_path("configs/baseline.toml") << "\"\n"
                                << "[simulation]\nseed = 9000000000000000001\n";
  result = run_command(bounded("validate " + (dir / "s.toml").string()));
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find("s.toml:3:8: simulation.seed: expected an integer in [0, 9e+18], found "
                               "9000000000000000001"),
            std::string::npos)
      << result.output;
}

TEST(InputHygiene, NulByteInARegionNameIsRefused) {
  const testing_support::TempDir dir;
  std::ifstream in(source_path("configs/data/china31-regions.csv"), std::ios::binary);
  std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t tianjin = csv.find("Tianjin");
  ASSERT_NE(tianjin, std::string::npos);
  csv.replace(tianjin, 7, std::string("Beijing\0X", 9));  // cut at the NUL, a second "Beijing"
  std::ofstream(dir / "regions.csv", std::ios::binary) << csv;
  std::ofstream(dir / "s.toml") << "base = \"" << source_path("configs/baseline.toml") << "\"\n"
                                << "[regions]\nfile = \"regions.csv\"\n";
  const auto result = run_command(bounded("validate " + (dir / "s.toml").string()));
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find("regions.csv:"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("found \"Beijing\\u0000X\" (control character U+0000 at position 8)"),
            std::string::npos)
      << result.output;
}

TEST(InputHygiene, SweepReportsEveryErrorWithItsLine) {
  const testing_support::TempDir dir;
  std::ofstream(dir / "sweep.toml") << "[sweep]\nscenario = \"" << source_path("configs/baseline.toml") << "\"\n"
                                    << "replicates = -1\nkeep = [\"bogus\"]\n"
                                    << "[[sweep.parameters]]\nkey = \"policy.openness\"\nvalues = [0.5]\n";
  const auto result = run_command(bounded("sweep -q " + (dir / "sweep.toml").string() + " -o " +
                                          (dir / "out.h5").string()));
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find("sweep.toml:3:14: sweep.replicates"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("sweep.toml:4:9: sweep.keep[0]: expected the name of a time-series output variable"),
            std::string::npos)
      << result.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.h5"));
  EXPECT_FALSE(std::filesystem::exists(dir / "out.h5.partial"));
}

}  // namespace
