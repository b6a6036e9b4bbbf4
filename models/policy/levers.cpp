#include "models/policy/levers.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "models/core/output_helpers.hpp"


namespace models {

std::span<const RegionalLever> regional_levers() { return regional_lever_table(); }
std::span<const NationalLever> national_levers() { return national_lever_table(); }

const RegionalLever* find_regional_lever(std::string_view name) {
  for (const RegionalLever& lever : regional_levers()) {
    if (lever.name == name) return &lever;
  }
  return nullptr;
}

void declare_lever_keys(sim::config::Schema& schema) {
  for (const RegionalLever& lever : regional_levers()) {
    schema.add({.path = fmt::format("policy.{}", lever.name), .kind = sim::config::Kind::real,
                .default_value = lever.default_value, .unit = std::string(lever.unit),
                .description = fmt::format("{} Set here for every region; per region and from a date with "
                                           "[[policy.schedule]].", lever.description),
                .range = lever.range});
  }
  for (const NationalLever& lever : national_levers()) {
    sim::config::KeySpec spec{.path = fmt::format("policy.{}", lever.name), .unit = std::string(lever.unit),
                              .description = std::string(lever.description)};
    if (lever.choices.empty()) {
      spec.kind = sim::config::Kind::integer;
      spec.default_value = std::int64_t{lever.default_value};
      spec.range = lever.range;
    } else {
      spec.kind = sim::config::Kind::choice;
      spec.default_value = lever.choices[static_cast<std::size_t>(lever.default_value)];
      spec.choices = lever.choices;
    }
    schema.add(std::move(spec));
  }
}

int national_lever_value(const NationalLever& lever, const std::string& choice) {
  const auto it = std::find(lever.choices.begin(), lever.choices.end(), choice);
  if (it == lever.choices.end()) throw std::invalid_argument(fmt::format("unknown {} '{}'", lever.name, choice));
  return static_cast<int>(it - lever.choices.begin());
}

Levers read_levers(const sim::config::Config& config, int regions) {
  Levers result;
  for (const RegionalLever& lever : regional_levers()) {
    (result.*lever.values).setConstant(regions, config.real(fmt::format("policy.{}", lever.name)));
  }
  for (const NationalLever& lever : national_levers()) {
    const std::string key = fmt::format("policy.{}", lever.name);
    result.*lever.value = lever.choices.empty() ? static_cast<int>(config.integer(key))
                                                : national_lever_value(lever, config.string(key));
  }
  return result;
}

Levers default_levers(int regions) {
  Levers result;
  for (const RegionalLever& lever : regional_levers()) (result.*lever.values).setConstant(regions, lever.default_value);
  for (const NationalLever& lever : national_levers()) result.*lever.value = lever.default_value;
  return result;
}

LeverChanges apply_policy_changes(Levers& levers, const PolicySchedule& schedule, int tick) {
  LeverChanges changes;
  auto note = [&changes](LeverEffect effect) {
    changes.geography = changes.geography || effect == LeverEffect::geography;
    changes.plan = changes.plan || effect == LeverEffect::plan;
  };
  for (const PolicyChange& change : schedule) {
    if (change.tick != tick) continue;
    changes.any = true;
    for (const auto& [lever, value] : change.regional) {
      Eigen::VectorXd& values = levers.*(lever->values);
      if (change.regions.empty()) {
        values.setConstant(value);
      } else {
        for (int r : change.regions) values(r) = value;
      }
      note(lever->effect);
    }
    for (const auto& [lever, value] : change.national) {
      levers.*(lever->value) = value;
      note(lever->effect);
    }
  }
  return changes;
}

namespace {

// A lever's unit as UDUNITS-2 reads it. The scenario reference keeps the form people write, which
// UDUNITS cannot parse ("1/year"); such a unit goes to units_note as well.
std::string udunits_of(std::string_view unit) {
  if (unit == "1/year") return "year-1";
  if (unit == "1/(1000 km)") return "1e-3 km-1";
  return std::string(unit);
}

}  // namespace

void declare_lever_outputs(const Levers& in_force, sim::output::Registry& registry) {
  for (const RegionalLever& lever : regional_levers()) {
    const std::string units = udunits_of(lever.unit);
    add_region_output(registry, in_force.*(lever.values),
                      {.name = fmt::format("policy_{}", lever.name), .units = units,
                       .units_note = units == lever.unit ? "" : std::string(lever.unit),
                       .long_name = std::string(lever.label),
                       .description = fmt::format("lever policy.{} in force in the region", lever.name)});
  }
  for (const NationalLever& lever : national_levers()) {
    const int* value = &(in_force.*(lever.value));
    // A count of industries or regions, or the index of a choice: a number to UDUNITS.
    registry.add({.name = fmt::format("policy_{}", lever.name), .units = "1", .units_note = std::string(lever.unit),
                  .long_name = std::string(lever.label), .description = std::string(lever.output_description),
                  .storage = sim::output::Storage::int64,
                  .sample = [value](std::span<double> out) { out[0] = *value; }});
  }
}

Eigen::MatrixXd pairwise_openness(const Eigen::VectorXd& openness) {
  return (openness * openness.transpose()).array().sqrt().matrix();
}

Eigen::MatrixXd pairwise_transport_cost(const Eigen::VectorXd& transport_cost) {
  const Eigen::Index n = transport_cost.size();
  return 0.5 * (transport_cost.replicate(1, n) + transport_cost.transpose().replicate(n, 1));
}

}  // namespace models
