#pragma once
// Future industries and key-industry transformation as a chain of the model (model brief §4.8):
// scenario keys (future_parameters.hpp), initial state, the process and outputs (future_industries.hpp).
#include "models/core/chain.hpp"

namespace models {

extern const Chain future_chain;

}  // namespace models
