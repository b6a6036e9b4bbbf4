#pragma once
// Closing a tick: the census of each cluster's firms and their productivity.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Number of firms, sales-weighted mean productivity and frontier productivity per cluster
// (0 for a cluster without firms; the simple mean where no firm has sales yet).
void census_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
