// `clustersim sweep`: every (scenario, replicate) of a sweep file in one file; the result does not depend
// on the number of threads; common random numbers pair replicates across scenarios; a sweep killed with
// SIGKILL continues with --resume to the same file.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/core.h>

#include <bit>
#include <chrono>
#include <thread>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>

#include "hdf5_read_support.hpp"
#include "process_runner.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;

using Dataset = testing_support::NumericDataset;
using testing_support::same_bits;

// Each test writes its sweeps and their files into a folder of its own, removed when it ends.
class CliSweep : public ::testing::Test {
 protected:
  fs::path write_sweep(const std::string& name, bool common_random_numbers, const std::string& values) const;
  std::map<std::string, Dataset> sweep(const fs::path& file, int jobs) const;
  const testing_support::TempDir dir_;
};

// Two scenarios (the second an R&D subsidy) x two replicates of a small economy over four ticks.
fs::path CliSweep::write_sweep(const std::string& name, bool common_random_numbers, const std::string& values) const {
  const fs::path base = dir_ / "base.toml";
  std::ofstream(base) << fmt::format("base = \"{}\"\n[simulation]\nticks = 4\n[firms]\ninitial_count = 300\n",
                                     source_path("configs/baseline.toml"));
  const fs::path file = dir_ / (name + ".toml");
  std::ofstream(file) << fmt::format(
      "[sweep]\nscenario = \"base.toml\"\nreplicates = 2\ncommon_random_numbers = {}\n"
      "keep = [\"sales\", \"gdp\", \"firms_total\"]\n"
      "[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rate\"\nvalues = {}\n",
      common_random_numbers ? "true" : "false", values);
  return file;
}

std::map<std::string, Dataset> CliSweep::sweep(const fs::path& file, int jobs) const {
  const fs::path out = dir_ / fmt::format("{}-j{}.h5", file.stem().string(), jobs);
  const auto result = run_command(fmt::format("{} sweep -q {} -j {} -o {}", clustersim(), file.string(), jobs, out.string()));
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out.string() + ".partial"));
  return testing_support::read_numeric_datasets(out);
}

// The values of run (s, r) of a (scenario, replicate, ...) dataset.
std::vector<double> run_of(const Dataset& dataset, std::size_t s, std::size_t r) {
  std::size_t per_run = 1;
  for (std::size_t d = 2; d < dataset.dims.size(); ++d) per_run *= dataset.dims[d];
  const std::size_t at = (s * dataset.dims[1] + r) * per_run;
  return {dataset.values.begin() + static_cast<std::ptrdiff_t>(at),
          dataset.values.begin() + static_cast<std::ptrdiff_t>(at + per_run)};
}

TEST_F(CliSweep, OneFileWhateverTheThreads) {
  const fs::path file = write_sweep("threads", true, "[0.0, 0.3]");
  const auto one = sweep(file, 1);
  const auto two = sweep(file, 2);
  ASSERT_TRUE(one.count("sales"));
  EXPECT_EQ(one.at("sales").dims, (std::vector<hsize_t>{2, 2, 4, 31, 18}));
  EXPECT_EQ(one.at("gdp").dims, (std::vector<hsize_t>{2, 2, 4, 31}));
  EXPECT_EQ(one.count("employment"), 0u) << "only the kept variables are written";
  ASSERT_EQ(one.size(), two.size());
  for (const auto& [name, dataset] : one) {
    ASSERT_TRUE(two.count(name)) << name;
    EXPECT_TRUE(same_bits(dataset.values, two.at(name).values)) << name;
  }
  ASSERT_TRUE(one.count("run_status"));
  for (double status : one.at("run_status").values) EXPECT_EQ(status, 1.0);
  ASSERT_TRUE(one.count("policy.rd_subsidy_rate"));
  EXPECT_EQ(one.at("policy.rd_subsidy_rate").values, (std::vector<double>{0.0, 0.3}));
}

TEST_F(CliSweep, CommonRandomNumbersPairReplicates) {
  // Two scenarios that differ in nothing: with common random numbers replicate j is the same run in
  // both; replicates differ from each other.
  const auto paired = sweep(write_sweep("paired", true, "[0.1, 0.1]"), 1);
  const Dataset& sales = paired.at("sales");
  EXPECT_TRUE(same_bits(run_of(sales, 0, 0), run_of(sales, 1, 0)));
  EXPECT_TRUE(same_bits(run_of(sales, 0, 1), run_of(sales, 1, 1)));
  EXPECT_FALSE(same_bits(run_of(sales, 0, 0), run_of(sales, 0, 1)));
  // Without, every run has its own streams.
  const auto independent = sweep(write_sweep("independent", false, "[0.1, 0.1]"), 1);
  const Dataset& other = independent.at("sales");
  EXPECT_FALSE(same_bits(run_of(other, 0, 0), run_of(other, 1, 0)));
  EXPECT_TRUE(same_bits(run_of(other, 0, 0), run_of(sales, 0, 0))) << "scenario 0 keeps replicate keys 0 and 1";
}

TEST_F(CliSweep, KilledSweepResumesToTheSameFile) {
  const fs::path file = write_sweep("resume", true, "[0.0, 0.2, 0.4]");
  const fs::path whole = dir_ / "resume-whole.h5";
  const auto started = std::chrono::steady_clock::now();
  const auto uninterrupted =
      run_command(fmt::format("{} sweep -q {} -j 2 --set sweep.replicates=6 -o {}", clustersim(), file.string(),
                              whole.string()));
  ASSERT_EQ(uninterrupted.status, 0) << uninterrupted.output;
  const auto duration = std::chrono::steady_clock::now() - started;

  // The same sweep, killed with SIGKILL about halfway through.
  const fs::path output = dir_ / "resume-killed.h5";
  const std::string binary = clustersim();
  const std::string sweep_file = file.string();
  const std::string output_path = output.string();
  std::vector<std::string> arguments{binary, "sweep", "-q", sweep_file, "-j", "2", "--set", "sweep.replicates=6",
                                     "-o", output_path};
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  ASSERT_EQ(::posix_spawn(&child, binary.c_str(), nullptr, nullptr, argv.data(), environ), 0);
  std::this_thread::sleep_for(duration / 2);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the sweep ended before it was killed";
  ASSERT_TRUE(fs::exists(output_path + ".partial"));
  EXPECT_FALSE(fs::exists(output));

  const auto resumed = run_command(fmt::format("{} sweep {} -j 2 --set sweep.replicates=6 -o {} --resume", binary,
                                               sweep_file, output_path));
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("18 runs (0 failed"), std::string::npos) << resumed.output;
  EXPECT_EQ(testing_support::content_differences(whole, output, {"created", "history"}), std::vector<std::string>{});

  // Nothing left to resume: a clear error, exit status 2.
  const auto again = run_command(fmt::format("{} sweep -q {} --set sweep.replicates=6 -o {} --resume", binary,
                                             sweep_file, output_path));
  EXPECT_EQ(again.status, 2) << again.output;
  EXPECT_NE(again.output.find("resume-killed.h5.partial: it does not exist"), std::string::npos) << again.output;
}

TEST_F(CliSweep, BadSweepFileExitsWith2) {
  const fs::path file = dir_ / "bad.toml";
  std::ofstream(file) << "[sweep]\nscenario = \"base.toml\"\n[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rat\"\n"
                         "values = [0.1]\n";
  write_sweep("threads", true, "[0.0]");  // writes base.toml
  const auto result = run_command(fmt::format("{} sweep -q {}", clustersim(), file.string()));
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find(":4:7: sweep.parameters[0].key"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("did you mean 'policy.rd_subsidy_rate'"), std::string::npos) << result.output;
}

}  // namespace

namespace {

TEST(CliSweepVolumes, ASweepRunHasTheVolumesOfTheRunInTheReferenceYearsPrices) {
  // Chained volumes are rescaled once the run is over (to the average prices of the reference year); a
  // sweep does it in memory, a run in its file: both must give the same bits, and the reference year's
  // mean volume must equal its mean nominal value.
  const testing_support::TempDir dir;
  const fs::path base = dir / "base.toml";
  std::ofstream(base) << fmt::format(
      "base = \"{}\"\n[simulation]\nticks = 8\n[firms]\ninitial_count = 300\n[measurement]\nreference_year = 2024\n",
      source_path("configs/baseline.toml"));
  const fs::path sweep_file = dir / "sweep.toml";
  std::ofstream(sweep_file) << "[sweep]\nscenario = \"base.toml\"\nreplicates = 1\n"
                               "keep = [\"gdp_total\", \"real_gdp_total\", \"real_value_added\"]\n"
                               "[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rate\"\nvalues = [0.0]\n";
  const fs::path swept = dir / "sweep.h5", single = dir / "run.h5";
  auto result = run_command(fmt::format("{} sweep -q {} -o {}", clustersim(), sweep_file.string(), swept.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  result = run_command(fmt::format("{} run -q {} -o {}", clustersim(), base.string(), single.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  const auto sweep = testing_support::read_numeric_datasets(swept);
  const auto run = testing_support::read_numeric_datasets(single);
  for (const char* name : {"real_gdp_total", "real_value_added", "gdp_total"}) {
    EXPECT_TRUE(same_bits(sweep.at(name).values, run.at(name).values)) << name;
  }
  // Ticks 4-7 are the quarters of 2024.
  const std::vector<double>& real = run.at("real_gdp_total").values;
  const std::vector<double>& nominal = run.at("gdp_total").values;
  ASSERT_EQ(real.size(), 8u);
  double real_2024 = 0, nominal_2024 = 0;
  for (std::size_t t = 4; t < 8; ++t) real_2024 += real[t], nominal_2024 += nominal[t];
  EXPECT_NEAR(real_2024 / nominal_2024, 1.0, 1e-12);
  EXPECT_GT(std::abs(real[0] / nominal[0] - 1.0), 1e-6) << "2023 is not at its own prices";
}

}  // namespace
