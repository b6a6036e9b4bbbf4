#include "models/model.hpp"

#include <algorithm>

#include "models/identities.hpp"
#include "models/initial_state.hpp"
#include "models/observation.hpp"
#include "models/policy_schedule.hpp"
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
  // Collect the errors of every table before reporting.
  std::vector<sim::config::Error> errors;
  auto collect = [&errors](auto&& read) {
    try {
      read();
    } catch (const sim::config::InputError& e) {
      errors.insert(errors.end(), e.errors().begin(), e.errors().end());
    }
  };
  std::vector<std::string> region_names;
  std::vector<std::string> industry_names;
  collect([&] { region_names = read_regions(config).names; });
  collect([&] { industry_names = read_industries(config).names; });
  // Cross-references are checked only against tables that could be read.
  if (errors.empty()) {
    collect([&] { read_policy_schedule(config, region_names); });
    collect([&] { read_pilots(config, region_names, industry_names); });
  }
  if (!errors.empty()) throw sim::config::InputError(std::move(errors));
}

std::unique_ptr<sim::ModelRun> start(const sim::config::Config& config, const sim::RunSettings& settings) {
  return std::make_unique<ClusterRun>(config, settings);
}

}  // namespace

sim::Model cluster_model() { return {"clustersim regional cluster model", declare_scenario, check, start}; }

}  // namespace models
