#pragma once
// Firms' profit and net worth (the part of the capital chain that exists so far).
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Profit = operating surplus S / sigma (sales minus labour and intermediate inputs) - fixed cost - own
// R&D (R&D net of subsidy); net worth grows by profit over the tick. Also counts ticks below the
// market-share floor, and sums cluster R&D, subsidy and profit.
void accounts_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
