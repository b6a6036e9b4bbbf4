#pragma once
// The model's accounting identities, checked after a tick by `clustersim run --check` and by tests.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/core/economy.hpp"

namespace models {

// Relative tolerance of an identity between sums of doubles: rounding differs with summation order,
// nothing else may.
inline constexpr double identity_tolerance = 1e-9;

// Whether two sums that should be equal differ by more than the tolerance (relative, or absolute
// below 1).
inline bool identity_differs(double lhs, double rhs) {
  return std::abs(lhs - rhs) > identity_tolerance * std::max({1.0, std::abs(lhs), std::abs(rhs)});
}

// One message per violated identity ("tick 12, industry new_energy: market clearing: ...").
std::vector<std::string> check_identities(const Economy& economy, int tick);

}  // namespace models
