#pragma once
// Tick bookkeeping that belongs to no single mechanism: opening a tick (income to spend, per-tick
// counts reset) and closing it (the cluster census of firms and their productivity).
#include "models/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// This tick's income is last tick's GDP: value added feeds back into demand with a one-tick lag.
void open_tick_process(Economy& economy, const sim::TickContext& context);

// Number of firms, sales-weighted mean productivity and frontier productivity per cluster
// (0 for a cluster without firms; the simple mean where no firm has sales yet).
void census_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
