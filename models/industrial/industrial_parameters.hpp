#pragma once
// The industrial chain's parameters (model brief §4.5, §4.9): firms, the market, the supply chain and
// entry, with their scenario keys, each declared once next to the member it fills.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/config/binding.hpp"

namespace models {

inline constexpr std::int64_t default_max_firms = 2000000;

struct FirmParameters {
  std::int64_t initial_count{};
  // The run stops rather than let entry take the population past it; initialised here as well as by its
  // key so that an economy built in code (a test) has the same limit as a scenario.
  std::int64_t max_count = default_max_firms;
  double initial_productivity_dispersion{};  // standard deviation of log productivity at start
  double fixed_cost{};                       // 1e8 CNY/year
  double fixed_talent{};                     // persons per firm, paid the region's talent wage
  double initial_net_worth_to_sales{};       // years of initial sales
  // Multiple of the mean firm's share of its industry's national sales, 1 / n_k: relative to the mean so that
  // the same value means the same thing with 2,000 firms or a million.
  double relative_share_floor{};
  std::int64_t low_share_ticks_to_exit{};
};

inline const std::vector<sim::config::Binding<FirmParameters>>& firm_keys() {
  using sim::config::bind_integer;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<FirmParameters>> keys = {
      bind_integer("firms.initial_count", &FirmParameters::initial_count, 20000, "firm", {1, 1.0e8},
          "Firms at the start, spread over clusters in proportion to regional GDP times industry expenditure weight."),
      bind_integer("firms.max_count", &FirmParameters::max_count, default_max_firms, "firm", {1, 1.0e8},
          "Most firms the run may hold (about 400 bytes of state each): entry, spin-offs or free entry that would "
          "take the population past it stop the run with a message naming the process and the cluster, instead "
          "of exhausting memory. Must be at least firms.initial_count."),
      bind_real("firms.initial_productivity_dispersion", &FirmParameters::initial_productivity_dispersion, 0.3, "1", {0, 3},
       "Standard deviation of log productivity among the initial firms of a cluster."),
      bind_real("firms.fixed_cost", &FirmParameters::fixed_cost, 1.0, "1e8 CNY/year", {0, 100}, "Fixed operating cost of a firm at the start, services bought from the background sector; it grows with the reference path (background.productivity_growth) so that nominal growth does not shrink it."),
      bind_real("firms.fixed_talent", &FirmParameters::fixed_talent, 0.0, "person", {0, 100000},
       "Talent a firm employs whatever it produces (management, design, sales), paid its region's talent wage: "
       "a fixed cost in the mobile factor, as in the core-periphery model of Fujita, Krugman and Venables "
       "(1999, ch. 5). It adds to firms.fixed_cost; 0 leaves the fixed cost to services alone."),
      bind_real("firms.initial_net_worth_to_sales", &FirmParameters::initial_net_worth_to_sales, 1.0, "year", {0, 100},
       "Net worth of an initial firm, in years of its initial sales."),
      bind_real("firms.relative_share_floor", &FirmParameters::relative_share_floor, 0.01, "1", {0, 1},
       "A firm whose share of its industry's national sales stays below this multiple of the mean share "
       "(1 / the number of firms in the industry), that is whose sales stay below this fraction of the "
       "industry's mean firm sales, exits. Replaces firms.market_share_floor (a fixed share, 1e-5), which "
       "removed most firms of a scenario with many firms; 0.01 is that floor at the baseline's start "
       "(about 1,100 firms an industry)."),
      bind_integer("firms.low_share_ticks_to_exit", &FirmParameters::low_share_ticks_to_exit, 4, "tick", {1, 100000},
          "Consecutive ticks below the relative market-share floor after which a firm exits."),
  };
  return keys;
}

struct MarketParameters {
  double elasticity{};                    // default sigma for industries without their own
  double strategic_expenditure_share{};  // share of final spending bought from the modelled industries
  bool static_shares{};                  // firms' shares of their cluster's demand are the CES ones at every clearing
  double share_adjustment_rate{};        // chi, 1/year: speed of the quasi-replicator dynamics of shares
  double unfilled_demand_weight{};       // omega: weight of unfilled demand in competitiveness
  bool write_flows{};                    // write the region x destination x industry trade flows
};

inline const std::vector<sim::config::Binding<MarketParameters>>& market_keys() {
  using sim::config::bind_boolean;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<MarketParameters>> keys = {
      bind_real("market.elasticity", &MarketParameters::elasticity, 4.0, "1", {1, 20, true},
       "Elasticity of substitution between varieties of an industry (sigma), for industries without their own."),
      bind_real("market.strategic_expenditure_share", &MarketParameters::strategic_expenditure_share, 0.13, "1", {0.001, 1, false, true},
       "Share of a region's final spending (households' consumption, government purchases, investment) on the modelled industries; the rest buys the background good. At least 0.1 %: the modelled industries must have a market."),
      bind_boolean("market.static_shares", &MarketParameters::static_shares, false,
                   "Each firm's share of its cluster's demand is its CES share p^(1-sigma) / sum p^(1-sigma) at every "
                   "clearing (the static Dixit-Stiglitz market); false: shares follow quasi-replicator dynamics "
                   "driven by competitiveness."),
      bind_real("market.share_adjustment_rate", &MarketParameters::share_adjustment_rate, 1.0, "1/year", {0, 100},
                "chi: a firm whose price is 1 % below its cluster's share-weighted mean gains about chi % of its "
                "share of the cluster's orders a year (quasi-replicator step per tick weighted 1 - exp(-chi dt / "
                "(sigma - 1)) on competitiveness p^(1 - sigma))."),
      bind_real("market.unfilled_demand_weight", &MarketParameters::unfilled_demand_weight, 1.0, "1", {0, 100},
                "omega: a firm that could not serve the share u of its demand at the last clearing competes as "
                "if its price were higher by the factor exp(omega u)."),
      bind_boolean("market.write_flows", &MarketParameters::write_flows, false,
                   "Write trade_flows, the sales of each cluster to the buyers of each region at every clearing "
                   "(region x destination x industry per tick; docs/model.md, Market)."),
  };
  return keys;
}

// The industrial (supply) chain; the zero the members are value-initialised with switches it off (no
// inputs, no co-location benefit).
struct IndustrialChainParameters {
  double input_share{};         // alpha: share of intermediate inputs in the variable cost of an industry with inputs
  double colocation_benefit{};  // beta: productivity gain of a cluster whose suppliers are all nearby
};

inline const std::vector<sim::config::Binding<IndustrialChainParameters>>& industrial_chain_keys() {
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<IndustrialChainParameters>> keys = {
      bind_real("chain.input_share", &IndustrialChainParameters::input_share, 0.5, "1", {0, 0.95},
                "Share of intermediate inputs bought from the modelled industries in the variable cost of an "
                "industry that lists inputs (alpha), split equally over its listed suppliers; 0 switches the "
                "industrial chain off."),
      bind_real("chain.colocation_benefit", &IndustrialChainParameters::colocation_benefit, 0.1, "1", {0, 1},
                "Co-location benefit (beta): a cluster's productivity is multiplied by 1 + beta times the "
                "input-weighted share of its suppliers' national sales that is within spatial reach "
                "(W-weighted), so by at most 1 + beta."),
  };
  return keys;
}

// How entrants come (entry.mode): a Poisson number steered by profit, knowledge, talent, venture capital
// and the plan, or free entry until a further entrant would expect a loss.
enum class EntryMode { poisson, free };

inline const std::vector<std::string>& entry_mode_names() {
  static const std::vector<std::string> names = {"poisson", "free"};
  return names;
}

struct EntryParameters {
  double base_rate{};            // entrants per cluster per year, before scaling
  double rate_per_firm{};       // entrants per incumbent per year, before scaling
  double profit_sensitivity{};   // eta: entry scales with exp(eta * cluster profit margin)
  double productivity_floor{};   // entrants draw in [floor, 1] x cluster frontier
  double productivity_beta_a{};
  double productivity_beta_b{};
  double initial_net_worth{};    // 1e8 CNY
  double vc_sensitivity{};       // entry scales with 1 + vc_sensitivity * venture capital share of sales
  EntryMode mode = EntryMode::poisson;
};

inline const std::vector<sim::config::Binding<EntryParameters>>& entry_keys() {
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<EntryParameters>> keys = {
      bind_real("entry.base_rate", &EntryParameters::base_rate, 0.5, "1/year", {0, 100}, "Entrants per cluster per year before scaling, even in an empty cluster."),
      bind_real("entry.rate_per_firm", &EntryParameters::rate_per_firm, 0.05, "1/year", {0, 2}, "Entrants per incumbent firm per year before scaling."),
      bind_real("entry.profit_sensitivity", &EntryParameters::profit_sensitivity, 5.0, "1", {0, 20},
       "Entry scales with exp(profit_sensitivity * cluster profit margin)."),
      bind_real("entry.productivity_floor", &EntryParameters::productivity_floor, 0.3, "1", {0, 1}, "Entrants draw productivity in [floor, 1] times the cluster frontier."),
      bind_real("entry.productivity_beta_a", &EntryParameters::productivity_beta_a, 2.0, "1", {0.1, 1000}, "First shape parameter of the entrants' Beta draw."),
      bind_real("entry.productivity_beta_b", &EntryParameters::productivity_beta_b, 4.0, "1", {0.1, 1000}, "Second shape parameter of the entrants' Beta draw."),
      bind_real("entry.initial_net_worth", &EntryParameters::initial_net_worth, 0.3, "1e8 CNY", {0, 100}, "Net worth of an entrant at the start (founders' capital from the households of its region); it grows with the reference path like firms.fixed_cost."),
      bind_real("capital.entry_vc_sensitivity", &EntryParameters::vc_sensitivity, 1.0, "1", {0, 100},
                "Entry scales with 1 + entry_vc_sensitivity * v, v the venture capital, guidance and co-investment "
                "put into the cluster this tick over its sales, bounded to [0, 1]."),
  };
  return keys;
}

// entry.mode is a choice, which the bindings above do not carry: declared and read through these two.
inline sim::config::KeySpec entry_mode_key() {
  return {.path = "entry.mode", .kind = sim::config::Kind::choice, .default_value = std::string("poisson"), .unit = "",
          .description = "How firms enter: poisson (a Poisson number per cluster and tick, steered by profit, knowledge, "
                         "talent, venture capital and the plan) or free (deterministic: entrants at the cluster's mean "
                         "productivity until a further one would expect a loss at the cluster's sales; needs "
                         "firms.fixed_cost > 0). Exit follows its own rules in both.",
          .choices = entry_mode_names()};
}

inline EntryMode read_entry_mode(const sim::config::Config& config) {
  const std::string& mode = config.string(entry_mode_key().path);
  const auto& names = entry_mode_names();
  return static_cast<EntryMode>(std::find(names.begin(), names.end(), mode) - names.begin());
}

}  // namespace models
