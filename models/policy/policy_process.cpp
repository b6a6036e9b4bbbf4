#include "models/policy/policy_process.hpp"

#include "models/future/future_industries.hpp"
#include "models/industrial/geography.hpp"
#include "models/policy/levers.hpp"
#include "models/policy/staggered_development.hpp"

namespace models {

void policy_process(Economy& economy, const sim::TickContext&) {
  // The schedule counts the scenario's ticks; the changes of its tick 0 are the levers it started with
  // (initial_economy applied them).
  const int tick = economy.scenario_tick();
  if (tick > 0) {
    const LeverChanges changes = apply_policy_changes(economy.levers, economy.policy_schedule, tick);
    if (changes.geography) update_geography(economy);
    if (changes.plan) economy.staggered.replan_requested = true;
  }
  put_new_plan_in_force(economy);
  FutureState& future = economy.future;
  if (future.pilot_budget.rows() == economy.region_count()) {
    future.pilot_budget = pilot_budget_at(future.pilots, tick, economy.region_count(), economy.industry_count());
  }
}

}  // namespace models
