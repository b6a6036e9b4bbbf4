#include "models/schema_helpers.hpp"
#include "models/scenario.hpp"

#include <map>

#include "models/accounts.hpp"
#include "models/basic_research.hpp"
#include "models/capital.hpp"
#include "models/capital_chain.hpp"
#include "models/migration.hpp"
#include "models/spillovers.hpp"
#include "models/spinoffs.hpp"
#include "models/census.hpp"
#include "models/entry_exit.hpp"
#include "models/innovation.hpp"
#include "models/market.hpp"
#include "models/industrial_chain.hpp"
#include "models/knowledge_chain.hpp"
#include "models/talent_chain.hpp"
#include "models/talent_market.hpp"
#include "models/future_industries.hpp"
#include "models/levers.hpp"
#include "models/policy_schedule.hpp"
#include "models/staggered_planner.hpp"

namespace models {

using sim::config::Error;
using sim::config::FieldSpec;
using sim::config::InputError;
using sim::config::Kind;
using sim::config::KeySpec;
using sim::config::Range;
using sim::config::Schema;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// The switchable processes, in schedule order. The policy schedule, the market, the accounts, the
// planner (mode none is planning switched off), the budget, the census and the structure indices are
// the model's skeleton and always run.
struct SwitchableProcess {
  const char* name;
  const char* description;
};
constexpr SwitchableProcess switchable[] = {
    {"future_industries", "Future industries learn, commercial demand follows their cost, key industries adopt "
                          "(docs/model.md, Future industries)."},
    {"basic_research", "Research institutes produce basic knowledge (docs/model.md, Basic research)."},
    {"spillovers", "Knowledge spills over within and among clusters (docs/model.md, Knowledge spillovers)."},
    {"innovation", "Firms spend on R&D and draw innovations and imitations (docs/model.md, Innovation)."},
    {"capital", "Leading-enterprise support, venture capital and guidance funds (docs/model.md, Capital chain)."},
    {"migration", "Talent migrates among regions (docs/model.md, Talent chain)."},
    {"exit", "Firms whose debt exceeds their credit limit or whose market share stayed below the floor leave (docs/model.md, Exit)."},
    {"entry", "New firms enter clusters at a Poisson rate (docs/model.md, Entry)."},
    {"spinoffs", "Research institutes spin off firms (docs/model.md, Basic research)."},
};

}  // namespace

void declare_scenario(Schema& schema) {
  // [regions], [industries]
  schema.add({.path = "regions", .kind = Kind::records, .unit = "", .description =
      "The regions: inline as [[regions]] tables or { file = \"data/regions.csv\" }. Coordinates are those "
      "of the region's capital; distances between regions are great-circle distances between them.",
      .fields = {
          {.name = "region", .kind = Kind::string, .unit = "", .description = "Unique region name."},
          {.name = "capital", .kind = Kind::string, .unit = "", .description = "Capital city (informative).",
           .required = false},
          {.name = "lat", .kind = Kind::real, .unit = "degree_north", .description = "Latitude of the capital.",
           .range = {-90, 90}},
          {.name = "lon", .kind = Kind::real, .unit = "degree_east", .description = "Longitude of the capital.",
           .range = {-180, 180}},
          {.name = "gdp", .kind = Kind::real, .unit = "1e8 CNY/year", .description = "Gross regional product at the start.",
           .range = {0, inf, true}, .aliases = {"gdp_2022"}},
          {.name = "population", .kind = Kind::real, .unit = "1e4 persons", .description = "Resident population at the start.",
           .range = {0, inf, true}, .aliases = {"population_2022"}},
          {.name = "amenity", .kind = Kind::real, .unit = "1", .description =
               "Amenity index (1 = average); attracts talent once migration exists. Default 1.",
           .range = {0, inf, true}, .required = false},
      }});
  schema.add({.path = "industries", .kind = Kind::records, .unit = "", .description =
      "The industries: inline as [[industries]] tables or { file = \"data/industries.csv\" }.",
      .fields = {
          {.name = "industry", .kind = Kind::string, .unit = "", .description = "Unique industry name."},
          {.name = "kind", .kind = Kind::choice, .unit = "", .description =
               "emerging (strategic emerging), future (future industry) or key (key industry to transform).",
           .choices = {"emerging", "future", "key"}},
          {.name = "digital", .kind = Kind::boolean, .unit = "", .description =
               "Whether the industry's knowledge penetrates the others (1/0 or true/false)."},
          {.name = "inputs", .kind = Kind::string_list, .unit = "", .description =
               "Industries it buys intermediate inputs from, ';'-separated in CSV.", .required = false},
          {.name = "elasticity", .kind = Kind::real, .unit = "1", .description =
               "Elasticity of substitution sigma_k; default market.elasticity.", .range = {1, inf, true},
           .required = false},
          {.name = "expenditure_weight", .kind = Kind::real, .unit = "1", .description =
               "Relative weight of the industry in spending on the modelled industries; default 1.",
           .range = {0, inf}, .required = false},
      }});

  // [processes]
  for (const auto& process : switchable) {
    add_boolean(schema, std::string("processes.") + process.name, true, process.description);
  }

  // [firms]
  add_integer(schema, "firms.initial_count", 20000, "firm", {1, 1.0e8},
          "Firms at the start, spread over clusters in proportion to regional GDP times industry expenditure weight.");
  add_real(schema, "firms.initial_productivity_dispersion", 0.3, "1", {0, 3},
       "Standard deviation of log productivity among the initial firms of a cluster.");
  add_real(schema, "firms.fixed_cost", 2.0, "1e8 CNY/year", {0, inf}, "Fixed operating cost of a firm.");
  add_real(schema, "firms.initial_net_worth_to_sales", 1.0, "year", {0, inf},
       "Net worth of an initial firm, in years of its initial sales.");
  add_real(schema, "firms.market_share_floor", 1e-5, "1", {0, 1},
       "A firm whose share of its industry's national sales stays below this exits.");
  add_integer(schema, "firms.low_share_ticks_to_exit", 4, "tick", {1, 100000},
          "Consecutive ticks below the market-share floor after which a firm exits.");

  // [market]
  add_real(schema, "market.elasticity", 4.0, "1", {1, inf, true},
       "Elasticity of substitution between varieties of an industry (sigma), for industries without their own.");
  add_real(schema, "market.strategic_expenditure_share", 0.13, "1", {0, 1, true, true},
       "Share of regional income spent on the modelled industries; the rest is background income.");

  // [innovation]
  add_real(schema, "innovation.rd_share_of_sales", 0.04, "1", {0, 1}, "R&D spending as a share of last tick's sales (nu).");
  add_real(schema, "innovation.innovation_share", 0.5, "1", {0, 1}, "Share of R&D spent on innovation; the rest on imitation (xi).");
  add_real(schema, "innovation.innovation_rate", 0.008, "1/(researcher*year)", {0, inf},
       "Success rate of innovation per researcher-year (zeta1).");
  add_real(schema, "innovation.imitation_rate", 0.004, "1/(researcher*year)", {0, inf},
       "Success rate of imitation per researcher-year (zeta2).");
  add_real(schema, "innovation.step_min", -0.05, "1", {-1, 0, true}, "Lower bound of the relative productivity step of an innovation.");
  add_real(schema, "innovation.step_max", 0.05, "1", {0, 10, true}, "Upper bound of the relative productivity step of an innovation.");
  add_real(schema, "innovation.step_beta_a", 3.0, "1", {0, inf, true}, "First shape parameter of the Beta draw of the step.");
  add_real(schema, "innovation.step_beta_b", 3.0, "1", {0, inf, true}, "Second shape parameter of the Beta draw of the step.");

  declare_talent_keys(schema);
  declare_knowledge_keys(schema);
  declare_industrial_chain_keys(schema);
  declare_capital_keys(schema);

  // [entry]
  add_real(schema, "entry.base_rate", 0.5, "1/year", {0, inf}, "Entrants per cluster per year before scaling, even in an empty cluster.");
  add_real(schema, "entry.rate_per_firm", 0.05, "1/year", {0, inf}, "Entrants per incumbent firm per year before scaling.");
  add_real(schema, "entry.profit_sensitivity", 5.0, "1", {0, 100},
       "Entry scales with exp(profit_sensitivity * cluster profit margin).");
  add_real(schema, "entry.productivity_floor", 0.3, "1", {0, 1}, "Entrants draw productivity in [floor, 1] times the cluster frontier.");
  add_real(schema, "entry.productivity_beta_a", 2.0, "1", {0, inf, true}, "First shape parameter of the entrants' Beta draw.");
  add_real(schema, "entry.productivity_beta_b", 4.0, "1", {0, inf, true}, "Second shape parameter of the entrants' Beta draw.");
  add_real(schema, "entry.initial_net_worth", 0.3, "1e8 CNY", {0, inf}, "Net worth of an entrant.");

  declare_lever_keys(schema);
  declare_policy_schedule_keys(schema);
  declare_planner_keys(schema);
  declare_future_keys(schema);
}

Parameters read_parameters(const sim::config::Config& c) {
  Parameters p;
  p.years_per_tick = static_cast<double>(c.integer("simulation.months_per_tick")) / 12.0;
  p.firms = {c.integer("firms.initial_count"), c.real("firms.initial_productivity_dispersion"), c.real("firms.fixed_cost"),
             c.real("firms.initial_net_worth_to_sales"), c.real("firms.market_share_floor"),
             c.integer("firms.low_share_ticks_to_exit")};
  p.market = {c.real("market.elasticity"), c.real("market.strategic_expenditure_share")};
  p.talent = read_talent_parameters(c);
  p.innovation = {c.real("innovation.rd_share_of_sales"), c.real("innovation.innovation_share"),
                  c.real("innovation.innovation_rate"),   c.real("innovation.imitation_rate"),
                  c.real("innovation.step_min"),          c.real("innovation.step_max"),
                  c.real("innovation.step_beta_a"),       c.real("innovation.step_beta_b")};
  p.knowledge = read_knowledge_parameters(c);
  p.chain = read_industrial_chain_parameters(c);
  p.entry.base_rate = c.real("entry.base_rate");
  p.entry.rate_per_firm = c.real("entry.rate_per_firm");
  p.entry.profit_sensitivity = c.real("entry.profit_sensitivity");
  p.entry.productivity_floor = c.real("entry.productivity_floor");
  p.entry.productivity_beta_a = c.real("entry.productivity_beta_a");
  p.entry.productivity_beta_b = c.real("entry.productivity_beta_b");
  p.entry.initial_net_worth = c.real("entry.initial_net_worth");
  p.entry.vc_sensitivity = c.real("capital.entry_vc_sensitivity");
  p.capital = read_capital_parameters(c);
  p.staggered = read_planner_parameters(c);
  p.future = read_future_parameters(c);
  return p;
}

namespace {

template <class Names>
void check_unique(const sim::config::Records& records, const std::string& key, const std::string& field,
                  const Names& names, std::vector<Error>& errors) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t row = 0; row < names.size(); ++row) {
    auto [it, fresh] = seen.emplace(names[row], row);
    if (!fresh) {
      errors.push_back({records.source(row, field), key + "[" + std::to_string(row) + "]." + field,
                        "a name not used by another row", "'" + names[row] + "', already in row " + std::to_string(it->second), ""});
    }
  }
}

}  // namespace

Regions read_regions(const sim::config::Config& config) {
  const sim::config::Records& records = config.records("regions");
  const Eigen::Index n = static_cast<Eigen::Index>(records.rows.size());
  Regions regions;
  regions.latitude.resize(n);
  regions.longitude.resize(n);
  regions.population.resize(n);
  regions.initial_gdp.resize(n);
  regions.amenity.resize(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto row = static_cast<std::size_t>(r);
    regions.names.push_back(records.string(row, "region"));
    regions.latitude(r) = records.real(row, "lat");
    regions.longitude(r) = records.real(row, "lon");
    regions.population(r) = records.real(row, "population");
    regions.initial_gdp(r) = records.real(row, "gdp");
    regions.amenity(r) = records.has(row, "amenity") ? records.real(row, "amenity") : 1.0;
  }
  std::vector<Error> errors;
  check_unique(records, "regions", "region", regions.names, errors);
  if (!errors.empty()) throw InputError(std::move(errors));
  return regions;
}

Industries read_industries(const sim::config::Config& config) {
  const sim::config::Records& records = config.records("industries");
  const Eigen::Index n = static_cast<Eigen::Index>(records.rows.size());
  Industries industries;
  industries.elasticity.resize(n);
  industries.expenditure_share.resize(n);
  std::map<std::string, int> index;
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto row = static_cast<std::size_t>(k);
    industries.names.push_back(records.string(row, "industry"));
    index.emplace(industries.names.back(), static_cast<int>(k));
    const std::string& kind = records.string(row, "kind");
    industries.kinds.push_back(kind == "future" ? IndustryKind::future
                               : kind == "key"  ? IndustryKind::key
                                                : IndustryKind::emerging);
    industries.digital.push_back(records.boolean(row, "digital"));
    industries.elasticity(k) =
        records.has(row, "elasticity") ? records.real(row, "elasticity") : config.real("market.elasticity");
    industries.expenditure_share(k) =
        records.has(row, "expenditure_weight") ? records.real(row, "expenditure_weight") : 1.0;
  }
  std::vector<Error> errors;
  check_unique(records, "industries", "industry", industries.names, errors);
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto row = static_cast<std::size_t>(k);
    std::vector<int> inputs;
    if (records.has(row, "inputs")) {
      for (const std::string& name : records.strings(row, "inputs")) {
        auto it = index.find(name);
        if (it == index.end()) {
          errors.push_back({records.source(row, "inputs"), "industries[" + std::to_string(row) + "].inputs",
                            "names of industries of the scenario", "'" + name + "'", ""});
        } else {
          inputs.push_back(it->second);
        }
      }
    }
    industries.inputs.push_back(std::move(inputs));
  }
  const double total_weight = industries.expenditure_share.sum();
  if (total_weight <= 0.0) {
    errors.push_back({records.source(0, "industry"), "industries[].expenditure_weight",
                      "at least one positive weight", "all weights 0", ""});
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  industries.expenditure_share *= config.real("market.strategic_expenditure_share") / total_weight;
  return industries;
}

sim::Schedule<Economy> build_schedule(const sim::config::Config& config) {
  auto enabled = [&](const char* name) { return config.boolean(std::string("processes.") + name); };
  sim::Schedule<Economy> schedule;
  schedule.add("open_tick", open_tick_process);
  schedule.add("policy", policy_process);
  schedule.add("future_industries", future_industries_process, enabled("future_industries"));
  schedule.add("basic_research", basic_research_process, enabled("basic_research"));
  schedule.add("spillovers", spillover_process, enabled("spillovers"));
  schedule.add("innovation", innovation_process, enabled("innovation"));
  schedule.add("market", market_process);
  schedule.add("accounts", accounts_process);
  schedule.add("capital", capital_process, enabled("capital"));
  schedule.add("talent_market", talent_market_process);
  schedule.add("migration", migration_process, enabled("migration"));
  schedule.add("exit", exit_process, enabled("exit"));
  schedule.add("entry", entry_process, enabled("entry"));
  schedule.add("spinoffs", spinoff_process, enabled("spinoffs"));
  schedule.add("planner", planner_process);
  schedule.add("government_budget", government_budget_process);
  schedule.add("census", census_process);
  schedule.add("structure", structure_process);
  return schedule;
}

}  // namespace models
