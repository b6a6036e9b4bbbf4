#pragma once
// What the model records: its output axes and variables, declared once in the output registry
// (model brief §7). docs/output.md lists the same variables with their units.
#include <vector>

#include "models/core/economy.hpp"
#include "sim/output/variable.hpp"

namespace models {

std::vector<sim::output::Axis> output_axes(const Economy& economy);

// Registers every output variable; the samplers read `economy`, which must outlive the registry.
void declare_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
