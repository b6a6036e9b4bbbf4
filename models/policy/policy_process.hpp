#pragma once
// Step 1 of a tick (model brief §3): the policy in force for this tick.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Levers that change at this tick take their new values; links that depend on openness and transport
// cost are recomputed, a change of the planner's rules asks for a new plan, a plan decided at the end
// of the last tick comes into force, and pilot budgets follow their dates.
void policy_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
