#pragma once
// Comparing a metric between a scenario and a baseline over replicates: the mean difference with a
// Student-t confidence interval.
//
//   paired_difference: replicate j of both runs used the same random numbers (common random numbers),
//     so the differences d_j = x_j - b_j are one sample: mean(d) +- t_{(1+level)/2, n-1} sd(d) / sqrt(n).
//   unpaired_difference: independent samples of possibly different sizes and variances: Welch's
//     interval, mean(x) - mean(b) +- t_{(1+level)/2, nu} sqrt(s_x^2/n_x + s_b^2/n_b), with the
//     Welch-Satterthwaite degrees of freedom
//       nu = (s_x^2/n_x + s_b^2/n_b)^2 / ((s_x^2/n_x)^2/(n_x-1) + (s_b^2/n_b)^2/(n_b-1)).
//     Welch, B. L. (1947), "The generalization of 'Student's' problem when several different population
//     variances are involved", Biometrika 34, 28-35.
// Sample variances use n - 1. Student-t quantiles come from Boost.Math (boost::math::students_t).
//
// Missing values: a NaN marks a replicate without a value (a failed run, an undefined metric) and is
// skipped. Paired: a replicate is dropped when either of its two values is NaN, and n counts the pairs
// kept. Unpaired: NaNs are dropped from each sample separately. Infinities are not skipped; they
// propagate into the results.
//
// Degenerate cases never throw: with n = 0 every field but n is NaN; with n < 2 the mean is reported
// but low and high are NaN (no variance to estimate). When the standard error is exactly 0 (all
// differences equal) the interval collapses to [mean, mean].
#include <cstdint>
#include <span>

#include "sim/analysis/ratio_interval.hpp"

namespace sim::analysis {

struct Difference {
  double mean;      // mean difference, scenario - baseline
  double low;       // lower end of the confidence interval (NaN if n < 2)
  double high;      // upper end of the confidence interval (NaN if n < 2)
  double relative;  // mean / mean of the baseline values used (NaN if that mean is 0 or there are none)
  std::int64_t n;   // paired: pairs used; unpaired: the smaller of the two sample sizes used
  bool paired;
  // Replicates (pairs, or runs per scenario when unpaired) a t test at 1 - level would need to detect a
  // difference of the size measured with power 0.8, at the spread measured (NaN if n < 2 or the mean
  // difference is 0): the smallest m >= 2 with (t_{(1+level)/2, df} + t_{0.8, df}) se(m) <= |mean|,
  // se(m) the standard error with m replicates (sd / sqrt(m) paired, sqrt((s_x^2 + s_b^2) / m)
  // unpaired) and df its degrees of freedom (m - 1 paired, Welch's with m per sample unpaired).
  double replicates_for_power;
  // The confidence interval of `relative` (mean(scenario) / mean(baseline) - 1) by Fieller's interval on
  // the ratio of the means (ratio_interval.hpp): paired, with the covariance of the pairs and n - 1
  // degrees of freedom; unpaired, with covariance 0 and Welch's degrees of freedom of
  // mean(scenario) - ratio * mean(baseline) at the estimated ratio. RatioBounds::unbounded when the
  // baseline mean's own interval includes 0 (no finite interval exists); NaN ends unless finite.
  RatioInterval relative_interval;
};

// Whether the interval of `d` lies on one side of zero (false when it is undefined).
bool excludes_zero(const Difference& d);

// scenario and baseline must have the same length (std::invalid_argument otherwise); level must lie
// in (0, 1) (std::invalid_argument otherwise).
Difference paired_difference(std::span<const double> scenario, std::span<const double> baseline,
                             double level = 0.95);

// The samples may differ in length. n is min(n_scenario, n_baseline) after dropping NaNs, so that
// "n < 2 gives a NaN interval" holds here too (each sample needs its own variance). level must lie in
// (0, 1) (std::invalid_argument otherwise).
Difference unpaired_difference(std::span<const double> scenario, std::span<const double> baseline,
                               double level = 0.95);

// The quantile t_{p, df} of Student's t distribution with df > 0 degrees of freedom (not necessarily
// an integer), 0 < p < 1. Exposed for the two functions above and their tests.
double student_t_quantile(double p, double df);

}  // namespace sim::analysis
