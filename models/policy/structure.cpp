#include "models/policy/structure.hpp"

#include "models/policy/structure_indices.hpp"

namespace models {

void structure_process(Economy& economy, const sim::TickContext&) {
  StaggeredState& s = economy.staggered;
  const Eigen::MatrixXd& output = economy.clusters.output;
  const Eigen::MatrixXd shares = industry_shares(output);
  s.location_quotient = location_quotients(output);
  s.duplication = duplication_counts(s.location_quotient);
  const Firms& firms = economy.firms;
  s.ellison_glaeser =
      ellison_glaeser(output, plant_herfindahl(firms.industry, firms.output, economy.industry_count()));
  s.similarity = structural_similarity(shares);
  s.mean_similarity = mean_over_pairs(s.similarity);
  s.mean_krugman = mean_over_pairs(krugman_specialisation(shares));
}

}  // namespace models
