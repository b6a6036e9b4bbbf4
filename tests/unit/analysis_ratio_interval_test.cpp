// Fieller's interval on the relative change of a scenario's mean over the baseline's: a case solved
// independently (root finding on the t statistic), the unbounded case, and its coverage over many
// synthetic samples, paired and unpaired.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "sim/analysis/compare.hpp"
#include "sim/analysis/ratio_interval.hpp"

namespace {

using sim::analysis::Difference;
using sim::analysis::RatioBounds;

TEST(RatioInterval, PairedMatchesTheRatiosATTestDoesNotReject) {
  // Solved with scipy: the rho where the t statistic of x - rho b equals t_{0.975, 4}
  // (brentq on |mean(d)| / (sd(d) / sqrt(5)) - t, d = x - rho b), minus 1.
  const std::vector<double> x{10.5, 12.0, 11.5, 13.0, 14.0};
  const std::vector<double> b{10.0, 11.0, 10.0, 11.0, 11.0};
  const Difference d = sim::analysis::paired_difference(x, b);
  ASSERT_EQ(d.relative_interval.bounds, RatioBounds::finite);
  EXPECT_NEAR(d.relative_interval.low, 0.03971496245613548, 1e-12);
  EXPECT_NEAR(d.relative_interval.high, 0.25515282159819686, 1e-12);
  EXPECT_LT(d.relative_interval.low, d.relative);
  EXPECT_GT(d.relative_interval.high, d.relative);
  // At either end, the differences x - rho b have a t statistic of exactly the critical value.
  const double t = sim::analysis::student_t_quantile(0.975, 4.0);
  for (double end : {d.relative_interval.low, d.relative_interval.high}) {
    std::vector<double> diff;
    for (std::size_t j = 0; j < x.size(); ++j) diff.push_back(x[j] - (1.0 + end) * b[j]);
    double mean = 0, ss = 0;
    for (double v : diff) mean += v / 5.0;
    for (double v : diff) ss += (v - mean) * (v - mean);
    EXPECT_NEAR(std::abs(mean) / std::sqrt(ss / 4.0 / 5.0), t, 1e-9);
  }
}

TEST(RatioInterval, NoFiniteIntervalWhenTheBaselineMeanIsNotDistinctFromZero) {
  const std::vector<double> x{1.0, 2.0, 3.0, 2.5};
  const std::vector<double> b{-1.0, 1.0, -2.0, 2.5};  // mean 0.125, sd 2.1
  EXPECT_EQ(sim::analysis::paired_difference(x, b).relative_interval.bounds, RatioBounds::unbounded);
  EXPECT_EQ(sim::analysis::unpaired_difference(x, b).relative_interval.bounds, RatioBounds::unbounded);
  EXPECT_EQ(sim::analysis::paired_difference(std::vector<double>{1.0}, std::vector<double>{2.0})
                .relative_interval.bounds,
            RatioBounds::undefined);
  // No spread: the ratio is known exactly.
  const Difference exact = sim::analysis::paired_difference(std::vector<double>{3.0, 3.0}, std::vector<double>{2.0, 2.0});
  ASSERT_EQ(exact.relative_interval.bounds, RatioBounds::finite);
  EXPECT_DOUBLE_EQ(exact.relative_interval.low, 0.5);
  EXPECT_DOUBLE_EQ(exact.relative_interval.high, 0.5);
}

// The share of `samples` synthetic data sets whose interval covers the true relative change 0.1.
template <class Draw>
double coverage(bool paired, int samples, Draw draw) {
  int covered = 0;
  for (int k = 0; k < samples; ++k) {
    std::vector<double> x, b;
    draw(x, b);
    const Difference d = paired ? sim::analysis::paired_difference(x, b) : sim::analysis::unpaired_difference(x, b);
    EXPECT_EQ(d.relative_interval.bounds, RatioBounds::finite);
    covered += d.relative_interval.low <= 0.1 && 0.1 <= d.relative_interval.high ? 1 : 0;
  }
  return static_cast<double>(covered) / samples;
}

TEST(RatioInterval, CoversAtItsLevel) {
  // 4000 samples: a 95 % interval covers 0.95 +- 0.0035 (one standard error); 0.94 to 0.96 is about 3.
  std::mt19937_64 random(20261130);
  std::normal_distribution<double> normal;
  // Paired: 5 replicates of (x, b) with means 110 and 100, sd 10 and 8, correlation 0.8 (common random numbers).
  const double paired = coverage(true, 4000, [&](std::vector<double>& x, std::vector<double>& b) {
    for (int j = 0; j < 5; ++j) {
      const double z1 = normal(random), z2 = normal(random);
      b.push_back(100.0 + 8.0 * z1);
      x.push_back(110.0 + 10.0 * (0.8 * z1 + 0.6 * z2));
    }
  });
  EXPECT_GT(paired, 0.94);
  EXPECT_LT(paired, 0.96);
  // Unpaired: 6 runs of x (sd 10) and 4 of b (sd 20), independent.
  const double unpaired = coverage(false, 4000, [&](std::vector<double>& x, std::vector<double>& b) {
    for (int j = 0; j < 6; ++j) x.push_back(110.0 + 10.0 * normal(random));
    for (int j = 0; j < 4; ++j) b.push_back(100.0 + 20.0 * normal(random));
  });
  EXPECT_GT(unpaired, 0.93);
  EXPECT_LT(unpaired, 0.97);
}

}  // namespace
