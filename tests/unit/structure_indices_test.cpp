#include "models/policy/structure_indices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

Eigen::MatrixXd matrix(std::initializer_list<std::initializer_list<double>> rows) {
  return Eigen::MatrixXd{rows};
}

TEST(StructureIndices, IdenticalStructuresHaveSimilarityOneAndKrugmanZero) {
  // Region 1 is region 0 scaled by 2: different size, same structure.
  const Eigen::MatrixXd shares = models::industry_shares(matrix({{1, 2, 3}, {2, 4, 6}}));
  EXPECT_DOUBLE_EQ(models::structural_similarity(shares)(0, 1), 1.0);
  EXPECT_DOUBLE_EQ(models::krugman_specialisation(shares)(0, 1), 0.0);
}

TEST(StructureIndices, DisjointStructuresHaveSimilarityZeroAndKrugmanTwo) {
  const Eigen::MatrixXd shares = models::industry_shares(matrix({{3, 1, 0, 0}, {0, 0, 2, 5}}));
  EXPECT_DOUBLE_EQ(models::structural_similarity(shares)(0, 1), 0.0);
  EXPECT_DOUBLE_EQ(models::krugman_specialisation(shares)(0, 1), 2.0);
}

TEST(StructureIndices, ThreeRegionHandCase) {
  // Shares: r0 = (1/4, 1/2, 1/4), r1 = (1/2, 1/4, 1/4), r2 = (0, 0, 1); sum s^2 = 3/8, 3/8, 1.
  //   S01 = (1/8 + 1/8 + 1/16) / (3/8) = 5/6;  S02 = S12 = (1/4) / sqrt(3/8) = 1/sqrt(6).
  //   K01 = 1/4 + 1/4 + 0 = 1/2;  K02 = 1/4 + 1/2 + 3/4 = 3/2;  K12 = 1/2 + 1/4 + 3/4 = 3/2.
  const Eigen::MatrixXd shares = models::industry_shares(matrix({{4, 8, 4}, {6, 3, 3}, {0, 0, 7}}));
  EXPECT_DOUBLE_EQ(shares(0, 1), 0.5);
  EXPECT_DOUBLE_EQ(shares(1, 0), 0.5);
  EXPECT_DOUBLE_EQ(shares(2, 2), 1.0);

  const Eigen::MatrixXd s = models::structural_similarity(shares);
  EXPECT_NEAR(s(0, 1), 5.0 / 6.0, 1e-15);
  EXPECT_NEAR(s(0, 2), 1.0 / std::sqrt(6.0), 1e-15);
  EXPECT_NEAR(s(1, 2), 1.0 / std::sqrt(6.0), 1e-15);
  EXPECT_EQ(s(2, 0), s(0, 2));
  EXPECT_EQ(s(1, 1), 1.0);

  const Eigen::MatrixXd k = models::krugman_specialisation(shares);
  EXPECT_NEAR(k(0, 1), 0.5, 1e-15);
  EXPECT_NEAR(k(0, 2), 1.5, 1e-15);
  EXPECT_NEAR(k(1, 2), 1.5, 1e-15);
  EXPECT_EQ(k(2, 1), k(1, 2));
  EXPECT_EQ(k(0, 0), 0.0);

  // Means over the three pairs only, not the diagonal.
  EXPECT_NEAR(models::mean_over_pairs(s), (5.0 / 6.0 + 2.0 / std::sqrt(6.0)) / 3.0, 1e-15);
  EXPECT_NEAR(models::mean_over_pairs(k), 7.0 / 6.0, 1e-15);
}

TEST(StructureIndices, EmptyRegionGivesNaNAndIsSkippedInMeans) {
  // Region 1 has no output. Between regions 0 = (1/2, 1/2) and 2 = (1, 0):
  //   S = (1/2) / sqrt(1/2) = sqrt(1/2),  K = 1/2 + 1/2 = 1.
  const Eigen::MatrixXd output = matrix({{1, 1}, {0, 0}, {2, 0}});
  const Eigen::MatrixXd shares = models::industry_shares(output);
  EXPECT_EQ(shares(1, 0), 0.0);
  EXPECT_EQ(shares(1, 1), 0.0);

  const Eigen::MatrixXd s = models::structural_similarity(shares);
  const Eigen::MatrixXd k = models::krugman_specialisation(shares);
  for (int other = 0; other < 3; ++other) {
    EXPECT_TRUE(std::isnan(s(1, other))) << other;
    EXPECT_TRUE(std::isnan(s(other, 1))) << other;
    EXPECT_TRUE(std::isnan(k(1, other))) << other;
    EXPECT_TRUE(std::isnan(k(other, 1))) << other;
  }
  EXPECT_NEAR(s(0, 2), std::sqrt(0.5), 1e-15);
  EXPECT_NEAR(k(0, 2), 1.0, 1e-15);
  EXPECT_NEAR(models::mean_over_pairs(s), std::sqrt(0.5), 1e-15);
  EXPECT_NEAR(models::mean_over_pairs(k), 1.0, 1e-15);

  // Location quotients of the empty region are 0 (not NaN), so they never count as duplicates.
  const Eigen::MatrixXd lq = models::location_quotients(output);
  EXPECT_EQ(lq(1, 0), 0.0);
  EXPECT_EQ(lq(1, 1), 0.0);
}

TEST(StructureIndices, MeanOverPairsSkipsDiagonalAndNonFinite) {
  const Eigen::MatrixXd pairwise = matrix({{5, 1, nan}, {1, 5, 3}, {nan, 3, 5}});
  EXPECT_DOUBLE_EQ(models::mean_over_pairs(pairwise), 2.0);  // (1 + 3) / 2
  EXPECT_TRUE(std::isnan(models::mean_over_pairs(matrix({{1, nan}, {nan, 1}}))));
  EXPECT_TRUE(std::isnan(models::mean_over_pairs(Eigen::MatrixXd::Ones(1, 1))));
}

TEST(StructureIndices, LocationQuotientsAndDuplicationCountsHandCase) {
  // X_r = (4, 2, 4, 0), X_k = (4, 6, 0), X = 10; LQ_rk = X_rk X / (X_r X_k):
  //   r0: 2*10/(4*4) = 5/4, 2*10/(4*6) = 5/6;  r1: 1*10/(2*4) = 5/4, 1*10/(2*6) = 5/6;
  //   r2: 1*10/(4*4) = 5/8, 3*10/(4*6) = 5/4;  r3 (no output) and industry 2 (no output): 0.
  // Regions with LQ > 1: industry 0 -> r0, r1; industry 1 -> r2; industry 2 -> none.
  const Eigen::MatrixXd lq = models::location_quotients(matrix({{2, 2, 0}, {1, 1, 0}, {1, 3, 0}, {0, 0, 0}}));
  const Eigen::MatrixXd expected =
      matrix({{1.25, 5.0 / 6.0, 0}, {1.25, 5.0 / 6.0, 0}, {0.625, 1.25, 0}, {0, 0, 0}});
  ASSERT_EQ(lq.rows(), 4);
  ASSERT_EQ(lq.cols(), 3);
  for (int r = 0; r < 4; ++r) {
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(lq(r, k), expected(r, k), 1e-15) << r << "," << k;
  }
  const Eigen::VectorXd counts = models::duplication_counts(lq);
  ASSERT_EQ(counts.size(), 3);
  EXPECT_EQ(counts(0), 2.0);
  EXPECT_EQ(counts(1), 1.0);
  EXPECT_EQ(counts(2), 0.0);
}

TEST(StructureIndices, RegionAtTheNationalShareIsNotADuplicate) {
  // Every region has the national mix (1/3, 2/3), so every LQ is exactly 1 and none counts.
  const Eigen::MatrixXd lq = models::location_quotients(matrix({{2, 4}, {3, 6}, {5, 10}}));
  for (int r = 0; r < 3; ++r) {
    for (int k = 0; k < 2; ++k) EXPECT_EQ(lq(r, k), 1.0) << r << "," << k;
  }
  const Eigen::VectorXd counts = models::duplication_counts(lq);
  ASSERT_EQ(counts.size(), 2);
  EXPECT_EQ(counts(0), 0.0);
  EXPECT_EQ(counts(1), 0.0);
}

TEST(StructureIndices, PlantHerfindahl) {
  // Industry 0: 7 equal plants -> 1/7. Industry 1: plants 1 and 3 -> (1/4)^2 + (3/4)^2 = 5/8.
  // Industry 2: a lone plant of 0.1 -> exactly 1 (dividing 0.1^2 by 0.1 twice would round above 1).
  // Industry 3: one plant with no output -> NaN. Industry 4: no plants -> NaN.
  // Industries interleaved, as firms are in the simulation.
  const std::vector<std::int32_t> industry{0, 0, 1, 0, 0, 2, 0, 3, 0, 0, 1};
  const std::vector<double> output{3.0, 3.0, 1.0, 3.0, 3.0, 0.1, 3.0, 0.0, 3.0, 3.0, 3.0};
  const Eigen::VectorXd h = models::plant_herfindahl(industry, output, 5);
  ASSERT_EQ(h.size(), 5);
  EXPECT_NEAR(h(0), 1.0 / 7.0, 1e-15);
  EXPECT_NEAR(h(1), 0.625, 1e-15);
  EXPECT_EQ(h(2), 1.0);
  EXPECT_TRUE(std::isnan(h(3)));
  EXPECT_TRUE(std::isnan(h(4)));

  const std::vector<std::int32_t> bad_industry{0, 5};
  const std::vector<double> two_outputs{1.0, 1.0};
  EXPECT_THROW(models::plant_herfindahl(bad_industry, two_outputs, 5), std::out_of_range);
  EXPECT_THROW(models::plant_herfindahl(bad_industry, output, 5), std::invalid_argument);
}

TEST(StructureIndices, PlantHerfindahlOfManyEqualPlantsIsOneOverN) {
  const std::vector<std::int32_t> industry(1000, 0);
  const std::vector<double> output(1000, 0.37);
  EXPECT_NEAR(models::plant_herfindahl(industry, output, 1)(0), 1e-3, 1e-15);
}

TEST(StructureIndices, EllisonGlaeserDartboardIndustryIsSlightlyNegative) {
  // X_r = (6, 9, 15), X = 30, so x = (0.2, 0.3, 0.5). Both industries are spread exactly like
  // aggregate output, s_rk = x_r, so G_k = 0 and
  //   gamma = (0 - (1 - sum x^2) H) / ((1 - sum x^2)(1 - H)) = -H / (1 - H).
  // With 100 equal plants, H = 1/100 and gamma = -(1/100) / (99/100) = -1/99: the estimator's
  // small-sample offset, close to 0 as it should be for dartboard location.
  const Eigen::VectorXd gamma =
      models::ellison_glaeser(matrix({{2, 4}, {3, 6}, {5, 10}}), Eigen::VectorXd::Constant(2, 0.01));
  EXPECT_NEAR(gamma(0), -1.0 / 99.0, 1e-12);
  EXPECT_NEAR(gamma(1), -1.0 / 99.0, 1e-12);
}

TEST(StructureIndices, EllisonGlaeserIndustryInOneRegion) {
  // Equal regions, x = (1/3, 1/3, 1/3), sum x^2 = 1/3, 1 - sum x^2 = 2/3.
  //   Industry 0, all in region 0 with 10 equal plants (H = 1/10):
  //     G = (2/3)^2 + 2 (1/3)^2 = 2/3, gamma = (2/3 - (2/3) H) / ((2/3)(1 - H)) = 1 for any H.
  //   Industry 1, half in region 1 and half in region 2 with 20 plants of 1 (H = 1/20):
  //     G = (1/3)^2 + 2 (1/6)^2 = 1/6, gamma = (1/6 - (2/3)(1/20)) / ((2/3)(19/20)) = (4/30)/(19/30) = 4/19.
  std::vector<std::int32_t> industry(10, 0);
  industry.resize(30, 1);
  const std::vector<double> output(30, 1.0);
  const Eigen::VectorXd h = models::plant_herfindahl(industry, output, 2);
  const Eigen::VectorXd gamma = models::ellison_glaeser(matrix({{10, 0}, {0, 10}, {0, 10}}), h);
  EXPECT_NEAR(gamma(0), 1.0, 1e-12);
  EXPECT_NEAR(gamma(1), 4.0 / 19.0, 1e-12);
}

TEST(StructureIndices, EllisonGlaeserIndustryInSmallRegionExceedsOne) {
  // X_r = (10, 20, 20), x = (0.2, 0.4, 0.4), sum x^2 = 0.36, 1 - sum x^2 = 0.64.
  //   Industry 0, all in region 0 with 10 plants of 1 (H = 1/10):
  //     G = 0.8^2 + 0.4^2 + 0.4^2 = 0.96, gamma = (0.96 - 0.064) / (0.64 * 0.9) = 0.896 / 0.576 = 14/9.
  //   Industry 1, split evenly over regions 1 and 2 with 40 plants of 1 (H = 1/40):
  //     G = 0.2^2 + 0.1^2 + 0.1^2 = 0.06, gamma = (0.06 - 0.016) / (0.64 * 0.975) = 0.044 / 0.624 = 11/156.
  std::vector<std::int32_t> industry(10, 0);
  industry.resize(50, 1);
  const std::vector<double> output(50, 1.0);
  const Eigen::VectorXd h = models::plant_herfindahl(industry, output, 2);
  EXPECT_EQ(h(0), 0.1);
  EXPECT_EQ(h(1), 0.025);
  const Eigen::VectorXd gamma = models::ellison_glaeser(matrix({{10, 0}, {0, 20}, {0, 20}}), h);
  EXPECT_NEAR(gamma(0), 14.0 / 9.0, 1e-12);
  EXPECT_NEAR(gamma(1), 11.0 / 156.0, 1e-12);
}

TEST(StructureIndices, EllisonGlaeserUndefinedCasesAreNaN) {
  const Eigen::MatrixXd output = matrix({{1, 0, 2}, {3, 0, 1}});
  // Industry 1 has no output; industry 2 is a single plant (H = 1).
  const Eigen::VectorXd gamma = models::ellison_glaeser(output, Eigen::Vector3d(0.5, nan, 1.0));
  EXPECT_FALSE(std::isnan(gamma(0)));
  EXPECT_TRUE(std::isnan(gamma(1)));
  EXPECT_TRUE(std::isnan(gamma(2)));

  // One region holds all output, so 1 - sum x^2 = 0.
  const Eigen::VectorXd one_region = models::ellison_glaeser(matrix({{0, 0}, {5, 3}}), Eigen::Vector2d(0.1, 0.1));
  EXPECT_TRUE(std::isnan(one_region(0)));
  EXPECT_TRUE(std::isnan(one_region(1)));

  EXPECT_THROW(models::ellison_glaeser(output, Eigen::Vector2d(0.1, 0.1)), std::invalid_argument);
}

TEST(StructureIndices, RandomPositiveMatricesStayInRange) {
  std::mt19937 rng(20240611);
  std::uniform_real_distribution<double> draw(0.01, 100.0);
  for (int trial = 0; trial < 20; ++trial) {
    Eigen::MatrixXd output(31, 18);
    for (Eigen::Index r = 0; r < output.rows(); ++r) {
      for (Eigen::Index k = 0; k < output.cols(); ++k) output(r, k) = draw(rng);
    }
    const Eigen::MatrixXd shares = models::industry_shares(output);
    const Eigen::MatrixXd s = models::structural_similarity(shares);
    const Eigen::MatrixXd k = models::krugman_specialisation(shares);
    ASSERT_EQ(s.rows(), 31);
    ASSERT_EQ(s.cols(), 31);
    ASSERT_EQ(k.rows(), 31);
    ASSERT_EQ(k.cols(), 31);
    for (int i = 0; i < 31; ++i) {
      EXPECT_NEAR(shares.row(i).sum(), 1.0, 1e-14);
      EXPECT_EQ(s(i, i), 1.0);
      EXPECT_EQ(k(i, i), 0.0);
      for (int j = 0; j < 31; ++j) {
        EXPECT_EQ(s(i, j), s(j, i));
        EXPECT_GE(s(i, j), 0.0);
        EXPECT_LE(s(i, j), 1.0);
        EXPECT_EQ(k(i, j), k(j, i));
        EXPECT_GE(k(i, j), 0.0);
        EXPECT_LE(k(i, j), 2.0);
      }
    }
  }
}

TEST(StructureIndices, ProportionalRegionsNeverExceedSimilarityOne) {
  // Rounding in the shares puts the raw cosine of proportional rows above 1 in a good share of cases;
  // the index must still stay within its range.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> draw(0.01, 100.0);
  std::uniform_real_distribution<double> scale(0.1, 10.0);
  Eigen::MatrixXd output(2, 18);
  for (int trial = 0; trial < 200; ++trial) {
    for (Eigen::Index k = 0; k < output.cols(); ++k) output(0, k) = draw(rng);
    output.row(1) = output.row(0) * scale(rng);
    const Eigen::MatrixXd shares = models::industry_shares(output);
    const double s = models::structural_similarity(shares)(0, 1);
    EXPECT_LE(s, 1.0) << trial;
    EXPECT_GE(s, 1.0 - 1e-15) << trial;
    EXPECT_LE(models::krugman_specialisation(shares)(0, 1), 1e-15) << trial;
  }
}

}  // namespace
