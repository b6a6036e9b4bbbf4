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

// A firm-level table: snapshot s has firm_rows[s] rows; row k of snapshot s has firm_id 100 s + k,
// firm_age 0.5 k, firm_output 10 s + 0.25 k.
constexpr int firm_rows[] = {4, 2, 3};

so::Table firm_table(const int& snapshot) {
  so::Table table;
  table.dimension = "firm_record";
  table.long_name = "firm-level snapshot record";
  table.columns = {{.name = "firm_id", .units = "1", .long_name = "firm identifier", .description = "firm identifier", .storage = so::Storage::int64},
                   {.name = "firm_age", .units = "year", .long_name = "age of the firm", .description = "age of the firm", .storage = so::Storage::float64},
                   {.name = "firm_output", .units = "1e8 CNY/year", .long_name = "real output", .description = "real output", .storage = so::Storage::float64}};
  table.sample = [&snapshot](std::vector<std::vector<double>>& columns) {
    for (int k = 0; k < firm_rows[snapshot]; ++k) {
      columns[0].push_back(100.0 * snapshot + k);
      columns[1].push_back(0.5 * k);
      columns[2].push_back(10.0 * snapshot + 0.25 * k);
    }
  };
  return table;
}

class OutputNetcdfCompat : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("clustersim_output_compat_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    file_ = dir_ / "run.nc";
    empty_table_file_ = dir_ / "empty_table.nc";

    double tick = 0;
    int snapshot = 0;
    so::Registry registry;
    registry.add({.name = "population", .axes = {}, .units = "1e4 person", .long_name = "resident population", .description = "resident population", .time_series = true, .storage = so::Storage::float64,
                  .sample = [&tick](std::span<double> out) { out[0] = 100.0 + tick; }});
    registry.add({.name = "gdp", .axes = {"region"}, .units = "1e8 CNY/year", .long_name = "gross regional product", .description = "gross regional product", .time_series = true, .storage = so::Storage::float64,
                  .sample = [&tick](std::span<double> out) {
                    for (std::size_t r = 0; r < out.size(); ++r) out[r] = 10.0 * static_cast<double>(r) + tick;
                  }});
    registry.add({.name = "output", .axes = {"region", "industry"}, .units = "1e8 CNY/year", .long_name = "gross output by industry", .description = "gross output by industry", .time_series = true,
                  .storage = so::Storage::float64, .sample = [&tick](std::span<double> out) {
                    for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<double>(k) + tick;
                  }});
    // A coordinate variable, a text coordinate and time bounds: what readers must decode as coordinates.
    registry.add({.name = "area", .axes = {"region"}, .units = "km2", .long_name = "land area", .description = "land area", .time_series = false, .storage = so::Storage::float64, .sample = [](std::span<double> out) {
                    for (std::size_t r = 0; r < out.size(); ++r) out[r] = 1000.0 + static_cast<double>(r);
                  }, .coordinate = true});
    registry.add({.name = "firms", .axes = {"region"}, .units = "1", .long_name = "number of firms", .description = "number of firms", .time_series = true, .storage = so::Storage::int64,
                  .sample = [&tick](std::span<double> out) {
                    for (std::size_t r = 0; r < out.size(); ++r) out[r] = 5.0 * static_cast<double>(r) + tick;
                  }});
    registry.add_table(firm_table(snapshot));
    std::vector<so::Axis> axes{
        {.name = "region", .long_name = "Region", .description = "region (provincial-level division)",
         .labels = {"Beijing", "Tianjin"}},
        {.name = "industry", .long_name = "Industry", .description = "industry (sector)",
         .labels = {"agriculture", "manufacturing", "services"},
         .text_coordinates = {{.name = "industry_kind", .long_name = "Industry kind", .description = "kind of industry",
                               .values = {"primary", "secondary", "tertiary"}}}}};
    so::WriterOptions options;
    options.time_chunk = 2;
    so::RunWriter writer(file_, {"days since 2023-01-01 00:00:00", "proleptic_gregorian", 0.0}, axes, registry,
                         {{"title", "clustersim compatibility test"}, {"source", "clustersim (ünicode)"}}, options);
    const double times[] = {89.0, 180.0, 272.0, 364.0, 454.0};  // quarter ends of 2023 and 2024-Q1
    for (int t = 0; t < 5; ++t) {
      tick = t;
      writer.append(times[t]);
      if (t % 2 == 0) {  // snapshots at ticks 0, 2, 4 with 4, 2 and 3 firms
        snapshot = t / 2;
        writer.append_snapshot(times[t]);
      }
    }
    writer.finish();

    // A table that is never appended to: its dimension has length 0.
    so::Registry empty_registry;
    empty_registry.add({.name = "population", .axes = {}, .units = "1e4 person", .long_name = "resident population", .description = "resident population", .time_series = true, .storage = so::Storage::float64,
                        .sample = [](std::span<double> out) { out[0] = 1.0; }});
    empty_registry.add_table(firm_table(snapshot));
    so::RunWriter empty_writer(empty_table_file_, {"days since 2023-01-01 00:00:00", "proleptic_gregorian"}, axes,
                               empty_registry, {{"title", "clustersim empty table"}});
    empty_writer.append(89.0);
    empty_writer.finish();
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  static fs::path dir_;
  static fs::path file_;
  static fs::path empty_table_file_;
};

fs::path OutputNetcdfCompat::dir_;
fs::path OutputNetcdfCompat::file_;
fs::path OutputNetcdfCompat::empty_table_file_;

bool python_readers_available() {
  return executable(python) &&
         run(std::string(python) + " -c 'import xarray, netCDF4, h5netcdf, h5py' 2>/dev/null") == 0;
}

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
                              " --expect firms=time,region --expect region=region --expect industry=industry"
                              " --table firm_record=9"
                              " --expect firm_id=firm_record --expect firm_age=firm_record"
                              " --expect firm_output=firm_record --expect firm_record_time=firm_record"
                              " --values firm_id=0,1,2,3,100,101,200,201,202"
                              " --values firm_age=0,0.5,1,1.5,0,0.5,0,0.5,1"
                              " --values firm_output=0,0.25,0.5,0.75,10,10.25,20,20.25,20.5"
                              " --dates firm_record_time=2023-03-31,2023-03-31,2023-03-31,2023-03-31,"
                              "2023-09-30,2023-09-30,2024-03-30,2024-03-30,2024-03-30"
                              " --coordinate output=area,industry_kind --coordinate gdp=area"
                              " --bounds 2023-01-01,2023-03-31";
  EXPECT_EQ(run(command), 0) << command;
}

TEST_F(OutputNetcdfCompat, PythonReadersOpenFileWithEmptyTable) {
  if (!python_readers_available()) GTEST_SKIP() << python << " lacks xarray, netCDF4, h5netcdf or h5py";
  const std::string script = std::string(CLUSTERSIM_SOURCE_DIR) + "/tests/e2e/output_readback.py";
  const std::string command = std::string(python) + " " + quote(script) + " " + quote(empty_table_file_.string()) +
                              " --ticks 1 --first-time 2023-03-31 --table firm_record=0"
                              " --expect firm_id=firm_record --expect firm_record_time=firm_record";
  EXPECT_EQ(run(command), 0) << command;
}

TEST_F(OutputNetcdfCompat, NcdumpReadsFile) {
  const std::string ncdump = find_on_path("ncdump");
  if (ncdump.empty()) GTEST_SKIP() << "ncdump not found";
  EXPECT_EQ(run(quote(ncdump) + " -h " + quote(file_.string()) + " > /dev/null"), 0);
  // The whole file, data included.
  EXPECT_EQ(run(quote(ncdump) + " " + quote(file_.string()) + " > /dev/null"), 0);
  EXPECT_EQ(run(quote(ncdump) + " " + quote(empty_table_file_.string()) + " > /dev/null"), 0);
}
