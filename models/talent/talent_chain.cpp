#include "models/talent/talent_chain.hpp"

#include "models/core/output_helpers.hpp"
#include "models/core/stream_ids.hpp"
#include "models/policy/staggered_development.hpp"
#include "models/talent/cost_of_living.hpp"
#include "models/talent/migration.hpp"
#include "models/talent/talent_market.hpp"

#include <fmt/core.h>

#include <cmath>
#include <limits>

namespace models {

void initialise_talent_wages(Economy& economy) {
  const Regions& regions = economy.regions;
  // GDP (1e8 CNY) over population (1e4 persons) is GDP per head in 1e4 CNY; the model's money unit is
  // 1e8 CNY, hence the factor 1e-4.
  economy.talent.wage = economy.parameters.talent.wage_to_gdp_per_capita *
                        (regions.initial_gdp.array() / regions.population.array()).matrix() * 1e-4;
  economy.talent.initial_wage = economy.talent.wage;
}

void initialise_talent(Economy& economy) {
  TalentState& talent = economy.talent;
  const int regions = economy.region_count();
  talent.employed = economy.clusters.employment.rowwise().sum();
  // At the first clearing firms have no past sales and so no researchers yet; from the first tick on
  // they hire R&D / w of them (models/knowledge/innovation.cpp). Counting those researchers here keeps the first
  // tick from opening with a shortage of about nu (1 + rho) sigma / (sigma - 1) = 5 % everywhere.
  const Parameters& p = economy.parameters;
  const Eigen::MatrixXd subsidy_rate = priority_subsidy_rate(economy);
  const Eigen::VectorXd rd_spending =
      p.innovation.rd_share_of_sales *
      (economy.clusters.sales.array() * (1.0 + subsidy_rate.array())).matrix().rowwise().sum();
  const Eigen::VectorXd researchers = rd_spending.cwiseQuotient(talent.wage);
  talent.stock = ((talent.employed + researchers) * (1.0 + p.talent.initial_slack)).array().round().matrix();
  talent.previous_stock = talent.stock;
  // Graduates are calibrated to this ratio (talent_market_process): talent persons per resident.
  const double residents = economy.regions.population.sum() * 1e4;
  talent.initial_talent_per_resident = residents > 0.0 ? talent.stock.sum() / residents : 0.0;
  talent.trained = Eigen::VectorXd::Zero(regions);
  talent.retired = Eigen::VectorXd::Zero(regions);
  talent.immigrants = Eigen::VectorXd::Zero(regions);
  talent.emigrants = Eigen::VectorXd::Zero(regions);
  talent.flows = Eigen::MatrixXd::Zero(regions, regions);
  // The population moves with the talent from here on; densities are measured against the start.
  talent.initial_population = economy.regions.population;
  talent.net_migration = Eigen::VectorXd::Zero(regions);
  talent.reference_density = national_density(economy.regions.population, economy.regions.area_km2);
  update_cost_of_living(economy);
}

void declare_talent_outputs(const Economy& economy, sim::output::Registry& registry) {
  using sim::output::Storage;
  const TalentState& talent = economy.talent;
  // Talent in persons, per region.
  auto per_region = [&registry](const Eigen::VectorXd& vector, std::string name, std::string long_name,
                                std::string description, Storage storage) {
    registry.add({.name = std::move(name), .axes = {"region"}, .units = "1", .units_note = "persons",
                  .long_name = std::move(long_name), .description = std::move(description), .storage = storage,
                  .sample = [&vector](std::span<double> out) {
                    std::copy(vector.data(), vector.data() + vector.size(), out.begin());
                  }});
  };
  per_region(talent.stock, "talent_stock", "Talent", "talent living in the region at the end of the tick",
             Storage::int64);
  per_region(talent.employed, "talent_employed", "Talent employed",
             "talent demanded by the modelled firms (production workers and researchers)", Storage::float64);
  add_scaled_region_output(registry, talent.wage, 1e4,
                           {.name = "talent_wage", .units_note = "1e4 CNY/(person*year)", .long_name = "Talent wage",
                            .description = "annual wage of talent"});
  per_region(talent.trained, "trained", "Graduates", "graduates joining the region's talent during the tick",
             Storage::int64);
  per_region(talent.retired, "retired", "Retirements", "talent retiring during the tick", Storage::int64);
  per_region(talent.immigrants, "immigrants", "Immigrants", "talent arriving from other regions during the tick",
             Storage::int64);
  per_region(talent.emigrants, "emigrants", "Emigrants", "talent leaving for other regions during the tick",
             Storage::int64);
  add_region_output(registry, economy.regions.population,
                    {.name = "resident_population", .units = "1e4", .units_note = "1e4 persons",
                     .long_name = "Resident population",
                     .description = "resident population at the end of the tick: the population at the start plus "
                                    "the net talent migration into the region since the start"});
  add_region_output(registry, talent.housing_cost,
                    {.name = "housing_cost", .units = "1", .long_name = "Housing cost",
                     .description = "housing cost: policy.housing_cost * (density / national density at the "
                                    "start)^epsilon"});
  add_region_output(registry, talent.cost_of_living,
                    {.name = "cost_of_living", .units = "1", .long_name = "Cost of living",
                     .description = "cost of living relative to the national reference at the start (industry price "
                                    "indices at their national level of tick 0, national density, housing lever 1)"});
  add_scaled_region_output(registry, talent.real_wage, 1e4,
                           {.name = "real_wage", .units_note = "1e4 CNY/(person*year)",
                            .long_name = "Real talent wage",
                            .description = "real wage of talent: the wage over the cost of living, at start prices"});
  if (economy.parameters.talent.write_flows) {
    registry.add({.name = "talent_flows", .axes = {"region", "destination"}, .units = "1", .units_note = "persons",
                  .long_name = "Talent flows",
                  .description = "talent moving from the region to the destination during the tick",
                  .storage = Storage::int64,
                  .sample = [&talent](std::span<double> out) {
                    const Eigen::Index n = talent.flows.rows();
                    for (Eigen::Index r = 0; r < n; ++r)
                      for (Eigen::Index s = 0; s < n; ++s) out[static_cast<std::size_t>(r * n + s)] = talent.flows(r, s);
                  }});
  }
}

void check_talent_identities(const Economy& economy, int tick, std::vector<std::string>& violations) {
  const TalentState& t = economy.talent;
  const int regions = economy.region_count();
  if (t.stock.size() != regions || t.previous_stock.size() != regions || t.flows.rows() != regions ||
      t.flows.cols() != regions || t.initial_population.size() != regions || t.net_migration.size() != regions ||
      t.cost_of_living.size() != regions) {
    violations.push_back(fmt::format("tick {}: talent state has {} regions, the economy {}", tick, t.stock.size(), regions));
    return;
  }
  // Persons are whole numbers held exactly in doubles, so the identities hold exactly.
  for (int r = 0; r < regions; ++r) {
    const std::string& name = economy.regions.names[static_cast<std::size_t>(r)];
    const double expected = t.previous_stock(r) + t.trained(r) - t.retired(r) + t.immigrants(r) - t.emigrants(r);
    if (t.stock(r) != expected) {
      violations.push_back(fmt::format("tick {}, region {}: talent stock identity: {} != {} + {} - {} + {} - {}", tick, name,
                                       t.stock(r), t.previous_stock(r), t.trained(r), t.retired(r), t.immigrants(r),
                                       t.emigrants(r)));
    }
    if (t.stock(r) < 0.0) violations.push_back(fmt::format("tick {}, region {}: negative talent stock {}", tick, name, t.stock(r)));
    if (t.flows(r, r) != 0.0) {
      violations.push_back(fmt::format("tick {}, region {}: talent flow to itself {} != 0", tick, name, t.flows(r, r)));
    }
    if (t.flows.row(r).minCoeff() < 0.0 || t.flows.col(r).minCoeff() < 0.0) {
      violations.push_back(fmt::format("tick {}, region {}: negative talent flow", tick, name));
    }
    const double out = t.flows.row(r).sum();
    if (out != t.emigrants(r)) {
      violations.push_back(fmt::format("tick {}, region {}: talent flows out {} != emigrants {}", tick, name, out, t.emigrants(r)));
    }
    const double in = t.flows.col(r).sum();
    if (in != t.immigrants(r)) {
      violations.push_back(fmt::format("tick {}, region {}: talent flows in {} != immigrants {}", tick, name, in, t.immigrants(r)));
    }
    if (!(t.wage(r) > 0.0) || !std::isfinite(t.wage(r))) {
      violations.push_back(fmt::format("tick {}, region {}: talent wage {} is not positive and finite", tick, name, t.wage(r)));
    }
    if (!(t.cost_of_living(r) > 0.0) || !std::isfinite(t.cost_of_living(r))) {
      violations.push_back(
          fmt::format("tick {}, region {}: cost of living {} is not positive and finite", tick, name, t.cost_of_living(r)));
    }
    const double population = economy.regions.population(r);
    if (population != t.initial_population(r) + t.net_migration(r) * 1e-4) {
      violations.push_back(fmt::format("tick {}, region {}: population {} != {} at the start + net talent migration {} / 1e4",
                                       tick, name, population, t.initial_population(r), t.net_migration(r)));
    }
    if (!(population > 0.0)) violations.push_back(fmt::format("tick {}, region {}: population {} is not positive", tick, name, population));
  }
  // Migration moves residents among regions: the nation's net migration is 0 (whole persons, exactly).
  if (t.net_migration.sum() != 0.0) {
    violations.push_back(fmt::format("tick {}: national net talent migration since the start {} != 0", tick, t.net_migration.sum()));
  }
  if (t.immigrants.sum() != t.emigrants.sum()) {
    violations.push_back(fmt::format("tick {}: national talent immigrants {} != emigrants {}", tick, t.immigrants.sum(),
                                     t.emigrants.sum()));
  }
}

namespace {

void before_firms(Economy& economy, const sim::config::Config&, const sim::RunSettings&) {
  initialise_talent_wages(economy);
}

// The cost of living's weights add up to at most 1: the numeraire background good takes 1 - sum mu - eta,
// sum mu being the market's strategic expenditure share.
void check(const sim::config::Config& config, const sim::RunSettings&, const ScenarioNames&) {
  const double housing = config.real("talent.housing_share");
  const double strategic = config.real("market.strategic_expenditure_share");
  if (housing + strategic > 1.0) {
    throw sim::config::InputError({{config.source("talent.housing_share"), "talent.housing_share",
                                    fmt::format("at most 1 - market.strategic_expenditure_share = {:g} (the "
                                                "background good's weight in the cost of living, 1 - sum mu - eta, "
                                                "cannot be negative)", 1.0 - strategic),
                                    fmt::format("{:g}", housing), ""}});
  }
}

constexpr ProcessSpec processes[] = {
    {"talent_market", 13, stream_id::talent_market, talent_market_process},
    {"migration", 14, stream_id::migration, migration_process,
     "Talent migrates among regions (docs/model.md, Talent chain)."},
};

void visit_talent_state(sim::state::StateVisitor& visitor, Economy& economy) {
  const sim::state::StateVisitor::Group group(visitor, "talent");
  TalentState& t = economy.talent;
  visitor("stock", t.stock);
  visitor("previous_stock", t.previous_stock);
  visitor("employed", t.employed);
  visitor("wage", t.wage);
  visitor("initial_wage", t.initial_wage);
  visitor("trained", t.trained);
  visitor("retired", t.retired);
  visitor("immigrants", t.immigrants);
  visitor("emigrants", t.emigrants);
  visitor("flows", t.flows);
  visitor("initial_talent_per_resident", t.initial_talent_per_resident);
  visitor("initial_population", t.initial_population);
  visitor("net_migration", t.net_migration);
  visitor("reference_density", t.reference_density);
  visitor("housing_cost", t.housing_cost);
  visitor("cost_of_living", t.cost_of_living);
  visitor("real_wage", t.real_wage);
}

// Net migration counts from the scenario's start: the population the state ends with becomes the base.
void talent_after_load(Economy& economy, const Economy&, sim::LoadMode mode) {
  if (mode != sim::LoadMode::start) return;
  TalentState& t = economy.talent;
  t.initial_population = economy.regions.population;
  t.net_migration.setZero();
}

}  // namespace

const Chain talent_chain{
    .name = "talent",
    .declare_keys = declare_bound<talent_keys>,
    .read_parameters = read_bound<&Parameters::talent, talent_keys>,
    .check = check,
    .before_firms = before_firms,
    .after_first_clearing = initialise_talent,
    .processes = processes,
    .declare_outputs = declare_talent_outputs,
    .check_identities = check_talent_identities,
    .visit_state = visit_talent_state,
    .after_load = talent_after_load,
};

}  // namespace models
