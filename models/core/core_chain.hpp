#pragma once
// The core of the model as a chain: the regions and industries, the switches of the processes, the
// run's tick length, opening and closing a tick, and the output of the state every chain shares
// (the regions' description, the clusters' and regions' aggregates).
#include "models/core/chain.hpp"

namespace models {

extern const Chain core_chain;

}  // namespace models
