#include "models/policy/structure_indices.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace models {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

Eigen::MatrixXd industry_shares(const Eigen::MatrixXd& output) {
  Eigen::MatrixXd shares = Eigen::MatrixXd::Zero(output.rows(), output.cols());
  for (Eigen::Index r = 0; r < output.rows(); ++r) {
    const double total = output.row(r).sum();
    if (total > 0.0) shares.row(r) = output.row(r) / total;
  }
  return shares;
}

Eigen::MatrixXd structural_similarity(const Eigen::MatrixXd& shares) {
  const Eigen::Index regions = shares.rows();
  // Norms rather than squared norms in the denominator, so the product cannot underflow for tiny rows.
  const Eigen::VectorXd norm = shares.rowwise().norm();
  Eigen::MatrixXd similarity(regions, regions);
  // Only the upper triangle is computed and then mirrored, so the result is exactly symmetric.
  for (Eigen::Index i = 0; i < regions; ++i) {
    similarity(i, i) = norm(i) > 0.0 ? 1.0 : nan;
    for (Eigen::Index j = i + 1; j < regions; ++j) {
      double value = nan;
      if (norm(i) > 0.0 && norm(j) > 0.0) {
        // Rounding can put proportional rows a few ulp above 1 (Cauchy-Schwarz bounds the exact value).
        value = std::min(1.0, shares.row(i).dot(shares.row(j)) / (norm(i) * norm(j)));
      }
      similarity(i, j) = value;
      similarity(j, i) = value;
    }
  }
  return similarity;
}

Eigen::MatrixXd krugman_specialisation(const Eigen::MatrixXd& shares) {
  const Eigen::Index regions = shares.rows();
  // A zero row is how industry_shares marks a region without output.
  const Eigen::Array<bool, Eigen::Dynamic, 1> has_output = (shares.array() != 0.0).rowwise().any();
  Eigen::MatrixXd specialisation(regions, regions);
  for (Eigen::Index i = 0; i < regions; ++i) {
    specialisation(i, i) = has_output(i) ? 0.0 : nan;
    for (Eigen::Index j = i + 1; j < regions; ++j) {
      const double value =
          has_output(i) && has_output(j) ? (shares.row(i) - shares.row(j)).cwiseAbs().sum() : nan;
      specialisation(i, j) = value;
      specialisation(j, i) = value;
    }
  }
  return specialisation;
}

double mean_over_pairs(const Eigen::MatrixXd& pairwise) {
  double sum = 0.0;
  long count = 0;
  for (Eigen::Index i = 0; i < pairwise.rows(); ++i) {
    for (Eigen::Index j = i + 1; j < pairwise.cols(); ++j) {
      if (std::isfinite(pairwise(i, j))) {
        sum += pairwise(i, j);
        ++count;
      }
    }
  }
  return count > 0 ? sum / static_cast<double>(count) : nan;
}

Eigen::MatrixXd location_quotients(const Eigen::MatrixXd& output) {
  const Eigen::VectorXd region_total = output.rowwise().sum();
  const Eigen::RowVectorXd industry_total = output.colwise().sum();
  const double total = region_total.sum();
  Eigen::MatrixXd quotients(output.rows(), output.cols());
  for (Eigen::Index k = 0; k < output.cols(); ++k) {
    for (Eigen::Index r = 0; r < output.rows(); ++r) {
      // One division, numerator and denominator each a product, so a cell exactly at the national
      // share gives exactly 1 and is not counted as a duplicate.
      quotients(r, k) = region_total(r) > 0.0 && industry_total(k) > 0.0
                            ? output(r, k) * total / (region_total(r) * industry_total(k))
                            : 0.0;
    }
  }
  return quotients;
}

Eigen::VectorXd duplication_counts(const Eigen::MatrixXd& location_quotients) {
  return (location_quotients.array() > 1.0).cast<double>().colwise().sum().transpose();
}

Eigen::VectorXd plant_herfindahl(std::span<const std::int32_t> firm_industry, std::span<const double> firm_output,
                                 int industries) {
  if (firm_industry.size() != firm_output.size()) {
    throw std::invalid_argument("plant_herfindahl: firm_industry and firm_output differ in length");
  }
  if (industries < 0) throw std::invalid_argument("plant_herfindahl: negative number of industries");
  // H_k = sum_i x_i^2 / (sum_i x_i)^2 needs only two running sums per industry, so one pass suffices.
  Eigen::VectorXd total = Eigen::VectorXd::Zero(industries);
  Eigen::VectorXd sum_of_squares = Eigen::VectorXd::Zero(industries);
  for (std::size_t i = 0; i < firm_industry.size(); ++i) {
    const std::int32_t k = firm_industry[i];
    if (k < 0 || k >= industries) throw std::out_of_range("plant_herfindahl: industry index out of range");
    const double x = firm_output[i];
    total(k) += x;
    sum_of_squares(k) += x * x;
  }
  Eigen::VectorXd herfindahl(industries);
  for (int k = 0; k < industries; ++k) {
    // total * total rather than dividing twice: a lone plant then gets exactly H = 1, which
    // ellison_glaeser relies on to return NaN.
    herfindahl(k) = total(k) > 0.0 ? sum_of_squares(k) / (total(k) * total(k)) : nan;
  }
  return herfindahl;
}

Eigen::VectorXd ellison_glaeser(const Eigen::MatrixXd& output, const Eigen::VectorXd& herfindahl) {
  const Eigen::Index industries = output.cols();
  if (herfindahl.size() != industries) {
    throw std::invalid_argument("ellison_glaeser: one plant Herfindahl per industry is needed");
  }
  Eigen::VectorXd gamma = Eigen::VectorXd::Constant(industries, nan);
  const Eigen::VectorXd region_total = output.rowwise().sum();
  // With fewer than two regions 1 - sum x^2 = 0 and gamma is 0/0; say so rather than rely on IEEE NaN.
  if ((region_total.array() > 0.0).count() < 2) return gamma;
  const Eigen::VectorXd x = region_total / region_total.sum();
  const double spread = 1.0 - x.squaredNorm();
  for (Eigen::Index k = 0; k < industries; ++k) {
    const double industry_total = output.col(k).sum();
    const double h = herfindahl(k);
    // !(h < 1) also catches a NaN Herfindahl (an industry without plants).
    if (!(industry_total > 0.0) || !(h < 1.0)) continue;
    const double g = (output.col(k) / industry_total - x).squaredNorm();
    gamma(k) = (g - spread * h) / (spread * (1.0 - h));
  }
  return gamma;
}

}  // namespace models
