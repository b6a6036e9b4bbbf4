#pragma once
// The capital chain (model brief §4.7): its scenario keys (capital_parameters.hpp), initial state,
// processes (firm_funding.hpp, government_budget.hpp), output variables and accounting identities.
#include <string>
#include <vector>

#include "models/core/chain.hpp"
#include "models/core/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"

namespace models {

extern const Chain capital_chain;

// Zero flows and debts sized to the economy's regions and industries.
void initialise_capital(Economy& economy);

void declare_capital_outputs(const Economy& economy, sim::output::Registry& registry);

// Appends one message per violated capital identity.
void check_capital_identities(const Economy& economy, int tick, std::vector<std::string>& violations);

}  // namespace models
