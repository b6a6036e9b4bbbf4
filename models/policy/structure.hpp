#pragma once
// The regional structure each tick (model brief §5): the indices that show homogeneous development
// and duplicated investment, from this tick's firms (formulas in structure_indices.hpp).
#include "models/core/economy.hpp"
#include "sim/output/variable.hpp"
#include "sim/schedule.hpp"

namespace models {

// Location quotients, duplication, Ellison-Glaeser, structural similarity and Krugman specialisation
// of this tick's cluster output.
void structure_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
