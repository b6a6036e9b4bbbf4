// The inference of the method of simulated moments (sim/calibrate/inference.hpp) on cases whose answer is
// known in closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/calibrate/inference.hpp"

namespace sim::calibrate {
namespace {

InferenceInput linear_case() {
  InferenceInput in;
  in.parameters = {"a", "b"};
  in.moments = {"m1", "m2", "m3"};
  in.estimate = Eigen::Vector2d(0.5, 0.5);
  in.low = Eigen::Vector2d(0.0, 0.0);
  in.high = Eigen::Vector2d(1.0, 1.0);
  in.targets = Eigen::Vector3d(1.0, 2.0, 3.0);
  in.fitted = Eigen::Vector3d(1.1, 1.9, 3.0);
  in.jacobian.resize(3, 2);
  in.jacobian << 1.0, 0.0, 0.0, 2.0, 1.0, 1.0;
  in.moment_covariance = Eigen::Vector3d(0.01, 0.04, 0.09).asDiagonal();
  in.weighting = in.moment_covariance.inverse();
  in.replicates = 4;
  return in;
}

TEST(Inference, EfficientWeightingGivesTheInverseInformation) {
  const InferenceInput in = linear_case();
  const Inference out = infer(in);
  // With W = S^-1 the sandwich is (1 + 1/R) (G' S^-1 G)^-1.
  const Eigen::MatrixXd expected =
      1.25 * (in.jacobian.transpose() * in.moment_covariance.inverse() * in.jacobian).inverse();
  EXPECT_TRUE(out.covariance.isApprox(expected, 1e-12));
  EXPECT_NEAR(out.standard_errors(0), std::sqrt(expected(0, 0)), 1e-12);
  // J = g' [(1 + 1/R) S]^-1 g = (0.01 / 0.01 + 0.01 / 0.04 + 0) / 1.25
  EXPECT_NEAR(out.j_statistic, (1.0 + 0.25) / 1.25, 1e-12);
  EXPECT_EQ(out.degrees_of_freedom, 1);
  // chi-squared(1): P(X > 1) = 0.3173
  EXPECT_NEAR(out.j_p_value, 0.31731050786291415, 1e-12);
  EXPECT_NEAR(out.t_ratios(0), 0.1 / std::sqrt(1.25 * 0.01), 1e-12);
  EXPECT_NEAR(out.t_ratios(1), -0.1 / std::sqrt(1.25 * 0.04), 1e-12);
  EXPECT_TRUE(out.warnings.empty()) << out.warnings.front();
  // Lambda G = -I: a change of the targets along G moves the estimates by minus that change.
  EXPECT_TRUE((out.sensitivity * in.jacobian).isApprox(-Eigen::MatrixXd::Identity(2, 2), 1e-12));
}

TEST(Inference, SandwichWithAnotherWeighting) {
  InferenceInput in = linear_case();
  in.weighting = Eigen::Matrix3d::Identity();
  const Inference out = infer(in);
  const Eigen::MatrixXd& g = in.jacobian;
  const Eigen::MatrixXd bread = (g.transpose() * g).inverse();
  const Eigen::MatrixXd expected = 1.25 * bread * g.transpose() * in.moment_covariance * g * bread;
  EXPECT_TRUE(out.covariance.isApprox(expected, 1e-12));
}

TEST(Inference, ExactlyIdentifiedHasNoTest) {
  InferenceInput in = linear_case();
  in.moments = {"m1", "m2"};
  in.targets = in.targets.head(2).eval();
  in.fitted = in.fitted.head(2).eval();
  in.jacobian = in.jacobian.topRows(2).eval();
  in.moment_covariance = in.moment_covariance.topLeftCorner(2, 2).eval();
  in.weighting = in.weighting.topLeftCorner(2, 2).eval();
  const Inference out = infer(in);
  EXPECT_EQ(out.degrees_of_freedom, 0);
  EXPECT_TRUE(std::isnan(out.j_p_value));
}

TEST(Inference, AParameterNoMomentMovesIsNotIdentified) {
  InferenceInput in = linear_case();
  in.jacobian.col(1).setZero();
  const Inference out = infer(in);
  EXPECT_TRUE(std::isinf(out.standard_errors(1)));
  bool said = false;
  for (const std::string& warning : out.warnings) said = said || warning.find("no moment moves with b") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(Inference, WeakAndBoundWarnings) {
  InferenceInput in = linear_case();
  in.jacobian << 1.0, 0.0, 0.0, 0.001, 1.0, 0.0;  // b barely moves m2
  in.estimate(0) = 0.0;                           // a at its lower bound
  const Inference out = infer(in);
  std::string all;
  for (const std::string& warning : out.warnings) all += warning + "\n";
  EXPECT_NE(all.find("b: standard error"), std::string::npos) << all;
  EXPECT_NE(all.find("a = 0 is at a bound"), std::string::npos) << all;
  EXPECT_NE(all.find("condition number"), std::string::npos) << all;
}

TEST(Inference, RefusesMismatchedInputs) {
  InferenceInput in = linear_case();
  in.fitted = Eigen::Vector2d(1.0, 2.0);
  EXPECT_THROW(infer(in), std::invalid_argument);
  in = linear_case();
  in.moment_covariance(2, 2) = -1.0;
  EXPECT_THROW(infer(in), std::invalid_argument);
}

}  // namespace
}  // namespace sim::calibrate
