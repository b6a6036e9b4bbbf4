#pragma once
// The innovation chain as the rest of the model sees it: scenario keys, initial state, outputs.
// Its processes are in basic_research.hpp, spillovers.hpp and spinoffs.hpp; absorptive capacity and the
// knowledge-raised innovation step in innovation.hpp; knowledge and talent in entry in entry_exit.hpp.
#include "models/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/output/variable.hpp"

namespace models {

void declare_knowledge_keys(sim::config::Schema& schema);
KnowledgeParameters read_knowledge_parameters(const sim::config::Config& config);

// Sizes every matrix of economy.knowledge to the economy's regions and industries, filled with zeros.
void resize_knowledge(Economy& economy);

// After the first market clearing (needs GDP, cluster output, the talent stock and firm output):
// research inputs, basic knowledge at its steady state B* = inflow / delta_B, and the spillover pool.
void initialise_knowledge(Economy& economy);

void declare_knowledge_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
