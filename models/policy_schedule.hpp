#pragma once
// The policy schedule and the application-scenario pilots of a scenario file ([[policy.schedule]],
// [[policy.pilots]]): declared, validated against the scenario's regions, industries and calendar,
// and applied at the start of their ticks (model brief §3 step 1, §6).
#include <vector>

#include "models/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"
#include "sim/schedule.hpp"

namespace models {

void declare_policy_schedule_keys(sim::config::Schema& schema);

// Throw sim::config::InputError naming the file, line and key of every entry that names an unknown
// region, industry or lever, sets a national lever for a list of regions, or starts at a date that is
// not the start of a tick of the run.
PolicySchedule read_policy_schedule(const sim::config::Config& config, const std::vector<std::string>& regions);
std::vector<Pilot> read_pilots(const sim::config::Config& config, const std::vector<std::string>& regions,
                               const std::vector<std::string>& industries);

// Step 1 of a tick: levers that change at this tick take their new values; links that depend on
// openness and transport cost are recomputed, and a change of the planner's rules asks for a new plan.
void policy_process(Economy& economy, const sim::TickContext& context);

// The links between regions derived from the levers: spatial weights and trade freeness.
void update_geography(Economy& economy);

// The levers in force: policy_<lever> per (time, region), the planner's per time.
void declare_policy_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
