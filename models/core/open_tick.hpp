#pragma once
// Opening a tick: the income to spend and the per-tick counters reset.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// This tick's income is last tick's GDP: value added feeds back into demand with a one-tick lag.
void open_tick_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
