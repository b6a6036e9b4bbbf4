#pragma once
// The macroeconomic closure as a chain of the model (models/core/chain.hpp): households, the background
// sector, the bank and the government, with the transactions-flow and balance-sheet matrices.
#include "models/core/chain.hpp"

namespace models {

extern const Chain macro_chain;

}  // namespace models
