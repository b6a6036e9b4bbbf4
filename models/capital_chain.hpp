#pragma once
// The capital chain as the rest of the model sees it: its scenario keys, initial state, output
// variables and accounting identities. Its process is in capital.hpp.
#include <string>
#include <vector>

#include "models/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"

namespace models {

void declare_capital_keys(sim::config::Schema& schema);
CapitalParameters read_capital_parameters(const sim::config::Config& config);

// Zero flows and debts sized to the economy's regions and industries.
void initialise_capital(Economy& economy);

void declare_capital_outputs(const Economy& economy, sim::output::Registry& registry);

// Appends one message per violated capital identity.
void check_capital_identities(const Economy& economy, int tick, std::vector<std::string>& violations);

}  // namespace models
