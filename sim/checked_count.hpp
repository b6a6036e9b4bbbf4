#pragma once
// A count of persons or firms held as a double in the model's state, turned into an integer for a draw.
// Converting a double outside the integer's range is undefined behaviour (a talent stock of 1e300 became
// -9.2e18), so the value is checked first: finite, not negative, and at most 2^53, past which a double no
// longer holds every whole number and adding one person changes nothing.
#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "sim/run/model_failure.hpp"

namespace sim {

inline constexpr double max_exact_count = 9007199254740992.0;  // 2^53

template <class Where>
std::int64_t checked_count(double value, Where&& where) {
  if (!(value >= 0.0 && value <= max_exact_count)) {
    throw ModelFailure(fmt::format("{} is {} (expected a finite count in [0, 2^53])", where(), value));
  }
  return static_cast<std::int64_t>(value);
}

}  // namespace sim
