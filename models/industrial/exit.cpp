#include "models/industrial/exit.hpp"

#include <cstdint>
#include <vector>

#include "models/capital/credit.hpp"
#include "models/policy/wasted_subsidies.hpp"
#include "sim/soa.hpp"

namespace models {

bool exits(const Firms& firms, std::size_t firm, const FirmParameters& parameters, double credit_limit) {
  return firms.net_worth[firm] < -credit_limit || firms.low_share_ticks[firm] >= parameters.low_share_ticks_to_exit;
}

void exit_process(Economy& economy, const sim::TickContext&) {
  Firms& firms = economy.firms;
  std::vector<std::uint8_t> keep(firms.size(), 1);
  const double years = economy.parameters.years_per_tick;
  CapitalState& capital = economy.capital;
  economy.clusters.exits.setZero();
  for (std::size_t i = 0; i < firms.size(); ++i) {
    if (exits(firms, i, economy.parameters.firms, credit_limit(economy.levers.credit_multiple(firms.region[i]), firms.sales[i], years))) {
      keep[i] = 0;
      economy.clusters.exits(firms.region[i], firms.industry[i]) += 1.0;
      capital.exited_net_worth(firms.region[i]) += firms.net_worth[i];  // leaves the books
      // What is left goes back to the owners; a debt beyond the firm's means is the bank's loss.
      if (firms.net_worth[i] > 0.0) capital.liquidations(firms.region[i]) += firms.net_worth[i];
      else capital.write_offs(firms.region[i]) -= firms.net_worth[i];
      book_wasted_subsidies(economy, i);
    }
  }
  sim::soa::keep_rows(firms.columns(), keep);
  record_debt(economy);  // the debt of exiting firms is written off
  economy.cluster_index.rebuild(firms, economy.region_count(), economy.industry_count());
}

}  // namespace models
