#pragma once
// The regional governments' spending (model brief §4.7), recorded after every process that spends.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// The tick's spending of each region's government and its parts: R&D subsidies, leading-enterprise
// support, guidance funds, basic research, pilot purchases and adoption subsidies.
void government_budget_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
