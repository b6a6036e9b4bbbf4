#include "models/core/sparse_rows.hpp"

namespace models {

SparseRows nonzero_rows(const Eigen::MatrixXd& dense) {
  SparseRows sparse;
  sparse.start.reserve(static_cast<std::size_t>(dense.rows()) + 1);
  sparse.start.push_back(0);
  for (Eigen::Index r = 0; r < dense.rows(); ++r) {
    for (Eigen::Index s = 0; s < dense.cols(); ++s) {
      if (dense(r, s) == 0.0) continue;
      sparse.column.push_back(static_cast<std::int32_t>(s));
      sparse.value.push_back(dense(r, s));
    }
    sparse.start.push_back(static_cast<std::int32_t>(sparse.column.size()));
  }
  return sparse;
}

SparseRows without_diagonal(const SparseRows& m) {
  SparseRows off;
  off.start.reserve(m.start.size());
  off.start.push_back(0);
  for (int r = 0; r < m.rows(); ++r) {
    const std::span<const std::int32_t> columns = m.columns(r);
    const std::span<const double> values = m.values(r);
    for (std::size_t e = 0; e < columns.size(); ++e) {
      if (columns[e] == r) continue;
      off.column.push_back(columns[e]);
      off.value.push_back(values[e]);
    }
    off.start.push_back(static_cast<std::int32_t>(off.column.size()));
  }
  return off;
}

Eigen::MatrixXd multiply(const SparseRows& m, const Eigen::MatrixXd& x) {
  // Row-major, so that every term adds one contiguous row of x.
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const RowMajor rows = x;
  RowMajor result = RowMajor::Zero(m.rows(), x.cols());
  for (int r = 0; r < m.rows(); ++r) {
    const std::span<const std::int32_t> columns = m.columns(r);
    const std::span<const double> values = m.values(r);
    for (std::size_t e = 0; e < columns.size(); ++e) result.row(r) += values[e] * rows.row(columns[e]);
  }
  return result;
}

}  // namespace models
