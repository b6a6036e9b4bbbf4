#pragma once
// The talent chain's parameters (model brief §4.6) and their scenario keys, each declared once next to
// the member it fills.
#include <limits>
#include <vector>

#include "sim/config/binding.hpp"

namespace models {

struct TalentParameters {
  double wage_to_gdp_per_capita{};  // talent wage at the start as a multiple of regional GDP per head
  double initial_slack{};           // talent not employed by the modelled firms, share of those employed
  double wage_adjustment_rate{};    // kappa, 1/year: speed at which ln w closes the tightness gap
  double training_replacement_ratio{};  // graduates over the retirements they replace at the start, at budget 1
  double retirement_rate{};         // 1/year
  double reconsider_rate{};         // m, 1/year: rate at which a talent reconsiders where to live
  double logit_scale{};             // lambda, utility units
  double mobility_cost{};           // c0, utility units, at 1000 km and openness 0
  double mobility_distance_exponent{};  // theta
  double destination_size_weight{};  // weight of ln(population / mean population) in the utility
  double housing_share{};           // eta: share of housing in the cost of living
  double housing_density_elasticity{};  // epsilon: elasticity of housing cost with respect to density
  bool write_flows{};               // write the region x destination flow matrix
  bool clearing_wage{};             // wages clear the talent market within the tick instead of adjusting to tightness
  bool expected_migration{};        // migration flows are their expectations in whole persons, not draws
};

inline const std::vector<sim::config::Binding<TalentParameters>>& talent_keys() {
  using sim::config::bind_boolean;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<TalentParameters>> keys = {
      bind_real("talent.wage_to_gdp_per_capita", &TalentParameters::wage_to_gdp_per_capita, 1.5, "1", {0.01, 1.0e7},
       "Talent wage as a multiple of the region's GDP per head at the start. The range reaches 1e7 for the "
       "validation scenarios' limit cases, where talent is a tiny and highly paid share of the population."),
      bind_real("talent.initial_slack", &TalentParameters::initial_slack, 0.05, "1", {0, 1},
       "Talent not employed by the modelled firms, as a share of those employed: the stock at the start is "
       "employment * (1 + slack), and wages are steady when the stock is employment * (1 + slack)."),
      bind_real("talent.wage_adjustment_rate", &TalentParameters::wage_adjustment_rate, 0.5, "1/year", {0, 20},
       "Speed of wage adjustment (kappa): ln w changes by kappa * dt * ln(employment * (1 + slack) / stock) per tick."),
      bind_real("talent.training_replacement_ratio", &TalentParameters::training_replacement_ratio, 1.0, "1",
       {0, 10},
       "Training calibrated to replacement: a region's graduates per tick are this ratio * education budget * "
       "the retirement probability of a tick * the national talent per resident at the start * the region's "
       "population. At 1 with every education budget at 1, graduates replace retirements nationally in "
       "expectation at the start, and national talent per resident stays put."),
      bind_real("talent.retirement_rate", &TalentParameters::retirement_rate, 0.025, "1/year", {0, 1},
       "Rate at which talent retires (leaves the talent stock for good): 1/40 years of working life."),
      bind_real("talent.reconsider_rate", &TalentParameters::reconsider_rate, 0.05, "1/year", {0, 12},
       "Rate at which a talent reconsiders where to live (m); those who do choose a region, staying included, by logit."),
      bind_real("talent.logit_scale", &TalentParameters::logit_scale, 1.0, "1", {1e-06, 100},
       "Scale of the idiosyncratic preference in the migration logit (lambda): P(r -> s) ~ exp((u_s - c_rs) / lambda)."),
      bind_real("talent.mobility_cost", &TalentParameters::mobility_cost, 8.0, "1", {0, 100},
       "Mobility cost c0 in utility units: c_rs = c0 * (1 - o_rs) * (d_rs / 1000 km)^theta, o_rs the openness of the link (policy.openness)."),
      bind_real("talent.mobility_distance_exponent", &TalentParameters::mobility_distance_exponent, 0.5, "1", {0, 5},
       "Exponent theta of distance in the mobility cost."),
      bind_real("talent.destination_size_weight", &TalentParameters::destination_size_weight, 1.0, "1", {0, 10},
       "Weight of ln(population_s / mean population) in the utility of region s: a larger region offers more "
       "opportunities (the destination-size term of gravity models of migration); 0 treats every region as one "
       "alternative."),
      bind_real("talent.housing_share", &TalentParameters::housing_share, 0.22, "1", {0, 1},
       "Share of housing in the cost of living (eta): P_r = prod_k (P_kr / P_k0)^mu_k * h_r^eta, the numeraire "
       "background good taking the rest, 1 - sum mu - eta (so eta + market.strategic_expenditure_share <= 1). "
       "0.22: the residence weight of China's CPI, about 0.20-0.23."),
      bind_real("talent.housing_density_elasticity", &TalentParameters::housing_density_elasticity, 0.25, "1",
       {0, 5},
       "Elasticity of housing cost with respect to population density (epsilon): h_r = policy.housing_cost * "
       "(density_r / national density at the start)^epsilon, density = population / area (population alone "
       "when the regions give no area_km2). A point in the range 0.15-0.4 implied by urban-cost estimates "
       "(docs/model.md, Talent chain)."),
      bind_boolean("talent.clearing_wage", &TalentParameters::clearing_wage, false,
                   "Each tick the talent wage of every region clears its talent market: at the demand the firms "
                   "face, they employ exactly the region's talent stock (the market is cleared again at the new "
                   "wages until none moves by more than 1e-12). A region without firms gets the wage at which an "
                   "entrant would just break even. Never below the background wage. false: the wage adjusts to "
                   "tightness at talent.wage_adjustment_rate (then not used)."),
      bind_boolean("talent.expected_migration", &TalentParameters::expected_migration, false,
                   "Migration without draws: the talent who reconsider and each destination's share of them are "
                   "their expectations, rounded to whole persons (largest remainders, so that totals are kept). "
                   "false: binomial and multinomial draws."),
      bind_boolean("talent.write_flows", &TalentParameters::write_flows, false,
                   "Write talent_flows, the talent moving from each region to each destination per tick "
                   "(region x region per tick)."),
  };
  return keys;
}

}  // namespace models
