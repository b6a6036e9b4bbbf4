#include "models/policy/policy_process.hpp"

#include "models/future/future_industries.hpp"
#include "models/industrial/geography.hpp"
#include "models/policy/levers.hpp"
#include "models/policy/staggered_development.hpp"

namespace models {

void policy_process(Economy& economy, const sim::TickContext&) {
  // The changes of tick 0 are the levers the economy started with (initial_economy applied them).
  if (economy.tick > 0) {
    const LeverChanges changes = apply_policy_changes(economy.levers, economy.policy_schedule, economy.tick);
    if (changes.geography) update_geography(economy);
    if (changes.plan) economy.staggered.replan_requested = true;
  }
  put_new_plan_in_force(economy);
  FutureState& future = economy.future;
  if (future.pilot_budget.rows() == economy.region_count()) {
    future.pilot_budget = pilot_budget_at(future.pilots, economy.tick, economy.region_count(), economy.industry_count());
  }
}

}  // namespace models
