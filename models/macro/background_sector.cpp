#include "models/macro/background_sector.hpp"

#include <algorithm>
#include <cmath>

#include "models/macro/government.hpp"
#include "models/macro/spending.hpp"

namespace models {

Eigen::VectorXd background_productivity(const Economy& economy) {
  const double years = economy.tick * economy.parameters.years_per_tick;
  return economy.macro.background.initial_productivity *
         std::exp(economy.parameters.macro.productivity_growth * years);
}

Eigen::VectorXd modelled_wage_bill(const Economy& economy) {
  const Clusters& c = economy.clusters;
  const Eigen::VectorXd& sigma = economy.industries.elasticity;
  Eigen::MatrixXd wages = c.rd_spending - economy.chain.intermediate_purchases;
  for (int k = 0; k < economy.industry_count(); ++k) wages.col(k) += c.sales.col(k) * ((sigma(k) - 1.0) / sigma(k));
  // Talent firms employ whatever they produce is paid on top of the variable wage bill.
  const Eigen::VectorXd& fixed = economy.macro.firms.fixed_talent_wages;
  if (fixed.size() != economy.region_count()) return wages.rowwise().sum();
  return wages.rowwise().sum() + fixed;
}

Eigen::VectorXd place_background_output(const Eigen::VectorXd& demand, const Eigen::VectorXd& labour_force,
                                        bool traded) {
  if (!traded) return demand;
  const double workers = labour_force.sum();
  if (!(workers > 0.0)) return demand;
  return labour_force * (demand.sum() / workers);
}

Eigen::VectorXd firm_services(const Economy& economy) {
  return economy.macro.firms.fixed_costs + economy.chain.unsupplied_intermediate;
}

void produce_background(Economy& economy, const Eigen::VectorXd& modelled_share) {
  MacroState& m = economy.macro;
  BackgroundSector& b = m.background;
  const MacroParameters& p = economy.parameters.macro;
  const double dt = economy.parameters.years_per_tick;
  FinalSpending& f = m.spending;
  f.consumption_modelled = m.households.consumption.cwiseProduct(modelled_share);
  f.consumption_background = m.households.consumption - f.consumption_modelled;
  f.investment_modelled = b.investment.cwiseProduct(modelled_share);
  f.investment_background = b.investment - f.investment_modelled;
  f.firm_investment_modelled = m.firms.investment.cwiseProduct(modelled_share);
  f.firm_investment_background = m.firms.investment - f.firm_investment_modelled;
  m.firms.services = firm_services(economy);
  const Eigen::VectorXd basic_research = economy.capital.basic_research;

  // Demand-led output at the numeraire price; no capacity ceiling (docs/model.md): beyond full
  // employment the labour force works longer, and unemployment is 0.
  const Eigen::VectorXd talent_outside = (economy.talent.stock - economy.clusters.employment.rowwise().sum()).cwiseMax(0.0);
  b.labour_force = b.non_talent_labour + talent_outside;
  b.output = place_background_output(
      f.consumption_background + f.government_background + f.investment_background + f.firm_investment_background +
          m.government.education + basic_research + m.firms.services,
      b.labour_force, p.background_traded);
  b.productivity = background_productivity(economy);
  b.wage = p.labour_share * b.productivity;
  b.employment = (b.output.array() / b.productivity.array()).matrix().cwiseMin(b.labour_force);
  b.unemployment = b.labour_force - b.employment;
  b.wages = p.labour_share * b.output;

  // Capital: investment adds, depreciation wears; net investment is financed by new loans in the share
  // calibrated at the start, the rest out of the surplus.
  b.depreciation = p.depreciation_rate * b.opening_capital;
  const Eigen::VectorXd net_investment = b.investment - b.depreciation;
  b.capital = b.opening_capital + net_investment * dt;
  b.loans = b.opening_loans + b.loan_financing_share * net_investment * dt;
  b.retained = (1.0 - b.loan_financing_share) * net_investment;
  b.loan_interest = economy.parameters.capital.interest_rate * b.opening_loans;
  const Eigen::VectorXd profit = b.output - b.wages - b.loan_interest - b.depreciation;
  b.profit_tax = p.profit_tax_rate * profit.cwiseMax(0.0);
  m.households.mixed_income = profit - b.profit_tax - b.retained;
  m.households.background_wages = b.wages;
  m.households.modelled_wages = modelled_wage_bill(economy);

  // GDP: value added of the modelled industries (their inputs without a modelled supplier are among the
  // purchases already) net of the fixed-cost services they buy, and the background output.
  Regions& regions = economy.regions;
  regions.gdp = economy.chain.value_added.rowwise().sum() - m.firms.fixed_costs + b.output;
}

void production_process(Economy& economy, const sim::TickContext&) {
  const Eigen::VectorXd modelled_share = modelled_share_of_spending(economy);
  settle_government_purchases(economy, modelled_share);
  produce_background(economy, modelled_share);
}

}  // namespace models
