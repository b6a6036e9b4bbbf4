// End to end: the binary runs a scenario; its file is read back, compared across seeds, and opened by
// the Python tools users have; a killed run leaves nothing under the final name.
#include <bit>
#include <cstdint>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>
#include <vector>

#include "process_runner.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;

// Every numeric dataset of the file, flattened to doubles, by its path from the root ("sales",
// "firm_panel/firm_id").
std::map<std::string, std::vector<double>> read_datasets(const fs::path& path) {
  std::map<std::string, std::vector<double>> out;
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_GE(file, 0) << path;
  if (file < 0) return out;
  H5Lvisit(file, H5_INDEX_NAME, H5_ITER_INC,
           [](hid_t group, const char* name, const H5L_info_t*, void* data) -> herr_t {
             auto& result = *static_cast<std::map<std::string, std::vector<double>>*>(data);
             const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
             if (H5Iget_type(object) == H5I_DATASET) {
               const hid_t type = H5Dget_type(object);
               if (H5Tget_class(type) == H5T_FLOAT || H5Tget_class(type) == H5T_INTEGER) {
                 const hid_t space = H5Dget_space(object);
                 std::vector<double> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
                 H5Dread(object, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
                 result[name] = std::move(values);
                 H5Sclose(space);
               }
               H5Tclose(type);
             }
             H5Oclose(object);
             return 0;
           },
           &out);
  H5Fclose(file);
  return out;
}

// Each test writes into a folder of its own, removed when it ends.
class RunOutput : public ::testing::Test {
 protected:
  fs::path run_small(const std::string& name, int seed) const;
  const testing_support::TempDir dir_;
};

fs::path RunOutput::run_small(const std::string& name, int seed) const {
  const fs::path out = dir_ / name;
  const auto result = run_command(clustersim() + " run -q " + source_path("tests/data/small.toml") + " --seed " +
                                  std::to_string(seed) + " -o " + out.string());
  EXPECT_EQ(result.status, 0) << result.output;
  return out;
}

TEST_F(RunOutput, SameSeedIdenticalDatasetsOtherSeedDifferent) {
  const auto first = read_datasets(run_small("a.h5", 7));
  const auto second = read_datasets(run_small("b.h5", 7));
  const auto other = read_datasets(run_small("c.h5", 8));
  ASSERT_TRUE(first.count("sales"));
  ASSERT_TRUE(first.count("firms"));
  // Bit for bit, every dataset (NaN of an undefined index included).
  ASSERT_EQ(first.size(), second.size());
  for (const auto& [name, values] : first) {
    ASSERT_TRUE(second.count(name)) << name;
    const auto& again = second.at(name);
    ASSERT_EQ(values.size(), again.size()) << name;
    const auto same_bits = [](double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); };
    EXPECT_TRUE(std::equal(values.begin(), values.end(), again.begin(), same_bits)) << name;
  }
  EXPECT_NE(first.at("sales"), other.at("sales"));
  EXPECT_EQ(first.at("latitude"), other.at("latitude"));  // static data does not depend on the seed
}

TEST_F(RunOutput, OpensInXarrayWithBothEnginesAndH5py) {
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "Debian's python3 is not installed";
  const fs::path out = run_small("python.h5", 3);
  const auto result = run_command("/usr/bin/python3 " + source_path("tests/e2e/check_run.py") + " " + out.string());
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("ok"), std::string::npos) << result.output;
}

TEST_F(RunOutput, KilledRunLeavesNoFileUnderTheFinalName) {
  const fs::path out = dir_ / "killed.h5";
  const fs::path partial = out.string() + ".partial";
  fs::remove(out);
  fs::remove(partial);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string scenario = source_path("configs/baseline.toml");
    const std::string output = out.string();
    // Long enough that it is still running when killed.
    ::execl(CLUSTERSIM_BINARY, CLUSTERSIM_BINARY, "run", "-q", scenario.c_str(), "-o", output.c_str(), "--set",
            "simulation.ticks=100000", nullptr);
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(partial) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(fs::exists(partial)) << "the run never created its .partial file";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let it write some ticks
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_FALSE(fs::exists(out));
  EXPECT_TRUE(fs::exists(partial));
}

TEST_F(RunOutput, FirmPanelHoldsEveryLivingFirmAtEachSnapshot) {
  const fs::path out = dir_ / "panel.h5";
  const auto result = run_command(clustersim() + " run -q " + source_path("tests/data/small.toml") +
                                  " --set output.snapshot_every=4 -o " + out.string());
  ASSERT_EQ(result.status, 0) << result.output;
  const auto data = read_datasets(out);
  ASSERT_TRUE(data.count("firm_panel/firm_id"));
  const auto& firms_total = data.at("firms_total");  // 12 ticks: snapshots after ticks 4, 8 and 12
  ASSERT_EQ(firms_total.size(), 12u);
  const double expected_rows = firms_total[3] + firms_total[7] + firms_total[11];
  EXPECT_EQ(static_cast<double>(data.at("firm_panel/firm_id").size()), expected_rows);
  EXPECT_EQ(data.at("firm_panel/firm_record_time").size(), data.at("firm_panel/firm_id").size());
  const auto& age = data.at("firm_panel/firm_age");
  EXPECT_DOUBLE_EQ(*std::max_element(age.begin(), age.end()), 3.0);  // initial firms after 12 quarters
}

TEST_F(RunOutput, FinishedRunLeavesOnlyTheFinalName) {
  const fs::path out = run_small("finished.h5", 1);
  EXPECT_TRUE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out.string() + ".partial"));
}

}  // namespace
