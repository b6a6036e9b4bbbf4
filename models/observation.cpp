#include "models/output_helpers.hpp"
#include "models/observation.hpp"

#include <algorithm>

#include "models/capital_chain.hpp"
#include "models/future_industries.hpp"
#include "models/policy_schedule.hpp"
#include "models/staggered_planner.hpp"
#include "models/industrial_chain.hpp"
#include "models/knowledge_chain.hpp"
#include "models/talent_chain.hpp"

namespace models {

using sim::output::Storage;
using sim::output::Variable;

namespace {

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

}  // namespace

std::vector<sim::output::Axis> output_axes(const Economy& economy) {
  // `destination` repeats the regions for region-to-region variables (flows), whose two axes need
  // distinct names.
  return {{"region", "region", economy.regions.names},
          {"industry", "industry", economy.industries.names},
          {"destination", "destination region of a flow", economy.regions.names},
          {"partner", "the other region of a pair", economy.regions.names}};
}

void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  const Clusters& c = economy.clusters;
  const Regions& regions = economy.regions;

  // Static descriptions of the regions.
  registry.add({"latitude", {"region"}, "degree_north", "latitude of the region's capital", false, Storage::float64,
                [&regions](std::span<double> out) { copy_vector(regions.latitude, out); }});
  registry.add({"longitude", {"region"}, "degree_east", "longitude of the region's capital", false, Storage::float64,
                [&regions](std::span<double> out) { copy_vector(regions.longitude, out); }});
  registry.add({"population", {"region"}, "1e4 persons", "resident population at the start", false, Storage::float64,
                [&regions](std::span<double> out) { copy_vector(regions.population, out); }});

  // Per cluster.
  add_cluster_output(registry, c.firms, "firms", "1", "number of firms at the end of the tick", Storage::int32);
  add_cluster_output(registry, c.entries, "entries", "1", "firms that entered during the tick", Storage::int32);
  add_cluster_output(registry, c.exits, "exits", "1", "firms that exited during the tick", Storage::int32);
  add_cluster_output(registry, c.sales, "sales", "1e8 CNY/year", "sales (nominal output), annual rate");
  add_cluster_output(registry, c.output, "output", "1e8 CNY/year",
                   "real output: sales deflated by the industry's national price index, at tick-0 prices, annual rate");
  add_cluster_output(registry, c.employment, "employment", "persons", "production workers and researchers employed");
  add_cluster_output(registry, c.rd_spending, "rd_spending", "1e8 CNY/year", "R&D spending including subsidy, annual rate");
  add_cluster_output(registry, c.rd_subsidy, "rd_subsidy", "1e8 CNY/year", "R&D subsidy paid to firms, annual rate");
  add_cluster_output(registry, c.profit, "profit", "1e8 CNY/year",
                   "profit after fixed cost and own R&D, annual rate");
  add_cluster_output(registry, c.innovations, "innovations", "1", "innovations adopted during the tick", Storage::int32);
  add_cluster_output(registry, c.imitations, "imitations", "1", "imitations adopted during the tick", Storage::int32);
  add_cluster_output(registry, c.mean_productivity, "mean_productivity", "output unit/(person*year)",
                   "sales-weighted mean productivity of the cluster's firms (0 without firms)");
  add_cluster_output(registry, c.frontier_productivity, "frontier_productivity", "output unit/(person*year)",
                   "highest productivity in the cluster (0 without firms)");
  add_cluster_output(registry, c.price_index, "price_index", "1e8 CNY/output unit",
                   "CES price index of the industry for buyers in the region, delivered prices");

  // Per region.
  registry.add({"gdp", {"region"}, "1e8 CNY/year", "gross regional product: background income plus value added, annual rate",
                true, Storage::float64, [&regions](std::span<double> out) { copy_vector(regions.gdp, out); }});
  registry.add({"real_gdp", {"region"}, "1e8 CNY/year",
                "real gross regional product at tick-0 prices: background income plus value added deflated by the industry price index, annual rate", true,
                Storage::float64, [&regions](std::span<double> out) { copy_vector(regions.real_gdp, out); }});
  // Per industry.
  registry.add({"national_price_index", {"industry"}, "1",
                "income-weighted national price index of the industry relative to tick 0", true, Storage::float64,
                [&economy](std::span<double> out) {
                  for (Eigen::Index k = 0; k < economy.national_price_index.size(); ++k) {
                    const double base = economy.initial_price_index(k);
                    out[k] = base > 0.0 ? economy.national_price_index(k) / base : 0.0;
                  }
                }});

  // National.
  registry.add({"gdp_total", {}, "1e8 CNY/year", "national GDP, annual rate", true, Storage::float64,
                [&regions](std::span<double> out) { out[0] = regions.gdp.sum(); }});
  registry.add({"real_gdp_total", {}, "1e8 CNY/year", "national real GDP at tick-0 prices, annual rate", true,
                Storage::float64, [&regions](std::span<double> out) { out[0] = regions.real_gdp.sum(); }});
  declare_talent_outputs(economy, registry);
  declare_knowledge_outputs(economy, registry);
  declare_industrial_chain_outputs(economy, registry);
  declare_capital_outputs(economy, registry);
  declare_policy_outputs(economy, registry);
  declare_staggered_outputs(economy, registry);
  declare_future_outputs(economy, registry);

  declare_firm_panel(economy, registry);

  registry.add({"firms_total", {}, "1", "number of firms in the economy at the end of the tick", true, Storage::int32,
                [&economy](std::span<double> out) { out[0] = static_cast<double>(economy.firms.size()); }});
}

}  // namespace models
