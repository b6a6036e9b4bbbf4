#pragma once
// Regional talent wages from the tightness of the talent market (model brief §4.6, first part).
#include "models/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// w_r = w_r(0) * (employment_r / employment_r(0))^(1 / supply_elasticity): a region whose firms employ
// more talent than at the start must pay more to draw it in. The new wage applies from the next tick.
double tight_market_wage(double initial_wage, double employment, double initial_employment, double supply_elasticity);

void talent_market_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
