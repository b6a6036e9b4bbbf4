#include "models/macro/sector_identities.hpp"

#include <fmt/core.h>

#include <cmath>

#include "models/macro/sector_matrices.hpp"

namespace models {

void check_sector_identities(const Economy& economy, int tick, std::vector<std::string>& violations) {
  const MacroState& m = economy.macro;
  // A hand-built economy of a single mechanism (tests) has no closure to check.
  if (m.households.deposits.size() != economy.region_count() || m.background.output.size() != economy.region_count()) return;
  const double dt = economy.parameters.years_per_tick;
  const double tolerance = sector_identity_tolerance * std::max(1.0, std::abs(economy.regions.gdp.sum()));
  auto differs = [tolerance](double value) { return !(std::abs(value) <= tolerance); };

  const Eigen::MatrixXd flows = transactions_flow_matrix(economy);
  for (Eigen::Index row = 0; row < flows.rows(); ++row) {
    if (differs(flows.row(row).sum())) {
      violations.push_back(fmt::format("tick {}, flow {}: transactions row sums to {} 1e8 CNY/year, not 0", tick,
                                       flow_names()[static_cast<std::size_t>(row)], flows.row(row).sum()));
    }
  }
  for (Eigen::Index col = 0; col < flows.cols(); ++col) {
    if (differs(flows.col(col).sum())) {
      violations.push_back(fmt::format("tick {}, sector {}: transactions column sums to {} 1e8 CNY/year, not 0", tick,
                                       flow_sector_names()[static_cast<std::size_t>(col)], flows.col(col).sum()));
    }
  }
  const Eigen::MatrixXd stocks = balance_sheet_matrix(economy);
  for (Eigen::Index row = 0; row < 4; ++row) {  // deposits, loans, bonds, equity: each is someone's liability
    if (differs(stocks.row(row).sum())) {
      violations.push_back(fmt::format("tick {}, asset {}: balance-sheet row sums to {} 1e8 CNY, not 0", tick,
                                       asset_names()[static_cast<std::size_t>(row)], stocks.row(row).sum()));
    }
  }

  // Change in net worth = saving + revaluations, sector by sector (the bank's and households' from
  // their stocks, which other sectors' accounts set).
  const HouseholdAccounts& h = m.households;
  const CapitalState& c = economy.capital;
  // Households own firms and the background sector at book value: what those keep, the guidance money
  // they receive and the debts written off raise the value of the households' equity; the machines of
  // exiting firms, scrapped, lower it.
  const double revaluation =
      (firms_retained(economy) + m.background.retained.sum() + c.guidance_investment.sum() + m.firms.write_offs.sum()) * dt -
      (c.scrapped_capital.size() > 0 ? c.scrapped_capital.sum() : 0.0);
  const double household_wealth_change = (h.deposits - h.opening_deposits).sum() + household_equity(economy).sum() -
                                         h.opening_equity.sum();
  const double household_saving = h.saving.sum() * dt;
  if (differs((household_wealth_change - household_saving - revaluation) / dt)) {
    violations.push_back(fmt::format("tick {}, sector households: change in net worth {} != saving {} + revaluation {}",
                                     tick, household_wealth_change, household_saving, revaluation));
  }
  const double bank_worth = m.bank.loans + m.bank.bonds - m.bank.deposits;
  const double bank_saving = (m.bank.interest_received - m.bank.interest_paid - m.bank.write_offs - m.bank.dividends) * dt;
  if (differs((bank_worth - m.bank.opening_net_worth - bank_saving) / dt)) {
    violations.push_back(fmt::format(
        "tick {}, sector bank: change in net worth {} (loans + bonds - deposits) != saving {}", tick,
        bank_worth - m.bank.opening_net_worth, bank_saving));
  }
  if (differs((bank_worth - m.bank.net_worth) / dt)) {
    violations.push_back(fmt::format("tick {}, sector bank: net worth from its stocks {} != from its flows {}", tick,
                                     bank_worth, m.bank.net_worth));
  }
  const double government_saving = (m.government.revenue.sum() - m.government.spending.sum()) * dt;
  if (differs((-(m.government.bonds - m.government.opening_bonds) - government_saving) / dt)) {
    violations.push_back(fmt::format("tick {}, sector government: change in net worth {} != saving {}", tick,
                                     -(m.government.bonds - m.government.opening_bonds), government_saving));
  }
  const Eigen::VectorXd background_worth = m.background.capital - m.background.loans;
  const Eigen::VectorXd background_opening = m.background.opening_capital - m.background.opening_loans;
  if (differs((background_worth.sum() - background_opening.sum()) / dt - m.background.retained.sum())) {
    violations.push_back(fmt::format("tick {}, sector background: change in net worth {} != retained surplus {} * {}",
                                     tick, background_worth.sum() - background_opening.sum(),
                                     m.background.retained.sum(), dt));
  }

  // GDP from the production side equals final spending (a closed economy) at the national level.
  const FinalSpending& f = m.spending;
  const double pilots = pilot_purchases(economy);
  const double final_spending = h.consumption.sum() + f.government_modelled.sum() + f.government_background.sum() +
                                m.background.investment.sum() + m.firms.investment.sum() + m.government.education.sum() +
                                c.basic_research.sum() + pilots;
  if (differs(economy.regions.gdp.sum() - final_spending)) {
    violations.push_back(fmt::format("tick {}: national GDP {} != final spending {} (consumption, government "
                                     "purchases, investment of the background sector and of the firms, education, basic research, pilots)",
                                     tick, economy.regions.gdp.sum(), final_spending));
  }
}

}  // namespace models
