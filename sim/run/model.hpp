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

namespace sim {

class ModelRun {
 public:
  virtual ~ModelRun() = default;
  virtual void step(int tick) = 0;  // runs every process of the tick
  virtual std::vector<output::Axis> axes() const = 0;
  virtual void declare_outputs(output::Registry& registry) const = 0;  // samplers read the run's state
  // The model's accounting identities after `tick`: one message per violation, naming the tick, the
  // entity and the identity; empty when every identity holds.
  virtual std::vector<std::string> check_identities(int tick) const = 0;
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
};

// The schema of a model's scenarios: the engine's own keys (simulation, output) plus the model's.
config::Schema scenario_schema(const Model& model);

}  // namespace sim
