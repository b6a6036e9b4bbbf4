#pragma once
// The engine's own scenario keys: [simulation] (ticks, calendar, seed) and [output].
#include <cstdint>
#include <string>

#include "sim/calendar.hpp"
#include "sim/config/config.hpp"

namespace sim {

// The largest seed of the random streams (simulation.seed, simulation.burn_in_seed, --seed): 9e18, exact
// as a double, so that the keys' ranges (doubles) state it exactly.
inline constexpr std::int64_t max_seed = 9'000'000'000'000'000'000;

struct RunSettings {
  int ticks = 0;
  Calendar calendar;
  std::uint64_t seed = 0;
  std::uint32_t replicate = 0;
  int time_chunk = 16;
  int deflate_level = 1;
  int snapshot_every = 0;  // ticks between snapshots of the model's record tables; 0: none
  // Where the run starts (docs/model.md, Initialisation): a saved state, or the state after a burn-in of
  // the scenario with its policy at the defaults, or (neither) the model's own initialisation.
  std::string initial_state;     // path of a state file; empty: none
  int burn_in_years = 0;
  int burn_in_ticks = 0;         // burn_in_years in ticks
  std::uint64_t burn_in_seed = 1;
  // Set by the engine for the run that is a burn-in: a model may hold what stands for the data's year
  // (docs/model.md §5.1); never read from a scenario.
  bool is_burn_in = false;
};

void declare_run_settings(config::Schema& schema);
RunSettings read_run_settings(const config::Config& config);

}  // namespace sim
