#include "models/industrial/trade_products.hpp"

#include <algorithm>
#include <cstddef>

#include "sim/parallel.hpp"

namespace models {

namespace {

// The industries of each freeness matrix, in increasing order.
std::vector<std::vector<int>> freeness_groups(const TradeFreeness& freeness) {
  std::vector<std::vector<int>> groups(freeness.matrices.size());
  for (std::size_t k = 0; k < freeness.group.size(); ++k) {
    groups[static_cast<std::size_t>(freeness.group[k])].push_back(static_cast<int>(k));
  }
  return groups;
}

// Industries per product: the products of a group's chunks run in parallel (sim/parallel.hpp). The
// chunks are fixed, not set by the thread count, so each column is computed the same way whatever it is.
// Nine: the 18 default industries make two products, one per core; every product packs the freeness
// matrix anew, which at four industries a chunk took 8 % of a city-scale run.
constexpr std::size_t chunk_columns = 9;
constexpr Eigen::Index parallel_rows = 150;

template <class Product>
Eigen::MatrixXd grouped_product(const Economy& economy, const Eigen::MatrixXd& columns, Product product) {
  Eigen::MatrixXd result(columns.rows(), columns.cols());
  std::vector<std::vector<int>> chunks;
  for (const std::vector<int>& group : freeness_groups(economy.trade_freeness)) {
    for (std::size_t first = 0; first < group.size(); first += chunk_columns) {
      const auto last = group.begin() + static_cast<std::ptrdiff_t>(std::min(group.size(), first + chunk_columns));
      chunks.emplace_back(group.begin() + static_cast<std::ptrdiff_t>(first), last);
    }
  }
  auto multiply_chunk = [&](std::int64_t c) {
    const std::vector<int>& chunk = chunks[static_cast<std::size_t>(c)];
    const auto size = static_cast<Eigen::Index>(chunk.size());
    Eigen::MatrixXd gathered(columns.rows(), size);
    for (Eigen::Index g = 0; g < size; ++g) gathered.col(g) = columns.col(chunk[static_cast<std::size_t>(g)]);
    const Eigen::MatrixXd multiplied = product(economy.trade_freeness.of_industry(chunk.front()), gathered);
    for (Eigen::Index g = 0; g < size; ++g) result.col(chunk[static_cast<std::size_t>(g)]) = multiplied.col(g);
  };
  // Below a few hundred regions a product takes less than waking a thread (the baseline's market ran 2.6
  // times slower on two threads), so small products stay on the calling thread; the chunks are the same.
  const auto count = static_cast<std::int64_t>(chunks.size());
  if (columns.rows() >= parallel_rows) {
    sim::parallel::for_each_task(count, multiply_chunk);
  } else {
    for (std::int64_t c = 0; c < count; ++c) multiply_chunk(c);
  }
  return result;
}

}  // namespace

Eigen::MatrixXd freeness_to_destinations(const Economy& economy, const Eigen::MatrixXd& columns) {
  return grouped_product(economy, columns,
                         [](const Eigen::MatrixXd& phi, const Eigen::MatrixXd& x) { return phi.transpose() * x; });
}

Eigen::MatrixXd freeness_to_origins(const Economy& economy, const Eigen::MatrixXd& columns) {
  return grouped_product(economy, columns, [](const Eigen::MatrixXd& phi, const Eigen::MatrixXd& x) { return phi * x; });
}

}  // namespace models
