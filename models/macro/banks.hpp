#pragma once
// The bank (docs/model.md, Bank): one national bank, as China's credit is dominated by nationwide banks
// at one set of benchmark rates. It holds the deposits of households and firms, lends to modelled firms
// (within the credit rule of the capital chain) and to the background sector, and holds every government
// bond. It pays its profit to households in proportion to their deposits; loan losses come out of its
// net worth when they exceed its interest margin.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

void banks_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
