#include "models/core/saved_state.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "models/core/chain.hpp"

namespace models {

namespace {

void visit_chains(sim::state::StateVisitor& visitor, Economy& economy) {
  for (const Chain* chain : chains()) {
    if (chain->visit_state != nullptr) chain->visit_state(visitor, economy);
  }
}

}  // namespace

void save_economy(const Economy& economy, sim::state::StateImage& image) {
  // Saving reads the members only; one list serves both directions, so it takes them unqualified.
  Economy& members = const_cast<Economy&>(economy);
  sim::state::StateVisitor visitor(image);
  visit_chains(visitor, members);
}

Economy load_economy(const Economy& scenario, const sim::state::StateImage& image, sim::LoadMode mode,
                     const std::string& label) {
  Economy economy = scenario;
  sim::state::StateVisitor visitor(image, label);
  visit_chains(visitor, economy);
  const std::vector<std::string> unknown = visitor.unread();
  if (!unknown.empty()) {
    throw sim::state::StateError(fmt::format("{}: holds {}, which this model does not keep (a state of another "
                                             "model version)",
                                             label, fmt::join(unknown, ", ")));
  }
  for (const Chain* chain : chains()) {
    if (chain->after_load != nullptr) chain->after_load(economy, scenario, mode);
  }
  return economy;
}

}  // namespace models
