#include "models/knowledge/spillovers.hpp"

#include <algorithm>
#include <cmath>

#include "models/industrial/geography.hpp"

namespace models {

Eigen::MatrixXd technology_proximity(const Industries& industries, const KnowledgeParameters& p,
                                     double digital_penetration) {
  const int count = industries.count();
  auto buys_from = [&](int buyer, int supplier) {
    const std::vector<int>& inputs = industries.inputs[static_cast<std::size_t>(buyer)];
    return std::find(inputs.begin(), inputs.end(), supplier) != inputs.end();
  };
  Eigen::MatrixXd proximity(count, count);
  for (int k = 0; k < count; ++k) {
    for (int j = 0; j < count; ++j) {
      if (k == j) {
        proximity(k, j) = 1.0;
        continue;
      }
      double base = p.proximity_other;
      if (buys_from(k, j) || buys_from(j, k)) {
        base = p.proximity_linked;
      } else if (industries.kinds[static_cast<std::size_t>(k)] == industries.kinds[static_cast<std::size_t>(j)]) {
        base = p.proximity_same_kind;
      }
      if (industries.digital[static_cast<std::size_t>(j)]) base += digital_penetration * (1.0 - base);
      proximity(k, j) = base;
    }
  }
  return proximity;
}

Eigen::MatrixXd firm_knowledge(const Economy& economy) {
  const Firms& firms = economy.firms;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  Eigen::MatrixXd weight = Eigen::MatrixXd::Zero(regions, industries);
  Eigen::MatrixXd weighted_log = Eigen::MatrixXd::Zero(regions, industries);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    if (firms.output[i] <= 0.0 || firms.productivity[i] <= 0.0) continue;
    weight(firms.region[i], firms.industry[i]) += firms.output[i];
    weighted_log(firms.region[i], firms.industry[i]) += firms.output[i] * std::log(firms.productivity[i]);
  }
  const Eigen::RowVectorXd national_weight = weight.colwise().sum();
  const Eigen::RowVectorXd national_log = weighted_log.colwise().sum();
  Eigen::MatrixXd knowledge = Eigen::MatrixXd::Zero(regions, industries);
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      if (weight(r, k) <= 0.0) continue;
      knowledge(r, k) = std::exp(weighted_log(r, k) / weight(r, k) - national_log(k) / national_weight(k));
    }
  }
  return knowledge;
}

Eigen::MatrixXd leading_supplier_knowledge(const Economy& economy, const Eigen::MatrixXd& cluster_knowledge,
                                           double strength) {
  const Firms& firms = economy.firms;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  Eigen::MatrixXd boost = Eigen::MatrixXd::Zero(regions, industries);
  if (strength <= 0.0 || firms.leading.size() != firms.size()) return boost;
  Eigen::MatrixXd output = Eigen::MatrixXd::Zero(regions, industries);
  Eigen::MatrixXd leading_output = Eigen::MatrixXd::Zero(regions, industries);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    output(firms.region[i], firms.industry[i]) += firms.output[i];
    if (firms.leading[i]) leading_output(firms.region[i], firms.industry[i]) += firms.output[i];
  }
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      if (output(r, k) <= 0.0) continue;
      const double share = leading_output(r, k) / output(r, k);
      for (int j : economy.industries.inputs[static_cast<std::size_t>(k)]) {
        boost(r, j) += strength * share * cluster_knowledge(r, k);
      }
    }
  }
  return boost;
}

void compute_spillover_pool(Economy& economy) {
  const KnowledgeParameters& p = economy.parameters.knowledge;
  KnowledgeState& s = economy.knowledge;
  const Eigen::VectorXd& penetration = economy.levers.digital_penetration;
  // P^(s) = P0 + d_s D for receiving region s: penetration is a property of the region that adopts
  // digital technology, so the pool splits into a part without penetration and the digital increment.
  s.proximity = technology_proximity(economy.industries, p, 0.0);
  s.digital_proximity = technology_proximity(economy.industries, p, 1.0) - s.proximity;
  s.cluster_knowledge = firm_knowledge(economy) + economy.levers.university_industry_cooperation.asDiagonal() * s.basic;
  // Knowledge reaching industry k from all industries of a region: (X P^T)_k.
  const Eigen::MatrixXd across_industries = s.cluster_knowledge * s.proximity.transpose();
  const Eigen::MatrixXd across_digital = s.cluster_knowledge * s.digital_proximity.transpose();
  // W's nonzero entries only: at city scale most pairs of regions are beyond the cutoff.
  const SparseRows& links = economy.spatial_links;
  const SparseRows other_regions = without_diagonal(links);
  s.received =
      multiply(other_regions, across_industries) + penetration.asDiagonal() * multiply(other_regions, across_digital);
  // Leading enterprises teach their local suppliers (brief §4.7): a local addition, not a spillover
  // received from other regions.
  s.pool = multiply(links, across_industries) + penetration.asDiagonal() * multiply(links, across_digital) +
           leading_supplier_knowledge(economy, s.cluster_knowledge, p.leading_supplier_spillover);
}

double pool_saturation(double pool, double half_saturation) {
  return pool > 0.0 ? pool / (pool + half_saturation) : 0.0;
}

void spillover_process(Economy& economy, const sim::TickContext&) {
  compute_spillover_pool(economy);
}

}  // namespace models
