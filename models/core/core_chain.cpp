#include "models/core/core_chain.hpp"

#include <string>

#include "models/core/census.hpp"
#include "models/core/open_tick.hpp"
#include "models/core/output_helpers.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/stream_ids.hpp"

namespace models {

namespace {

using sim::output::Storage;

// Regions and industries, then processes.<name> for every process a scenario may switch off, in the
// order of the tick.
void declare_keys(sim::config::Schema& schema) {
  declare_regions_and_industries(schema);
  for (const ProcessSpec* process : processes_in_step_order()) {
    if (process->switch_description == nullptr) continue;
    schema.add({.path = std::string("processes.") + process->name, .kind = sim::config::Kind::boolean,
                .default_value = true, .unit = "", .description = process->switch_description});
  }
}

void read_parameters(const sim::config::Config&, const sim::RunSettings& settings, Parameters& parameters) {
  parameters.years_per_tick = static_cast<double>(settings.calendar.months_per_tick) / 12.0;
}

// GDP at the start is the data's; final spending at the start is set by the macroeconomic closure
// (models/macro/macro_initial.cpp).
void before_firms(Economy& economy, const sim::config::Config&, const sim::RunSettings&) {
  Regions& regions = economy.regions;
  regions.gdp = regions.initial_gdp;
  regions.income = regions.initial_gdp;
  economy.clusters.resize(economy.region_count(), economy.industry_count());
}

// The regions' description, then the clusters and regions as the processes of every chain leave them
// at the end of a tick.
void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  const Regions& regions = economy.regions;
  const Clusters& c = economy.clusters;
  registry.add({"latitude", {"region"}, "degree_north", "latitude of the region's capital", false, Storage::float64,
                [&regions](std::span<double> out) { copy_vector(regions.latitude, out); }});
  registry.add({"longitude", {"region"}, "degree_east", "longitude of the region's capital", false, Storage::float64,
                [&regions](std::span<double> out) { copy_vector(regions.longitude, out); }});
  registry.add({"population", {"region"}, "1e4 persons", "resident population at the start", false, Storage::float64,
                [&regions](std::span<double> out) { copy_vector(regions.population, out); }});
  add_cluster_output(registry, c.firms, "firms", "1", "number of firms at the end of the tick", Storage::int32);
  add_cluster_output(registry, c.entries, "entries", "1", "firms that entered during the tick", Storage::int32);
  add_cluster_output(registry, c.exits, "exits", "1", "firms that exited during the tick", Storage::int32);
  add_cluster_output(registry, c.sales, "sales", "1e8 CNY/year", "sales (nominal output), annual rate");
  add_cluster_output(registry, c.employment, "employment", "persons", "production workers and researchers employed");
  add_cluster_output(registry, c.rd_spending, "rd_spending", "1e8 CNY/year", "R&D spending including subsidy, annual rate");
  add_cluster_output(registry, c.rd_subsidy, "rd_subsidy", "1e8 CNY/year", "R&D subsidy paid to firms, annual rate");
  add_cluster_output(registry, c.profit, "profit", "1e8 CNY/year",
                   "profit after fixed cost, own R&D, interest and the wear and scrapping of machines, annual rate");
  add_cluster_output(registry, c.innovations, "innovations", "1", "innovations adopted during the tick", Storage::int32);
  add_cluster_output(registry, c.imitations, "imitations", "1", "imitations adopted during the tick", Storage::int32);
  add_cluster_output(registry, c.mean_productivity, "mean_productivity", "output unit/(person*year)",
                   "sales-weighted mean productivity of the cluster's firms (0 without firms)");
  add_cluster_output(registry, c.frontier_productivity, "frontier_productivity", "output unit/(person*year)",
                   "highest productivity in the cluster (0 without firms)");
  add_cluster_output(registry, c.price_index, "price_index", "1e8 CNY/output unit",
                   "CES price index of the industry for buyers in the region, delivered prices");
  registry.add({"gdp", {"region"}, "1e8 CNY/year", "gross regional product: value added of the modelled industries (net of the services they buy) and output of the background sector, annual rate",
                true, Storage::float64, [&regions](std::span<double> out) { copy_vector(regions.gdp, out); }});
  registry.add({"national_price_index", {"industry"}, "1",
                "income-weighted national price index of the industry relative to tick 0", true, Storage::float64,
                [&economy](std::span<double> out) {
                  for (Eigen::Index k = 0; k < economy.national_price_index.size(); ++k) {
                    const double base = economy.initial_price_index(k);
                    out[k] = base > 0.0 ? economy.national_price_index(k) / base : 0.0;
                  }
                }});
  registry.add({"gdp_total", {}, "1e8 CNY/year", "national GDP, annual rate", true, Storage::float64,
                [&regions](std::span<double> out) { out[0] = regions.gdp.sum(); }});
}

constexpr ProcessSpec processes[] = {
    {"open_tick", 1, stream_id::open_tick, open_tick_process},
    {"census", 24, stream_id::census, census_process},
};

}  // namespace

const Chain core_chain{
    .name = "core",
    .declare_keys = declare_keys,
    .read_parameters = read_parameters,
    .before_firms = before_firms,
    .processes = processes,
    .declare_outputs = declare_outputs,
};

}  // namespace models
