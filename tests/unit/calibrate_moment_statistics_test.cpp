// The statistics of calibration moments (sim/calibrate/moment_statistics.hpp) against values worked out by
// hand, and their refusals where a value is not defined.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/calibrate/moment_statistics.hpp"

namespace sim::calibrate {
namespace {

TEST(MomentStatistics, MeanAndStandardDeviation) {
  const std::vector<double> values{1.0, 2.0, 3.0, 6.0};
  EXPECT_DOUBLE_EQ(mean(values), 3.0);
  // squares about 3: 4 + 1 + 0 + 9 = 14, over n - 1 = 3
  EXPECT_DOUBLE_EQ(standard_deviation(values), std::sqrt(14.0 / 3.0));
  EXPECT_THROW(standard_deviation(std::vector<double>{1.0}), std::domain_error);
  EXPECT_THROW(mean(std::vector<double>{}), std::domain_error);
}

TEST(MomentStatistics, GrowthIsAnnualLogGrowth) {
  // Quarterly ticks, 8 % a year: x_t = exp(0.08 * t / 4).
  std::vector<double> values;
  for (int t = 0; t < 9; ++t) values.push_back(100.0 * std::exp(0.08 * t * 0.25));
  EXPECT_NEAR(growth_rate(values, 0.25), 0.08, 1e-12);
  const std::vector<double> changes = log_changes_per_year(values, 0.25);
  ASSERT_EQ(changes.size(), 8u);
  for (double change : changes) EXPECT_NEAR(change, 0.08, 1e-12);
  EXPECT_THROW(growth_rate(std::vector<double>{1.0, 0.0}, 0.25), std::domain_error);
  EXPECT_THROW(log_changes_per_year(std::vector<double>{1.0, -2.0, 3.0}, 0.25), std::domain_error);
}

TEST(MomentStatistics, ShareIsARatioOfSums) {
  EXPECT_DOUBLE_EQ(share(std::vector<double>{1.0, 3.0}, std::vector<double>{10.0, 30.0}), 0.1);
  EXPECT_THROW(share(std::vector<double>{1.0}, std::vector<double>{0.0}), std::domain_error);
}

TEST(MomentStatistics, Correlation) {
  const std::vector<double> a{1.0, 2.0, 3.0, 4.0};
  const std::vector<double> b{2.0, 4.0, 6.0, 8.0};
  const std::vector<double> c{4.0, 3.0, 2.0, 1.0};
  EXPECT_NEAR(correlation(a, b), 1.0, 1e-15);
  EXPECT_NEAR(correlation(a, c), -1.0, 1e-15);
  EXPECT_NEAR(correlation(std::vector<double>{1.0, 2.0, 1.0, 2.0}, std::vector<double>{1.0, 1.0, 2.0, 2.0}), 0.0, 1e-15);
  EXPECT_THROW(correlation(a, std::vector<double>{1.0, 1.0, 1.0, 1.0}), std::domain_error);
}

TEST(MomentStatistics, CoefficientOfVariationUsesThePopulationSd) {
  // mean 2, population variance (1 + 0 + 1) / 3
  EXPECT_DOUBLE_EQ(coefficient_of_variation(std::vector<double>{1.0, 2.0, 3.0}), std::sqrt(2.0 / 3.0) / 2.0);
  EXPECT_THROW(coefficient_of_variation(std::vector<double>{-1.0, 1.0}), std::domain_error);
}

TEST(MomentStatistics, HillEstimatorFindsAParetoTail) {
  // Exact Pareto quantiles with alpha = 1.5: x_i = (n / i)^(1 / alpha), i = 1..n.
  const double alpha = 1.5;
  std::vector<double> values;
  const int n = 20000;
  for (int i = n; i >= 1; --i) values.push_back(std::pow(static_cast<double>(n) / i, 1.0 / alpha));
  values.push_back(0.0);  // not positive: left out
  EXPECT_NEAR(hill_tail_index(values, 0.05), alpha, 0.02);
  EXPECT_THROW(hill_tail_index(std::vector<double>{1.0, 2.0}, 0.05), std::domain_error);
  EXPECT_THROW(hill_tail_index(std::vector<double>{2.0, 2.0, 2.0, 2.0}, 0.5), std::domain_error);
}

}  // namespace
}  // namespace sim::calibrate
