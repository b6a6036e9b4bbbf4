#pragma once
// Exit of firms (model brief §4.9): a firm leaves when it cannot borrow more or its market share stayed
// too small for too long.
#include <cstddef>

#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// A firm exits when its net worth is below -credit_limit (it cannot borrow more; a limit of 0 is the
// rule "net worth negative") or its national market share stayed below the floor for the configured
// number of ticks.
bool exits(const Firms& firms, std::size_t firm, const FirmParameters& parameters, double credit_limit);

// Removes exiting firms (keeping the others in order), counts exits per cluster.
void exit_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
