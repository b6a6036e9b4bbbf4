#include "models/core/firm_panel.hpp"

#include <algorithm>
#include <cmath>

namespace models {

using sim::output::Storage;

namespace {

// Machines change only in the investment step, before the market: the capacity now is that of the clearing.
double capacity_use(const Firms& firms, std::size_t i) {
  return firms.capacity[i] > 0.0 ? firms.output[i] / firms.capacity[i] : 0.0;
}

// The ring holds the spending of the last investment_window_ticks ticks; a year is the last
// round(1 / dt) of them (12 at most: ticks are whole months).
double investment_over_year(const Firms& firms, std::size_t i, int tick, double years_per_tick) {
  const int ticks = std::min(investment_window_ticks, static_cast<int>(std::lround(1.0 / years_per_tick)));
  double spent = 0.0;
  for (int back = 0; back < ticks && tick - back >= 0; ++back) {
    spent += firms.recent_investment[i][static_cast<std::size_t>(tick - back) % investment_window_ticks];
  }
  return spent;
}

}  // namespace

// The firm panel: one row per living firm at each snapshot (output.snapshot_every), for
// micro-econometrics, in the file's group `firm_panel`. Region and industry are 0-based indices into
// the root's `region` and `industry` axes.
void declare_firm_panel(const Economy& economy, sim::output::Registry& registry) {
  using sim::output::Column;
  registry.add_table(
      {"firm_record",
       "firm-level snapshot record",
       {Column{.name = "firm_id", .units = "1", .long_name = "Firm id", .description = "firm identifier, unique within the run", .storage = Storage::int64},
        Column{.name = "firm_region", .units = "1", .long_name = "Region index", .description = "0-based index of the firm's region in the region axis", .storage = Storage::int64},
        Column{.name = "firm_industry", .units = "1", .long_name = "Industry index", .description = "0-based index of the firm's industry in the industry axis", .storage = Storage::int64},
        Column{.name = "firm_age", .units = "year", .long_name = "Firm age", .description = "years since the firm entered (initial firms: since the start of the run)"},
        Column{.name = "firm_productivity", .units_note = "output unit/(person*year)", .long_name = "Productivity", .description = "productivity of its installed machines (of the firm itself without investment.enabled)"},
        Column{.name = "firm_sales", .units_note = "1e8 CNY/year", .long_name = "Sales", .description = "sales, annual rate"},
        Column{.name = "firm_output", .units_note = "output unit/year", .long_name = "Real output", .description = "real output, annual rate"},
        Column{.name = "firm_talent", .units = "1", .units_note = "persons", .long_name = "Talent employed", .description = "talent employed (production workers and researchers)"},
        Column{.name = "firm_net_worth", .units_note = "1e8 CNY", .long_name = "Net worth", .description = "net worth: machines at book value plus deposits less debt"},
        Column{.name = "firm_debt", .units_note = "1e8 CNY", .long_name = "Debt", .description = "debt: what machines and losses took beyond the firm's money, within the credit limit"},
        Column{.name = "firm_leading", .units = "1", .long_name = "Leading enterprise", .description = "1 if a leading enterprise of its cluster, else 0", .storage = Storage::int64},
        Column{.name = "firm_capital", .units_note = "1e8 CNY", .long_name = "Capital", .description = "book value of its machines at the end of the tick"},
        Column{.name = "firm_investment", .units_note = "1e8 CNY/year", .long_name = "Investment", .description = "machines bought in the tick, annual rate"},
        Column{.name = "firm_investment_year", .units_note = "1e8 CNY", .long_name = "Investment over the year", .description = "machines bought over the past year: this tick and the ticks before it, one year in all (since the firm's birth if younger)"},
        Column{.name = "firm_capacity_use", .units = "1", .long_name = "Capacity use", .description = "output over what its machines could make at the clearing (0 without machines)"},
        Column{.name = "firm_market_share", .units = "1", .long_name = "Market share", .description = "share of its cluster's orders at the clearing"},
        Column{.name = "firm_technology", .units_note = "output unit/(person*year)", .long_name = "Best technology", .description = "productivity of a machine it would install now"}},
       [&economy](std::vector<std::vector<double>>& columns) {
         const Firms& firms = economy.firms;
         const double years = economy.parameters.years_per_tick;
         for (std::size_t i = 0; i < firms.size(); ++i) {
           columns[0].push_back(static_cast<double>(firms.id[i]));
           columns[1].push_back(firms.region[i]);
           columns[2].push_back(firms.industry[i]);
           // Initial firms carry birth tick -1: at the end of tick t they have lived t + 1 ticks.
           columns[3].push_back((economy.tick - firms.birth_tick[i]) * years);
           columns[4].push_back(firms.productivity[i]);
           columns[5].push_back(firms.sales[i]);
           columns[6].push_back(firms.output[i]);
           columns[7].push_back(firms.employment[i]);
           columns[8].push_back(firms.net_worth[i]);
           columns[9].push_back(firms.debt[i]);
           columns[10].push_back(firms.leading[i]);
           columns[11].push_back(firms.capital[i]);
           columns[12].push_back(firms.investment[i]);
           columns[13].push_back(investment_over_year(firms, i, economy.tick, years));
           columns[14].push_back(capacity_use(firms, i));
           columns[15].push_back(firms.market_share[i]);
           columns[16].push_back(firms.technology[i]);
         }
       },
       "firm_panel"});
}

}  // namespace models
