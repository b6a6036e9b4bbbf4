#include "models/measurement/measurement_chain.hpp"

#include "models/core/output_helpers.hpp"
#include "models/core/stream_ids.hpp"
#include "models/measurement/national_accounts.hpp"
#include "models/measurement/variety.hpp"
#include "models/measurement/welfare.hpp"

namespace models {

namespace {

using sim::output::Storage;

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

// At the end of the tick: the chained volumes, and which of this clearing's firms are still alive.
void national_accounts_process(Economy& economy, const sim::TickContext&) {
  chain_national_accounts(economy);
  record_surviving_share(economy);
}

void add_scalar(sim::output::Registry& registry, std::string name, std::string units, std::string long_name,
                std::function<double()> value) {
  registry.add({std::move(name), {}, std::move(units), std::move(long_name), true, Storage::float64,
                [value = std::move(value)](std::span<double> out) { out[0] = value(); }});
}

void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  const MeasurementState& m = economy.measurement;
  const ChainedVolumes& v = m.volumes;
  registry.add({"welfare", {"region"}, "1e8 CNY/year",
                "money-metric welfare: households' disposable income over the cost of living of their utility "
                "(consumer_price_level), at the common reference prices, annual rate",
                true, Storage::float64, [&economy](std::span<double> out) { copy_vector(welfare(economy), out); }});
  registry.add({"welfare_per_head", {"region"}, "1e4 CNY/(person*year)",
                "money-metric welfare per resident, at the common reference prices", true, Storage::float64,
                [&economy](std::span<double> out) {
                  copy_vector(welfare(economy).cwiseQuotient(economy.regions.population), out);
                }});
  add_scalar(registry, "welfare_total", "1e8 CNY/year", "national money-metric welfare: the sum over regions",
             [&economy] { return welfare(economy).sum(); });
  add_scalar(registry, "welfare_per_head_national", "1e4 CNY/(person*year)",
             "national money-metric welfare per resident", [&economy] {
               return welfare(economy).sum() / economy.regions.population.sum();
             });
  registry.add({"consumer_price_level", {"region"}, "1",
                "cost of living of the households' utility relative to the common reference prices (G): CES "
                "industry price indices, variety included, chained with Tornqvist weights",
                true, Storage::float64, [&m](std::span<double> out) {
                  copy_vector(m.log_price_level.array().exp().matrix(), out);
                }});
  add_region_output(registry, m.welfare_variety_gain, "welfare_variety_gain", "1",
                    "part of ln(welfare) gained since the start from the changing number of firms (Feenstra), "
                    "cumulative");
  add_cluster_output(registry, m.variety_gain, "variety_gain", "1",
                     "log fall of the industry's CES price index for buyers in the region that comes from entering "
                     "and exiting firms (Feenstra), cumulative since the start");
  registry.add({"welfare_reference_price", {"industry"}, "1e8 CNY/composite unit",
                "common reference price of a unit of the industry's CES composite, fixed by the data and parameters",
                false, Storage::float64, [&m](std::span<double> out) { copy_vector(m.reference_price, out); }});
  add_region_output(registry, v.gdp, "real_gdp", "1e8 CNY/year",
                    "gross regional product, chained Fisher volume at the prices of the first tick (double "
                    "deflation), annual rate");
  add_scalar(registry, "real_gdp_total", "1e8 CNY/year",
             "national GDP, chained Fisher volume at the prices of the first tick, annual rate",
             [&v] { return v.gdp_total; });
  add_cluster_output(registry, v.value_added, "real_value_added", "1e8 CNY/year",
                     "value added of the cluster, chained Fisher volume at the prices of the first tick (double "
                     "deflation: output at its unit value, inputs at their price indices), annual rate");
  registry.add({"real_value_added_industry", {"industry"}, "1e8 CNY/year",
                "national value added of the industry, chained Fisher volume at the prices of the first tick, annual rate",
                true, Storage::float64, [&v](std::span<double> out) { copy_vector(v.industry_value_added, out); }});
  add_region_output(registry, v.consumption, "real_consumption", "1e8 CNY/year",
                    "households' consumption, chained Fisher volume at the prices of the first tick, annual rate");
  add_scalar(registry, "real_consumption_total", "1e8 CNY/year",
             "national households' consumption, chained Fisher volume at the prices of the first tick, annual rate",
             [&v] { return v.consumption_total; });
}

constexpr ProcessSpec processes[] = {
    {"price_measurement", 9, stream_id::price_measurement, price_measurement_process},
    {"national_accounts", 25, stream_id::national_accounts, national_accounts_process},
};

}  // namespace

const Chain measurement_chain{
    .name = "measurement",
    .after_first_clearing = start_measurement,
    .processes = processes,
    .declare_outputs = declare_outputs,
};

}  // namespace models
