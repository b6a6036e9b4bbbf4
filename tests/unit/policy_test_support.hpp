#pragma once
// Scenarios loaded through the model's own schema, for the policy tests: the baseline plus a body,
// and every error the loader and the model's check report.
#include <gtest/gtest.h>

#include <fmt/core.h>

#include <algorithm>
#include <string>
#include <vector>

#include "models/core/model.hpp"
#include "models/core/initial_state.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/tick_schedule.hpp"
#include "process_runner.hpp"
#include "sim/config/config.hpp"
#include "sim/run/model.hpp"

namespace testing_support {

inline const sim::config::Schema& model_schema() {
  static const sim::config::Schema schema = sim::scenario_schema(models::cluster_model());
  return schema;
}

// `body` after `base = "baseline.toml"` (line 1), as s.toml in configs/: the body's first line is line 2.
// The baseline runs 80 quarters from 2023-01-01: ticks 0 to 79, 2023-01-01 to 2042-10-01.
inline sim::config::Config load_scenario(const std::string& body, const std::vector<std::string>& overrides = {}) {
  return sim::config::load_string(model_schema(), fmt::format("base = \"baseline.toml\"\n{}", body), "s.toml",
                                   source_path("configs"), overrides);
}

// Every error the loader and then the model's check report, in order.
inline std::vector<sim::config::Error> errors_of(const std::string& body, const std::vector<std::string>& overrides = {}) {
  try {
    const sim::config::Config config = load_scenario(body, overrides);
    models::cluster_model().check(config, sim::read_run_settings(config));
  } catch (const sim::config::InputError& error) {
    return error.errors();
  }
  ADD_FAILURE() << "accepted without errors:\n" << body;
  return {};
}

inline std::string all(const std::vector<sim::config::Error>& errors) {
  std::string text;
  for (const sim::config::Error& error : errors) text += error.format() + "\n";
  return text;
}

inline int index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << name;
  return static_cast<int>(it - names.begin());
}

inline std::vector<std::string> region_names() {
  static const std::vector<std::string> names = models::read_regions(load_scenario("")).names;
  return names;
}

}  // namespace testing_support
