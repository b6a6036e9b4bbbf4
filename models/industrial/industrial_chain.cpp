#include "models/industrial/industrial_chain.hpp"

#include <fmt/core.h>

#include "models/capital/credit.hpp"
#include "models/core/stream_ids.hpp"
#include "models/industrial/accounts.hpp"
#include "models/industrial/entry.hpp"
#include "models/industrial/exit.hpp"
#include "models/industrial/geography.hpp"
#include "models/industrial/investment.hpp"
#include "models/industrial/machines.hpp"
#include "models/industrial/market.hpp"
#include "models/industrial/market_identities.hpp"
#include "models/industrial/supply_chain.hpp"
#include "models/industrial/trade_flows.hpp"
#include "sim/config/errors.hpp"

namespace models {

namespace {

void declare_keys(sim::config::Schema& schema) {
  sim::config::declare(schema, firm_keys());
  sim::config::declare(schema, market_keys());
  sim::config::declare(schema, industrial_chain_keys());
  sim::config::declare(schema, entry_keys());
  sim::config::declare(schema, investment_keys());
  schema.add(entry_mode_key());
}

void read_parameters(const sim::config::Config& config, const sim::RunSettings&, Parameters& parameters) {
  sim::config::read(config, firm_keys(), parameters.firms);
  sim::config::read(config, market_keys(), parameters.market);
  sim::config::read(config, industrial_chain_keys(), parameters.chain);
  sim::config::read(config, entry_keys(), parameters.entry);
  sim::config::read(config, investment_keys(), parameters.investment);
  parameters.entry.mode = read_entry_mode(config);
}

// Free entry divides a cluster's operating margin by the fixed cost: without one, a cluster with sales
// would take firms without end.
void check(const sim::config::Config& config, const sim::RunSettings&, const ScenarioNames&) {
  const std::int64_t initial = config.integer("firms.initial_count");
  const std::int64_t most = config.integer("firms.max_count");
  if (initial > most) {
    sim::config::Error error;
    error.source = config.source("firms.max_count");
    error.key = "firms.max_count";
    error.expected = fmt::format("at least firms.initial_count = {}", initial);
    error.found = std::to_string(most);
    throw sim::config::InputError({error});
  }
  const std::string mode_key = entry_mode_key().path;
  if (config.string(mode_key) != "free") return;
  const double fixed_cost = config.real("firms.fixed_cost");
  if (fixed_cost <= 0.0 && config.real("firms.fixed_talent") <= 0.0) {
    throw sim::config::InputError({{config.source("firms.fixed_cost"), "firms.fixed_cost",
                                    fmt::format("above 0, or firms.fixed_talent above 0, under {} = \"free\" (free "
                                                "entry stops where the fixed cost takes the margin)", mode_key),
                                    fmt::format("{:g}", fixed_cost), ""}});
  }
}

// Distances and the links between regions that levers shape (the levers are in force by now), the
// supply chain's signals at their fixed point, a clearing that fixes the deflator's base, a second
// clearing that uses it, the firms' net worth from their first sales and their machines.
void first_clearing(Economy& economy) {
  economy.regions.distance_km = great_circle_km(economy.regions.latitude, economy.regions.longitude);
  update_geography(economy);
  initialise_industrial_chain(economy);
  clear_market(economy);
  economy.initial_price_index = economy.national_price_index;
  clear_market(economy);
  Firms& firms = economy.firms;
  const double net_worth_to_sales = economy.parameters.firms.initial_net_worth_to_sales;
  for (std::size_t i = 0; i < firms.size(); ++i) firms.net_worth[i] = net_worth_to_sales * firms.sales[i];
  install_initial_machines(economy);
}

void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  declare_industrial_chain_outputs(economy, registry);
  declare_machine_outputs(economy, registry);
  declare_trade_flow_outputs(economy, registry);
}

void check_identities(const Economy& economy, int tick, std::vector<std::string>& violations) {
  check_market_identities(economy, tick, violations);
  check_industrial_chain_identities(economy, tick, violations);
}

constexpr ProcessSpec processes[] = {
    {"investment", 8, stream_id::investment, investment_process,
     "Firms' machines wear out; firms order new ones to expand or to replace them by a better technology "
     "(docs/model.md, Machines and investment)."},
    {"market", 9, stream_id::market, market_process},
    {"accounts", 11, stream_id::accounts, accounts_process},
    {"exit", 15, stream_id::exit, exit_process,
     "Firms whose debt exceeds their credit limit or whose market share stayed below the floor leave "
     "(docs/model.md, Exit)."},
    {"entry", 16, stream_id::entry, entry_process,
     "New firms enter clusters at a Poisson rate, or under free entry until a further entrant would expect a loss "
     "(docs/model.md, Entry)."},
};

// The supply chain's input coefficients come from the scenario; the signals and flows of the last
// clearing and the machine market are the state.
void visit_state(sim::state::StateVisitor& visitor, Economy& economy) {
  {
    const sim::state::StateVisitor::Group group(visitor, "supply_chain");
    IndustrialChainState& c = economy.chain;
    visitor("input_price_index", c.input_price_index);
    visitor("colocation", c.colocation);
    visitor("final_demand", c.final_demand);
    visitor("intermediate_demand", c.intermediate_demand);
    visitor("intermediate_purchases", c.intermediate_purchases);
    visitor("value_added", c.value_added);
    visitor("unserved_final", c.unserved_final);
    visitor("unserved_intermediate", c.unserved_intermediate);
    visitor("unsupplied_final", c.unsupplied_final);
    visitor("unsupplied_intermediate", c.unsupplied_intermediate);
    visitor("demand_iterations", c.demand_iterations);
  }
  const sim::state::StateVisitor::Group group(visitor, "machines");
  MachineMarket& m = economy.machines;
  visitor("installed", m.installed);
  visitor("initial_price", m.initial_price);
  visitor("initial_replacement", m.initial_replacement);
}

}  // namespace

const Chain industrial_chain{
    .name = "industrial",
    .declare_keys = declare_keys,
    .read_parameters = read_parameters,
    .check = check,
    .first_clearing = first_clearing,
    .processes = processes,
    .declare_outputs = declare_outputs,
    .check_identities = check_identities,
    .visit_state = visit_state,
};

}  // namespace models
