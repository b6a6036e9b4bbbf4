#include "models/entry_exit.hpp"

#include <boost/random/beta_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <vector>

#include "sim/soa.hpp"

namespace models {

bool exits(const Firms& firms, std::size_t firm, const FirmParameters& parameters) {
  return firms.net_worth[firm] < 0.0 || firms.low_share_ticks[firm] >= parameters.low_share_ticks_to_exit;
}

double expected_entrants(const EntryParameters& parameters, double years_per_tick, int incumbents,
                         double cluster_profit, double cluster_sales) {
  const double margin = cluster_sales > 0.0 ? cluster_profit / cluster_sales : 0.0;
  return years_per_tick * (parameters.base_rate + parameters.rate_per_firm * incumbents) *
         std::exp(parameters.profit_sensitivity * margin);
}

std::size_t add_firm(Economy& economy, int region, int industry, double productivity, double net_worth) {
  Firms& firms = economy.firms;
  const std::size_t row = sim::soa::append_row(firms.columns());
  firms.id[row] = economy.next_firm_id++;
  firms.region[row] = region;
  firms.industry[row] = industry;
  firms.birth_tick[row] = economy.tick;
  firms.productivity[row] = productivity;
  firms.net_worth[row] = net_worth;
  return row;
}

void exit_process(Economy& economy, const sim::TickContext&) {
  Firms& firms = economy.firms;
  std::vector<std::uint8_t> keep(firms.size(), 1);
  economy.clusters.exits.setZero();
  for (std::size_t i = 0; i < firms.size(); ++i) {
    if (exits(firms, i, economy.parameters.firms)) {
      keep[i] = 0;
      economy.clusters.exits(firms.region[i], firms.industry[i]) += 1.0;
    }
  }
  sim::soa::keep_rows(firms.columns(), keep);
  economy.cluster_index.rebuild(firms, economy.region_count(), economy.industry_count());
}

namespace {

// The productivity an entrant scales its draw by: the cluster's best firm, or for an empty cluster
// the industry's national best scaled by the region's wage relative to the national mean.
double entry_frontier(const Economy& economy, int region, int industry, const Eigen::VectorXd& industry_best) {
  double best = 0.0;
  for (std::int32_t j : economy.cluster_index.members(region, industry)) {
    best = std::max(best, economy.firms.productivity[j]);
  }
  if (best > 0.0) return best;
  const Eigen::VectorXd& wage = economy.regions.talent_wage;
  return industry_best(industry) * wage(region) / wage.mean();
}

}  // namespace

void entry_process(Economy& economy, const sim::TickContext& context) {
  const EntryParameters& p = economy.parameters.entry;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  Clusters& clusters = economy.clusters;

  Eigen::VectorXd industry_best = Eigen::VectorXd::Constant(industries, 1.0);
  {
    Eigen::VectorXd best = Eigen::VectorXd::Zero(industries);
    for (std::size_t i = 0; i < economy.firms.size(); ++i) {
      best(economy.firms.industry[i]) = std::max(best(economy.firms.industry[i]), economy.firms.productivity[i]);
    }
    for (int k = 0; k < industries; ++k) {
      if (best(k) > 0.0) industry_best(k) = best(k);
    }
  }

  clusters.entries.setZero();
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      const double mean = expected_entrants(p, economy.parameters.years_per_tick, economy.cluster_index.size(r, k),
                                            clusters.profit(r, k), clusters.sales(r, k));
      if (mean <= 0.0) continue;
      sim::RandomStream stream = context.streams.stream(static_cast<std::uint64_t>(r) * industries + k);
      const int entrants = boost::random::poisson_distribution<int, double>(mean)(stream);
      if (entrants == 0) continue;
      const double frontier = entry_frontier(economy, r, k, industry_best);
      for (int e = 0; e < entrants; ++e) {
        boost::random::beta_distribution<double> draw(p.productivity_beta_a, p.productivity_beta_b);
        const double productivity = frontier * (p.productivity_floor + (1.0 - p.productivity_floor) * draw(stream));
        add_firm(economy, r, k, productivity, p.initial_net_worth);
      }
      clusters.entries(r, k) = entrants;
    }
  }
  economy.cluster_index.rebuild(economy.firms, regions, industries);
}

}  // namespace models
