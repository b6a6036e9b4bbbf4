#pragma once
// Trade freeness phi_rs = T_rs^(1 - sigma_k) (geography.cpp). It depends on industry k only through its
// elasticity sigma_k, so it is kept once per distinct elasticity: the 18 default industries share one
// matrix, where one per industry held 18 equal copies (13 MB at 300 regions).
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace models {

struct TradeFreeness {
  std::vector<Eigen::MatrixXd> matrices;  // one per distinct elasticity, in order of its first industry; rows origin r
  std::vector<int> group;                 // per industry: the index of its matrix

  const Eigen::MatrixXd& of_industry(int k) const {
    return matrices[static_cast<std::size_t>(group[static_cast<std::size_t>(k)])];
  }
};

}  // namespace models
