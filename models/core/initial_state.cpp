#include "models/core/initial_state.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "models/core/census.hpp"
#include "models/core/chain.hpp"
#include "models/core/firm_birth.hpp"
#include "models/core/initial_clusters.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/stream_ids.hpp"
#include "sim/random_stream.hpp"
#include "sim/soa.hpp"

namespace models {

std::vector<std::int64_t> allocate_initial_firms(const Eigen::MatrixXd& weight, std::int64_t total) {
  const Eigen::Index regions = weight.rows();
  const Eigen::Index industries = weight.cols();
  const double weight_sum = weight.sum();
  // The ranges keep the weights positive (GDP of at least 0.01, a strategic share of at least 0.1 %, cluster
  // sizes that add up to more than 0); without weight the shares below would be NaN.
  if (!(weight_sum > 0.0 && std::isfinite(weight_sum))) {
    throw std::logic_error(fmt::format("initial firms: the weights of the clusters add up to {}", weight_sum));
  }
  std::vector<std::int64_t> counts(static_cast<std::size_t>(regions * industries));
  std::vector<double> remainder(counts.size());
  std::int64_t assigned = 0;
  for (Eigen::Index r = 0; r < regions; ++r) {
    for (Eigen::Index k = 0; k < industries; ++k) {
      const std::size_t c = static_cast<std::size_t>(r * industries + k);
      const double exact = static_cast<double>(total) * weight(r, k) / weight_sum;
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

std::vector<std::int64_t> allocate_initial_firms(const Eigen::VectorXd& regional_gdp,
                                                 const Eigen::VectorXd& expenditure_share, std::int64_t total) {
  return allocate_initial_firms(Eigen::MatrixXd(regional_gdp * expenditure_share.transpose()), total);
}

Parameters read_parameters(const sim::config::Config& config, const sim::RunSettings& settings) {
  Parameters parameters;
  for (const Chain* chain : chains()) {
    if (chain->read_parameters != nullptr) chain->read_parameters(config, settings, parameters);
  }
  return parameters;
}

namespace {

// The initial firms: each cluster's count from the data's table of cluster sizes, or else in proportion
// to its demand; productivity lognormal with mean 1 in every region.
void create_initial_firms(Economy& economy, const std::optional<Eigen::MatrixXd>& cluster_sizes,
                          const sim::TickStreams& streams) {
  const Parameters& p = economy.parameters;
  const int region_count = economy.region_count();
  const int industry_count = economy.industry_count();
  // Without data firms go where there is demand: an immature future industry starts with as few as its
  // buyers want.
  const std::vector<std::int64_t> counts =
      cluster_sizes ? allocate_initial_firms(*cluster_sizes, p.firms.initial_count)
                    : allocate_initial_firms(economy.regions.initial_gdp,
                                             economy.industries.expenditure_share.cwiseProduct(
                                                 economy.future.commercial_share),
                                             p.firms.initial_count);
  sim::soa::reserve(economy.firms.columns(), static_cast<std::size_t>(p.firms.initial_count) * 3 / 2);
  const double dispersion = p.firms.initial_productivity_dispersion;
  for (int r = 0; r < region_count; ++r) {
    for (int k = 0; k < industry_count; ++k) {
      for (std::int64_t n = 0; n < counts[static_cast<std::size_t>(r * industry_count + k)]; ++n) {
        sim::RandomStream stream = streams.stream(economy.next_firm_id);
        boost::random::normal_distribution<double> normal(0.0, 1.0);
        // No region starts ahead: where productivity ends up is for the dynamics (a burn-in) to find.
        const double productivity = std::exp(dispersion * normal(stream) - 0.5 * dispersion * dispersion);
        add_firm(economy, r, k, productivity, 0.0);
      }
    }
  }
  economy.cluster_index.rebuild(economy.firms, region_count, industry_count);
}

}  // namespace

Economy initial_economy(const sim::config::Config& config, const sim::RunSettings& settings) {
  Economy economy;
  economy.parameters = read_parameters(config, settings);
  economy.regions = read_regions(config);
  economy.industries = read_industries(config, economy.parameters.market);
  for (const Chain* chain : chains()) {
    if (chain->before_firms != nullptr) chain->before_firms(economy, config, settings);
  }
  const sim::TickStreams streams({settings.seed, settings.replicate, stream_id::initialisation}, 0);
  economy.tick = -1;  // the initial firms are born before the first tick
  create_initial_firms(economy,
                       read_initial_clusters(config, economy.regions.names, economy.industries.names), streams);
  for (const Chain* chain : chains()) {
    if (chain->first_clearing != nullptr) chain->first_clearing(economy);
  }
  for (const Chain* chain : chains()) {
    if (chain->after_first_clearing != nullptr) chain->after_first_clearing(economy);
  }
  census_process(economy, {0, streams});
  economy.tick = 0;
  return economy;
}

Economy initial_economy(const sim::config::Config& config) {
  return initial_economy(config, sim::read_run_settings(config));
}

}  // namespace models
