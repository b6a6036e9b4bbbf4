// `clustersim compare` and `clustersim sensitivity` on sweep files written by the real `clustersim sweep`:
// their numbers equal the statistics computed here from the file's data; bad input exits with 2.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "hdf5_read_support.hpp"
#include "process_runner.hpp"
#include "temp_dir.hpp"
#include "sim/analysis/compare.hpp"
#include "sim/analysis/sobol_indices.hpp"

namespace {

namespace fs = std::filesystem;
using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;

// Each test runs its sweeps in a folder of its own (removed when it ends) that holds a base scenario.
class CliAnalysis : public ::testing::Test {
 protected:
  CliAnalysis() {
    // A small economy over four quarters of 2023 (ticks dated 2023-03-31, -06-30, -09-30, -12-31).
    std::ofstream(dir_ / "base.toml") << fmt::format(
        "base = \"{}\"\n[simulation]\nticks = 4\n[firms]\ninitial_count = 300\n", source_path("configs/baseline.toml"));
  }
  fs::path run_sweep(const std::string& name, const std::string& body) const;
  fs::path grid_sweep() const;
  fs::path sobol_sweep() const;
  const testing_support::TempDir dir_;
};

void expect_bad_input(const std::string& arguments, const std::string& message) {
  const auto result = run_command(fmt::format("{} {}", clustersim(), arguments));
  EXPECT_EQ(result.status, 2) << arguments << "\n" << result.output;
  EXPECT_NE(result.output.find(message), std::string::npos) << arguments << "\n" << result.output;
}

fs::path CliAnalysis::run_sweep(const std::string& name, const std::string& body) const {
  const fs::path file = dir_ / (name + ".toml");
  const fs::path out = dir_ / (name + ".h5");
  if (fs::exists(out)) return out;
  std::ofstream(file) << "[sweep]\nscenario = \"base.toml\"\nkeep = [\"gdp\", \"welfare_total\"]\n" << body;
  const auto result = run_command(fmt::format("{} sweep -q {} -j 2 -o {}", clustersim(), file.string(), out.string()));
  EXPECT_EQ(result.status, 0) << result.output;
  return out;
}

// A grid over the R&D subsidy, three replicates each, common random numbers.
fs::path CliAnalysis::grid_sweep() const {
  return run_sweep("grid", "replicates = 3\n[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rate\"\n"
                           "values = [0.0, 0.15, 0.3]\n");
}

// Saltelli's design with N = 4 over two parameters: 16 scenarios, one replicate.
fs::path CliAnalysis::sobol_sweep() const {
  return run_sweep("sobol", "design = \"sobol\"\nsamples = 4\n"
                            "[[sweep.parameters]]\nkey = \"policy.rd_subsidy_rate\"\nlow = 0.0\nhigh = 0.3\n"
                            "[[sweep.parameters]]\nkey = \"policy.openness\"\nlow = 0.2\nhigh = 0.8\n");
}

struct Gdp {
  std::vector<hsize_t> dims;  // scenario, replicate, time, region
  std::vector<double> values;
  // National GDP of run (s, r) at tick t.
  double national(std::size_t s, std::size_t r, std::size_t t) const {
    double sum = 0;
    const std::size_t regions = dims[3];
    const std::size_t at = ((s * dims[1] + r) * dims[2] + t) * regions;
    for (std::size_t i = 0; i < regions; ++i) sum += values[at + i];
    return sum;
  }
};

Gdp read_gdp(const fs::path& path) {
  const testing_support::Handle file = testing_support::open_file(path);
  const testing_support::Handle dataset = testing_support::open_dataset(file.get(), "gdp");
  return {testing_support::shape_of(dataset.get()), testing_support::read_doubles(dataset.get())};
}

std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

void expect_near_relative(double actual, double expected, const std::string& what) {
  EXPECT_NEAR(actual, expected, 1e-12 * std::max(1.0, std::abs(expected))) << what;
}

TEST_F(CliAnalysis, ComparePairsReplicatesAtTheLastTick) {
  const fs::path file = grid_sweep();
  const Gdp gdp = read_gdp(file);
  ASSERT_EQ(gdp.dims, (std::vector<hsize_t>{3, 3, 4, 31}));
  const fs::path csv = dir_ / "compare.csv";
  const auto result = run_command(fmt::format("{} compare {} --metric gdp --baseline 0 --csv {}", clustersim(),
                                              file.string(), csv.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("| scenario | policy.rd_subsidy_rate | baseline mean | scenario mean | mean difference "
                               "| CI low | CI high | relative change (%) | relative change CI (%) | n | paired | "
                               "excludes 0 | n for 80 % power |"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("at 2023-12-31"), std::string::npos) << result.output;

  const auto rows = read_csv(csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"scenario", "policy.rd_subsidy_rate", "baseline_mean", "scenario_mean",
                                               "mean_difference", "ci_low", "ci_high", "relative_change_percent",
                                               "relative_change_low_percent", "relative_change_high_percent", "n",
                                               "paired", "excludes_zero", "replicates_for_80_percent_power"}));
  for (std::size_t s = 1; s <= 2; ++s) {
    const auto& row = rows[s];
    ASSERT_EQ(row.size(), 14u);
    EXPECT_EQ(row[0], fmt::format("{}", s));
    EXPECT_DOUBLE_EQ(std::stod(row[1]), 0.15 * static_cast<double>(s));
    // Paired over the three replicates, by hand.
    double base = 0, scen = 0;
    std::vector<double> d;
    for (std::size_t r = 0; r < 3; ++r) {
      base += gdp.national(0, r, 3) / 3;
      scen += gdp.national(s, r, 3) / 3;
      d.push_back(gdp.national(s, r, 3) - gdp.national(0, r, 3));
    }
    const double mean = (d[0] + d[1] + d[2]) / 3;
    double ss = 0;
    for (double x : d) ss += (x - mean) * (x - mean);
    const double half = sim::analysis::student_t_quantile(0.975, 2) * std::sqrt(ss / 2) / std::sqrt(3.0);
    expect_near_relative(std::stod(row[2]), base, "baseline mean");
    expect_near_relative(std::stod(row[3]), scen, "scenario mean");
    expect_near_relative(std::stod(row[4]), mean, "mean difference");
    EXPECT_NEAR(std::stod(row[5]), mean - half, 1e-9 * std::abs(base)) << "CI low";
    EXPECT_NEAR(std::stod(row[6]), mean + half, 1e-9 * std::abs(base)) << "CI high";
    EXPECT_NEAR(std::stod(row[7]), 100 * mean / base, 1e-9) << "relative change";
    // Fieller's interval on the ratio of the paired means: at either end, the t statistic of
    // x_j - (1 + end) b_j is the critical value.
    ASSERT_FALSE(row[8].empty()) << "a GDP of 1.5e6 is far from 0: the interval is finite";
    const double t = sim::analysis::student_t_quantile(0.975, 2);
    for (const std::string& end_text : {row[8], row[9]}) {
      const double ratio = 1.0 + std::stod(end_text) / 100.0;
      std::vector<double> e;
      for (std::size_t r = 0; r < 3; ++r) e.push_back(gdp.national(s, r, 3) - ratio * gdp.national(0, r, 3));
      const double e_mean = (e[0] + e[1] + e[2]) / 3;
      double e_ss = 0;
      for (double x : e) e_ss += (x - e_mean) * (x - e_mean);
      EXPECT_NEAR(std::abs(e_mean) / (std::sqrt(e_ss / 2) / std::sqrt(3.0)), t, 1e-5) << "relative change CI end";
    }
    EXPECT_LT(std::stod(row[8]), std::stod(row[7]));
    EXPECT_GT(std::stod(row[9]), std::stod(row[7]));
    EXPECT_EQ(row[10], "3");
    EXPECT_EQ(row[11], "true");
    EXPECT_EQ(row[12], (mean - half > 0.0 || mean + half < 0.0) ? "true" : "false");
    // Power: the smallest m >= 2 with (t_{0.975, m-1} + t_{0.8, m-1}) sd / sqrt(m) <= |mean|.
    const double sd = std::sqrt(ss / 2);
    double needed = 2.0;
    while ((sim::analysis::student_t_quantile(0.975, needed - 1.0) + sim::analysis::student_t_quantile(0.8, needed - 1.0)) *
               sd / std::sqrt(needed) > std::abs(mean)) {
      needed += 1.0;
    }
    EXPECT_EQ(std::stod(row[13]), needed) << "replicates for 80 % power";
    EXPECT_NE(mean, 0.0) << "a subsidy changes GDP";
  }
}

TEST_F(CliAnalysis, BaselineByItsSweptValues) {
  const fs::path file = grid_sweep();
  const auto by_index = run_command(fmt::format("{} compare {} --baseline 1", clustersim(), file.string()));
  ASSERT_EQ(by_index.status, 0) << by_index.output;
  const auto by_value =
      run_command(fmt::format("{} compare {} --baseline policy.rd_subsidy_rate=0.15", clustersim(), file.string()));
  ASSERT_EQ(by_value.status, 0) << by_value.output;
  EXPECT_EQ(by_value.output, by_index.output);
  EXPECT_NE(by_value.output.find("baseline scenario 1"), std::string::npos) << by_value.output;
  expect_bad_input(fmt::format("compare {} --baseline policy.rd_subsidy_rate=0.2", file.string()),
                   "--baseline: no scenario has policy.rd_subsidy_rate = 0.2; its values are 0, 0.15, 0.3");
  expect_bad_input(fmt::format("compare {} --baseline policy.openness=0.5", file.string()),
                   "'policy.openness' is not a swept key of this sweep; its swept keys are policy.rd_subsidy_rate");
}

TEST_F(CliAnalysis, CompareWithoutAMetricComparesWelfare) {
  // Scenarios are compared in one unit unless the user names another metric.
  const fs::path file = grid_sweep();
  const auto implicit = run_command(fmt::format("{} compare {} --baseline 0", clustersim(), file.string()));
  ASSERT_EQ(implicit.status, 0) << implicit.output;
  EXPECT_NE(implicit.output.find("welfare_total"), std::string::npos) << implicit.output;
  const auto named = run_command(fmt::format("{} compare {} --metric welfare_total --baseline 0", clustersim(), file.string()));
  ASSERT_EQ(named.status, 0) << named.output;
  EXPECT_EQ(implicit.output, named.output);
  const auto gdp = run_command(fmt::format("{} compare {} --metric gdp --baseline 0", clustersim(), file.string()));
  EXPECT_NE(gdp.output, implicit.output);
}

TEST_F(CliAnalysis, CompareAtADateAndOverAWindow) {
  const fs::path file = grid_sweep();
  const Gdp gdp = read_gdp(file);
  const fs::path at_csv = dir_ / "at.csv";
  // 2023-11-15: the last tick on or before is the third (2023-09-30).
  auto result = run_command(fmt::format("{} compare {} --metric gdp --baseline 2 --at 2023-11-15 --csv {}",
                                        clustersim(), file.string(), at_csv.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  auto rows = read_csv(at_csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "0");
  double base = 0;
  for (std::size_t r = 0; r < 3; ++r) base += gdp.national(2, r, 2) / 3;
  expect_near_relative(std::stod(rows[1][2]), base, "baseline mean at tick 2");

  const fs::path window_csv = dir_ / "window.csv";
  result = run_command(fmt::format("{} compare {} --metric gdp --window 2023-04-01:2023-12-31 --csv {} --level 0.9",
                                   clustersim(), file.string(), window_csv.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("over the 3 ticks from 2023-06-30 to 2023-12-31"), std::string::npos) << result.output;
  rows = read_csv(window_csv);
  double scen = 0;
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t t = 1; t < 4; ++t) scen += gdp.national(1, r, t) / 9;
  }
  expect_near_relative(std::stod(rows[1][3]), scen, "scenario mean over the window");
}

TEST_F(CliAnalysis, SensitivityEqualsSobolIndicesOfTheFile) {
  const fs::path file = sobol_sweep();
  const Gdp gdp = read_gdp(file);
  ASSERT_EQ(gdp.dims[0], 16u);
  const fs::path csv = dir_ / "sobol.csv";
  const auto result = run_command(fmt::format("{} sensitivity {} --metric gdp --resamples 200 --seed 3 --csv {}",
                                              clustersim(), file.string(), csv.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("| parameter | first-order [low, high] | total [low, high] |"), std::string::npos)
      << result.output;
  // Four base samples are far too few: a warning on stderr, and still exit status 0.
  EXPECT_NE(result.output.find("clustersim: warning: 4 base samples are too few for stable Sobol indices"),
            std::string::npos)
      << result.output;
  // Rows come in blocks of d + 2 = 4 per base sample: A, B, A_B^(0), A_B^(1).
  sim::analysis::SaltelliResults saltelli;
  saltelli.ab.resize(2);
  for (std::size_t j = 0; j < 4; ++j) {
    saltelli.a.push_back(gdp.national(4 * j, 0, 3));
    saltelli.b.push_back(gdp.national(4 * j + 1, 0, 3));
    saltelli.ab[0].push_back(gdp.national(4 * j + 2, 0, 3));
    saltelli.ab[1].push_back(gdp.national(4 * j + 3, 0, 3));
  }
  const auto expected = sim::analysis::sobol_indices(saltelli, 200, 0.95, 3);
  const auto rows = read_csv(csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"parameter", "first_order", "first_order_low", "first_order_high",
                                               "total", "total_low", "total_high"}));
  const std::vector<std::string> keys{"policy.rd_subsidy_rate", "policy.openness"};
  for (std::size_t p = 0; p < 2; ++p) {
    const auto& row = rows[p + 1];
    ASSERT_EQ(row.size(), 7u);
    EXPECT_EQ(row[0], keys[p]);
    const std::vector<double> want{expected[p].first_order, expected[p].first_low, expected[p].first_high,
                                   expected[p].total,       expected[p].total_low, expected[p].total_high};
    for (std::size_t c = 0; c < 6; ++c) {
      const double value = std::stod(row[c + 1]);
      EXPECT_TRUE(std::isfinite(value)) << row[0] << " column " << c;
      EXPECT_EQ(value, want[c]) << row[0] << " column " << c;
    }
  }
}


TEST_F(CliAnalysis, BadInputExitsWith2) {
  const std::string grid = grid_sweep().string();
  const fs::path text = dir_ / "not_a_sweep.h5";
  std::ofstream(text) << "hello\n";
  expect_bad_input(fmt::format("compare {} --metric gdp", text.string()), "is not a sweep file");
  expect_bad_input(fmt::format("compare {} --metric gdp", (dir_ / "missing.h5").string()), "no such file");
  expect_bad_input(fmt::format("compare {} --metric gpd", grid), "no time-series variable 'gpd' (did you mean 'gdp'?)");
  expect_bad_input(fmt::format("compare {} --metric gdp --baseline 3", grid), "--baseline: 3 is not a scenario: scenarios are 0 to 2");
  expect_bad_input(fmt::format("compare {} --metric gdp --at 2022-12-31", grid),
                   "no tick on or before 2022-12-31: the file's 4 ticks run from 2023-03-31 to 2023-12-31");
  expect_bad_input(fmt::format("compare {} --metric gdp --window 2024-01-01:2024-12-31", grid), "no tick within");
  expect_bad_input(fmt::format("compare {} --metric gdp --at 2023-13-01", grid), "expected a date YYYY-MM-DD");
  expect_bad_input(fmt::format("compare {} --metric gdp --level 1.5", grid), "--level");
  expect_bad_input(fmt::format("sensitivity {} --metric gdp", grid), "sensitivity needs a sobol design");
}

}  // namespace
