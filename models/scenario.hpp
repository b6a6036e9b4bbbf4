#pragma once
// The scenario keys of the model (their defaults, units, ranges and meaning) and the conversion of a
// resolved scenario into the model's initial state and schedule.
#include "models/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/schedule.hpp"

namespace models {

// Declares every model key: regions, industries, processes, parameters and policy levers.
void declare_scenario(sim::config::Schema& schema);

// The model's parameters from a resolved scenario.
Parameters read_parameters(const sim::config::Config& config);

// Regions and industries from the scenario's records. Throws sim::config::InputError for problems
// the schema cannot see (duplicate names, an input industry that does not exist).
Regions read_regions(const sim::config::Config& config);
Industries read_industries(const sim::config::Config& config);

// The ordered processes of a tick, with those switched off in [processes] disabled.
sim::Schedule<Economy> build_schedule(const sim::config::Config& config);

}  // namespace models
