#include "models/macro/spending.hpp"

#include <algorithm>
#include <cmath>

#include "models/macro/sector_matrices.hpp"

namespace models {

double reference_growth(const Economy& economy) {
  const double years = std::max(0, economy.tick) * economy.parameters.years_per_tick;
  return std::exp(economy.parameters.macro.productivity_growth * years);
}

Eigen::VectorXd reference_gdp(const Economy& economy) { return economy.regions.initial_gdp * reference_growth(economy); }

Eigen::VectorXd background_investment(const Economy& economy, const Eigen::VectorXd& reference_gdp) {
  const Eigen::VectorXd& firms_part = economy.machines.initial_replacement;
  const Eigen::VectorXd total = economy.parameters.macro.investment_share * reference_gdp;
  if (firms_part.size() != total.size()) return total;
  return total - firms_part * reference_growth(economy);
}

void open_sector_books(Economy& economy) {
  MacroState& m = economy.macro;
  const int regions = economy.region_count();
  m.households.opening_deposits = m.households.deposits;
  m.households.opening_equity = household_equity(economy);
  m.firms.opening_deposits.setZero(regions);
  m.firms.opening_loans.setZero(regions);
  const Firms& firms = economy.firms;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    m.firms.opening_deposits(firms.region[i]) += std::max(0.0, liquid_assets(firms, i));
    m.firms.opening_loans(firms.region[i]) += std::max(0.0, -liquid_assets(firms, i));
  }
  m.background.opening_capital = m.background.capital;
  m.background.opening_loans = m.background.loans;
  m.government.opening_bonds = m.government.bonds;
  m.bank.opening_deposits = m.households.deposits.sum() + m.firms.opening_deposits.sum();
  m.bank.opening_loans = m.firms.opening_loans.sum() + m.background.loans.sum();
  m.bank.opening_net_worth = m.bank.net_worth;
}

Eigen::VectorXd modelled_share_of_spending(const Economy& economy) {
  const IndustrialChainState& chain = economy.chain;
  const Eigen::VectorXd& income = economy.regions.income;
  Eigen::VectorXd share = Eigen::VectorXd::Zero(economy.region_count());
  for (int r = 0; r < economy.region_count(); ++r) {
    if (income(r) > 0.0) share(r) = (chain.final_demand.row(r).sum() - chain.unsupplied_final(r)) / income(r);
  }
  return share;
}

void spending_process(Economy& economy, const sim::TickContext&) {
  open_sector_books(economy);
  MacroState& m = economy.macro;
  const MacroParameters& p = economy.parameters.macro;
  Government& g = m.government;
  g.reference_gdp = reference_gdp(economy);

  // Households spend out of the income they had last tick and the deposits they hold (Godley and
  // Lavoie's consumption function); the consumption tax comes on top of the price. Households that spend
  // all their income (households.spend_all_income) have a propensity of 1 and spend nothing out of wealth.
  const double out_of_wealth = p.spend_all_income ? 0.0 : p.consumption_out_of_wealth;
  const Eigen::VectorXd spending =
      m.households.propensity_to_consume * m.households.expected_income + out_of_wealth * m.households.opening_deposits;
  m.households.consumption = spending / (1.0 + p.consumption_tax_rate);

  g.education = p.education_share * economy.levers.education_budget.cwiseProduct(g.reference_gdp);
  if (p.financing == Financing::budget_neutral) {
    // Planned from the levers' money of last tick; the government settles its purchases of the background
    // good at the end of the tick so that the total stays on the reference path (models/macro/government.cpp).
    g.purchases = (p.reference_spending_share * g.reference_gdp - g.education - g.programme_spending).cwiseMax(0.0);
  } else {
    g.purchases = p.purchases_share * g.reference_gdp;
  }
  m.background.investment = background_investment(economy, g.reference_gdp);
  // The modelled firms' investment joins it once they have ordered (models/industrial/investment.cpp).
  economy.regions.income = m.households.consumption + g.purchases + m.background.investment;
}

}  // namespace models
