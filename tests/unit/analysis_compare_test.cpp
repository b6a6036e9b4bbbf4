#include "sim/analysis/compare.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

using sim::analysis::Difference;
using sim::analysis::paired_difference;
using sim::analysis::student_t_quantile;
using sim::analysis::unpaired_difference;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

TEST(AnalysisCompare, StudentTQuantileMatchesClosedFormsAndTables) {
  // df = 1 (Cauchy): t_p = tan(pi (p - 1/2)); df = 2: t_p = (2p - 1) / sqrt(2 p (1 - p)).
  EXPECT_NEAR(student_t_quantile(0.975, 1.0), std::tan(0.475 * std::numbers::pi), 1e-11);
  EXPECT_NEAR(student_t_quantile(0.975, 2.0), 0.95 / std::sqrt(2.0 * 0.975 * 0.025), 1e-13);
  // df = 4: t_p = 2 sqrt(q - 1), q = cos(arccos(sqrt(a)) / 3) / sqrt(a), a = 4 p (1 - p) (p > 1/2).
  const auto t4 = [](double p) {
    const double a = 4.0 * p * (1.0 - p);
    return 2.0 * std::sqrt(std::cos(std::acos(std::sqrt(a)) / 3.0) / std::sqrt(a) - 1.0);
  };
  EXPECT_NEAR(student_t_quantile(0.975, 4.0), t4(0.975), 1e-13);
  EXPECT_NEAR(student_t_quantile(0.995, 4.0), t4(0.995), 1e-12);
  // Tabulated values (R: qt(0.975, 4), qt(0.975, 8)).
  EXPECT_NEAR(student_t_quantile(0.975, 4.0), 2.7764451051977987, 1e-13);
  EXPECT_NEAR(student_t_quantile(0.975, 8.0), 2.3060041352041662, 1e-13);
  // Symmetry and the normal limit.
  EXPECT_NEAR(student_t_quantile(0.025, 4.0), -2.7764451051977987, 1e-13);
  EXPECT_NEAR(student_t_quantile(0.975, 1e9), 1.959963984540054, 1e-7);
  EXPECT_THROW(student_t_quantile(1.0, 4.0), std::invalid_argument);
  EXPECT_THROW(student_t_quantile(0.5, 0.0), std::invalid_argument);
}

TEST(AnalysisCompare, PairedHandWorkedExample) {
  // d = x - b = (0.5, 1, 1.5, 2, 3) (all exact in binary).
  //   mean = 8 / 5 = 1.6; deviations -1.1, -0.6, -0.1, 0.4, 1.4; sum of squares = 1.21 + 0.36 + 0.01 +
  //   0.16 + 1.96 = 3.70; s^2 = 3.70 / 4 = 0.925; se = sqrt(0.925 / 5) = sqrt(0.185) = 0.4301162633521313.
  //   t_{0.975, 4} = 2.7764451051977987; half width = 1.1941941940499923;
  //   interval = [0.4058058059500078, 2.794194194049992]. Baseline mean = 53 / 5 = 10.6, relative =
  //   1.6 / 10.6 = 0.15094339622641512.
  const std::vector<double> x{10.5, 12.0, 11.5, 13.0, 14.0};
  const std::vector<double> b{10.0, 11.0, 10.0, 11.0, 11.0};
  const Difference d = paired_difference(x, b);
  EXPECT_NEAR(d.mean, 1.6, 1e-12);
  EXPECT_NEAR(d.low, 0.4058058059500078, 1e-12);
  EXPECT_NEAR(d.high, 2.794194194049992, 1e-12);
  EXPECT_NEAR(d.low, 1.6 - 2.7764451051977987 * std::sqrt(0.185), 1e-12);
  EXPECT_NEAR(d.relative, 0.15094339622641512, 1e-12);
  EXPECT_EQ(d.n, 5);
  EXPECT_TRUE(d.paired);

  // level = 0.99: t_{0.995, 4} = 4.604094871349993 (R: qt(0.995, 4)), half width 1.9802960821837708.
  const Difference d99 = paired_difference(x, b, 0.99);
  EXPECT_NEAR(d99.low, 1.6 - 4.604094871349993 * std::sqrt(0.185), 1e-12);
  EXPECT_NEAR(d99.high, 1.6 + 4.604094871349993 * std::sqrt(0.185), 1e-12);
}

TEST(AnalysisCompare, UnpairedWelchHandWorkedExample) {
  // x = (4, 4, 4, 6, 6, 6): mean 5, sum of squares 6, s_x^2 = 6 / 5 = 1.2, s_x^2 / n_x = 0.2.
  // b = (0, 3, 3, 3, 3, 6): mean 3, sum of squares 18, s_b^2 = 18 / 5 = 3.6, s_b^2 / n_b = 0.6.
  //   mean difference = 2; se = sqrt(0.2 + 0.6) = sqrt(0.8) = 0.8944271909999159.
  //   Welch-Satterthwaite: nu = 0.8^2 / (0.2^2 / 5 + 0.6^2 / 5) = 0.64 / 0.08 = 8 (the pooled test would
  //   use 10, with t_{0.975,10} = 2.228, so this also tells Welch from pooled).
  //   t_{0.975, 8} = 2.3060041352041662; half width = 2.0625528010848524;
  //   interval = [-0.0625528010848524, 4.062552801084852]; relative = 2 / 3.
  const std::vector<double> x{4, 4, 4, 6, 6, 6};
  const std::vector<double> b{0, 3, 3, 3, 3, 6};
  const Difference d = unpaired_difference(x, b);
  EXPECT_NEAR(d.mean, 2.0, 1e-12);
  EXPECT_NEAR(d.low, -0.0625528010848524, 1e-12);
  EXPECT_NEAR(d.high, 4.062552801084852, 1e-12);
  EXPECT_NEAR(d.relative, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(d.n, 6);
  EXPECT_FALSE(d.paired);
}

TEST(AnalysisCompare, UnpairedWelchUnequalSizesUsesEachSamplesDegreesOfFreedom) {
  // x = (1, 2, 3, 4, 5): mean 3, s^2 = 10 / 4 = 2.5, s^2 / n = 1/2.
  // b = (2, 4, 6, 8): mean 5, s^2 = 20 / 3, s^2 / n = 5/3.
  //   se^2 = 1/2 + 5/3 = 13/6; nu = (13/6)^2 / ((1/2)^2 / 4 + (5/3)^2 / 3) = (169/36) / (427/432)
  //   = 2028 / 427 = 4.7494145199...; n = min(5, 4) = 4.
  const std::vector<double> x{1, 2, 3, 4, 5};
  const std::vector<double> b{2, 4, 6, 8};
  const Difference d = unpaired_difference(x, b);
  const double half = student_t_quantile(0.975, 2028.0 / 427.0) * std::sqrt(13.0 / 6.0);
  EXPECT_NEAR(d.mean, -2.0, 1e-12);
  EXPECT_NEAR(d.low, -2.0 - half, 1e-12);
  EXPECT_NEAR(d.high, -2.0 + half, 1e-12);
  EXPECT_NEAR(d.relative, -0.4, 1e-12);
  EXPECT_EQ(d.n, 4);
}

// Fraction of `repetitions` data sets of n = 20 whose 95 % interval contains the true difference.
template <typename Draw>
double coverage(bool paired, Draw draw) {
  constexpr int repetitions = 1000;
  constexpr int n = 20;
  constexpr double true_difference = 0.7;
  std::mt19937 rng(20240611);
  int covered = 0;
  std::vector<double> x(n);
  std::vector<double> b(n);
  for (int r = 0; r < repetitions; ++r) {
    for (int j = 0; j < n; ++j) draw(rng, x[j], b[j], true_difference);
    const Difference d = paired ? paired_difference(x, b) : unpaired_difference(x, b);
    if (d.low <= true_difference && true_difference <= d.high) ++covered;
  }
  return covered / static_cast<double>(repetitions);
}

TEST(AnalysisCompare, PairedIntervalCoversTheTrueDifferenceAtTheNominalRate) {
  // Common random numbers: both runs share a large replicate effect (sd 5); their own noise has sd 1
  // and 2. The paired interval must ignore the shared effect and still cover 95 % of the time. The
  // binomial standard error of a coverage estimate from 1000 repetitions is sqrt(.95 .05 / 1000) = 0.7 %,
  // so 95 % +- 2 % is a ~3-sigma band.
  std::normal_distribution<double> normal(0.0, 1.0);
  const double rate = coverage(true, [&](std::mt19937& rng, double& x, double& b, double delta) {
    const double shared = 5.0 * normal(rng);
    b = 10.0 + shared + normal(rng);
    x = 10.0 + delta + shared + 2.0 * normal(rng);
  });
  EXPECT_GE(rate, 0.93);
  EXPECT_LE(rate, 0.97);
}

TEST(AnalysisCompare, UnpairedIntervalCoversTheTrueDifferenceAtTheNominalRate) {
  // Independent samples with unequal variances (sd 1 and 3), where Welch's interval is exact enough.
  std::normal_distribution<double> normal(0.0, 1.0);
  const double rate = coverage(false, [&](std::mt19937& rng, double& x, double& b, double delta) {
    b = 10.0 + normal(rng);
    x = 10.0 + delta + 3.0 * normal(rng);
  });
  EXPECT_GE(rate, 0.93);
  EXPECT_LE(rate, 0.97);
}

TEST(AnalysisCompare, RelativeChangeIsMeanDifferenceOverBaselineMean) {
  const std::vector<double> b{-4.0, -2.0};  // mean -3
  const std::vector<double> x{-1.0, -2.0};  // differences 3, 0: mean 1.5
  EXPECT_NEAR(paired_difference(x, b).relative, -0.5, 1e-15);
  EXPECT_NEAR(unpaired_difference(x, b).relative, -0.5, 1e-15);

  // Baseline mean exactly 0: no relative change, but the absolute one is still reported.
  const std::vector<double> zero_mean{-1.0, 1.0};
  const Difference p = paired_difference(x, zero_mean);
  EXPECT_TRUE(std::isnan(p.relative));
  EXPECT_NEAR(p.mean, -1.5, 1e-15);
  EXPECT_TRUE(std::isnan(unpaired_difference(x, zero_mean).relative));
}

TEST(AnalysisCompare, NaNReplicatesAreSkipped) {
  // Paired: a pair is dropped when either value is NaN; the result equals that of the kept pairs.
  const std::vector<double> x{10.5, nan, 12.0, 11.5, 13.0, 14.0, 9.0};
  const std::vector<double> b{10.0, 3.0, 11.0, 10.0, 11.0, 11.0, nan};
  const Difference d = paired_difference(x, b);
  EXPECT_EQ(d.n, 5);
  EXPECT_NEAR(d.mean, 1.6, 1e-12);
  EXPECT_NEAR(d.low, 0.4058058059500078, 1e-12);
  EXPECT_NEAR(d.high, 2.794194194049992, 1e-12);
  // The baseline mean for relative is over the kept pairs only (10.6, not including 3.0).
  EXPECT_NEAR(d.relative, 1.6 / 10.6, 1e-12);

  // Unpaired: NaNs are dropped from each sample separately.
  const std::vector<double> ux{4, nan, 4, 4, 6, 6, 6};
  const std::vector<double> ub{0, 3, 3, nan, nan, 3, 3, 6};
  const Difference u = unpaired_difference(ux, ub);
  EXPECT_EQ(u.n, 6);
  EXPECT_NEAR(u.mean, 2.0, 1e-12);
  EXPECT_NEAR(u.low, -0.0625528010848524, 1e-12);
  EXPECT_NEAR(u.high, 4.062552801084852, 1e-12);
}

TEST(AnalysisCompare, FewerThanTwoValuesGiveNoInterval) {
  const std::vector<double> one_x{3.0};
  const std::vector<double> one_b{1.0};
  const Difference p = paired_difference(one_x, one_b);
  EXPECT_EQ(p.n, 1);
  EXPECT_EQ(p.mean, 2.0);
  EXPECT_EQ(p.relative, 2.0);
  EXPECT_TRUE(std::isnan(p.low));
  EXPECT_TRUE(std::isnan(p.high));

  // Two pairs, but one has a NaN: n = 1.
  const std::vector<double> x{3.0, nan};
  const std::vector<double> b{1.0, 1.0};
  EXPECT_EQ(paired_difference(x, b).n, 1);
  EXPECT_TRUE(std::isnan(paired_difference(x, b).high));

  // Unpaired: the smaller sample decides.
  const std::vector<double> many{1.0, 2.0, 3.0};
  const Difference u = unpaired_difference(many, one_b);
  EXPECT_EQ(u.n, 1);
  EXPECT_EQ(u.mean, 1.0);
  EXPECT_TRUE(std::isnan(u.low));
  EXPECT_TRUE(std::isnan(u.high));

  // Nothing at all: everything but n is NaN.
  const std::vector<double> empty;
  const Difference e = paired_difference(empty, empty);
  EXPECT_EQ(e.n, 0);
  EXPECT_TRUE(std::isnan(e.mean));
  EXPECT_TRUE(std::isnan(e.relative));
  EXPECT_TRUE(std::isnan(e.low));
  EXPECT_EQ(unpaired_difference(empty, many).n, 0);
  EXPECT_TRUE(std::isnan(unpaired_difference(empty, many).mean));
}

TEST(AnalysisCompare, ConstantDifferencesGiveAZeroWidthInterval) {
  const std::vector<double> x{3.0, 4.0, 5.0};
  const std::vector<double> b{1.0, 2.0, 3.0};
  const Difference p = paired_difference(x, b);
  EXPECT_EQ(p.low, 2.0);
  EXPECT_EQ(p.high, 2.0);
  const std::vector<double> cx{3.0, 3.0, 3.0};
  const std::vector<double> cb{1.0, 1.0, 1.0};
  const Difference u = unpaired_difference(cx, cb);
  EXPECT_EQ(u.low, 2.0);
  EXPECT_EQ(u.high, 2.0);
}

TEST(AnalysisCompare, InvalidArgumentsThrow) {
  const std::vector<double> three{1.0, 2.0, 3.0};
  const std::vector<double> two{1.0, 2.0};
  EXPECT_THROW(paired_difference(three, two), std::invalid_argument);
  EXPECT_NO_THROW(unpaired_difference(three, two));
  EXPECT_THROW(paired_difference(two, two, 1.0), std::invalid_argument);
  EXPECT_THROW(paired_difference(two, two, 0.0), std::invalid_argument);
  EXPECT_THROW(unpaired_difference(two, two, nan), std::invalid_argument);
}

}  // namespace

namespace {

// Differences 0, 1, 2 (mean 1, sd 1): a paired t test at 95 % needs m with
// (t_{0.975, m-1} + t_{0.8, m-1}) / sqrt(m) <= 1: 9 gives (2.306 + 0.889) / 3 = 1.065, 10 gives
// (2.262 + 0.883) / 3.162 = 0.995. Unpaired samples 1, 2, 3 and 0, 1, 2 (variances 1 and 1, Welch's
// df 2 (m - 1)): 16 gives 1.024, 17 gives 0.991.
TEST(AnalysisCompare, ReplicatesForEightyPercentPower) {
  const std::vector<double> base = {5.0, 5.0, 5.0};
  const std::vector<double> scenario = {5.0, 6.0, 7.0};
  const sim::analysis::Difference paired = sim::analysis::paired_difference(scenario, base);
  EXPECT_EQ(paired.replicates_for_power, 10.0);
  EXPECT_FALSE(sim::analysis::excludes_zero(paired));  // 1 +- 4.303 / sqrt(3): [-1.48, 3.48]
  const sim::analysis::Difference unpaired =
      sim::analysis::unpaired_difference(std::vector<double>{1.0, 2.0, 3.0}, std::vector<double>{0.0, 1.0, 2.0});
  EXPECT_EQ(unpaired.replicates_for_power, 17.0);
  EXPECT_FALSE(sim::analysis::excludes_zero(unpaired));
  // No difference: no size to detect; no spread: two replicates suffice.
  EXPECT_TRUE(std::isnan(sim::analysis::paired_difference(base, base).replicates_for_power));
  const std::vector<double> shifted = {6.0, 6.0, 6.0};
  EXPECT_EQ(sim::analysis::paired_difference(shifted, base).replicates_for_power, 2.0);
  EXPECT_TRUE(sim::analysis::excludes_zero(sim::analysis::paired_difference(shifted, base)));  // [1, 1]
}

}  // namespace
