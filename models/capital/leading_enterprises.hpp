#pragma once
// Leading enterprises (model brief §4.7): the largest firms of each cluster by sales, whose regional
// government supports them with a share of their sales (policy.leading_support).
#include <vector>

#include "models/core/economy.hpp"

namespace models {

// Flags the top capital.leading_share of each cluster's firms by sales (at least one; ties to the
// lower id), counts them per cluster and returns each firm's support, 1e8 CNY/year.
std::vector<double> support_leading_enterprises(Economy& economy);

}  // namespace models
