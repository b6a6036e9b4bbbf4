// `mpirun -n 2 clustersim sweep`: two ranks share the runs and the file holds the same values, bit for
// bit, as a sweep in one process; a bad sweep file is reported once, with exit status 2.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "hdf5_read_support.hpp"
#include "process_runner.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;

#ifdef CLUSTERSIM_MPIEXEC
// Root may run it (CI does); more ranks than cores is allowed; Open MPI's own allocations are not this
// project's leaks.
std::string mpirun(int ranks) {
  return fmt::format("ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 {} --allow-run-as-root --oversubscribe -n {}",
                     CLUSTERSIM_MPIEXEC, ranks);
}
#endif

// The test's own folder (removed when it ends) with a base scenario, a sweep and a bad sweep file.
struct Scratch {
  const testing_support::TempDir temp;
  const fs::path dir = temp.path();
  Scratch() {
    std::ofstream(dir / "base.toml") << fmt::format(
        "base = \"{}\"\n[simulation]\nticks = 4\n[firms]\ninitial_count = 300\n", source_path("configs/baseline.toml"));
    std::ofstream(dir / "sweep.toml")
        << "[sweep]\nscenario = \"base.toml\"\nreplicates = 3\nkeep = [\"sales\", \"gdp\", \"firms_total\"]\n"
           "[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rate\"\nvalues = [0.0, 0.15, 0.3]\n";
    std::ofstream(dir / "bad.toml")
        << "[sweep]\nscenario = \"base.toml\"\n[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rat\"\nvalues = [0.1]\n";
  }
};

TEST(CliMpiSweep, TwoRanksWriteTheFileOfOneProcess) {
#ifndef CLUSTERSIM_MPIEXEC
  GTEST_SKIP() << "built without Open MPI";
#else
  const Scratch scratch;
  const fs::path single = scratch.dir / "single.h5";
  const fs::path distributed = scratch.dir / "distributed.h5";
  const auto one = run_command(fmt::format("{} sweep -q {} -j 1 -o {}", clustersim(), (scratch.dir / "sweep.toml").string(),
                                           single.string()));
  ASSERT_EQ(one.status, 0) << one.output;
  const auto two = run_command(fmt::format("{} {} sweep {} -o {}", mpirun(2), clustersim(),
                                           (scratch.dir / "sweep.toml").string(), distributed.string()));
  ASSERT_EQ(two.status, 0) << two.output;
  EXPECT_NE(two.output.find("9 runs (0 failed) in"), std::string::npos) << two.output;
  EXPECT_NE(two.output.find("on 2 MPI ranks"), std::string::npos) << two.output;
  EXPECT_FALSE(fs::exists(distributed.string() + ".partial"));
  EXPECT_EQ(testing_support::content_differences(single, distributed, {"created", "history"}), std::vector<std::string>{});
#endif
}

TEST(CliMpiSweep, BadSweepFileIsReportedOnceWithStatus2) {
#ifndef CLUSTERSIM_MPIEXEC
  GTEST_SKIP() << "built without Open MPI";
#else
  const Scratch scratch;
  const auto result = run_command(fmt::format("{} {} sweep -q {} -o {}", mpirun(2), clustersim(),
                                              (scratch.dir / "bad.toml").string(), (scratch.dir / "bad.h5").string()));
  EXPECT_EQ(result.status, 2) << result.output;
  const std::string error = "did you mean 'policy.rd_subsidy_rate'";
  const std::size_t first = result.output.find(error);
  ASSERT_NE(first, std::string::npos) << result.output;
  EXPECT_EQ(result.output.find(error, first + 1), std::string::npos) << "reported by rank 0 only:\n" << result.output;
  EXPECT_FALSE(fs::exists(scratch.dir / "bad.h5.partial"));
#endif
}

}  // namespace
