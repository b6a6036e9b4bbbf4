#pragma once
// A chain of the model, described in one place: its scenario keys and parameters, how it
// initialises, its processes and their places in the tick, its output variables and its accounting
// identities. The model is the list of its chains (models/core/chains.cpp): the core bookkeeping, the
// policy layer, the industrial, talent, knowledge and capital chains and the future industries, each
// a folder of models/. Every hook may be left out (nullptr, or no processes).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/config/binding.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"
#include "sim/run/model.hpp"
#include "sim/run/run_settings.hpp"
#include "sim/schedule.hpp"
#include "sim/state/state_visitor.hpp"

namespace models {

// A process of the tick.
struct ProcessSpec {
  const char* name;  // as in docs/model.md §3 and the switch processes.<name>
  int step;          // its place in the tick, the number of docs/model.md §3; the schedule runs by step
  std::uint32_t stream;  // its random streams (models/core/stream_ids.hpp)
  void (*run)(Economy&, const sim::TickContext&);
  // Set for a process the scenario may switch off with processes.<name> = false: what it does. Left
  // empty for the skeleton every tick needs.
  const char* switch_description = nullptr;
};

// The regions and industries a scenario names, for checking the references other tables make to them.
struct ScenarioNames {
  std::vector<std::string> regions;
  std::vector<std::string> industries;
};

struct Chain {
  const char* name;
  void (*declare_keys)(sim::config::Schema& schema) = nullptr;
  // Fills the chain's members of the parameters from a resolved scenario and the run's settings.
  void (*read_parameters)(const sim::config::Config& config, const sim::RunSettings& settings,
                          Parameters& parameters) = nullptr;
  // Throws sim::config::InputError for what the schema cannot see: references to regions and industries,
  // dates that must fall on ticks.
  void (*check)(const sim::config::Config& config, const sim::RunSettings& settings,
                const ScenarioNames& names) = nullptr;

  // Initialisation (docs/model.md §5) runs in three stages, each chain by chain in the order of the list:
  // what the initial firms and the first clearing need; the first market clearing; what depends on it.
  void (*before_firms)(Economy& economy, const sim::config::Config& config, const sim::RunSettings& settings) = nullptr;
  void (*first_clearing)(Economy& economy) = nullptr;
  void (*after_first_clearing)(Economy& economy) = nullptr;

  std::span<const ProcessSpec> processes;
  void (*declare_outputs)(const Economy& economy, sim::output::Registry& registry) = nullptr;
  // Appends one message per violated identity after `tick`, naming the tick, the entity and the identity.
  void (*check_identities)(const Economy& economy, int tick, std::vector<std::string>& violations) = nullptr;

  // Saved states (docs/model.md §5, Saved states and common starts): the chain's members that a tick
  // reads from earlier ticks or from the initialisation, listed once for saving and loading. What the
  // scenario alone determines (parameters, data, the policy) is not saved: it comes from the scenario.
  void (*visit_state)(sim::state::StateVisitor& visitor, Economy& economy) = nullptr;
  // After a state was loaded into `economy`, a copy of `scenario` (the scenario's own initial economy):
  // resume sets what the scenario has in force at the saved tick; start makes the state the scenario's
  // first (its policy in force, the quantities counted "since the start" counted from now).
  void (*after_load)(Economy& economy, const Economy& scenario, sim::LoadMode mode) = nullptr;
};

// Hooks for a chain whose keys are one binding table filling one member of Parameters:
//   .declare_keys = declare_bound<talent_keys>, .read_parameters = read_bound<&Parameters::talent, talent_keys>
template <auto keys>
void declare_bound(sim::config::Schema& schema) {
  sim::config::declare(schema, keys());
}
template <auto member, auto keys>
void read_bound(const sim::config::Config& config, const sim::RunSettings&, Parameters& parameters) {
  sim::config::read(config, keys(), parameters.*member);
}

// The chains of the model, in the order they declare keys, initialise and declare outputs.
std::span<const Chain* const> chains();

// Every process of every chain, in the order of the tick (by step). Throws std::logic_error when two
// processes claim one step or one stream (a programming error).
std::vector<const ProcessSpec*> processes_in_step_order();

}  // namespace models
