#include "models/core/model.hpp"

#include <fmt/core.h>

#include "models/core/chain.hpp"
#include "models/core/identities.hpp"
#include "models/core/initial_state.hpp"
#include "models/core/saved_state.hpp"
#include "models/core/observation.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/tick_schedule.hpp"

namespace models {

namespace {

class ClusterRun final : public sim::ModelRun {
 public:
  ClusterRun(const sim::config::Config& config, const sim::RunSettings& settings)
      : economy_(initial_economy(config, settings)), schedule_(build_schedule(config)), settings_(settings) {}

  // Random streams are keyed by the model's tick, so a burn-in and the scenario after it never share one.
  void step(int tick) override {
    schedule_.run_tick(economy_, economy_.start_tick + tick, settings_.seed, settings_.replicate);
  }
  void save_state(sim::state::StateImage& image) const override { save_economy(economy_, image); }
  void load_state(const sim::state::StateImage& image, sim::LoadMode mode, const std::string& label) override {
    economy_ = load_economy(economy_, image, mode, label);
  }
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

void declare(sim::config::Schema& schema) {
  for (const Chain* chain : chains()) {
    if (chain->declare_keys != nullptr) chain->declare_keys(schema);
  }
}

// The errors of every table before reporting; references are checked only against tables that could be
// read.
void check(const sim::config::Config& config, const sim::RunSettings& settings) {
  std::vector<sim::config::Error> errors;
  auto collect = [&errors](auto&& read) { sim::config::collect_errors(errors, read); };
  ScenarioNames names;
  collect([&] { names.regions = read_regions(config).names; });
  collect([&] { names.industries = read_industries(config).names; });
  if (errors.empty()) {
    for (const Chain* chain : chains()) {
      if (chain->check != nullptr) collect([&] { chain->check(config, settings, names); });
    }
  }
  if (!errors.empty()) throw sim::config::InputError(std::move(errors));
}

std::string summary(const sim::config::Config& config) {
  return fmt::format("{} regions, {} industries", config.records(regions_key).rows.size(),
                     config.records(industries_key).rows.size());
}

std::unique_ptr<sim::ModelRun> start(const sim::config::Config& config, const sim::RunSettings& settings) {
  return std::make_unique<ClusterRun>(config, settings);
}

}  // namespace

// Scenarios are compared in one unit by default: money-metric welfare at common reference prices.
sim::Model cluster_model() {
  return {"clustersim regional cluster model", declare, check, summary, start, "welfare_total", "policy."};
}

}  // namespace models
