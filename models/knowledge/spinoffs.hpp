#pragma once
// Spin-off firms commercialising research (model brief §4.2).
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Expected spin-offs of a cluster per tick: lambda_s * c * B_rk * dt.
double expected_spinoffs(const KnowledgeParameters& parameters, double cooperation, double basic_knowledge,
                         double years_per_tick);

// Draws spin-offs per cluster (Poisson); each starts like an entrant (productivity below the cluster
// frontier, entry.initial_net worth) and is counted in economy.knowledge.spinoffs.
void spinoff_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
