#pragma once
// The model's accounting identities, checked after a tick by `clustersim run --check` and by tests.
#include <string>
#include <vector>

#include "models/economy.hpp"

namespace models {

// Relative tolerance of an identity between sums of doubles: rounding differs with summation order,
// nothing else may.
inline constexpr double identity_tolerance = 1e-9;

// One message per violated identity ("tick 12, industry new_energy: market clearing: ...").
std::vector<std::string> check_identities(const Economy& economy, int tick);

}  // namespace models
