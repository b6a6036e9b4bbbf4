#include "models/initial_state.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <numeric>

#include "models/capital_chain.hpp"
#include "models/census.hpp"
#include "models/entry_exit.hpp"
#include "models/future_industries.hpp"
#include "models/policy_schedule.hpp"
#include "models/staggered_planner.hpp"
#include "models/geography.hpp"
#include "models/industrial_chain.hpp"
#include "models/knowledge_chain.hpp"
#include "models/talent_chain.hpp"
#include "models/market.hpp"
#include "models/scenario.hpp"
#include "sim/random_stream.hpp"
#include "sim/soa.hpp"

namespace models {

std::vector<std::int64_t> allocate_initial_firms(const Eigen::VectorXd& regional_gdp,
                                                 const Eigen::VectorXd& expenditure_share, std::int64_t total) {
  const Eigen::Index regions = regional_gdp.size();
  const Eigen::Index industries = expenditure_share.size();
  const double weight_sum = regional_gdp.sum() * expenditure_share.sum();
  std::vector<std::int64_t> counts(static_cast<std::size_t>(regions * industries));
  std::vector<double> remainder(counts.size());
  std::int64_t assigned = 0;
  for (Eigen::Index r = 0; r < regions; ++r) {
    for (Eigen::Index k = 0; k < industries; ++k) {
      const std::size_t c = static_cast<std::size_t>(r * industries + k);
      const double exact = static_cast<double>(total) * regional_gdp(r) * expenditure_share(k) / weight_sum;
      counts[c] = static_cast<std::int64_t>(std::floor(exact));
      remainder[c] = exact - std::floor(exact);
      assigned += counts[c];
    }
  }
  std::vector<std::size_t> order(counts.size());
  std::iota(order.begin(), order.end(), 0);
  // Largest remainders first; ties go to the lower cluster id so the split is deterministic.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t i = 0; assigned < total; ++i, ++assigned) ++counts[order[i % order.size()]];
  return counts;
}

Economy initial_economy(const sim::config::Config& config) {
  Economy economy;
  economy.parameters = read_parameters(config);
  economy.regions = read_regions(config);
  economy.industries = read_industries(config);
  // The levers in force at the start: policy.* values, then the schedule's entries of tick 0.
  economy.levers = read_levers(config, economy.region_count());
  economy.policy_schedule = read_policy_schedule(config, economy.regions.names);
  apply_policy_changes(economy.levers, economy.policy_schedule, 0);
  economy.future.pilots = read_pilots(config, economy.regions.names, economy.industries.names);
  const Parameters& p = economy.parameters;
  Regions& regions = economy.regions;
  const int region_count = economy.region_count();
  const int industry_count = economy.industry_count();

  regions.distance_km = great_circle_km(regions.latitude, regions.longitude);
  initialise_talent_wages(economy);
  regions.background_income = regions.initial_gdp * (1.0 - p.market.strategic_expenditure_share);
  regions.gdp = regions.initial_gdp;
  regions.income = regions.initial_gdp;

  update_geography(economy);
  economy.clusters.resize(region_count, industry_count);
  initialise_future_industries(economy);

  // Firms go where there is demand: an immature future industry starts with as few as its buyers want.
  const std::vector<std::int64_t> counts = allocate_initial_firms(
      regions.initial_gdp, economy.industries.expenditure_share.cwiseProduct(economy.future.commercial_share),
      p.firms.initial_count);
  sim::soa::reserve(economy.firms.columns(), static_cast<std::size_t>(p.firms.initial_count) * 3 / 2);
  const sim::TickStreams streams({static_cast<std::uint64_t>(config.integer("simulation.seed")),
                                  static_cast<std::uint32_t>(config.integer("simulation.replicate")),
                                  sim::process_id("initialisation")},
                                 0);
  const double mean_wage = economy.talent.wage.mean();
  const double dispersion = p.firms.initial_productivity_dispersion;
  economy.tick = -1;
  for (int r = 0; r < region_count; ++r) {
    for (int k = 0; k < industry_count; ++k) {
      for (std::int64_t n = 0; n < counts[static_cast<std::size_t>(r * industry_count + k)]; ++n) {
        sim::RandomStream stream = streams.stream(economy.next_firm_id);
        boost::random::normal_distribution<double> normal(0.0, 1.0);
        // Productivity tracks the regional wage so that unit costs start comparable across regions;
        // the lognormal spread has mean 1.
        const double productivity =
            economy.talent.wage(r) / mean_wage * std::exp(dispersion * normal(stream) - 0.5 * dispersion * dispersion);
        add_firm(economy, r, k, productivity, 0.0);
      }
    }
  }
  economy.cluster_index.rebuild(economy.firms, region_count, industry_count);

  initialise_industrial_chain(economy);
  clear_market(economy);
  economy.initial_price_index = economy.national_price_index;
  clear_market(economy);  // again, now that the deflator's base exists
  set_initial_experience(economy);
  Firms& firms = economy.firms;
  for (std::size_t i = 0; i < firms.size(); ++i) firms.net_worth[i] = p.firms.initial_net_worth_to_sales * firms.sales[i];
  initialise_planner(economy);
  initialise_talent(economy);
  initialise_knowledge(economy);
  initialise_capital(economy);
  census_process(economy, {0, streams});
  economy.tick = 0;
  return economy;
}

}  // namespace models
