#include "models/industrial/trade_products.hpp"

#include <algorithm>

namespace models {

namespace {

// Industries grouped by elasticity, in order of their first industry; each group lists its industries.
std::vector<std::vector<int>> freeness_groups(const Eigen::VectorXd& elasticity) {
  std::vector<std::vector<int>> groups;
  for (int k = 0; k < elasticity.size(); ++k) {
    auto same = [&](const std::vector<int>& group) { return elasticity(group.front()) == elasticity(k); };
    auto found = std::find_if(groups.begin(), groups.end(), same);
    if (found == groups.end()) groups.push_back({k});
    else found->push_back(k);
  }
  return groups;
}

template <class Product>
Eigen::MatrixXd grouped_product(const Economy& economy, const Eigen::MatrixXd& columns, Product product) {
  Eigen::MatrixXd result(columns.rows(), columns.cols());
  Eigen::MatrixXd gathered, multiplied;
  for (const std::vector<int>& group : freeness_groups(economy.industries.elasticity)) {
    const auto size = static_cast<Eigen::Index>(group.size());
    gathered.resize(columns.rows(), size);
    for (Eigen::Index g = 0; g < size; ++g) gathered.col(g) = columns.col(group[static_cast<std::size_t>(g)]);
    multiplied.noalias() = product(economy.trade_freeness[static_cast<std::size_t>(group.front())], gathered);
    for (Eigen::Index g = 0; g < size; ++g) result.col(group[static_cast<std::size_t>(g)]) = multiplied.col(g);
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
