#pragma once
// A square matrix that is mostly zeros, as the nonzero entries of each row (compressed sparse rows).
// Loops over pairs of regions visit only the pairs that are linked: at city scale most are not.
#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace models {

struct SparseRows {
  std::vector<std::int32_t> start;   // row r's entries are [start[r], start[r + 1]); rows + 1 offsets
  std::vector<std::int32_t> column;  // increasing within a row
  std::vector<double> value;

  int rows() const { return start.empty() ? 0 : static_cast<int>(start.size()) - 1; }
  std::span<const std::int32_t> columns(int row) const { return {column.data() + start[row], entries(row)}; }
  std::span<const double> values(int row) const { return {value.data() + start[row], entries(row)}; }

 private:
  std::size_t entries(int row) const { return static_cast<std::size_t>(start[row + 1] - start[row]); }
};

// The entries of a square matrix that are not zero.
SparseRows nonzero_rows(const Eigen::MatrixXd& dense);

// The same entries less the diagonal: M - diag(M).
SparseRows without_diagonal(const SparseRows& m);

// M x. Each entry adds its row's products one at a time in increasing column order: an order fixed by
// the data, whatever the number of threads.
Eigen::MatrixXd multiply(const SparseRows& m, const Eigen::MatrixXd& x);

}  // namespace models
