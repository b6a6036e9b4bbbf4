#pragma once
// Wasted duplicated investment (model brief §5): government money paid to firms that exit soon after.
// Each firm keeps what it received in each of the last planner.waste_window_ticks ticks; when it
// exits, that money counts as wasted in its cluster.
#include <cstddef>

#include "models/core/economy.hpp"

namespace models {

// Opens the tick's slot of every firm's window (the slot last used window ticks ago) and zeroes the
// tick's cluster totals.
void open_subsidy_window(Economy& economy);

// Books government money paid to firm `firm` this tick, an annual rate in 1e8 CNY/year (its amount is
// rate * dt), in the firm's window and its cluster's subsidies.
void record_subsidy(Economy& economy, std::size_t firm, double rate_per_year);

// Money firm `firm` received within the window; booked as wasted in its cluster (call when it exits).
void book_wasted_subsidies(Economy& economy, std::size_t firm);

}  // namespace models
