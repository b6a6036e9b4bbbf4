// Checks that a RunWriter file opens as it is in the netCDF-4 ecosystem: xarray (netcdf4 and
// h5netcdf engines), h5py, netCDF4-python (tests/e2e/output_readback.py) and ncdump.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/output/run_writer.hpp"
#include "sim/output/variable.hpp"

namespace so = sim::output;
namespace fs = std::filesystem;

namespace {

constexpr const char* python = "/usr/bin/python3";

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs `command` through the shell, returning its exit status (-1 if it did not exit normally).
int run(const std::string& command) {
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

bool executable(const char* path) { return ::access(path, X_OK) == 0; }

std::string find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const fs::path candidate = fs::path(dirs.substr(start, end - start)) / program;
    if (executable(candidate.c_str())) return candidate.string();
    start = end + 1;
  }
  return {};
}

class OutputNetcdfCompat : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("clustersim_output_compat_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    file_ = dir_ / "run.nc";

    double tick = 0;
    so::Registry registry;
    registry.add({"population", {}, "1e4 person", "resident population", true, so::Storage::float64,
                  [&tick](std::span<double> out) { out[0] = 100.0 + tick; }});
    registry.add({"gdp", {"region"}, "1e8 CNY/year", "gross regional product", true, so::Storage::float64,
                  [&tick](std::span<double> out) {
                    for (std::size_t r = 0; r < out.size(); ++r) out[r] = 10.0 * static_cast<double>(r) + tick;
                  }});
    registry.add({"output", {"region", "industry"}, "1e8 CNY/year", "gross output by industry", true,
                  so::Storage::float64, [&tick](std::span<double> out) {
                    for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<double>(k) + tick;
                  }});
    registry.add({"area", {"region"}, "km2", "land area", false, so::Storage::float64, [](std::span<double> out) {
                    for (std::size_t r = 0; r < out.size(); ++r) out[r] = 1000.0 + static_cast<double>(r);
                  }});
    registry.add({"firms", {"region"}, "1", "number of firms", true, so::Storage::int32,
                  [&tick](std::span<double> out) {
                    for (std::size_t r = 0; r < out.size(); ++r) out[r] = 5.0 * static_cast<double>(r) + tick;
                  }});
    std::vector<so::Axis> axes{{"region", "region (provincial-level division)", {"Beijing", "Tianjin"}},
                               {"industry", "industry (sector)", {"agriculture", "manufacturing", "services"}}};
    so::WriterOptions options;
    options.time_chunk = 2;
    so::RunWriter writer(file_, {"days since 2023-01-01 00:00:00", "proleptic_gregorian"}, axes, registry,
                         {{"title", "clustersim compatibility test"}, {"source", "clustersim (ünicode)"}}, options);
    const double times[] = {89.0, 180.0, 272.0, 364.0, 454.0};  // quarter ends of 2023 and 2024-Q1
    for (int t = 0; t < 5; ++t) {
      tick = t;
      writer.append(times[t]);
    }
    writer.finish();
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  static fs::path dir_;
  static fs::path file_;
};

fs::path OutputNetcdfCompat::dir_;
fs::path OutputNetcdfCompat::file_;

}  // namespace

TEST_F(OutputNetcdfCompat, PythonReadersOpenFile) {
  if (!executable(python)) GTEST_SKIP() << python << " not found";
  const std::string script = std::string(CLUSTERSIM_SOURCE_DIR) + "/tests/e2e/output_readback.py";
  if (run(std::string(python) + " -c 'import xarray, netCDF4, h5netcdf, h5py' 2>/dev/null") != 0) {
    GTEST_SKIP() << python << " lacks xarray, netCDF4, h5netcdf or h5py";
  }
  const std::string command = std::string(python) + " " + quote(script) + " " + quote(file_.string()) +
                              " --ticks 5 --first-time 2023-03-31"
                              " --expect population=time --expect gdp=time,region"
                              " --expect output=time,region,industry --expect area=region"
                              " --expect firms=time,region --expect region=region --expect industry=industry";
  EXPECT_EQ(run(command), 0) << command;
}

TEST_F(OutputNetcdfCompat, NcdumpReadsFile) {
  const std::string ncdump = find_on_path("ncdump");
  if (ncdump.empty()) GTEST_SKIP() << "ncdump not found";
  EXPECT_EQ(run(quote(ncdump) + " -h " + quote(file_.string()) + " > /dev/null"), 0);
  // The whole file, data included.
  EXPECT_EQ(run(quote(ncdump) + " " + quote(file_.string()) + " > /dev/null"), 0);
}
