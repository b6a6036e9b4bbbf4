#pragma once
// The processes of a tick, from the chains, in the order of their steps (docs/model.md §3).
#include "models/core/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/schedule.hpp"

namespace models {

// Every chain's processes by step, those switched off in [processes] disabled.
sim::Schedule<Economy> build_schedule(const sim::config::Config& config);

}  // namespace models
