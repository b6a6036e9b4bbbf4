#include "models/knowledge/spinoffs.hpp"

#include "models/industrial/entry.hpp"

namespace models {

double expected_spinoffs(const KnowledgeParameters& p, double cooperation, double basic_knowledge,
                         double years_per_tick) {
  return p.spinoff_rate * cooperation * basic_knowledge * years_per_tick;
}

void spinoff_process(Economy& economy, const sim::TickContext& context) {
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
      knowledge.spinoffs(r, k) =
          static_cast<double>(found_firms(economy, "research spin-offs", r, k, mean, context.streams, industry_best));
    }
  }
  economy.cluster_index.rebuild(economy.firms, regions, industries);
}

}  // namespace models
