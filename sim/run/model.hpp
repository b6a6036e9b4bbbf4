#pragma once
// What the engine needs from a model, and nothing about what the model means: the keys it adds to
// the scenario schema, a check of a resolved scenario, a one-line summary of it, and a run that steps
// through ticks and declares its output. The engine reads its own keys (RunSettings) and hands them to
// the model, which never reads simulation.* or output.* itself.
#include <memory>
#include <string>
#include <vector>

#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"
#include "sim/run/run_settings.hpp"
#include "sim/state/state_image.hpp"

namespace sim {

// How a loaded state is used: the saved run goes on at its next tick (checkpoint and restart), or the
// state becomes the first state of this scenario (a common start: its own policy applies from tick 0).
enum class LoadMode { resume, start };

class ModelRun {
 public:
  virtual ~ModelRun() = default;
  virtual void step(int tick) = 0;  // runs every process of the scenario's tick `tick` (0 = its first)
  virtual std::vector<output::Axis> axes() const = 0;
  virtual void declare_outputs(output::Registry& registry) const = 0;  // samplers read the run's state
  // The model's accounting identities after `tick`: one message per violation, naming the tick, the
  // entity and the identity; empty when every identity holds.
  virtual std::vector<std::string> check_identities(int tick) const = 0;
  // The whole state after the last step as named arrays (the engine adds what made it).
  virtual void save_state(state::StateImage& image) const = 0;
  // Replaces the state with `image`; `label` names it in messages. Throws state::StateError when the
  // image does not fit this run (other regions or industries, arrays this model does not keep).
  virtual void load_state(const state::StateImage& image, LoadMode mode, const std::string& label) = 0;
};

struct Model {
  std::string name;
  void (*declare)(config::Schema& schema) = nullptr;
  // Throws config::InputError for problems the schema cannot see (cross-references in the data, dates
  // that must fall on ticks of the run).
  void (*check)(const config::Config& config, const RunSettings& settings) = nullptr;
  // What `validate` says of a valid scenario besides its ticks, e.g. "31 regions, 18 industries".
  std::string (*summary)(const config::Config& config) = nullptr;
  std::unique_ptr<ModelRun> (*start)(const config::Config& config, const RunSettings& settings) = nullptr;
  // The variable `compare` and `sensitivity` use when no --metric is given: the model's headline measure.
  std::string default_metric = {};
  // The keys a burn-in resets to their defaults (the scenario's interventions), by their common prefix.
  std::string policy_prefix = {};
};

// The schema of a model's scenarios: the engine's own keys (simulation, output) plus the model's.
config::Schema scenario_schema(const Model& model);

}  // namespace sim
