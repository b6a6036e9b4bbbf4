#include "sim/analysis/ratio_interval.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::analysis {

RatioInterval fieller_interval(double mean_x, double mean_b, double variance_x, double variance_b,
                               double covariance, double t) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  for (double v : {mean_x, mean_b, variance_x, variance_b, covariance, t}) {
    if (!std::isfinite(v)) return {nan, nan, RatioBounds::undefined};
  }
  const double t2 = t * t;
  const double a = mean_b * mean_b - t2 * variance_b;
  if (!(a > 0.0)) return {nan, nan, RatioBounds::unbounded};
  const double b = mean_x * mean_b - t2 * covariance;
  const double c = mean_x * mean_x - t2 * variance_x;
  // Non-negative in exact arithmetic when a > 0 (the quadratic is <= 0 at x / b); rounding may not be.
  const double root = std::sqrt(std::max(0.0, b * b - a * c));
  return {(b - root) / a, (b + root) / a, RatioBounds::finite};
}

}  // namespace sim::analysis
