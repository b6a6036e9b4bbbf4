#include "models/measurement/measurement_chain.hpp"

#include <fmt/core.h>

#include "models/core/output_helpers.hpp"
#include "models/core/stream_ids.hpp"
#include "models/measurement/national_accounts.hpp"
#include "models/measurement/variety.hpp"
#include "models/measurement/welfare.hpp"

namespace models {

namespace {

using sim::output::Storage;

constexpr const char* reference_year_key = "measurement.reference_year";

void declare_keys(sim::config::Schema& schema) { sim::config::declare(schema, measurement_keys()); }

// The year named, or the year the run's first tick ends in: a tick is observed at its end, so a run that
// starts on 1 December with quarterly ticks has no tick in its starting year.
int reference_year(const MeasurementParameters& p, const sim::RunSettings& settings) {
  return p.reference_year != 0 ? p.reference_year : static_cast<int>(settings.calendar.observation_date(0).year());
}

// The ticks observed in the reference year: [first, last), empty when the run does not reach it.
void set_reference_ticks(MeasurementParameters& p, const sim::RunSettings& settings) {
  const int year = reference_year(p, settings);
  p.reference_first_tick = settings.ticks;
  p.reference_last_tick = settings.ticks;
  for (int tick = 0; tick < settings.ticks; ++tick) {
    const int observed = static_cast<int>(settings.calendar.observation_date(tick).year());
    if (observed == year && p.reference_first_tick == settings.ticks) p.reference_first_tick = tick;
    if (observed > year) {
      p.reference_last_tick = tick;
      break;
    }
  }
  if (p.reference_first_tick == settings.ticks) p.reference_last_tick = settings.ticks;
}

void read_parameters(const sim::config::Config& config, const sim::RunSettings& settings, Parameters& parameters) {
  sim::config::read(config, measurement_keys(), parameters.measurement);
  set_reference_ticks(parameters.measurement, settings);
}

void check(const sim::config::Config& config, const sim::RunSettings& settings, const ScenarioNames&) {
  MeasurementParameters p;
  sim::config::read(config, measurement_keys(), p);
  set_reference_ticks(p, settings);
  if (p.reference_first_tick < p.reference_last_tick || settings.ticks == 0) return;
  sim::config::Error error;
  error.source = config.source(reference_year_key);
  error.key = reference_year_key;
  error.expected = fmt::format("0 or a year with a tick of the run, {} to {}",
                               static_cast<int>(settings.calendar.observation_date(0).year()),
                               static_cast<int>(settings.calendar.observation_date(settings.ticks - 1).year()));
  error.found = std::to_string(p.reference_year);
  throw sim::config::InputError({error});
}

// The reference prices, the first clearing's index powers and the anchor of the cost of living.
void start_measurement(Economy& economy) {
  const Firms& firms = economy.firms;
  Eigen::VectorXd initial_firms = Eigen::VectorXd::Zero(economy.industry_count());
  for (std::size_t i = 0; i < firms.size(); ++i) initial_firms(firms.industry[i]) += 1.0;
  MeasurementState& m = economy.measurement;
  m.reference_price = reference_prices(economy.industries.elasticity, initial_firms, economy.talent.initial_wage.mean(),
                                       economy.parameters.firms.initial_productivity_dispersion);
  record_clearing(economy);
  record_surviving_share(economy);
  anchor_cost_of_living(economy);
  m.has_previous = false;
}

// Right after the market: the variety part of this clearing and the cost of living's link to it.
void price_measurement_process(Economy& economy, const sim::TickContext&) {
  const Eigen::MatrixXd variety = link_variety(economy);
  link_cost_of_living(economy, variety);
}

// At the end of the tick: the chained volumes, which of this clearing's firms are still alive, welfare.
void national_accounts_process(Economy& economy, const sim::TickContext&) {
  chain_national_accounts(economy);
  record_surviving_share(economy);
  economy.measurement.welfare = welfare(economy);  // the households' income of the tick is known by now
}

// One output element per value: a scalar, a vector, or a matrix row-major over (region, industry).
void write(double value, std::span<double> out) { out[0] = value; }
void write(const Eigen::VectorXd& values, std::span<double> out) { copy_vector(values, out); }
void write(const Eigen::MatrixXd& values, std::span<double> out) { copy_row_major(values, out); }

// A national value (axes none) computed by `value` at each tick.
void add_scalar(sim::output::Registry& registry, std::function<double()> value, sim::output::Variable declaration) {
  declaration.sample = [value = std::move(value)](std::span<double> out) { out[0] = value(); };
  registry.add(std::move(declaration));
}

void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  const MeasurementState& m = economy.measurement;
  registry.add({.name = "welfare", .axes = {"region"}, .units_note = "1e8 CNY/year", .long_name = "Welfare",
                .description = "money-metric welfare: households' disposable income over the cost of living of "
                               "their utility (consumer_price_level), at the common reference prices, annual rate",
                .sample = [&m](std::span<double> out) { copy_vector(m.welfare, out); }});
  registry.add({.name = "welfare_per_head", .axes = {"region"}, .units_note = "1e4 CNY/(person*year)",
                .long_name = "Welfare per head",
                .description = "money-metric welfare per resident, at the common reference prices",
                .sample = [&m, &economy](std::span<double> out) {
                  copy_vector(m.welfare.cwiseQuotient(economy.regions.population), out);
                }});
  add_scalar(registry, [&m] { return m.welfare.sum(); },
             {.name = "welfare_total", .units_note = "1e8 CNY/year", .long_name = "National welfare",
              .description = "national money-metric welfare: the sum over regions"});
  add_scalar(registry, [&m, &economy] { return m.welfare.sum() / economy.regions.population.sum(); },
             {.name = "welfare_per_head_national", .units_note = "1e4 CNY/(person*year)",
              .long_name = "National welfare per head",
              .description = "national money-metric welfare per resident"});
  registry.add({.name = "consumer_price_level", .axes = {"region"}, .units = "1",
                .long_name = "Consumer price level",
                .description = "cost of living of the households' utility relative to the common reference prices "
                               "(G): CES industry price indices, variety included, chained with Tornqvist weights",
                .sample = [&m](std::span<double> out) { copy_vector(m.log_price_level.array().exp().matrix(), out); }});
  add_region_output(registry, m.welfare_variety_gain,
                    {.name = "welfare_variety_gain", .units = "1", .long_name = "Welfare gain from variety",
                     .description = "part of ln(welfare) gained since the start from the changing number of firms "
                                    "(Feenstra), cumulative"});
  add_cluster_output(registry, m.variety_gain,
                     {.name = "variety_gain", .units = "1", .long_name = "Price fall from variety",
                      .description = "log fall of the industry's CES price index for buyers in the region that comes "
                                     "from entering and exiting firms (Feenstra), cumulative since the start"});
  registry.add({.name = "welfare_reference_price", .axes = {"industry"}, .units_note = "1e8 CNY/composite unit",
                .long_name = "Reference price",
                .description = "common reference price of a unit of the industry's CES composite, fixed by the data "
                               "and parameters",
                .time_series = false,
                .sample = [&m](std::span<double> out) { copy_vector(m.reference_price, out); }});
  // Chained volumes, in the average prices of the reference year once the run is over.
  const auto add_volume = [&registry, &m](std::string name, std::vector<std::string> axes, std::string long_name,
                                          std::string description, auto select) {
    registry.add({.name = std::move(name), .axes = std::move(axes), .units_note = "1e8 CNY/year",
                  .long_name = std::move(long_name), .description = std::move(description),
                  .sample = [&m, select](std::span<double> out) { write(select(m.volumes), out); },
                  .final_scale = [&m, select](std::span<double> factors) {
                    write(select(reference_year_factors(m)), factors);
                  }});
  };
  const std::string prices = "chained Fisher volume at the average prices of measurement.reference_year";
  add_volume("real_gdp", {"region"}, "Real GDP (chained)",
             "gross regional product, " + prices + " (double deflation), annual rate",
             [](const ChainedVolumes& c) -> const Eigen::VectorXd& { return c.gdp; });
  add_volume("real_gdp_total", {}, "Real national GDP (chained)", "national GDP, " + prices + ", annual rate",
             [](const ChainedVolumes& c) { return c.gdp_total; });
  add_volume("real_value_added", {"region", "industry"}, "Real value added (chained)",
             "value added of the cluster, " + prices + " (double deflation: output at its unit value, inputs at "
             "their price indices), annual rate",
             [](const ChainedVolumes& c) -> const Eigen::MatrixXd& { return c.value_added; });
  add_volume("real_value_added_industry", {"industry"}, "Real value added of the industry",
             "national value added of the industry, " + prices + ", annual rate",
             [](const ChainedVolumes& c) -> const Eigen::VectorXd& { return c.industry_value_added; });
  add_volume("real_consumption", {"region"}, "Real consumption (chained)",
             "households' consumption, " + prices + ", annual rate",
             [](const ChainedVolumes& c) -> const Eigen::VectorXd& { return c.consumption; });
  add_volume("real_consumption_industry", {"industry"}, "Real consumption of the industry",
             "households' consumption of the industry's composite, all regions, " + prices + ", annual rate",
             [](const ChainedVolumes& c) -> const Eigen::VectorXd& { return c.industry_consumption; });
  add_volume("real_consumption_total", {}, "Real national consumption (chained)",
             "national households' consumption, " + prices + ", annual rate",
             [](const ChainedVolumes& c) { return c.consumption_total; });
}

constexpr ProcessSpec processes[] = {
    {"price_measurement", 10, stream_id::price_measurement, price_measurement_process},
    {"national_accounts", 26, stream_id::national_accounts, national_accounts_process},
};

}  // namespace

namespace {

void visit_volumes(sim::state::StateVisitor& visitor, std::string_view name, ChainedVolumes& v) {
  const sim::state::StateVisitor::Group group(visitor, name);
  visitor("value_added", v.value_added);
  visitor("industry_value_added", v.industry_value_added);
  visitor("gdp", v.gdp);
  visitor("gdp_total", v.gdp_total);
  visitor("consumption", v.consumption);
  visitor("consumption_total", v.consumption_total);
  visitor("industry_consumption", v.industry_consumption);
}

void visit_measurement_state(sim::state::StateVisitor& visitor, Economy& economy) {
  const sim::state::StateVisitor::Group group(visitor, "measurement");
  MeasurementState& m = economy.measurement;
  visitor("reference_price", m.reference_price);
  visitor("log_price_level", m.log_price_level);
  visitor("spending_share", m.spending_share);
  visitor("linked_price_index", m.linked_price_index);
  visitor("welfare", m.welfare);
  visitor("cleared_index_power", m.cleared_index_power);
  visitor("surviving_share", m.surviving_share);
  visitor("variety_gain", m.variety_gain);
  visitor("welfare_variety_gain", m.welfare_variety_gain);
  visitor("has_previous", m.has_previous);
  {
    const sim::state::StateVisitor::Group previous(visitor, "previous");
    PricedFlows& p = m.previous;
    visitor("unit_value", p.unit_value);
    visitor("physical_output", p.physical_output);
    visitor("variable_cost", p.variable_cost);
    visitor("price_index", p.price_index);
    visitor("final_share", p.final_share);
    visitor("fixed_costs", p.fixed_costs);
    visitor("background_output", p.background_output);
    visitor("consumption", p.consumption);
  }
  visit_volumes(visitor, "volumes", m.volumes);
  visit_volumes(visitor, "reference_nominal", m.reference_nominal);
  visit_volumes(visitor, "reference_volume", m.reference_volume);
}

void zero(ChainedVolumes& v) {
  v.value_added.setZero();
  v.industry_value_added.setZero();
  v.gdp.setZero();
  v.gdp_total = 0.0;
  v.consumption.setZero();
  v.consumption_total = 0.0;
  v.industry_consumption.setZero();
}

// The welfare level and the chained volumes go on linking from the state's last tick; what is summed
// over the scenario's reference year and the cumulative variety gains count from its start.
void measurement_after_load(Economy& economy, const Economy&, sim::LoadMode mode) {
  if (mode != sim::LoadMode::start) return;
  MeasurementState& m = economy.measurement;
  zero(m.reference_nominal);
  zero(m.reference_volume);
  m.variety_gain.setZero();
  m.welfare_variety_gain.setZero();
}

}  // namespace

const Chain measurement_chain{
    .name = "measurement",
    .declare_keys = declare_keys,
    .read_parameters = read_parameters,
    .check = check,
    .after_first_clearing = start_measurement,
    .processes = processes,
    .declare_outputs = declare_outputs,
    .visit_state = visit_measurement_state,
    .after_load = measurement_after_load,
};

}  // namespace models
