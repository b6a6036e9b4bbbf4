#pragma once
// The model's parameters, typed and in model units. Filled from a scenario by models/scenario.cpp;
// the sub-models read only this.
#include <cstdint>

namespace models {

struct FirmParameters {
  std::int64_t initial_count = 20000;
  double initial_productivity_dispersion = 0.4;  // standard deviation of log productivity at start
  double fixed_cost = 0.1;                       // 1e8 CNY/year
  double initial_net_worth_to_sales = 1.0;       // years of initial sales
  double market_share_floor = 1e-5;              // share of national industry sales
  std::int64_t low_share_ticks_to_exit = 4;
};

struct MarketParameters {
  double elasticity = 4.0;                    // default sigma for industries without their own
  double strategic_expenditure_share = 0.13;  // share of income spent on the modelled industries
};

struct TalentParameters {
  double wage_to_gdp_per_capita = 1.5;  // talent wage as a multiple of regional GDP per head
};

struct InnovationParameters {
  double rd_share_of_sales = 0.04;    // nu
  double innovation_share = 0.5;      // xi: the rest of R&D goes to imitation
  double innovation_rate = 0.008;     // zeta1, 1/(researcher-year)
  double imitation_rate = 0.008;      // zeta2, 1/(researcher-year)
  double step_min = -0.15;            // x_lo
  double step_max = 0.15;             // x_hi
  double step_beta_a = 3.0;
  double step_beta_b = 3.0;
};

struct KnowledgeParameters {
  double distance_decay_km = 250.0;  // delta_d
  double cutoff_km = 750.0;          // no spatial link beyond this distance
};

struct EntryParameters {
  double base_rate = 0.5;            // entrants per cluster per year, before scaling
  double rate_per_firm = 0.08;       // entrants per incumbent per year, before scaling
  double profit_sensitivity = 5.0;   // eta: entry scales with exp(eta * cluster profit margin)
  double productivity_floor = 0.3;   // entrants draw in [floor, 1] x cluster frontier
  double productivity_beta_a = 2.0;
  double productivity_beta_b = 4.0;
  double initial_net_worth = 0.3;    // 1e8 CNY
};

struct PolicyParameters {
  double rd_subsidy_rate = 0.0;   // government pays this share on top of a firm's own R&D
  double openness = 0.5;          // 0 closed regions, 1 fully open
  double transport_cost = 0.1;    // iceberg cost per 1000 km
};

struct Parameters {
  FirmParameters firms;
  MarketParameters market;
  TalentParameters talent;
  InnovationParameters innovation;
  KnowledgeParameters knowledge;
  EntryParameters entry;
  PolicyParameters policy;
  double years_per_tick = 0.25;
};

}  // namespace models
