#pragma once
// Monopolistic competition with CES demand and iceberg trade costs (model brief §4.5).
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Prices, price indices, demand, sales, output and employment of every firm; cluster sums of these
// flows; regional value added and GDP.
void clear_market(Economy& economy);

void market_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
