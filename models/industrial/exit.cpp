#include "models/industrial/exit.hpp"

#include <cstdint>
#include <vector>

#include <algorithm>

#include "models/capital/credit.hpp"
#include "models/industrial/entry.hpp"
#include "models/policy/wasted_subsidies.hpp"
#include "sim/parallel.hpp"
#include "sim/soa.hpp"

namespace models {

bool exits(const Firms& firms, std::size_t firm, const FirmParameters& parameters, double credit_limit) {
  return liquid_assets(firms, firm) < -credit_limit || firms.low_share_ticks[firm] >= parameters.low_share_ticks_to_exit;
}

void mark_free_exits(const Economy& economy, std::vector<std::uint8_t>& leaving) {
  const Firms& firms = economy.firms;
  std::vector<std::int32_t> staying;
  for (int r = 0; r < economy.region_count(); ++r) {
    for (int k = 0; k < economy.industry_count(); ++k) {
      staying.clear();
      for (const std::int32_t i : economy.cluster_index.members(r, k)) {
        if (!leaving[static_cast<std::size_t>(i)]) staying.push_back(i);
      }
      if (staying.empty()) continue;
      EntrantMargins margins = entrant_margins(economy, r, k);
      margins.margin -= machine_cost_per_sales(economy, r, k);
      margins.fixed_cost *= 1.0 - 1e-9;
      const auto allowed = static_cast<std::size_t>(free_entry_firm_count(margins, economy.clusters.sales(r, k)));
      if (staying.size() <= allowed) continue;
      std::stable_sort(staying.begin(), staying.end(), [&](std::int32_t a, std::int32_t b) {
        if (firms.productivity[a] != firms.productivity[b]) return firms.productivity[a] < firms.productivity[b];
        return a > b;  // firms are appended as they enter: the later index is the younger firm
      });
      for (std::size_t m = 0; m < staying.size() - allowed; ++m) leaving[static_cast<std::size_t>(staying[m])] = 1;
    }
  }
}

void exit_process(Economy& economy, const sim::TickContext&) {
  Firms& firms = economy.firms;
  const double years = economy.parameters.years_per_tick;
  CapitalState& capital = economy.capital;
  economy.clusters.exits.setZero();
  std::vector<std::uint8_t> leaving(firms.size(), 0);
  sim::parallel::for_each_block(firms.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const double collateral = economy.parameters.investment.collateral_share * firms.capital[i];
      leaving[i] = exits(firms, i, economy.parameters.firms,
                         credit_limit(economy.levers.credit_multiple(firms.region[i]), firms.sales[i], years, collateral));
    }
  });
  if (economy.parameters.entry.mode == EntryMode::free) mark_free_exits(economy, leaving);
  std::vector<std::uint8_t> keep(firms.size(), 1);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    if (leaving[i]) {
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
  economy.cluster_index.rebuild(firms, economy.region_count(), economy.industry_count());
  record_debt(economy);  // the debt of exiting firms is written off
}

}  // namespace models
