#include "models/core/open_tick.hpp"

#include "models/policy/wasted_subsidies.hpp"

namespace models {

void open_tick_process(Economy& economy, const sim::TickContext& context) {
  economy.tick = context.tick;
  Clusters& clusters = economy.clusters;
  clusters.entries.setZero();
  clusters.exits.setZero();
  clusters.innovations.setZero();
  clusters.imitations.setZero();
  open_subsidy_window(economy);
}

}  // namespace models
