#pragma once
// The economy as a saved state (docs/model.md §5, Saved states and common starts): every chain lists the
// members a tick reads from earlier ticks (Chain::visit_state); what the scenario determines is rebuilt
// from the scenario.
#include <string>

#include "models/core/economy.hpp"
#include "sim/run/model.hpp"
#include "sim/state/state_image.hpp"

namespace models {

void save_economy(const Economy& economy, sim::state::StateImage& image);

// `scenario` with its state replaced by `image` (see sim::LoadMode), `label` naming the image in
// messages. Throws sim::state::StateError when the image is of other regions or industries, lacks a
// member or holds one this model does not keep.
Economy load_economy(const Economy& scenario, const sim::state::StateImage& image, sim::LoadMode mode,
                     const std::string& label);

}  // namespace models
