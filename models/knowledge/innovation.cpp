#include "models/knowledge/innovation.hpp"

#include <cmath>
#include <span>
#include <vector>

#include "models/core/cluster_loops.hpp"
#include "models/knowledge/spillovers.hpp"
#include "models/policy/staggered_development.hpp"
#include "models/policy/wasted_subsidies.hpp"
#include "sim/parallel.hpp"
#include "sim/random_draws.hpp"

namespace models {

double search_success_probability(double rate_per_researcher_year, double researchers, double years) {
  return 1.0 - std::exp(-rate_per_researcher_year * researchers * years);
}

TechnologyChoice choose_technology(double current, double innovated, double imitated) {
  if (innovated > current && innovated >= imitated) return TechnologyChoice::innovated;
  if (imitated > current) return TechnologyChoice::imitated;
  return TechnologyChoice::kept;
}

double absorptive_capacity(const KnowledgeParameters& p, double cooperation, double rd_spending, double sales) {
  if (sales <= 0.0) return 0.0;
  return 1.0 - std::exp(-p.absorption_rate * (1.0 + p.cooperation_absorption * cooperation) * rd_spending / sales);
}

double step_upper_bound(double step_max, const KnowledgeParameters& p, double absorptive_capacity, double pool) {
  return step_max * (1.0 + p.step_gain * absorptive_capacity * pool_saturation(pool, p.pool_half_saturation));
}

std::int32_t draw_imitation_target(const Economy& economy, std::span<const double> log_productivity, std::size_t firm,
                                   sim::RandomStream& stream) {
  const Firms& firms = economy.firms;
  const int r = firms.region[firm];
  const int k = firms.industry[firm];
  // Unlinked regions (beyond the cutoff, or closed) weigh 0: leaving them out changes neither the total
  // nor the pick (x + 0.0 == x) and saves most of the loop at city scale.
  const std::span<const std::int32_t> linked = economy.spatial_links.columns(r);
  const std::span<const double> link_weight = economy.spatial_links.values(r);

  double total = 0.0;
  for (std::size_t l = 0; l < linked.size(); ++l) {
    const int s = linked[l];
    const int others = economy.cluster_index.size(s, k) - (s == r ? 1 : 0);
    total += link_weight[l] * others;
  }
  if (total <= 0.0) return -1;
  double pick = stream.uniform01() * total;
  int source = -1;
  for (std::size_t l = 0; l < linked.size(); ++l) {
    const int s = linked[l];
    const int others = economy.cluster_index.size(s, k) - (s == r ? 1 : 0);
    const double weight = link_weight[l] * others;
    if (weight <= 0.0) continue;
    source = s;
    if (pick < weight) break;
    pick -= weight;
  }

  const double own_log = log_productivity[firm];
  const auto members = economy.cluster_index.members(source, k);
  double closeness_total = 0.0;
  for (std::int32_t j : members) {
    if (static_cast<std::size_t>(j) != firm) closeness_total += 1.0 / (std::abs(log_productivity[j] - own_log) + 0.01);
  }
  double target_pick = stream.uniform01() * closeness_total;
  std::int32_t target = -1;
  for (std::int32_t j : members) {
    if (static_cast<std::size_t>(j) == firm) continue;
    const double closeness = 1.0 / (std::abs(log_productivity[j] - own_log) + 0.01);
    target = j;
    if (target_pick < closeness) break;
    target_pick -= closeness;
  }
  return target;
}

void innovation_process(Economy& economy, const sim::TickContext& context) {
  Firms& firms = economy.firms;
  const InnovationParameters& p = economy.parameters.innovation;
  const Eigen::MatrixXd subsidy_rate = priority_subsidy_rate(economy);
  const double years = economy.parameters.years_per_tick;
  // Imitators copy the technology firms had at the start of the tick, so that the result does not
  // depend on the order in which firms are visited. A technology is know-how: with machines
  // (investment.enabled) it raises productivity only as the firm installs machines that embody it.
  const std::vector<double> start_productivity = firms.technology;
  const bool embodied = economy.parameters.investment.enabled;

  const KnowledgeParameters& knowledge = economy.parameters.knowledge;
  Eigen::MatrixXd& capacity = economy.knowledge.absorptive_capacity;

  economy.clusters.innovations.setZero();
  economy.clusters.imitations.setZero();
  capacity.setZero();
  // Imitators compare log technologies: taken once per firm here, not once per candidate and draw.
  std::vector<double> log_technology(firms.size());
  sim::parallel::for_each_block(firms.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) log_technology[i] = std::log(start_productivity[i]);
  });
  auto innovate = [&](std::size_t i) {
    const double own_rd = p.rd_share_of_sales * firms.sales[i];
    firms.rd_subsidy[i] = subsidy_rate(firms.region[i], firms.industry[i]) * own_rd;
    firms.rd_spending[i] = own_rd + firms.rd_subsidy[i];
    if (firms.rd_subsidy[i] > 0.0) record_subsidy(economy, i, firms.rd_subsidy[i]);
    // R&D buys researchers: measuring effort in people, not money, keeps success probabilities
    // comparable across regions with different wages.
    const double researchers = firms.rd_spending[i] / economy.talent.wage(firms.region[i]);
    const int r = firms.region[i];
    const int k = firms.industry[i];
    const double gamma = absorptive_capacity(knowledge, economy.levers.university_industry_cooperation(r), firms.rd_spending[i],
                                             firms.sales[i]);
    capacity(r, k) += gamma;

    sim::RandomStream stream = context.streams.stream(firms.id[i]);
    double innovated = 0.0;
    if (stream.uniform01() < search_success_probability(p.innovation_rate, p.innovation_share * researchers, years)) {
      const double step_max = step_upper_bound(p.step_max, knowledge, gamma, economy.knowledge.pool(r, k));
      const double draw =
          sim::draw_beta(p.step_beta_a, p.step_beta_b, stream, [] { return std::string("an innovation's step"); });
      const double step = p.step_min + draw * (step_max - p.step_min);
      innovated = start_productivity[i] * (1.0 + step);
    }
    double imitated = 0.0;
    if (stream.uniform01() <
        search_success_probability(p.imitation_rate, (1.0 - p.innovation_share) * researchers, years)) {
      const std::int32_t target = draw_imitation_target(economy, log_technology, i, stream);
      if (target >= 0) imitated = start_productivity[target];
    }

    switch (choose_technology(start_productivity[i], innovated, imitated)) {
      case TechnologyChoice::innovated:
        firms.technology[i] = innovated;
        economy.clusters.innovations(r, k) += 1.0;
        break;
      case TechnologyChoice::imitated:
        firms.technology[i] = imitated;
        economy.clusters.imitations(r, k) += 1.0;
        break;
      case TechnologyChoice::kept:
        break;
    }
    if (!embodied) firms.productivity[i] = firms.technology[i];
  };
  // Each firm draws from its own stream and writes only its own row and its cluster's sums, so the
  // regions run in parallel; within a cluster the firms keep their row order.
  for_each_cluster_member(economy, [&](int, int, std::size_t i) { innovate(i); });
  // Mean over the cluster's firms at the start of the tick.
  for (Eigen::Index r = 0; r < capacity.rows(); ++r) {
    for (Eigen::Index k = 0; k < capacity.cols(); ++k) {
      const int members = economy.cluster_index.size(static_cast<int>(r), static_cast<int>(k));
      capacity(r, k) = members > 0 ? capacity(r, k) / members : 0.0;
    }
  }
}

}  // namespace models
