#include "models/industrial/market_identities.hpp"

#include <fmt/core.h>

#include "models/core/identities.hpp"

namespace models {

namespace {

double unserved(const Eigen::MatrixXd& lost, int industry) {
  return lost.cols() > industry ? lost.col(industry).sum() : 0.0;
}

}  // namespace

void check_market_identities(const Economy& economy, int tick, std::vector<std::string>& violations) {
  const Clusters& clusters = economy.clusters;
  const Regions& regions = economy.regions;

  // Market clearing: everything spent on an industry, by households (final demand, as far as a future
  // industry's cost lets them buy), by the modelled industries (intermediate demand) and by pilots
  // where local firms exist, less what full machines could not serve, is some firm's sales (iceberg
  // costs included).
  const FutureState& future = economy.future;
  const bool has_future = future.commercial_share.size() == economy.industry_count() &&
                          future.pilot_budget.rows() == economy.region_count();
  const IndustrialChainState& chain = economy.chain;
  const bool has_chain_flows = chain.intermediate_demand.rows() == economy.region_count() &&
                               chain.intermediate_demand.cols() == economy.industry_count() &&
                               chain.intermediate_purchases.rows() == economy.region_count() &&
                               chain.intermediate_purchases.cols() == economy.industry_count();
  for (int k = 0; k < economy.industry_count(); ++k) {
    double pilots = 0.0;
    for (int r = 0; has_future && r < economy.region_count(); ++r) {
      const double bought = future.pilot_purchases(r, k);
      if (!(bought >= 0.0 && bought <= future.pilot_budget(r, k))) {
        violations.push_back(fmt::format("tick {}, region {}, industry {}: pilot purchases {} are not within 0 and "
                                         "the budget {}", tick, regions.names[r], economy.industries.names[k], bought,
                                         future.pilot_budget(r, k)));
      }
      pilots += bought;
    }
    const double spent =
        economy.industries.expenditure_share(k) * (has_future ? future.commercial_share(k) : 1.0) * regions.income.sum() +
        (has_chain_flows ? chain.intermediate_demand.col(k).sum() : 0.0) + pilots - unserved(chain.unserved_final, k) -
        unserved(chain.unserved_intermediate, k);
    const double sold = clusters.sales.col(k).sum();
    // An industry without a firm when the market cleared (its first firms may enter later in the tick)
    // sells nothing and its buyers' spending stays unspent.
    const bool has_firms = clusters.sales.col(k).sum() > 0.0;
    if (has_firms && identity_differs(spent, sold)) {
      violations.push_back(fmt::format("tick {}, industry {}: market clearing: sales {} != expenditure {}", tick,
                                       economy.industries.names[k], sold, spent));
    }
  }

  // Regional accounts: GDP is value added (sales minus intermediate purchases) net of the fixed-cost
  // services the firms buy, plus the background sector's output.
  const MacroState& macro = economy.macro;
  if (macro.background.output.size() != economy.region_count() || macro.firms.fixed_costs.size() != economy.region_count()) return;
  for (int r = 0; r < economy.region_count(); ++r) {
    const double value_added =
        clusters.sales.row(r).sum() - (has_chain_flows ? chain.intermediate_purchases.row(r).sum() : 0.0);
    const double expected = value_added - macro.firms.fixed_costs(r) + macro.background.output(r);
    if (identity_differs(regions.gdp(r), expected)) {
      violations.push_back(fmt::format("tick {}, region {}: GDP = value added - fixed costs + background output: "
                                       "{} != {} - {} + {}",
                                       tick, regions.names[r], regions.gdp(r), value_added, macro.firms.fixed_costs(r),
                                       macro.background.output(r)));
    }
  }
}

}  // namespace models
