#include "models/macro/government.hpp"

#include <algorithm>
#include <cmath>

namespace models {

Eigen::VectorXd talent_grants(const Economy& economy) {
  const TalentState& talent = economy.talent;
  const int regions = economy.region_count();
  Eigen::VectorXd grants = Eigen::VectorXd::Zero(regions);
  if (talent.immigrants.size() != regions) return grants;
  const double years = economy.parameters.macro.talent_grant_years;
  for (int r = 0; r < regions; ++r) {
    // The bonus b is worth a wage e^b times higher; the programme pays that premium for some years,
    // once, to each talent who arrives. A bonus of 0 or below costs nothing.
    const double premium = std::max(0.0, std::exp(economy.levers.talent_programme_bonus(r)) - 1.0);
    grants(r) = premium * talent.wage(r) * years * talent.immigrants(r) / economy.parameters.years_per_tick;
  }
  return grants;
}

void settle_government_purchases(Economy& economy, const Eigen::VectorXd& modelled_share) {
  MacroState& m = economy.macro;
  Government& g = m.government;
  const MacroParameters& p = economy.parameters.macro;
  const int regions = economy.region_count();
  m.households.talent_grants = talent_grants(economy);
  g.programme_spending = economy.capital.budget_spent + m.households.talent_grants;

  // Of the planned purchases, the modelled industries received the share of final spending they sold.
  g.budget_neutral_excess.setZero(regions);
  m.spending.government_modelled = g.purchases.cwiseProduct(modelled_share);
  if (p.financing == Financing::budget_neutral) {
    const Eigen::VectorXd room =
        p.reference_spending_share * g.reference_gdp - g.education - g.programme_spending - m.spending.government_modelled;
    m.spending.government_background = room.cwiseMax(0.0);
    g.budget_neutral_excess = (-room).cwiseMax(0.0);
    g.purchases = m.spending.government_modelled + m.spending.government_background;
  } else {
    m.spending.government_background = g.purchases - m.spending.government_modelled;
  }
}

double wage_tax_rate(const Economy& economy, double other_spending, double other_revenue, double wage_base) {
  const MacroParameters& p = economy.parameters.macro;
  const Government& g = economy.macro.government;
  if (p.financing == Financing::tax) return wage_base > 0.0 ? (other_spending - other_revenue) / wage_base : 0.0;
  const double gdp = economy.regions.gdp.sum();
  const double debt_ratio = gdp > 0.0 ? g.opening_bonds / gdp : 0.0;
  return g.base_wage_tax_rate + p.fiscal_rule_speed * (debt_ratio - p.debt_target);
}

void government_process(Economy& economy, const sim::TickContext&) {
  MacroState& m = economy.macro;
  Government& g = m.government;
  HouseholdAccounts& h = m.households;
  const MacroParameters& p = economy.parameters.macro;
  const double dt = economy.parameters.years_per_tick;

  h.unemployment_benefits = p.unemployment_benefit_ratio * m.background.wage.cwiseProduct(m.background.unemployment);
  g.bond_interest = p.bond_rate * g.opening_bonds;
  g.profit_tax = m.firms.profit_tax + m.background.profit_tax;
  h.consumption_tax = p.consumption_tax_rate * h.consumption;

  // Interest is national; for the regional display it is allocated by GDP.
  const double gdp = economy.regions.gdp.sum();
  const Eigen::VectorXd interest_share =
      gdp > 0.0 ? Eigen::VectorXd(economy.regions.gdp / gdp) : Eigen::VectorXd::Zero(economy.region_count());
  g.spending = g.purchases + g.education + g.programme_spending + h.unemployment_benefits + g.bond_interest * interest_share;

  const Eigen::VectorXd wages = h.modelled_wages + h.background_wages;
  g.wage_tax_rate = wage_tax_rate(economy, g.spending.sum(), g.profit_tax.sum() + h.consumption_tax.sum(), wages.sum());
  h.wage_tax = g.wage_tax_rate * wages;
  g.revenue = h.wage_tax + g.profit_tax + h.consumption_tax;
  g.deficit = g.spending.sum() - g.revenue.sum();
  g.bonds = g.opening_bonds + g.deficit * dt;
  m.bank.bonds = g.bonds;
}

}  // namespace models
