#include "models/knowledge/knowledge_flows.hpp"

#include <span>

#include "models/core/output_helpers.hpp"
#include "models/knowledge/spillovers.hpp"

namespace models {

Eigen::MatrixXd knowledge_flows(const Economy& economy) {
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const KnowledgeState& s = economy.knowledge;
  Eigen::MatrixXd flows = Eigen::MatrixXd::Zero(regions, regions);
  if (s.cluster_knowledge.rows() != regions || s.cluster_knowledge.cols() != industries ||
      economy.spatial_links.rows() != regions) {
    return flows;  // before the first spillover process
  }
  // The proximities as the spillover process builds them (they are not part of a saved state, so they
  // are rebuilt here from the scenario's parameters rather than read from it).
  const KnowledgeParameters& p = economy.parameters.knowledge;
  const Eigen::MatrixXd proximity = technology_proximity(economy.industries, p, 0.0);
  const Eigen::MatrixXd digital_proximity = technology_proximity(economy.industries, p, 1.0) - proximity;
  // What region r's knowledge offers all industries of a receiving region, without and with full
  // digital penetration: row sums of X P0^T and X D^T.
  const Eigen::VectorXd offered = (s.cluster_knowledge * proximity.transpose()).rowwise().sum();
  const Eigen::VectorXd offered_digital = (s.cluster_knowledge * digital_proximity.transpose()).rowwise().sum();
  const Eigen::VectorXd& penetration = economy.levers.digital_penetration;
  // Only the linked pairs: the others receive nothing (W_sr = 0).
  for (int destination = 0; destination < regions; ++destination) {
    const std::span<const std::int32_t> origins = economy.spatial_links.columns(destination);
    const std::span<const double> weights = economy.spatial_links.values(destination);
    for (std::size_t l = 0; l < origins.size(); ++l) {
      const int origin = origins[l];
      flows(origin, destination) = weights[l] * (offered(origin) + penetration(destination) * offered_digital(origin));
    }
  }
  return flows;
}

void declare_knowledge_flow_outputs(const Economy& economy, sim::output::Registry& registry) {
  if (!economy.parameters.knowledge.write_flows) return;
  registry.add({.name = "knowledge_flows", .axes = {"region", "destination"}, .units = "1",
                .long_name = "Knowledge flows",
                .description = "knowledge from the region's clusters that reaches the destination's spillover pool, "
                               "summed over the destination's industries (the diagonal: the region's own)",
                .sample = [&economy](std::span<double> out) { copy_row_major(knowledge_flows(economy), out); }});
}

}  // namespace models
