#pragma once
// Measurement as a chain of the model (models/core/chain.hpp): money-metric welfare, the variety part of
// the price indices and the chained Fisher volumes of the national accounts. It observes the economy and
// changes nothing the other chains read.
#include "models/core/chain.hpp"

namespace models {

extern const Chain measurement_chain;

}  // namespace models
