#pragma once
// The market's accounting identities: everything spent on an industry is some firm's sales, and a
// region's GDP is background income plus value added.
#include <string>
#include <vector>

#include "models/core/economy.hpp"

namespace models {

// Appends one message per violated identity ("tick 12, industry new_energy: market clearing: ...").
void check_market_identities(const Economy& economy, int tick, std::vector<std::string>& violations);

}  // namespace models
