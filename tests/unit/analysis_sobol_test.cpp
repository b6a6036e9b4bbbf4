#include "sim/analysis/sobol_indices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

using sim::analysis::SaltelliResults;
using sim::analysis::SobolIndex;
using sim::analysis::sobol_indices;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double pi = std::numbers::pi;

using Model = std::function<double(const std::vector<double>&)>;

// A Saltelli design of n base samples over k parameters, each uniform on [low, high], from independent
// pseudo-random draws (so bootstrap intervals, which assume independent base samples, apply). Uniforms
// are built from the top 53 bits of mt19937_64, the same on every standard library.
SaltelliResults saltelli(const Model& f, std::size_t k, std::size_t n, double low, double high, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&] { return low + (high - low) * static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  SaltelliResults r;
  r.ab.assign(k, std::vector<double>(n));
  std::vector<double> a(k);
  std::vector<double> b(k);
  for (std::size_t j = 0; j < n; ++j) {
    for (auto& x : a) x = uniform();
    for (auto& x : b) x = uniform();
    r.a.push_back(f(a));
    r.b.push_back(f(b));
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> ab = a;  // AB^(i): A with column i from B
      ab[i] = b[i];
      r.ab[i][j] = f(ab);
    }
  }
  return r;
}

double ishigami(const std::vector<double>& x) {
  constexpr double a = 7.0;
  constexpr double b = 0.1;
  return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) + b * std::pow(x[2], 4) * std::sin(x[0]);
}

// Analytic Ishigami indices (a = 7, b = 0.1, x_i uniform on [-pi, pi]); Sobol' and Levitan (1999),
// Saltelli et al. (2000): V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V13 = b^2 pi^8 (1/18 - 1/50),
// V = V1 + V2 + V13.
struct Ishigami {
  double v1 = 0.5 * std::pow(1.0 + 0.1 * std::pow(pi, 4) / 5.0, 2);
  double v2 = 49.0 / 8.0;
  double v13 = 0.01 * std::pow(pi, 8) * (1.0 / 18.0 - 1.0 / 50.0);
  double v = v1 + v2 + v13;
  double first[3] = {v1 / v, v2 / v, 0.0};
  double total[3] = {(v1 + v13) / v, v2 / v, v13 / v};
};

TEST(AnalysisSobol, IshigamiAnalyticValuesAreTheQuotedOnes) {
  const Ishigami is;
  EXPECT_NEAR(is.first[0], 0.3139, 5e-5);
  EXPECT_NEAR(is.first[1], 0.4424, 5e-5);
  EXPECT_NEAR(is.total[0], 0.5576, 5e-5);
  EXPECT_NEAR(is.total[1], 0.4424, 5e-5);
  EXPECT_NEAR(is.total[2], 0.2437, 5e-5);
}

TEST(AnalysisSobol, HandWorkedEstimators) {
  // N = 4, two parameters; parameter 1 has no effect (AB^(1) = A).
  //   f(A) = (0, 2, 1, 3), f(B) = (1, 3, 0, 2), f(AB^(0)) = (1, 4, 0, 3).
  //   A and B together: mean 12 / 8 = 1.5, squared deviations 2.25 .25 .25 2.25 .25 2.25 2.25 .25,
  //   V = 10 / 8 = 1.25.
  //   First order, f centred by 1.5: f(B) - 1.5 = (-.5, 1.5, -1.5, .5), f(AB^(0)) - f(A) = (1, 2, -1, 0),
  //   products (-.5, 3, 1.5, 0), mean 4 / 4 = 1, S_0 = 1 / 1.25 = 0.8. (Without centring it would be
  //   mean(1, 6, 0, 0) / 1.25 = 1.75 / 1.25 = 1.4.)
  //   Total: (f(A) - f(AB^(0)))^2 = (1, 4, 1, 0), mean 6 / 4 = 1.5, T_0 = 1.5 / (2 * 1.25) = 0.6.
  //   Parameter 1: every difference is 0, so S_1 = T_1 = 0.
  SaltelliResults r;
  r.a = {0, 2, 1, 3};
  r.b = {1, 3, 0, 2};
  r.ab = {{1, 4, 0, 3}, {0, 2, 1, 3}};
  const std::vector<SobolIndex> s = sobol_indices(r, 0);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_NEAR(s[0].first_order, 0.8, 1e-12);
  EXPECT_NEAR(s[0].total, 0.6, 1e-12);
  EXPECT_EQ(s[1].first_order, 0.0);
  EXPECT_EQ(s[1].total, 0.0);
  // resamples = 0: no intervals.
  EXPECT_TRUE(std::isnan(s[0].first_low));
  EXPECT_TRUE(std::isnan(s[0].total_high));
}

TEST(AnalysisSobol, LinearFunctionIndicesAreSquaredCoefficientShares) {
  // f = x0 + 2 x1 + 3 x2 + 0 x3, x_i uniform on [0, 1]: V_i = c_i^2 / 12, no interactions, so
  // S_i = T_i = c_i^2 / sum c^2 = (1, 4, 9, 0) / 14.
  // Tolerance: at N = 2^14 the bootstrap standard errors ((high - low) / 3.92 of the 95 % intervals
  // below) are at most 0.008 for S_i and 0.006 for T_i; for T_i this agrees with theory, since
  // (f(A) - f(AB^(i)))^2 = c_i^2 (u - v)^2 with u, v uniform has relative sd sqrt(1/15 - 1/36) / (1/6)
  // = 1.18, so T_i has relative standard error 1.18 / sqrt(2^14) = 0.9 % (0.006 for T_2 = 0.64).
  // 0.035 is more than 4 standard errors. A parameter without effect gives exactly 0.
  const double c[4] = {1.0, 2.0, 3.0, 0.0};
  const Model f = [&](const std::vector<double>& x) { return c[0] * x[0] + c[1] * x[1] + c[2] * x[2] + c[3] * x[3]; };
  const SaltelliResults r = saltelli(f, 4, std::size_t{1} << 14, 0.0, 1.0, 7);
  const std::vector<SobolIndex> s = sobol_indices(r, 200);
  ASSERT_EQ(s.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const double expected = c[i] * c[i] / 14.0;
    SCOPED_TRACE(i);
    EXPECT_NEAR(s[i].first_order, expected, 0.035);
    EXPECT_NEAR(s[i].total, expected, 0.035);
    // The intervals are as narrow as those standard errors say (with a factor 2 of slack).
    EXPECT_LE(s[i].first_high - s[i].first_low, 2 * 3.92 * 0.008);
    EXPECT_LE(s[i].total_high - s[i].total_low, 2 * 3.92 * 0.006);
  }
  EXPECT_EQ(s[3].first_order, 0.0);
  EXPECT_EQ(s[3].total, 0.0);
}

// The Ishigami design at N = 2^14 with 1000 resamples and 99 % intervals, computed once.
const std::vector<SobolIndex>& ishigami_large() {
  static const std::vector<SobolIndex> s =
      sobol_indices(saltelli(ishigami, 3, std::size_t{1} << 14, -pi, pi, 11), 1000, 0.99);
  return s;
}

TEST(AnalysisSobol, IshigamiIndicesMatchTheAnalyticValues) {
  // Tolerance: the bootstrap standard errors at N = 2^14 ((high - low) / 5.15 of the 99 % intervals)
  // are 0.003 (T_3) to 0.011 (T_1), so 0.05 is 4.5 or more standard errors; the uncentred first-order estimator
  // or a wrong AB^(i) convention (column i from A rather than B, which swaps S_i with 1 - T_i) would
  // miss by far more (S_1 = 0.31 vs 1 - T_1 = 0.44; S_3 = 0 vs 1 - T_3 = 0.76).
  // Interval coverage: 99 % intervals, because six 95 % intervals would all cover with probability
  // only about 0.95^6 = 0.74, so a single seeded check at 95 % would say more about the seed than the code.
  const Ishigami is;
  const std::vector<SobolIndex>& s = ishigami_large();
  ASSERT_EQ(s.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(s[i].first_order, is.first[i], 0.05);
    EXPECT_NEAR(s[i].total, is.total[i], 0.05);
    EXPECT_LE(s[i].first_low, is.first[i]);
    EXPECT_GE(s[i].first_high, is.first[i]);
    EXPECT_LE(s[i].total_low, is.total[i]);
    EXPECT_GE(s[i].total_high, is.total[i]);
  }
}

TEST(AnalysisSobol, IntervalsShrinkAsTheSampleGrows) {
  // Standard errors fall as 1 / sqrt(N): from N = 2^10 to 2^14 the widths should fall by about 4;
  // require at least 2.
  const std::vector<SobolIndex> small = sobol_indices(saltelli(ishigami, 3, std::size_t{1} << 10, -pi, pi, 11), 1000, 0.99);
  const std::vector<SobolIndex>& large = ishigami_large();
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_LT(large[i].first_high - large[i].first_low, 0.5 * (small[i].first_high - small[i].first_low));
    EXPECT_LT(large[i].total_high - large[i].total_low, 0.5 * (small[i].total_high - small[i].total_low));
  }
}

TEST(AnalysisSobol, BootstrapIsDeterministicForASeed) {
  const SaltelliResults r = saltelli(ishigami, 3, std::size_t{1} << 10, -pi, pi, 3);
  const std::vector<SobolIndex> one = sobol_indices(r, 200, 0.95, 42);
  const std::vector<SobolIndex> two = sobol_indices(r, 200, 0.95, 42);
  const std::vector<SobolIndex> other = sobol_indices(r, 200, 0.95, 43);
  bool any_interval_differs = false;
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(one[i].first_order, two[i].first_order);
    EXPECT_EQ(one[i].first_low, two[i].first_low);
    EXPECT_EQ(one[i].first_high, two[i].first_high);
    EXPECT_EQ(one[i].total, two[i].total);
    EXPECT_EQ(one[i].total_low, two[i].total_low);
    EXPECT_EQ(one[i].total_high, two[i].total_high);
    // Another seed: the same point estimates, other resamples.
    EXPECT_EQ(one[i].first_order, other[i].first_order);
    EXPECT_EQ(one[i].total, other[i].total);
    any_interval_differs = any_interval_differs || one[i].first_low != other[i].first_low ||
                           one[i].total_high != other[i].total_high;
    // Intervals bracket the estimate, and a lower level gives a nested, narrower interval of the same
    // resamples.
    EXPECT_LT(one[i].first_low, one[i].first_order);
    EXPECT_GT(one[i].first_high, one[i].first_order);
    EXPECT_LT(one[i].total_low, one[i].total);
    EXPECT_GT(one[i].total_high, one[i].total);
  }
  EXPECT_TRUE(any_interval_differs);
  const std::vector<SobolIndex> half = sobol_indices(r, 200, 0.5, 42);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_GT(half[i].first_low, one[i].first_low);
    EXPECT_LT(half[i].first_high, one[i].first_high);
    EXPECT_GT(half[i].total_low, one[i].total_low);
    EXPECT_LT(half[i].total_high, one[i].total_high);
  }
}

TEST(AnalysisSobol, BaseSamplesWithNaNAreDroppedFromEveryIndex) {
  const SaltelliResults full = saltelli(ishigami, 3, 64, -pi, pi, 5);
  SaltelliResults with_nan = full;
  with_nan.ab[1][5] = nan;  // sample 5 is dropped from parameters 0 and 2 as well
  with_nan.b[9] = nan;
  SaltelliResults removed = full;
  for (std::size_t j : {std::size_t{9}, std::size_t{5}}) {
    const auto at = static_cast<std::ptrdiff_t>(j);
    removed.a.erase(removed.a.begin() + at);
    removed.b.erase(removed.b.begin() + at);
    for (auto& column : removed.ab) column.erase(column.begin() + at);
  }
  const std::vector<SobolIndex> got = sobol_indices(with_nan, 100);
  const std::vector<SobolIndex> expected = sobol_indices(removed, 100);
  const std::vector<SobolIndex> unchanged = sobol_indices(full, 100);
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_DOUBLE_EQ(got[i].first_order, expected[i].first_order);
    EXPECT_DOUBLE_EQ(got[i].total, expected[i].total);
    EXPECT_DOUBLE_EQ(got[i].first_low, expected[i].first_low);
    EXPECT_DOUBLE_EQ(got[i].total_high, expected[i].total_high);
    EXPECT_NE(got[i].first_order, unchanged[i].first_order);
  }
}

TEST(AnalysisSobol, AConstantAddedToTheOutputChangesNothing) {
  // Outputs such as levels have means far larger than their spread. Centring makes the first-order
  // estimate shift-invariant; the uncentred formula would carry noise of order 1e6 / sqrt(N) here.
  const SaltelliResults r = saltelli(ishigami, 3, 1024, -pi, pi, 9);
  SaltelliResults shifted = r;
  for (auto& v : shifted.a) v += 1e6;
  for (auto& v : shifted.b) v += 1e6;
  for (auto& column : shifted.ab) {
    for (auto& v : column) v += 1e6;
  }
  const std::vector<SobolIndex> s = sobol_indices(r, 0);
  const std::vector<SobolIndex> t = sobol_indices(shifted, 0);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(s[i].first_order, t[i].first_order, 1e-8);
    EXPECT_NEAR(s[i].total, t[i].total, 1e-8);
  }
}

TEST(AnalysisSobol, DegenerateInputsGiveNaN) {
  SaltelliResults constant;
  constant.a = {2, 2, 2};
  constant.b = {2, 2, 2};
  constant.ab = {{2, 2, 2}};
  const std::vector<SobolIndex> c = sobol_indices(constant, 10);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_TRUE(std::isnan(c[0].first_order));
  EXPECT_TRUE(std::isnan(c[0].total));
  EXPECT_TRUE(std::isnan(c[0].first_low));
  EXPECT_TRUE(std::isnan(c[0].total_high));

  SaltelliResults one;  // fewer than 2 complete samples
  one.a = {1, 5};
  one.b = {2, nan};
  one.ab = {{3, 4}};
  EXPECT_TRUE(std::isnan(sobol_indices(one)[0].first_order));

  EXPECT_TRUE(sobol_indices(SaltelliResults{{1, 2}, {3, 4}, {}}).empty());
}

TEST(AnalysisSobol, InvalidArgumentsThrow) {
  const SaltelliResults good{{1, 2, 3}, {3, 2, 1}, {{1, 2, 2}}};
  EXPECT_NO_THROW(sobol_indices(good, 10));
  EXPECT_THROW(sobol_indices(SaltelliResults{{1, 2, 3}, {3, 2}, {{1, 2, 2}}}), std::invalid_argument);
  EXPECT_THROW(sobol_indices(SaltelliResults{{1, 2, 3}, {3, 2, 1}, {{1, 2}}}), std::invalid_argument);
  EXPECT_THROW(sobol_indices(good, -1), std::invalid_argument);
  EXPECT_THROW(sobol_indices(good, 10, 1.0), std::invalid_argument);
  EXPECT_THROW(sobol_indices(good, 10, 0.0), std::invalid_argument);
}

}  // namespace

namespace {

// The stability rule of `sensitivity`'s warning: a small sample of a linear function gets one, a large one
// does not.
TEST(AnalysisSobol, SmallSamplesAreFlaggedAsUnstableLargeOnesAreNot) {
  const Model linear = [](const std::vector<double>& x) { return x[0] + 2.0 * x[1]; };
  const std::vector<std::string> names = {"x0", "x1"};
  const auto problems = [&](std::size_t n) {
    return sim::analysis::stability_problems(sobol_indices(saltelli(linear, 2, n, 0.0, 1.0, 11), 500, 0.95, 1), names);
  };
  const std::vector<std::string> small = problems(8);
  ASSERT_FALSE(small.empty());
  EXPECT_NE(small.front().find("wide, more than 0.1"), std::string::npos) << small.front();
  EXPECT_TRUE(problems(std::size_t{1} << 13).empty());

  // An interval wholly below 0, and a missing one, are problems whatever their width.
  const std::vector<SobolIndex> odd = {{-0.04, -0.05, -0.01, 0.5, 0.46, 0.54}, {0.2, nan, nan, 0.3, 0.28, 0.33}};
  const std::vector<std::string> found = sim::analysis::stability_problems(odd, names);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "x0: the first-order index's interval [-0.05, -0.01] lies outside [0, 1]");
  EXPECT_EQ(found[1], "x1: the first-order index has no bootstrap interval");
}

}  // namespace
