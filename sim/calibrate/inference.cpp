#include "sim/calibrate/inference.hpp"

#include <fmt/core.h>

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace sim::calibrate {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Below this ratio of the smallest to the largest singular value of the scaled Jacobian, G'WG is treated
// as singular: a direction of the parameters moves no moment.
constexpr double singular_ratio = 1e-9;
// Above this condition number the weakest direction is named in a warning.
constexpr double weak_condition = 1e3;
// A standard error above this share of the parameter's range: the moments pin it down weakly.
constexpr double weak_share_of_range = 0.25;

void check(const InferenceInput& in) {
  const auto d = in.estimate.size();
  const auto m = in.targets.size();
  const bool fits = in.low.size() == d && in.high.size() == d && in.fitted.size() == m && in.jacobian.rows() == m &&
                    in.jacobian.cols() == d && in.weighting.rows() == m && in.weighting.cols() == m &&
                    in.moment_covariance.rows() == m && in.moment_covariance.cols() == m &&
                    static_cast<Eigen::Index>(in.parameters.size()) == d &&
                    static_cast<Eigen::Index>(in.moments.size()) == m;
  if (!fits || d == 0 || m == 0) throw std::invalid_argument("inference: dimensions of the inputs disagree");
  if (in.replicates < 1) throw std::invalid_argument("inference: replicates must be at least 1");
}

}  // namespace

Inference infer(const InferenceInput& in) {
  check(in);
  const Eigen::Index d = in.estimate.size();
  const Eigen::Index m = in.targets.size();
  const double noise = 1.0 + 1.0 / static_cast<double>(in.replicates);
  Inference out;

  const Eigen::LLT<Eigen::MatrixXd> weighting_root(in.weighting);
  const Eigen::LLT<Eigen::MatrixXd> covariance_root(in.moment_covariance);
  if (weighting_root.info() != Eigen::Success) throw std::invalid_argument("inference: W is not positive definite");
  if (covariance_root.info() != Eigen::Success) throw std::invalid_argument("inference: S is not positive definite");

  const Eigen::VectorXd width = in.high - in.low;
  const Eigen::VectorXd residual = in.fitted - in.targets;
  out.t_ratios = residual.array() / (noise * in.moment_covariance.diagonal().array()).sqrt();
  out.j_statistic = residual.dot(covariance_root.solve(residual)) / noise;
  out.degrees_of_freedom = static_cast<int>(m - d);
  out.j_p_value = std::numeric_limits<double>::quiet_NaN();
  if (out.degrees_of_freedom > 0) {
    const boost::math::chi_squared_distribution<double> chi2(out.degrees_of_freedom);
    out.j_p_value = boost::math::cdf(boost::math::complement(chi2, out.j_statistic));
  }
  const Eigen::VectorXd moment_se = in.moment_covariance.diagonal().array().sqrt();
  out.scaled_jacobian = moment_se.cwiseInverse().asDiagonal() * in.jacobian * width.asDiagonal();

  // The identification problem is judged in units of each parameter's range, where the parameters are
  // comparable: A = L' G diag(width), with W = L L'.
  const Eigen::MatrixXd root_t = weighting_root.matrixU();  // L'
  const Eigen::MatrixXd scaled = root_t * in.jacobian * width.asDiagonal();
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(scaled, Eigen::ComputeThinV);
  out.singular_values = svd.singularValues();
  const double largest = out.singular_values(0);
  const double smallest = out.singular_values(out.singular_values.size() - 1);

  out.covariance = Eigen::MatrixXd::Constant(d, d, std::numeric_limits<double>::quiet_NaN());
  out.sensitivity = Eigen::MatrixXd::Constant(d, m, std::numeric_limits<double>::quiet_NaN());
  if (!(largest > 0.0) || smallest < singular_ratio * largest || m < d) {
    out.covariance.diagonal().setConstant(infinity);
    const Eigen::VectorXd weakest = svd.matrixV().col(svd.matrixV().cols() - 1).cwiseAbs();
    std::string names;
    for (Eigen::Index p = 0; p < d; ++p) {
      if (weakest(p) > 0.3) names += fmt::format("{}{}", names.empty() ? "" : ", ", in.parameters[p]);
    }
    out.warnings.push_back(fmt::format(
        "the moments do not identify every parameter: G'WG is singular{} (no standard errors)",
        names.empty() ? std::string() : fmt::format(" in the direction of {}", names)));
  } else {
    const Eigen::MatrixXd gw = in.jacobian.transpose() * in.weighting;  // d x M
    const Eigen::MatrixXd bread = (gw * in.jacobian).inverse();
    out.covariance = noise * bread * gw * in.moment_covariance * gw.transpose() * bread;
    out.sensitivity = -bread * gw;
    const double condition = largest / smallest;
    if (condition > weak_condition) {
      const Eigen::VectorXd weakest = svd.matrixV().col(svd.matrixV().cols() - 1);
      std::string direction;
      for (Eigen::Index p = 0; p < d; ++p) {
        if (std::abs(weakest(p)) > 0.3) {
          direction += fmt::format("{}{:+.2f} {}", direction.empty() ? "" : " ", weakest(p), in.parameters[p]);
        }
      }
      out.warnings.push_back(fmt::format(
          "the moments barely tell apart a combination of parameters (condition number {:.3g} of the scaled "
          "Jacobian; weakest direction, in shares of the ranges: {})",
          condition, direction));
    }
  }
  out.standard_errors = out.covariance.diagonal().array().sqrt();
  for (Eigen::Index p = 0; p < d; ++p) {
    if (in.jacobian.col(p).isZero(0.0)) {
      out.warnings.push_back(fmt::format("no moment moves with {}: it is not identified", in.parameters[p]));
    } else if (out.standard_errors(p) > weak_share_of_range * width(p)) {
      out.warnings.push_back(fmt::format(
          "{}: standard error {:.4g} is more than a quarter of its range [{:g}, {:g}]: the moments pin it down weakly",
          in.parameters[p], out.standard_errors(p), in.low(p), in.high(p)));
    }
    const double margin = 1e-6 * width(p);
    if (in.estimate(p) - in.low(p) <= margin || in.high(p) - in.estimate(p) <= margin) {
      out.warnings.push_back(fmt::format(
          "{} = {:.6g} is at a bound of its range: the normal approximation behind its standard error does not hold "
          "there; widen the range if the bound is not a true limit",
          in.parameters[p], in.estimate(p)));
    }
  }
  return out;
}

}  // namespace sim::calibrate
