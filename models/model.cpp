#include "models/model.hpp"

#include <algorithm>

#include "models/identities.hpp"
#include "models/initial_state.hpp"
#include "models/observation.hpp"
#include "models/scenario.hpp"

namespace models {

namespace {

class ClusterRun final : public sim::ModelRun {
 public:
  ClusterRun(const sim::config::Config& config, const sim::RunSettings& settings)
      : economy_(initial_economy(config)), schedule_(build_schedule(config)), settings_(settings) {}

  void step(int tick) override { schedule_.run_tick(economy_, tick, settings_.seed, settings_.replicate); }
  std::vector<sim::output::Axis> axes() const override { return output_axes(economy_); }
  std::vector<std::string> check_identities(int tick) const override { return models::check_identities(economy_, tick); }
  void declare_outputs(sim::output::Registry& registry) const override {
    models::declare_outputs(economy_, registry);
  }

 private:
  Economy economy_;
  sim::Schedule<Economy> schedule_;
  sim::RunSettings settings_;
};

void check(const sim::config::Config& config) {
  // Collect the errors of both tables before reporting.
  std::vector<sim::config::Error> errors;
  try {
    const Regions regions = read_regions(config);
    for (const std::string& name : config.strings("policy.talent_programme_regions")) {
      if (std::find(regions.names.begin(), regions.names.end(), name) == regions.names.end()) {
        errors.push_back({config.source("policy.talent_programme_regions"), "policy.talent_programme_regions",
                          "names of regions of the scenario", "'" + name + "'", ""});
      }
    }
  } catch (const sim::config::InputError& e) {
    errors.insert(errors.end(), e.errors().begin(), e.errors().end());
  }
  try {
    read_industries(config);
  } catch (const sim::config::InputError& e) {
    errors.insert(errors.end(), e.errors().begin(), e.errors().end());
  }
  if (!errors.empty()) throw sim::config::InputError(std::move(errors));
}

std::unique_ptr<sim::ModelRun> start(const sim::config::Config& config, const sim::RunSettings& settings) {
  return std::make_unique<ClusterRun>(config, settings);
}

}  // namespace

sim::Model cluster_model() { return {"clustersim regional cluster model", declare_scenario, check, start}; }

}  // namespace models
