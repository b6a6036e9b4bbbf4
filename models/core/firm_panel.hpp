#pragma once
// The firm panel: every living firm at each snapshot (output.snapshot_every), for micro-econometrics.
#include "models/core/economy.hpp"
#include "sim/output/variable.hpp"

namespace models {

void declare_firm_panel(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
