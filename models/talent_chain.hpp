#pragma once
// The talent chain as the rest of the model sees it: its scenario keys, initial state, output
// variables and accounting identities. Its processes are in talent_market.hpp.
#include <string>
#include <vector>

#include "models/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"

namespace models {

void declare_talent_keys(sim::config::Schema& schema);
TalentParameters read_talent_parameters(const sim::config::Config& config);

// Initial wages, before the first market clearing (prices depend on them).
void initialise_talent_wages(Economy& economy);
// The rest of the talent state, after the first market clearing (it depends on employment).
void initialise_talent(Economy& economy);

void declare_talent_outputs(const Economy& economy, sim::output::Registry& registry);

// Appends one message per violated talent identity.
void check_talent_identities(const Economy& economy, int tick, std::vector<std::string>& violations);

}  // namespace models
