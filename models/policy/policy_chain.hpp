#pragma once
// The policy layer as a chain of the model: levers and their schedule, pilots, staggered development
// and the indices of the regional structure.
#include "models/core/chain.hpp"

namespace models {

extern const Chain policy_chain;

}  // namespace models
