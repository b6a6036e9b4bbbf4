// A mostly-zero matrix kept as its nonzero entries, row by row.
#include "models/core/sparse_rows.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

Eigen::MatrixXd example() {
  Eigen::MatrixXd m(3, 3);
  m << 1.0, 0.0, 0.25,
       0.0, 1.0, 0.0,
       0.5, 0.125, 1.0;
  return m;
}

TEST(SparseRows, KeepsTheNonzeroEntriesOfEachRowInColumnOrder) {
  const models::SparseRows m = models::nonzero_rows(example());
  ASSERT_EQ(m.rows(), 3);
  EXPECT_EQ(m.start, (std::vector<std::int32_t>{0, 2, 3, 6}));
  EXPECT_EQ(m.column, (std::vector<std::int32_t>{0, 2, 1, 0, 1, 2}));
  EXPECT_EQ(m.value, (std::vector<double>{1.0, 0.25, 1.0, 0.5, 0.125, 1.0}));
  EXPECT_EQ(m.columns(2).size(), 3u);
  EXPECT_EQ(m.values(1)[0], 1.0);
  EXPECT_EQ(models::nonzero_rows(Eigen::MatrixXd(0, 0)).rows(), 0);
}

TEST(SparseRows, WithoutDiagonalDropsOnlyTheDiagonal) {
  const models::SparseRows off = models::without_diagonal(models::nonzero_rows(example()));
  EXPECT_EQ(off.start, (std::vector<std::int32_t>{0, 1, 1, 3}));
  EXPECT_EQ(off.column, (std::vector<std::int32_t>{2, 0, 1}));
  EXPECT_EQ(off.value, (std::vector<double>{0.25, 0.5, 0.125}));
}

TEST(SparseRows, ProductAddsEachRowsTermsInColumnOrder) {
  // Terms of very different sizes, so that another order of addition gives other bits.
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(4, 4);
  w << 1.0, 0.0, 1e-17, 0.3,
       0.0, 1.0, 0.0, 0.0,
       0.7, 0.1, 1.0, 0.0,
       1e16, 0.0, 0.0, 1.0;
  Eigen::MatrixXd x(4, 2);
  x << 1.0, -3.0,
       0.1, 2.0,
       1.0, 1e-16,
       -1.0, 7.0;
  const Eigen::MatrixXd product = models::multiply(models::nonzero_rows(w), x);
  ASSERT_EQ(product.rows(), 4);
  ASSERT_EQ(product.cols(), 2);
  for (int r = 0; r < 4; ++r) {
    for (int j = 0; j < 2; ++j) {
      double sum = 0.0;
      for (int s = 0; s < 4; ++s) sum += w(r, s) * x(s, j);
      EXPECT_EQ(product(r, j), sum) << r << ", " << j;
    }
  }
  EXPECT_TRUE(product.isApprox(w * x));
}

}  // namespace
