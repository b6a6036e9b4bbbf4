#pragma once
// Exit of firms (model brief §4.9): a firm leaves when it cannot borrow more or its market share stayed
// too small for too long.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// A firm exits when its net worth is below -credit_limit (it cannot borrow more; a limit of 0 is the
// rule "net worth negative") or its national market share stayed below the floor for the configured
// number of ticks.
bool exits(const Firms& firms, std::size_t firm, const FirmParameters& parameters, double credit_limit);

// Under free entry (entry.mode = "free") exit is free too: a cluster keeps at most the zero-profit count of
// firms at this tick's sales (free_entry_firm_count, with the fixed cost lowered by a relative 1e-9 so
// that a cluster exactly at zero profit does not lose a firm to rounding). Marks in `leaving` the excess
// among the firms not leaving already, the least productive first and the youngest among equals.
void mark_free_exits(const Economy& economy, std::vector<std::uint8_t>& leaving);

// Removes exiting firms (keeping the others in order), counts exits per cluster.
void exit_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
