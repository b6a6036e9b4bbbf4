#pragma once
// The model's parameters, typed and in model units. Filled from a scenario by models/scenario.cpp,
// whose schema holds every default, unit and range (so none are repeated here); the sub-models read
// only this.
#include <cstdint>

#include "models/capital_state.hpp"
#include "models/future_state.hpp"
#include "models/industrial_chain_state.hpp"
#include "models/knowledge_state.hpp"
#include "models/staggered_state.hpp"
#include "models/talent_state.hpp"

namespace models {

struct FirmParameters {
  std::int64_t initial_count{};
  double initial_productivity_dispersion{};  // standard deviation of log productivity at start
  double fixed_cost{};                       // 1e8 CNY/year
  double initial_net_worth_to_sales{};       // years of initial sales
  double market_share_floor{};              // share of national industry sales
  std::int64_t low_share_ticks_to_exit{};
};

struct MarketParameters {
  double elasticity{};                    // default sigma for industries without their own
  double strategic_expenditure_share{};  // share of income spent on the modelled industries
};

struct InnovationParameters {
  double rd_share_of_sales{};    // nu
  double innovation_share{};      // xi: the rest of R&D goes to imitation
  double innovation_rate{};     // zeta1, 1/(researcher-year)
  double imitation_rate{};      // zeta2, 1/(researcher-year)
  double step_min{};            // x_lo
  double step_max{};             // x_hi
  double step_beta_a{};
  double step_beta_b{};
};

struct EntryParameters {
  double base_rate{};            // entrants per cluster per year, before scaling
  double rate_per_firm{};       // entrants per incumbent per year, before scaling
  double profit_sensitivity{};   // eta: entry scales with exp(eta * cluster profit margin)
  double productivity_floor{};   // entrants draw in [floor, 1] x cluster frontier
  double productivity_beta_a{};
  double productivity_beta_b{};
  double initial_net_worth{};    // 1e8 CNY
  double vc_sensitivity{};       // entry scales with 1 + vc_sensitivity * venture capital share of sales
};


struct Parameters {
  FirmParameters firms;
  MarketParameters market;
  TalentParameters talent;
  InnovationParameters innovation;
  KnowledgeParameters knowledge;
  IndustrialChainParameters chain;
  EntryParameters entry;
  CapitalParameters capital;
  StaggeredParameters staggered;
  FutureParameters future;
  double years_per_tick{};
};

}  // namespace models
