#pragma once
// The industrial chain (model brief §4.5, §4.9): firms, the market, the supply chain among the modelled
// industries, geography, entry and exit. Its scenario keys are in industrial_parameters.hpp.
#include "models/core/chain.hpp"

namespace models {

extern const Chain industrial_chain;

}  // namespace models
