#pragma once
// Stock-flow consistency (docs/model.md, Sectors and their accounts): every row and column of the
// transactions-flow matrix sums to zero, the financial rows of the balance sheet sum to zero, each
// sector's change in net worth equals its saving plus revaluations, and GDP is the sum of value added.
// Tolerance relative to national GDP.
#include <string>
#include <vector>

#include "models/core/economy.hpp"

namespace models {

// Relative to national GDP (annual rate) for flows, to GDP times one year for stocks.
inline constexpr double sector_identity_tolerance = 1e-9;

void check_sector_identities(const Economy& economy, int tick, std::vector<std::string>& violations);

}  // namespace models
