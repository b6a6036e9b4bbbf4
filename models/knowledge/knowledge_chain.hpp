#pragma once
// The knowledge chain (the policy text's innovation chain, model brief §4.2-§4.4): scenario keys
// (knowledge_parameters.hpp), initial state, processes and outputs. Its processes are in
// basic_research.hpp, spillovers.hpp, innovation.hpp and spinoffs.hpp; knowledge and talent in entry in
// models/industrial/entry.hpp.
#include "models/core/chain.hpp"
#include "models/core/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"

namespace models {

extern const Chain knowledge_chain;

// Sizes every matrix of economy.knowledge to the economy's regions and industries, filled with zeros.
void resize_knowledge(Economy& economy);

// After the first market clearing (needs GDP, cluster output, the talent stock and firm output):
// research inputs, basic knowledge at its steady state B* = inflow / delta_B, and the spillover pool.
void initialise_knowledge(Economy& economy);

void declare_knowledge_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
