#pragma once
// A firm comes into being: initial firms, entrants and research spin-offs all start here.
#include <cstddef>

#include "models/core/economy.hpp"

namespace models {

// Appends one firm with the given identity and productivity, born this tick with the next firm id;
// every other attribute starts at zero.
std::size_t add_firm(Economy& economy, int region, int industry, double productivity, double net_worth);

}  // namespace models
