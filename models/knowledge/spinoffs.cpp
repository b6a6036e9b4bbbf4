#include "models/knowledge/spinoffs.hpp"

#include <boost/random/poisson_distribution.hpp>

#include "models/industrial/entry.hpp"

namespace models {

double expected_spinoffs(const KnowledgeParameters& p, double cooperation, double basic_knowledge,
                         double years_per_tick) {
  return p.spinoff_rate * cooperation * basic_knowledge * years_per_tick;
}

void spinoff_process(Economy& economy, const sim::TickContext& context) {
  const EntryParameters& entry = economy.parameters.entry;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  KnowledgeState& knowledge = economy.knowledge;
  const Eigen::VectorXd industry_best = industry_best_productivity(economy);

  knowledge.spinoffs.setZero();
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      const double mean =
          expected_spinoffs(economy.parameters.knowledge, economy.levers.university_industry_cooperation(r),
                            knowledge.basic(r, k), economy.parameters.years_per_tick);
      if (mean <= 0.0) continue;
      sim::RandomStream stream = context.streams.stream(static_cast<std::uint64_t>(r) * industries + k);
      const int spinoffs = boost::random::poisson_distribution<int, double>(mean)(stream);
      if (spinoffs == 0) continue;
      const double frontier = entry_frontier(economy, r, k, industry_best);
      for (int n = 0; n < spinoffs; ++n) {
        add_firm(economy, r, k, entrant_productivity(entry, frontier, stream), entry.initial_net_worth);
        economy.capital.entered_net_worth(r) += entry.initial_net_worth;
      }
      knowledge.spinoffs(r, k) = spinoffs;
    }
  }
  economy.cluster_index.rebuild(economy.firms, regions, industries);
}

}  // namespace models
