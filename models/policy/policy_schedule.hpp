#pragma once
// The policy schedule and the application-scenario pilots of a scenario file ([[policy.schedule]],
// [[policy.pilots]]): declared and validated against the scenario's regions, industries and calendar
// (model brief §3 step 1, §6). The levers they set are in levers.hpp, applied by policy_process.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run_settings.hpp"

namespace models {

inline constexpr std::string_view schedule_key = "policy.schedule";
inline constexpr std::string_view pilots_key = "policy.pilots";

void declare_policy_schedule_keys(sim::config::Schema& schema);

// Throw sim::config::InputError naming the file, line and key of every entry that names an unknown
// region, industry or lever, sets a national lever for a list of regions, or starts at a date that is
// not the start of a tick of the run.
PolicySchedule read_policy_schedule(const sim::config::Config& config, const sim::RunSettings& settings,
                                    const std::vector<std::string>& regions);
std::vector<Pilot> read_pilots(const sim::config::Config& config, const sim::RunSettings& settings,
                               const std::vector<std::string>& regions, const std::vector<std::string>& industries);

}  // namespace models
