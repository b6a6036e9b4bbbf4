#include "models/knowledge/basic_research.hpp"

#include <cmath>

namespace models {

Eigen::MatrixXd research_field_shares(const Eigen::MatrixXd& output, double specialisation) {
  const Eigen::Index regions = output.rows();
  const Eigen::Index fields = output.cols();
  const double equal = 1.0 / static_cast<double>(fields);
  Eigen::MatrixXd share(regions, fields);
  for (Eigen::Index r = 0; r < regions; ++r) {
    const double total = output.row(r).sum();
    for (Eigen::Index k = 0; k < fields; ++k) {
      const double own = total > 0.0 ? output(r, k) / total : equal;
      share(r, k) = specialisation * own + (1.0 - specialisation) * equal;
    }
  }
  return share;
}

double basic_knowledge_inflow(const KnowledgeParameters& p, double funding, double researchers) {
  return p.research_productivity * std::pow(funding, p.funding_elasticity) *
         std::pow(researchers, p.researcher_elasticity);
}

void update_research_inputs(Economy& economy) {
  const KnowledgeParameters& p = economy.parameters.knowledge;
  KnowledgeState& s = economy.knowledge;
  s.funding = economy.levers.basic_research_funding.cwiseProduct(economy.regions.gdp);
  s.researchers = p.researcher_share * economy.talent.stock;
  s.field_share = research_field_shares(economy.chain.value_added, p.field_specialisation);
}

void basic_research_process(Economy& economy, const sim::TickContext&) {
  update_research_inputs(economy);
  const KnowledgeParameters& p = economy.parameters.knowledge;
  KnowledgeState& s = economy.knowledge;
  const double dt = economy.parameters.years_per_tick;
  const double keep = 1.0 - p.basic_depreciation * dt;
  for (Eigen::Index r = 0; r < s.basic.rows(); ++r) {
    for (Eigen::Index k = 0; k < s.basic.cols(); ++k) {
      const double share = s.field_share(r, k);
      s.basic(r, k) = keep * s.basic(r, k) +
                      basic_knowledge_inflow(p, s.funding(r) * share, s.researchers(r) * share) * dt;
    }
  }
}

}  // namespace models
