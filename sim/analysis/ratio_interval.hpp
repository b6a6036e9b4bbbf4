#pragma once
// A confidence interval for the ratio of two means, rho = mu_x / mu_b, by Fieller's theorem.
//
// Given the estimated means x and b, the variances of the estimates v_x and v_b, their covariance c and
// a critical value t, the interval is every rho for which x - rho b is not significantly different from 0:
//   (x - rho b)^2 <= t^2 (v_x - 2 rho c + rho^2 v_b),
// that is  A rho^2 - 2 B rho + C <= 0  with  A = b^2 - t^2 v_b,  B = x b - t^2 c,  C = x^2 - t^2 v_x.
// If A > 0 (the mean b is significantly different from 0: |b| > t sqrt(v_b)), the set is the finite
// interval between the roots (B -+ sqrt(B^2 - A C)) / A, which contains x / b. If A <= 0 the baseline
// mean's own interval includes 0, and the set is unbounded (the whole line, or all but an interval): no
// finite interval exists, and none is reported.
//   Fieller, E. C. (1954), "Some problems in interval estimation", Journal of the Royal Statistical
//   Society B 16, 175-185.
// Why not the delta method (ratio +- t se, se^2 = (v_x - 2 rho c + rho^2 v_b) / b^2): it is always
// symmetric and finite, so it reports a bounded interval exactly where the data cannot bound the ratio,
// and covers poorly when b is imprecise. For paired replicates (x_j, b_j) with n pairs, v_x = s_x^2/n,
// v_b = s_b^2/n, c = s_xb/n and t = t_{(1+level)/2, n-1}, Fieller's interval is exact for bivariate
// normal pairs: x_j - rho b_j is then a normal sample of mean 0 at the true rho, and the interval is the
// rho that a t test on those differences does not reject.
namespace sim::analysis {

enum class RatioBounds {
  finite,     // [low, high]
  unbounded,  // the denominator's mean is not distinct from 0 at this level: no finite interval
  undefined,  // not enough data (NaN inputs)
};

struct RatioInterval {
  double low, high;  // NaN unless finite
  RatioBounds bounds;
};

RatioInterval fieller_interval(double mean_x, double mean_b, double variance_x, double variance_b,
                               double covariance, double t);

}  // namespace sim::analysis
