#pragma once
// The closure's initial state (docs/model.md, Initialisation): final spending at the start from the
// expenditure shares of GDP, then, after the first clearing, the stocks (deposits, bonds, background
// capital and loans, the bank's net worth) and the parameters calibrated to the start (households'
// propensity to consume out of income, the base wage tax rate, the background sector's productivity
// and loan share). Calibration uses only what does not depend on the levers, so that every scenario
// with the same data starts from the same calibration.
#include "models/core/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run_settings.hpp"

namespace models {

// Every vector of the closure's state sized to the regions and set to 0.
void size_macro_state(Economy& economy);

// Final spending of each region at the start: consumption, government purchases and investment.
void set_initial_spending(Economy& economy, const sim::config::Config& config, const sim::RunSettings& settings);

// Throws sim::config::InputError when the scenario's numbers admit no consistent start (a negative
// non-talent labour force, a background loan share outside [0, 1], a propensity to consume outside
// (0, 1), a negative wage tax rate), naming the keys that set them.
void initialise_macro(Economy& economy);

}  // namespace models
