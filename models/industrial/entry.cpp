#include "models/industrial/entry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "models/industrial/fixed_costs.hpp"
#include "models/industrial/market.hpp"
#include "models/knowledge/spillovers.hpp"
#include "models/macro/spending.hpp"
#include "models/policy/staggered_development.hpp"
#include "sim/parallel.hpp"
#include "sim/random_draws.hpp"

namespace models {

double talent_slack(double talent_stock, double talent_employed) {
  constexpr double lowest = 0.25;
  constexpr double highest = 4.0;
  if (talent_employed <= 0.0) return talent_stock > 0.0 ? highest : 1.0;
  return std::clamp(talent_stock / talent_employed, lowest, highest);
}

double venture_capital_share(double venture_capital, double cluster_sales) {
  if (venture_capital <= 0.0) return 0.0;
  if (cluster_sales <= 0.0) return 1.0;
  return std::min(1.0, venture_capital / cluster_sales);
}

double expected_entrants(const EntryParameters& entry, const KnowledgeParameters& knowledge, double years_per_tick,
                         const EntryConditions& c) {
  const double margin = c.cluster_sales > 0.0 ? c.cluster_profit / c.cluster_sales : 0.0;
  const double knowledge_factor =
      1.0 + knowledge.entry_knowledge_sensitivity * pool_saturation(c.knowledge_pool, knowledge.pool_half_saturation);
  const double talent_factor = std::pow(talent_slack(c.talent_stock, c.talent_employed), knowledge.entry_talent_elasticity);
  return years_per_tick * (entry.base_rate + entry.rate_per_firm * c.incumbents) *
         std::exp(entry.profit_sensitivity * margin) * knowledge_factor * talent_factor *
         (1.0 + entry.vc_sensitivity * venture_capital_share(c.venture_capital, c.cluster_sales)) * c.planning_factor;
}

Eigen::VectorXd industry_best_productivity(const Economy& economy) {
  const int industries = economy.industry_count();
  const Firms& firms = economy.firms;
  // Each block of rows its own maxima, then the maxima of those: a maximum does not depend on the order.
  const auto blocks = static_cast<Eigen::Index>(sim::parallel::block_count(firms.size()));
  Eigen::MatrixXd block_best = Eigen::MatrixXd::Zero(industries, blocks);
  sim::parallel::for_each_block(firms.size(), [&](std::size_t begin, std::size_t end) {
    auto best = block_best.col(static_cast<Eigen::Index>(begin / sim::parallel::block_rows));
    for (std::size_t i = begin; i < end; ++i) {
      best(firms.industry[i]) = std::max(best(firms.industry[i]), firms.productivity[i]);
    }
  });
  Eigen::VectorXd best = Eigen::VectorXd::Zero(industries);
  for (Eigen::Index b = 0; b < block_best.cols(); ++b) best = best.cwiseMax(block_best.col(b));
  for (int k = 0; k < industries; ++k) {
    if (best(k) <= 0.0) best(k) = 1.0;
  }
  return best;
}

double entry_frontier(const Economy& economy, int region, int industry, const Eigen::VectorXd& industry_best) {
  double best = 0.0;
  for (std::int32_t j : economy.cluster_index.members(region, industry)) {
    best = std::max(best, economy.firms.productivity[j]);
  }
  if (best > 0.0) return best;
  const Eigen::VectorXd& wage = economy.talent.wage;
  return industry_best(industry) * wage(region) / wage.mean();
}

double entrant_productivity(const EntryParameters& p, double frontier, sim::RandomStream& stream) {
  const double draw = sim::draw_beta(p.productivity_beta_a, p.productivity_beta_b, stream,
                                     [] { return std::string("an entrant's productivity"); });
  return frontier * (p.productivity_floor + (1.0 - p.productivity_floor) * draw);
}

std::string cluster_label(const Economy& economy, int region, int industry) {
  return fmt::format("{}, {}", economy.regions.names[region], economy.industries.names[industry]);
}

void check_firm_limit(const Economy& economy, std::int64_t founded, std::string_view process, int region,
                      int industry) {
  const std::int64_t limit = economy.parameters.firms.max_count;
  const auto firms = static_cast<std::int64_t>(economy.firms.size());
  if (founded > limit - firms) {
    throw sim::ModelFailure(fmt::format(
        "{} of {} would found {} firms, taking the firm population from {} past firms.max_count = {}: a population "
        "growing this fast means parameters outside what the model is built for (entry.*, knowledge.spinoff_rate, "
        "firms.fixed_cost); raise firms.max_count only for a scenario meant to hold that many firms",
        process, cluster_label(economy, region, industry), founded, firms, limit));
  }
}

void found_firm(Economy& economy, int region, int industry, double productivity) {
  const double net_worth = economy.parameters.entry.initial_net_worth * reference_growth(economy);
  add_firm(economy, region, industry, productivity, net_worth);
  economy.capital.entered_net_worth(region) += net_worth;
}

std::int64_t found_firms(Economy& economy, std::string_view process, int region, int industry, double mean,
                         const sim::TickStreams& streams, const Eigen::VectorXd& industry_best) {
  if (mean == 0.0) return 0;
  const EntryParameters& p = economy.parameters.entry;
  sim::RandomStream stream =
      streams.stream(static_cast<std::uint64_t>(region) * economy.industry_count() + industry);
  const std::int64_t founded = sim::draw_poisson(mean, stream, [&] {
    return fmt::format("{} of {}", process, cluster_label(economy, region, industry));
  });
  if (founded == 0) return 0;
  check_firm_limit(economy, founded, process, region, industry);
  const double frontier = entry_frontier(economy, region, industry, industry_best);
  for (std::int64_t n = 0; n < founded; ++n) {
    found_firm(economy, region, industry, entrant_productivity(p, frontier, stream));
  }
  return founded;
}

EntrantMargins entrant_margins(const Economy& economy, int region, int industry) {
  const double operating_surplus = 1.0 / economy.industries.elasticity(industry);
  const double own_rd = economy.parameters.innovation.rd_share_of_sales;
  return {operating_surplus - own_rd, fixed_cost(economy, region)};
}

double machine_cost_per_sales(const Economy& economy, int region, int industry) {
  const InvestmentParameters& p = economy.parameters.investment;
  const double sales = economy.clusters.sales(region, industry);
  if (!p.enabled || !(sales > 0.0)) return 0.0;
  const double user_cost = p.depreciation_rate + economy.parameters.capital.interest_rate;
  return user_cost * economy.clusters.capital(region, industry) / sales;
}

double expected_entrant_profit(const EntrantMargins& margins, double cluster_sales, int firms) {
  return margins.margin * cluster_sales / firms - margins.fixed_cost;
}

int free_entry_firm_count(const EntrantMargins& margins, double cluster_sales) {
  if (!(margins.fixed_cost > 0.0)) throw std::invalid_argument("free entry needs a positive fixed cost");
  if (margins.margin <= 0.0 || cluster_sales <= 0.0) return 0;
  const double bound = std::floor(cluster_sales * margins.margin / margins.fixed_cost);
  if (!(bound < static_cast<double>(std::numeric_limits<int>::max()))) {
    throw sim::ModelFailure(fmt::format("free entry: a cluster's sales of {} would take {} firms, more than can be "
                                        "counted (firms.fixed_cost too small for the cluster's sales)",
                                        cluster_sales, bound));
  }
  int count = static_cast<int>(bound);
  // The quotient's rounding may leave the count one off the last firm that breaks even: settle it on
  // the profit itself, so that the count and expected_entrant_profit never disagree.
  while (count > 0 && expected_entrant_profit(margins, cluster_sales, count) < 0.0) --count;
  while (expected_entrant_profit(margins, cluster_sales, count + 1) >= 0.0) ++count;
  return count;
}


double cluster_mean_productivity(const Economy& economy, int region, int industry, const Eigen::VectorXd& industry_best) {
  const auto members = economy.cluster_index.members(region, industry);
  if (members.empty()) return entry_frontier(economy, region, industry, industry_best);
  // Firms of a cluster share wage, input prices, co-location and market access, so their sales go as
  // price^(1 - sigma), that is as a^exponent.
  const double exponent = (economy.industries.elasticity(industry) - 1.0) * (1.0 - priced_input_shares(economy)(industry));
  double sum = 0.0;
  for (std::int32_t j : members) sum += std::pow(economy.firms.productivity[j], exponent);
  return std::pow(sum / static_cast<double>(members.size()), 1.0 / exponent);
}

namespace {

// Poisson entrants per cluster, each drawn from the cluster's stream.
void poisson_entry(Economy& economy, const sim::TickContext& context) {
  const EntryParameters& p = economy.parameters.entry;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  Clusters& clusters = economy.clusters;
  const Eigen::VectorXd industry_best = industry_best_productivity(economy);
  const Eigen::VectorXd employed = clusters.employment.rowwise().sum();
  const CapitalState& capital = economy.capital;
  const Eigen::MatrixXd cluster_investment =
      capital.vc_received + capital.guidance_investment + capital.private_coinvestment;

  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      // What the market pays: a profit above the operating margin 1 / sigma of sales is interest on
      // money not yet spent (venture capital, founders' capital), no signal of demand.
      const double market_profit = std::min(clusters.profit(r, k), clusters.sales(r, k) / economy.industries.elasticity(k));
      const EntryConditions conditions{economy.cluster_index.size(r, k), market_profit, clusters.sales(r, k),
                                       economy.knowledge.pool(r, k),     economy.talent.stock(r), employed(r),
                                       cluster_investment(r, k),         entry_planning_factor(economy, r, k)};
      const double mean =
          expected_entrants(p, economy.parameters.knowledge, economy.parameters.years_per_tick, conditions);
      clusters.entries(r, k) =
          static_cast<double>(found_firms(economy, "entry", r, k, mean, context.streams, industry_best));
    }
  }
}

// Entrants up to n* per cluster, at the cluster's mean productivity: each then expects the cluster's
// mean sales, so the zero-profit condition of the mean firm is the entrant's own. No draw.
void free_entry(Economy& economy) {
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const Eigen::VectorXd industry_best = industry_best_productivity(economy);
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      const int incumbents = economy.cluster_index.size(r, k);
      EntrantMargins margins = entrant_margins(economy, r, k);
      margins.margin -= machine_cost_per_sales(economy, r, k);
      const int entrants = std::max(0, free_entry_firm_count(margins, economy.clusters.sales(r, k)) - incumbents);
      if (entrants == 0) continue;
      check_firm_limit(economy, entrants, "free entry", r, k);
      const double productivity = cluster_mean_productivity(economy, r, k, industry_best);
      for (int n = 0; n < entrants; ++n) found_firm(economy, r, k, productivity);
      economy.clusters.entries(r, k) = entrants;
    }
  }
}

}  // namespace

void entry_process(Economy& economy, const sim::TickContext& context) {
  economy.clusters.entries.setZero();
  if (economy.parameters.entry.mode == EntryMode::free) {
    free_entry(economy);
  } else {
    poisson_entry(economy, context);
  }
  economy.cluster_index.rebuild(economy.firms, economy.region_count(), economy.industry_count());
}

}  // namespace models
