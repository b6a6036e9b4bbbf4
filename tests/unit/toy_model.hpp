#pragma once
// A model of two regions whose `level` grows by toy.growth per tick from a start drawn from the run's
// seed and replicate, so that every run differs and takes microseconds: for tests of the sweep engine
// that must not depend on the economics. A run whose growth exceeds toy.fail_above throws at tick 2.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/run/model.hpp"
#include "sim/state/state_visitor.hpp"

namespace testing_support {

class ToyRun : public sim::ModelRun {
 public:
  ToyRun(double growth, double fail_above, std::uint64_t seed, std::uint32_t replicate)
      : growth_(growth), fail_above_(fail_above) {
    // A splitmix-style hash: distinct, deterministic starts per (seed, replicate).
    std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL + replicate + 1;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x ^= x >> 31;
    level_ = {static_cast<double>(x % 1000) / 7.0, static_cast<double>((x >> 20) % 1000) / 3.0};
  }
  void step(int tick) override {
    if (tick == 2 && growth_ > fail_above_) {
      throw std::runtime_error("toy growth " + std::to_string(growth_) + " above toy.fail_above");
    }
    for (double& level : level_) level = level * (1.0 + growth_) + std::sqrt(static_cast<double>(tick) + 1.0);
  }
  std::vector<sim::output::Axis> axes() const override {
    return {{.name = "region", .long_name = "Region", .description = "region (provincial-level division)",
             .labels = {"North", "South"}}};
  }
  void declare_outputs(sim::output::Registry& registry) const override {
    sim::output::Variable level;
    level.name = "level";
    level.axes = {"region"};
    level.units = "1";
    level.long_name = "toy level";
    level.description = "level of the toy economy";
    level.sample = [this](std::span<double> out) { out[0] = level_[0], out[1] = level_[1]; };
    registry.add(level);
    sim::output::Variable total;
    total.name = "total";
    total.units = "1";
    total.long_name = "toy total";
    total.description = "total of the toy economy";
    total.sample = [this](std::span<double> out) { out[0] = level_[0] + level_[1]; };
    registry.add(total);
    sim::output::Variable area;
    area.name = "area";
    area.axes = {"region"};
    area.units = "km2";
    area.long_name = "toy area";
    area.description = "area of the toy regions";
    area.time_series = false;
    area.sample = [](std::span<double> out) { out[0] = 10.0, out[1] = 20.0; };
    registry.add(area);
  }
  std::vector<std::string> check_identities(int) const override { return {}; }
  void save_state(sim::state::StateImage& image) const override {
    sim::state::StateVisitor visitor(image);
    std::vector<double> level = level_;
    visitor("level", level);
  }
  void load_state(const sim::state::StateImage& image, sim::LoadMode, const std::string& label) override {
    sim::state::StateVisitor visitor(image, label);
    visitor("level", level_);
    ++loads();
  }
  // States loaded by toy runs of this process (a test of shared burn-ins counts them).
  static std::atomic<int>& loads() {
    static std::atomic<int> count{0};
    return count;
  }

 private:
  double growth_;
  double fail_above_;
  std::vector<double> level_;
};

inline sim::Model toy_model() {
  sim::Model model;
  model.name = "toy";
  model.declare = [](sim::config::Schema& schema) {
    schema.add({.path = "toy.growth", .kind = sim::config::Kind::real, .default_value = 0.1, .unit = "1/tick",
                .description = "growth per tick", .range = {.min = 0.0, .max = 1.0}});
    schema.add({.path = "toy.fail_above", .kind = sim::config::Kind::real, .default_value = 1.0, .unit = "1/tick",
                .description = "a run with more growth fails at tick 2", .range = {.min = 0.0, .max = 1.0}});
  };
  model.check = [](const sim::config::Config&, const sim::RunSettings&) {};
  model.start = [](const sim::config::Config& config, const sim::RunSettings& settings) -> std::unique_ptr<sim::ModelRun> {
    return std::make_unique<ToyRun>(config.real("toy.growth"), config.real("toy.fail_above"), settings.seed,
                                    settings.replicate);
  };
  model.policy_prefix = "toy.growth";  // a burn-in grows at the default rate
  return model;
}

}  // namespace testing_support
