#include "sim/analysis/compare.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

namespace sim::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void check_level(double level, const char* function) {
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument(fmt::format("{}: level must lie in (0, 1), got {}", function, level));
  }
}

// Mean and sample variance (n - 1) by two passes; variance NaN when n < 2, mean NaN when n = 0.
struct Moments {
  double mean = nan;
  double variance = nan;
  std::int64_t n = 0;
};

Moments moments(const std::vector<double>& values) {
  Moments m;
  m.n = static_cast<std::int64_t>(values.size());
  if (values.empty()) return m;
  double sum = 0.0;
  for (double v : values) sum += v;
  m.mean = sum / static_cast<double>(values.size());
  if (values.size() < 2) return m;
  double squares = 0.0;
  for (double v : values) squares += (v - m.mean) * (v - m.mean);
  m.variance = squares / static_cast<double>(values.size() - 1);
  return m;
}

std::vector<double> without_nan(std::span<const double> values) {
  std::vector<double> kept;
  kept.reserve(values.size());
  for (double v : values) {
    if (!std::isnan(v)) kept.push_back(v);
  }
  return kept;
}

constexpr RatioInterval undefined_ratio{nan, nan, RatioBounds::undefined};

// The interval of the ratio as one of the relative change (ratio - 1).
RatioInterval relative_interval(RatioInterval ratio) {
  if (ratio.bounds == RatioBounds::finite) {
    ratio.low -= 1.0;
    ratio.high -= 1.0;
  }
  return ratio;
}

double relative_change(double mean_difference, double baseline_mean) {
  if (std::isnan(baseline_mean) || baseline_mean == 0.0) return nan;
  return mean_difference / baseline_mean;
}

// mean +- t_{(1+level)/2, df} se; collapses to [mean, mean] when se == 0 (df may then be undefined).
void set_interval(Difference& d, double standard_error, double df, double level) {
  if (standard_error == 0.0) {
    d.low = d.high = d.mean;
    return;
  }
  if (!std::isfinite(standard_error) || !(df > 0.0)) return;  // leaves NaN (or infinities in the data)
  const double half_width = student_t_quantile(0.5 + level / 2.0, df) * standard_error;
  d.low = d.mean - half_width;
  d.high = d.mean + half_width;
}

// The smallest m >= 2 with (t_{(1+level)/2, df(m)} + t_{power, df(m)}) sqrt(variance_sum / m) <= |mean|,
// variance_sum the variance of one replicate's difference; `df(m)` its degrees of freedom. From the
// normal approximation m0 upwards: t quantiles exceed normal ones, so m0 is a lower bound.
template <class DegreesOfFreedom>
double replicates_for_power(double mean, double variance_sum, double level, DegreesOfFreedom df) {
  constexpr double power = 0.8;
  constexpr double most = 1e9;
  if (std::isnan(variance_sum) || !std::isfinite(mean) || mean == 0.0) return nan;
  if (variance_sum == 0.0) return 2.0;
  const boost::math::normal_distribution<double> normal;
  const double z = boost::math::quantile(normal, 0.5 + level / 2.0) + boost::math::quantile(normal, power);
  double m = std::max(2.0, std::floor(z * z * variance_sum / (mean * mean)));
  for (; m <= most; m += 1.0) {
    const double t = student_t_quantile(0.5 + level / 2.0, df(m)) + student_t_quantile(power, df(m));
    if (t * std::sqrt(variance_sum / m) <= std::abs(mean)) return m;
  }
  return std::numeric_limits<double>::infinity();
}

}  // namespace

bool excludes_zero(const Difference& d) { return d.low > 0.0 || d.high < 0.0; }

double student_t_quantile(double p, double df) {
  if (!(p > 0.0 && p < 1.0) || !(df > 0.0)) {
    throw std::invalid_argument(fmt::format("student_t_quantile: need 0 < p < 1 and df > 0, got p = {}, df = {}", p, df));
  }
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

Difference paired_difference(std::span<const double> scenario, std::span<const double> baseline, double level) {
  check_level(level, "paired_difference");
  if (scenario.size() != baseline.size()) {
    throw std::invalid_argument(fmt::format("paired_difference: scenario has {} values but baseline has {}",
                                            scenario.size(), baseline.size()));
  }
  std::vector<double> differences;
  std::vector<double> scenario_kept;
  std::vector<double> baseline_kept;
  differences.reserve(scenario.size());
  scenario_kept.reserve(scenario.size());
  baseline_kept.reserve(scenario.size());
  for (std::size_t j = 0; j < scenario.size(); ++j) {
    if (std::isnan(scenario[j]) || std::isnan(baseline[j])) continue;
    differences.push_back(scenario[j] - baseline[j]);
    scenario_kept.push_back(scenario[j]);
    baseline_kept.push_back(baseline[j]);
  }
  const Moments d = moments(differences);
  const Moments x = moments(scenario_kept);
  const Moments b = moments(baseline_kept);
  Difference result{d.mean, nan, nan, relative_change(d.mean, b.mean), d.n, true, nan, undefined_ratio};
  if (d.n >= 2) {
    const double n = static_cast<double>(d.n);
    set_interval(result, std::sqrt(d.variance / n), n - 1.0, level);
    result.replicates_for_power = replicates_for_power(d.mean, d.variance, level, [](double m) { return m - 1.0; });
    double covariance = 0.0;
    for (std::size_t j = 0; j < scenario_kept.size(); ++j) {
      covariance += (scenario_kept[j] - x.mean) * (baseline_kept[j] - b.mean);
    }
    covariance /= n - 1.0;
    result.relative_interval = relative_interval(
        fieller_interval(x.mean, b.mean, x.variance / n, b.variance / n, covariance / n,
                         student_t_quantile(0.5 + level / 2.0, n - 1.0)));
  }
  return result;
}

Difference unpaired_difference(std::span<const double> scenario, std::span<const double> baseline, double level) {
  check_level(level, "unpaired_difference");
  const Moments x = moments(without_nan(scenario));
  const Moments b = moments(without_nan(baseline));
  const double mean = x.mean - b.mean;
  Difference result{mean, nan, nan, relative_change(mean, b.mean), std::min(x.n, b.n), false, nan, undefined_ratio};
  if (result.n >= 2) {
    const double vx = x.variance / static_cast<double>(x.n);
    const double vb = b.variance / static_cast<double>(b.n);
    const double df = (vx + vb) * (vx + vb) /
                      (vx * vx / static_cast<double>(x.n - 1) + vb * vb / static_cast<double>(b.n - 1));
    set_interval(result, std::sqrt(vx + vb), df, level);
    // Welch's degrees of freedom of mean(x) - ratio mean(b), at the estimated ratio.
    const double ratio = b.mean != 0.0 ? x.mean / b.mean : nan;
    const double vr = ratio * ratio * vb;
    const double ratio_df =
        (vx + vr) * (vx + vr) / (vx * vx / static_cast<double>(x.n - 1) + vr * vr / static_cast<double>(b.n - 1));
    if (vx + vr == 0.0) {  // no spread at all: the ratio is known exactly
      result.relative_interval = relative_interval(fieller_interval(x.mean, b.mean, 0.0, 0.0, 0.0, 0.0));
    } else if (ratio_df > 0.0) {
      result.relative_interval = relative_interval(
          fieller_interval(x.mean, b.mean, vx, vb, 0.0, student_t_quantile(0.5 + level / 2.0, ratio_df)));
    }
    // Welch's degrees of freedom with m runs in each sample.
    const double sx = x.variance, sb = b.variance;
    result.replicates_for_power = replicates_for_power(mean, sx + sb, level, [sx, sb](double m) {
      return sx * sx + sb * sb > 0.0 ? (sx + sb) * (sx + sb) * (m - 1.0) / (sx * sx + sb * sb) : m - 1.0;
    });
  }
  return result;
}

}  // namespace sim::analysis
