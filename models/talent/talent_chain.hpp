#pragma once
// The talent chain (model brief §4.6): its scenario keys (talent_parameters.hpp), initial state,
// processes (talent_market.hpp, migration.hpp), output variables and accounting identities.
#include <string>
#include <vector>

#include "models/core/chain.hpp"
#include "models/core/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"

namespace models {

extern const Chain talent_chain;

// Initial wages, before the first market clearing (prices depend on them).
void initialise_talent_wages(Economy& economy);
// The rest of the talent state, after the first market clearing (it depends on employment).
void initialise_talent(Economy& economy);

void declare_talent_outputs(const Economy& economy, sim::output::Registry& registry);

// Appends one message per violated talent identity.
void check_talent_identities(const Economy& economy, int tick, std::vector<std::string>& violations);

}  // namespace models
