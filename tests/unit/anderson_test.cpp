// sim/anderson.hpp: Anderson acceleration reaches the fixed point of a contraction in fewer steps than
// plain iteration, and is plain iteration at depth 0 and after a reset.
#include "sim/anderson.hpp"

#include <gtest/gtest.h>

namespace {

// x = M x + b with M a contraction of factor about 0.45, as the market's demand fixed point.
struct Contraction {
  Eigen::MatrixXd matrix;
  Eigen::VectorXd offset;
  Contraction() : matrix(6, 6), offset(6) {
    for (int r = 0; r < 6; ++r) {
      offset(r) = 1.0 + r;
      for (int c = 0; c < 6; ++c) matrix(r, c) = 0.45 / 6.0 * (1.0 + 0.5 * ((r + 2 * c) % 3 - 1));
    }
  }
  Eigen::VectorXd operator()(const Eigen::VectorXd& x) const { return matrix * x + offset; }
  Eigen::VectorXd solution() const { return (Eigen::MatrixXd::Identity(6, 6) - matrix).lu().solve(offset); }
};

int steps_to_converge(int depth) {
  const Contraction g;
  sim::AndersonMixer mixer(depth);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(6);
  for (int step = 1; step <= 200; ++step) {
    x = mixer.next(x, g(x));
    if ((x - g.solution()).norm() <= 1e-12 * g.solution().norm()) return step;
  }
  return -1;
}

TEST(Anderson, ReachesTheFixedPointInFewerStepsThanPlainIteration) {
  const int plain = steps_to_converge(0);
  const int mixed = steps_to_converge(5);
  ASSERT_GT(plain, 0);
  ASSERT_GT(mixed, 0);
  EXPECT_LE(mixed * 2, plain) << "plain " << plain << ", mixed " << mixed;
}

TEST(Anderson, DepthZeroAndAResetGiveThePlainStep) {
  const Contraction g;
  sim::AndersonMixer plain(0), mixed(3);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(6);
  for (int step = 0; step < 4; ++step) {
    EXPECT_EQ(plain.next(x, g(x)), g(x));
    x = mixed.next(x, g(x));
  }
  mixed.reset();
  EXPECT_EQ(mixed.next(x, g(x)), g(x));
  EXPECT_NE(mixed.next(g(x), g(g(x))), g(g(x)));  // with one step of history the mix is no longer plain
}

}  // namespace
