#include "models/policy/structure.hpp"

#include "models/policy/structure_indices.hpp"

namespace models {

void structure_process(Economy& economy, const sim::TickContext&) {
  StaggeredState& s = economy.staggered;
  // Shares in current prices: value added weighs industries by what their output is worth now, not by
  // prices of the first tick (a fixed base would weigh an industry by how dear it once was).
  const Eigen::MatrixXd& value_added = economy.chain.value_added;
  const Eigen::MatrixXd shares = industry_shares(value_added);
  s.location_quotient = location_quotients(value_added);
  s.duplication = duplication_counts(s.location_quotient);
  const Firms& firms = economy.firms;
  // Within an industry a firm's value added is a fixed share of its sales (§7.2), so sales give its share.
  s.ellison_glaeser =
      ellison_glaeser(value_added, plant_herfindahl(firms.industry, firms.sales, economy.industry_count()));
  s.similarity = structural_similarity(shares);
  s.mean_similarity = mean_over_pairs(s.similarity);
  s.mean_krugman = mean_over_pairs(krugman_specialisation(shares));
}

}  // namespace models
