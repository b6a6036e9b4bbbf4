#include "models/industrial/exit.hpp"

#include <cstdint>
#include <vector>

#include "models/capital/credit.hpp"
#include "models/policy/wasted_subsidies.hpp"
#include "sim/soa.hpp"

namespace models {

bool exits(const Firms& firms, std::size_t firm, const FirmParameters& parameters, double credit_limit) {
  return liquid_assets(firms, firm) < -credit_limit || firms.low_share_ticks[firm] >= parameters.low_share_ticks_to_exit;
}

void exit_process(Economy& economy, const sim::TickContext&) {
  Firms& firms = economy.firms;
  std::vector<std::uint8_t> keep(firms.size(), 1);
  const double years = economy.parameters.years_per_tick;
  CapitalState& capital = economy.capital;
  economy.clusters.exits.setZero();
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const double collateral = economy.parameters.investment.collateral_share * firms.capital[i];
    if (exits(firms, i, economy.parameters.firms,
              credit_limit(economy.levers.credit_multiple(firms.region[i]), firms.sales[i], years, collateral))) {
      keep[i] = 0;
      const int r = firms.region[i];
      economy.clusters.exits(r, firms.industry[i]) += 1.0;
      capital.exited_net_worth(r) += firms.net_worth[i];  // leaves the books
      // The machines are scrapped; what is left of the firm's money goes back to the owners, a debt
      // beyond it is the bank's loss.
      capital.scrapped_capital(r) += firms.capital[i];
      const double money = liquid_assets(firms, i);
      if (money > 0.0) capital.liquidations(r) += money;
      else capital.write_offs(r) -= money;
      book_wasted_subsidies(economy, i);
    }
  }
  sim::soa::keep_rows(firms.columns(), keep);
  record_debt(economy);  // the debt of exiting firms is written off
  economy.cluster_index.rebuild(firms, economy.region_count(), economy.industry_count());
}

}  // namespace models
