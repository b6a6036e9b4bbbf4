#include "models/core/core_chain.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <string>
#include <tuple>

#include "models/core/census.hpp"
#include "models/core/initial_clusters.hpp"
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
  declare_initial_clusters_key(schema);
  for (const ProcessSpec* process : processes_in_step_order()) {
    if (process->switch_description == nullptr) continue;
    schema.add({.path = std::string("processes.") + process->name, .kind = sim::config::Kind::boolean,
                .default_value = true, .unit = "", .description = process->switch_description});
  }
}

void check(const sim::config::Config& config, const sim::RunSettings&, const ScenarioNames& names) {
  read_initial_clusters(config, names.regions, names.industries);
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
  // Coordinates: named in the `coordinates` attribute of every variable along their axis.
  registry.add({.name = "latitude", .axes = {"region"}, .units = "degree_north", .long_name = "Latitude",
                .description = "latitude of the region's capital", .time_series = false,
                .sample = [&regions](std::span<double> out) { copy_vector(regions.latitude, out); },
                .coordinate = true});
  registry.add({.name = "longitude", .axes = {"region"}, .units = "degree_east", .long_name = "Longitude",
                .description = "longitude of the region's capital", .time_series = false,
                .sample = [&regions](std::span<double> out) { copy_vector(regions.longitude, out); },
                .coordinate = true});
  const Industries& industries = economy.industries;
  registry.add({.name = "industry_digital", .axes = {"industry"}, .units = "1", .long_name = "Digital industry",
                .description = "1 if the industry's knowledge penetrates the others (digital), else 0",
                .time_series = false, .storage = Storage::int64,
                .sample = [&industries](std::span<double> out) {
                  for (std::size_t k = 0; k < industries.digital.size(); ++k) out[k] = industries.digital[k] ? 1.0 : 0.0;
                },
                .coordinate = true});
  registry.add({.name = "population", .axes = {"region"}, .units = "1e4", .units_note = "1e4 persons",
                .long_name = "Population at the start", .description = "resident population at the start",
                .time_series = false,
                .sample = [&regions](std::span<double> out) { copy_vector(regions.population, out); }});
  add_cluster_output(registry, c.firms,
                     {.name = "firms", .units = "1", .units_note = "firms", .long_name = "Firms",
                      .description = "number of firms at the end of the tick", .storage = Storage::int64});
  add_cluster_output(registry, c.entries,
                     {.name = "entries", .units = "1", .units_note = "firms", .long_name = "Entries",
                      .description = "firms that entered during the tick", .storage = Storage::int64});
  add_cluster_output(registry, c.exits,
                     {.name = "exits", .units = "1", .units_note = "firms", .long_name = "Exits",
                      .description = "firms that exited during the tick", .storage = Storage::int64});
  add_cluster_output(registry, c.sales,
                     {.name = "sales", .units_note = "1e8 CNY/year", .long_name = "Sales",
                      .description = "sales (nominal output), annual rate"});
  add_cluster_output(registry, c.employment,
                     {.name = "employment", .units = "1", .units_note = "persons", .long_name = "Employment",
                      .description = "production workers and researchers employed"});
  add_cluster_output(registry, c.rd_spending,
                     {.name = "rd_spending", .units_note = "1e8 CNY/year", .long_name = "R&D spending",
                      .description = "R&D spending including subsidy, annual rate"});
  add_cluster_output(registry, c.rd_subsidy,
                     {.name = "rd_subsidy", .units_note = "1e8 CNY/year", .long_name = "R&D subsidy",
                      .description = "R&D subsidy paid to firms, annual rate"});
  add_cluster_output(registry, c.profit,
                     {.name = "profit", .units_note = "1e8 CNY/year", .long_name = "Profit",
                      .description = "profit after fixed cost, own R&D, interest and the wear and scrapping of "
                                     "machines, annual rate"});
  add_cluster_output(registry, c.innovations,
                     {.name = "innovations", .units = "1", .long_name = "Innovations",
                      .description = "innovations adopted during the tick", .storage = Storage::int64});
  add_cluster_output(registry, c.imitations,
                     {.name = "imitations", .units = "1", .long_name = "Imitations",
                      .description = "imitations adopted during the tick", .storage = Storage::int64});
  add_cluster_output(registry, c.mean_productivity,
                     {.name = "mean_productivity", .units_note = "output unit/(person*year)",
                      .long_name = "Mean productivity",
                      .description = "sales-weighted mean productivity of the cluster's firms (0 without firms)"});
  add_cluster_output(registry, c.frontier_productivity,
                     {.name = "frontier_productivity", .units_note = "output unit/(person*year)",
                      .long_name = "Frontier productivity",
                      .description = "highest productivity in the cluster (0 without firms)"});
  add_cluster_output(registry, c.price_index,
                     {.name = "price_index", .units_note = "1e8 CNY/output unit", .long_name = "Price index",
                      .description = "CES price index of the industry for buyers in the region, delivered prices"});
  registry.add({.name = "gdp", .axes = {"region"}, .units_note = "1e8 CNY/year", .long_name = "GDP",
                .description = "gross regional product: value added of the modelled industries (net of the services "
                               "they buy) and output of the background sector, annual rate",
                .sample = [&regions](std::span<double> out) { copy_vector(regions.gdp, out); }});
  registry.add({.name = "national_price_index", .axes = {"industry"}, .units = "1",
                .long_name = "National price index",
                .description = "income-weighted national price index of the industry relative to the model's first "
                               "clearing (before a burn-in)",
                .sample = [&economy](std::span<double> out) {
                  for (Eigen::Index k = 0; k < economy.national_price_index.size(); ++k) {
                    const double base = economy.initial_price_index(k);
                    out[k] = base > 0.0 ? economy.national_price_index(k) / base : 0.0;
                  }
                }});
  registry.add({.name = "gdp_total", .units_note = "1e8 CNY/year", .long_name = "National GDP",
                .description = "national GDP, annual rate",
                .sample = [&regions](std::span<double> out) { out[0] = regions.gdp.sum(); }});
}

// The regions and industries a state was made for, checked against the scenario's on loading.
void visit_names(sim::state::StateVisitor& visitor, std::string_view what, const std::vector<std::string>& names) {
  std::string saved = fmt::format("{}", fmt::join(names, ", "));
  const std::string scenario = saved;
  visitor.text(what, saved);
  if (visitor.loading() && saved != scenario) {
    throw sim::state::StateError(fmt::format("{}: a state of the {} {}; this scenario has {}", visitor.label(), what,
                                             saved, scenario));
  }
}

void visit_firms(sim::state::StateVisitor& visitor, Firms& firms) {
  const sim::state::StateVisitor::Group group(visitor, "firms");
  static_assert(Firms::column_names.size() == std::tuple_size_v<decltype(firms.columns())>);
  std::size_t column = 0;
  std::apply([&](auto&... columns) { (visitor(Firms::column_names[column++], columns), ...); }, firms.columns());
  if (!visitor.loading()) return;
  const std::size_t rows = firms.size();
  std::apply(
      [&](const auto&... columns) {
        if (((columns.size() != rows) || ...)) {
          throw sim::state::StateError(fmt::format("{}: its firm columns differ in length (a damaged state)",
                                                   visitor.label()));
        }
      },
      firms.columns());
}

void visit_clusters(sim::state::StateVisitor& visitor, Clusters& c) {
  const sim::state::StateVisitor::Group group(visitor, "clusters");
  visitor("firms", c.firms);
  visitor("entries", c.entries);
  visitor("exits", c.exits);
  visitor("innovations", c.innovations);
  visitor("imitations", c.imitations);
  visitor("sales", c.sales);
  visitor("physical_output", c.physical_output);
  visitor("employment", c.employment);
  visitor("rd_spending", c.rd_spending);
  visitor("rd_subsidy", c.rd_subsidy);
  visitor("profit", c.profit);
  visitor("mean_productivity", c.mean_productivity);
  visitor("frontier_productivity", c.frontier_productivity);
  visitor("price_index", c.price_index);
  visitor("market_access", c.market_access);
  visitor("unserved", c.unserved);
  visitor("capacity", c.capacity);
  visitor("capital", c.capital);
  visitor("investment", c.investment);
}

void visit_state(sim::state::StateVisitor& visitor, Economy& economy) {
  visit_names(visitor, "regions", economy.regions.names);
  visit_names(visitor, "industries", economy.industries.names);
  visitor("tick", economy.tick);
  visitor("start_tick", economy.start_tick);
  visitor("next_firm_id", economy.next_firm_id);
  {
    const sim::state::StateVisitor::Group group(visitor, "regions");
    visitor("population", economy.regions.population);
    visitor("income", economy.regions.income);
    visitor("gdp", economy.regions.gdp);
  }
  visit_firms(visitor, economy.firms);
  visit_clusters(visitor, economy.clusters);
  visitor("initial_price_index", economy.initial_price_index);
  visitor("national_price_index", economy.national_price_index);
}

// A new start: the scenario's first tick is the model's next. References fixed at the model's
// initialisation (price indices, calibrated rates) stay: the state goes on as the same economy.
void after_load(Economy& economy, const Economy&, sim::LoadMode mode) {
  economy.cluster_index.rebuild(economy.firms, economy.region_count(), economy.industry_count());
  if (mode == sim::LoadMode::start) economy.start_tick = economy.tick + 1;
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
    .check = check,
    .before_firms = before_firms,
    .processes = processes,
    .declare_outputs = declare_outputs,
    .visit_state = visit_state,
    .after_load = after_load,
};

}  // namespace models
