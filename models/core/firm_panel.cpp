#include "models/core/firm_panel.hpp"

namespace models {

using sim::output::Storage;

// The firm panel: one row per living firm at each snapshot (output.snapshot_every), for
// micro-econometrics. Region and industry are 0-based indices into the `region` and `industry` axes.
void declare_firm_panel(const Economy& economy, sim::output::Registry& registry) {
  using sim::output::Column;
  registry.add_table(
      {"firm_record",
       "firm-level snapshot record",
       {Column{"firm_id", "1", "firm identifier, unique within the run", Storage::int32},
        Column{"firm_region", "1", "0-based index of the firm's region in the region axis", Storage::int32},
        Column{"firm_industry", "1", "0-based index of the firm's industry in the industry axis", Storage::int32},
        Column{"firm_age", "year", "years since the firm entered (initial firms: since the start of the run)"},
        Column{"firm_productivity", "output unit/(person*year)", "productivity"},
        Column{"firm_sales", "1e8 CNY/year", "sales, annual rate"},
        Column{"firm_output", "output unit/year", "real output, annual rate"},
        Column{"firm_talent", "persons", "talent employed (production workers and researchers)"},
        Column{"firm_net_worth", "1e8 CNY", "net worth"},
        Column{"firm_debt", "1e8 CNY", "debt: the negative part of net worth, borrowed within the credit limit"},
        Column{"firm_leading", "1", "1 if a leading enterprise of its cluster, else 0", Storage::int32}},
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
         }
       }});
}

}  // namespace models
