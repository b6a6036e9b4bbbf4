// The run's numerical guards: a model failure or a value that stops being a number ends the run at its
// tick with a message naming the tick, the variable and element, and the keys the scenario sets.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "sim/checked_count.hpp"
#include "sim/config/config.hpp"
#include "sim/random_draws.hpp"
#include "sim/run/model_failure.hpp"
#include "sim/run/run.hpp"
#include "sim/run/run_settings.hpp"

namespace {

// Two regions whose `level` is finite until tick `bad_tick`, where the South's becomes `bad_value`; at
// tick `failing_tick` its step throws a ModelFailure instead.
class GuardedRun : public sim::ModelRun {
 public:
  GuardedRun(int bad_tick, double bad_value, int failing_tick)
      : bad_tick_(bad_tick), bad_value_(bad_value), failing_tick_(failing_tick) {}
  void step(int tick) override {
    if (tick == failing_tick_) throw sim::ModelFailure("entry of South: a Poisson mean of nan");
    level_[0] += 1.0;
    level_[1] = tick == bad_tick_ ? bad_value_ : level_[1] + 1.0;
  }
  std::vector<sim::output::Axis> axes() const override {
    return {{.name = "region", .long_name = "Region", .description = "region", .labels = {"North", "South"}}};
  }
  void declare_outputs(sim::output::Registry& registry) const override {
    registry.add({.name = "level", .axes = {"region"}, .units = "1", .long_name = "Level", .description = "level",
                  .sample = [this](std::span<double> out) { out[0] = level_[0], out[1] = level_[1]; }});
  }
  std::vector<std::string> check_identities(int) const override { return {}; }
  void save_state(sim::state::StateImage&) const override {}
  void load_state(const sim::state::StateImage&, sim::LoadMode, const std::string&) override {}

 private:
  int bad_tick_;
  double bad_value_;
  int failing_tick_;
  std::vector<double> level_{0.0, 0.0};
};

sim::Model guarded_model() {
  sim::Model model;
  model.name = "guarded";
  model.declare = [](sim::config::Schema& schema) {
    schema.add({.path = "guard.bad_tick", .kind = sim::config::Kind::integer, .default_value = std::int64_t{-1},
                .unit = "tick", .description = "tick where the South's level breaks", .range = {-1, 100}});
    schema.add({.path = "guard.bad_value", .kind = sim::config::Kind::real, .default_value = 0.0, .unit = "1",
                .description = "what it breaks to (inf or nan through the model, not the file)", .range = {0, 1}});
    schema.add({.path = "guard.failing_tick", .kind = sim::config::Kind::integer, .default_value = std::int64_t{-1},
                .unit = "tick", .description = "tick whose step fails", .range = {-1, 100}});
  };
  model.check = [](const sim::config::Config&, const sim::RunSettings&) {};
  model.start = [](const sim::config::Config& config, const sim::RunSettings&) -> std::unique_ptr<sim::ModelRun> {
    const double value = config.real("guard.bad_value") > 0.5 ? std::numeric_limits<double>::infinity()
                                                               : std::numeric_limits<double>::quiet_NaN();
    return std::make_unique<GuardedRun>(static_cast<int>(config.integer("guard.bad_tick")), value,
                                        static_cast<int>(config.integer("guard.failing_tick")));
  };
  return model;
}

// The message of the failure simulate() throws for a scenario with these overrides ("" if none).
std::string failure_of(const std::vector<std::string>& overrides) {
  const sim::Model model = guarded_model();
  const sim::config::Schema schema = sim::scenario_schema(model);
  const sim::config::Config config =
      sim::config::load_string(schema, "[simulation]\nticks = 6\nstart_date = 2023-01-01\n", "guard.toml", ".", overrides);
  sim::Simulation simulation = sim::start_simulation(model, config);
  try {
    sim::simulate(simulation, {}, {});
  } catch (const sim::ModelFailure& failure) {
    return failure.what();
  }
  return "";
}

TEST(RunGuards, AFiniteRunEndsNormally) { EXPECT_EQ(failure_of({}), ""); }

TEST(RunGuards, AnInfinityStopsTheRunAtItsTickNamingVariableElementAndKeys) {
  const std::string message = failure_of({"guard.bad_tick=3", "guard.bad_value=1"});
  EXPECT_NE(message.find("tick 3 of the scenario (ending 2023-12-31)"), std::string::npos) << message;
  EXPECT_NE(message.find("level is inf at region South"), std::string::npos) << message;
  EXPECT_NE(message.find("guard.bad_tick = 3 (--set)"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
}

TEST(RunGuards, ANaNIsCaughtLikeAnInfinity) {
  const std::string message = failure_of({"guard.bad_tick=1"});
  EXPECT_NE(message.find("tick 1 of the scenario"), std::string::npos) << message;
  EXPECT_NE(message.find("level is nan at region South"), std::string::npos) << message;
}

TEST(RunGuards, AModelFailureGetsItsTickAndTheKeys) {
  const std::string message = failure_of({"guard.failing_tick=4"});
  EXPECT_NE(message.find("tick 4 of the scenario (ending 2024-03-31): entry of South: a Poisson mean of nan"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("guard.failing_tick = 4 (--set)"), std::string::npos) << message;
}

sim::RandomStream test_stream() { return sim::RandomStream({.seed = 1, .replicate = 0, .process = 7}, 0, 0); }
auto here() { return [] { return std::string("the test draw"); }; }

TEST(CheckedDraws, RefuseImpossibleParametersNamingTheDraw) {
  sim::RandomStream stream = test_stream();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (double mean : {nan, -1.0, 1e13, std::numeric_limits<double>::infinity()}) {
    try {
      sim::draw_poisson(mean, stream, here());
      ADD_FAILURE() << "a Poisson mean of " << mean << " was drawn from";
    } catch (const sim::ModelFailure& failure) {
      EXPECT_NE(std::string(failure.what()).find("the test draw: a Poisson mean of"), std::string::npos);
    }
  }
  EXPECT_THROW(sim::draw_binomial(10, nan, stream, here()), sim::ModelFailure);
  EXPECT_THROW(sim::draw_binomial(10, 1.5, stream, here()), sim::ModelFailure);
  EXPECT_THROW(sim::draw_binomial(-1, 0.5, stream, here()), sim::ModelFailure);
  EXPECT_THROW(sim::draw_beta(1e308, 2.0, stream, here()), sim::ModelFailure);
  EXPECT_THROW(sim::draw_beta(2.0, 0.0, stream, here()), sim::ModelFailure);
}

TEST(CheckedDraws, ValidParametersDrawAsBoostDoes) {
  sim::RandomStream checked = test_stream();
  sim::RandomStream plain = test_stream();
  EXPECT_EQ(sim::draw_poisson(3.5, checked, here()),
            (boost::random::poisson_distribution<std::int64_t, double>(3.5)(plain)));
  EXPECT_EQ(sim::draw_binomial(40, 0.3, checked, here()),
            (boost::random::binomial_distribution<std::int64_t, double>(40, 0.3)(plain)));
  EXPECT_EQ(sim::draw_beta(2.0, 4.0, checked, here()), boost::random::beta_distribution<double>(2.0, 4.0)(plain));
  EXPECT_EQ(sim::draw_poisson(0.0, checked, here()), 0);
  EXPECT_EQ(sim::draw_binomial(7, 1.0, checked, here()), 7);
}

TEST(CheckedCount, ConvertsOnlyExactNonNegativeCounts) {
  EXPECT_EQ(sim::checked_count(5.0, here()), 5);
  EXPECT_EQ(sim::checked_count(9007199254740992.0, here()), 9007199254740992LL);
  EXPECT_THROW(sim::checked_count(1e300, here()), sim::ModelFailure);
  EXPECT_THROW(sim::checked_count(-1.0, here()), sim::ModelFailure);
  EXPECT_THROW(sim::checked_count(std::numeric_limits<double>::quiet_NaN(), here()), sim::ModelFailure);
}

}  // namespace
