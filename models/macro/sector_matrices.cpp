#include "models/macro/sector_matrices.hpp"

#include <algorithm>

namespace models {

namespace {

enum Flow {
  consumption_modelled, consumption_background, government_purchases_modelled, government_purchases_background,
  investment_modelled, investment_background, services_bought_by_firms, wages_modelled, wages_background,
  unemployment_benefits, talent_grants, subsidies_to_firms, wage_tax, profit_tax, consumption_tax,
  distributed_profits, deposit_interest, loan_interest, bond_interest, depreciation, retained_profits,
  equity_purchases, guidance_funds, liquidations, loan_write_offs, change_in_deposits, change_in_loans,
  change_in_bonds, flow_count
};
enum FlowSector { households, firms_current, firms_capital, background_current, background_capital, bank_sector,
                  government, flow_sector_count };
enum Asset { deposits, loans, bonds, equity, real_capital, net_worth, asset_count };
enum Holder { household_holder, firm_holder, background_holder, bank_holder, government_holder, holder_count };

}  // namespace

const std::vector<std::string>& flow_names() {
  static const std::vector<std::string> names = {
      "consumption_modelled", "consumption_background", "government_purchases_modelled",
      "government_purchases_background", "investment_modelled", "investment_background", "services_bought_by_firms",
      "wages_modelled", "wages_background", "unemployment_benefits", "talent_grants", "subsidies_to_firms",
      "wage_tax", "profit_tax", "consumption_tax", "distributed_profits", "deposit_interest", "loan_interest",
      "bond_interest", "depreciation", "retained_profits", "equity_purchases", "guidance_funds", "liquidations",
      "loan_write_offs", "change_in_deposits", "change_in_loans", "change_in_bonds"};
  return names;
}

const std::vector<std::string>& flow_sector_names() {
  static const std::vector<std::string> names = {"households", "firms_current", "firms_capital", "background_current",
                                                 "background_capital", "bank", "government"};
  return names;
}

const std::vector<std::string>& asset_names() {
  static const std::vector<std::string> names = {"deposits", "loans", "bonds", "equity", "real_capital", "net_worth"};
  return names;
}

const std::vector<std::string>& balance_sector_names() {
  static const std::vector<std::string> names = {"households", "firms", "background", "bank", "government"};
  return names;
}

std::vector<sim::output::Axis> sector_matrix_axes() {
  // In the file's group `accounts`: the matrices' axes would be crossed with the time series' in a table
  // of the root.
  return {{.name = "flow", .long_name = "Flow", .description = "row of the transactions-flow matrix",
           .labels = flow_names(), .group = "accounts"},
          {.name = "sector", .long_name = "Sector account",
           .description = "sector account (column of the transactions-flow matrix)", .labels = flow_sector_names(), .group = "accounts"},
          {.name = "asset", .long_name = "Asset", .description = "row of the balance-sheet matrix",
           .labels = asset_names(), .group = "accounts"},
          {.name = "holder", .long_name = "Holder",
           .description = "sector (column of the balance-sheet matrix)", .labels = balance_sector_names(), .group = "accounts"}};
}

double pilot_purchases(const Economy& economy) {
  return economy.future.pilot_purchases.size() > 0 ? economy.future.pilot_purchases.sum() : 0.0;
}

double adoption_subsidies(const Economy& economy) {
  return economy.future.adoption_subsidies.size() > 0 ? economy.future.adoption_subsidies.sum() : 0.0;
}

double firms_retained(const Economy& economy) {
  const CapitalState& c = economy.capital;
  const FirmAccounts& books = economy.macro.firms;
  return c.profit.sum() - books.profit_tax.sum() - books.dividends.sum() + c.leading_support.sum() +
         adoption_subsidies(economy);
}

FirmMoney firm_money(const Firms& firms) {
  FirmMoney money;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const double money_held = liquid_assets(firms, i);
    money.deposits += std::max(0.0, money_held);
    money.loans += std::max(0.0, -money_held);
    money.machines += firms.capital[i];
    money.equity += firms.net_worth[i];
  }
  return money;
}

Eigen::VectorXd household_equity(const Economy& economy) {
  Eigen::VectorXd equity = economy.macro.background.capital - economy.macro.background.loans;
  for (std::size_t i = 0; i < economy.firms.size(); ++i) equity(economy.firms.region[i]) += economy.firms.net_worth[i];
  return equity;
}

Eigen::MatrixXd transactions_flow_matrix(const Economy& economy) {
  const MacroState& m = economy.macro;
  const HouseholdAccounts& h = m.households;
  const FinalSpending& f = m.spending;
  const BackgroundSector& b = m.background;
  const Government& g = m.government;
  const CapitalState& c = economy.capital;
  const double dt = economy.parameters.years_per_tick;
  const double pilots = pilot_purchases(economy);
  const double adoption = adoption_subsidies(economy);

  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(flow_count, flow_sector_count);
  auto pay = [&t](int flow, int payer, int receiver, double amount) {
    t(flow, payer) -= amount;
    t(flow, receiver) += amount;
  };
  pay(consumption_modelled, households, firms_current, f.consumption_modelled.sum());
  pay(consumption_background, households, background_current, f.consumption_background.sum());
  pay(government_purchases_modelled, government, firms_current, f.government_modelled.sum() + pilots);
  pay(government_purchases_background, government, background_current,
      f.government_background.sum() + g.education.sum() + c.basic_research.sum());
  pay(investment_modelled, background_capital, firms_current, f.investment_modelled.sum());
  pay(investment_background, background_capital, background_current, f.investment_background.sum());
  pay(investment_modelled, firms_capital, firms_current, f.firm_investment_modelled.sum());
  pay(investment_background, firms_capital, background_current, f.firm_investment_background.sum());
  pay(services_bought_by_firms, firms_current, background_current, m.firms.services.sum());
  pay(wages_modelled, firms_current, households, h.modelled_wages.sum());
  pay(wages_background, background_current, households, h.background_wages.sum());
  pay(unemployment_benefits, government, households, h.unemployment_benefits.sum());
  pay(talent_grants, government, households, h.talent_grants.sum());
  pay(subsidies_to_firms, government, firms_current, c.rd_subsidies.sum() + c.leading_support.sum() + adoption);
  pay(wage_tax, households, government, h.wage_tax.sum());
  pay(profit_tax, firms_current, government, m.firms.profit_tax.sum());
  pay(profit_tax, background_current, government, b.profit_tax.sum());
  pay(consumption_tax, households, government, h.consumption_tax.sum());
  pay(distributed_profits, firms_current, households, m.firms.dividends.sum());
  pay(distributed_profits, background_current, households, h.mixed_income.sum());
  pay(distributed_profits, bank_sector, households, m.bank.dividends);
  pay(deposit_interest, bank_sector, households, h.deposit_interest.sum());
  pay(deposit_interest, bank_sector, firms_current, m.firms.deposit_interest.sum());
  pay(loan_interest, firms_current, bank_sector, m.firms.loan_interest.sum());
  pay(loan_interest, background_current, bank_sector, b.loan_interest.sum());
  pay(bond_interest, government, bank_sector, g.bond_interest);
  pay(depreciation, background_current, background_capital, b.depreciation.sum());
  pay(depreciation, firms_current, firms_capital, m.firms.depreciation.sum());
  pay(retained_profits, firms_current, firms_capital, firms_retained(economy));
  pay(retained_profits, background_current, background_capital, b.retained.sum());
  pay(equity_purchases, households, firms_capital, h.equity_purchases.sum());
  pay(guidance_funds, government, firms_capital, c.guidance_investment.sum());
  pay(liquidations, firms_capital, households, h.liquidations.sum());
  pay(loan_write_offs, bank_sector, firms_capital, m.firms.write_offs.sum());

  // Changes in stocks as annual rates: an increase of an asset is a use of funds (negative), of a
  // liability a source (positive).
  const FirmMoney firm = firm_money(economy.firms);
  const double household_deposit_change = (h.deposits.sum() - h.opening_deposits.sum()) / dt;
  const double firm_deposit_change = (firm.deposits - m.firms.opening_deposits.sum()) / dt;
  t(change_in_deposits, households) = -household_deposit_change;
  t(change_in_deposits, firms_capital) = -firm_deposit_change;
  t(change_in_deposits, bank_sector) = (m.bank.deposits - m.bank.opening_deposits) / dt;
  t(change_in_loans, firms_capital) = (firm.loans - m.firms.opening_loans.sum()) / dt;
  t(change_in_loans, background_capital) = (b.loans.sum() - b.opening_loans.sum()) / dt;
  t(change_in_loans, bank_sector) = -(m.bank.loans - m.bank.opening_loans) / dt;
  t(change_in_bonds, government) = (g.bonds - g.opening_bonds) / dt;
  t(change_in_bonds, bank_sector) = -(m.bank.bonds - g.opening_bonds) / dt;
  return t;
}

Eigen::MatrixXd balance_sheet_matrix(const Economy& economy) {
  const MacroState& m = economy.macro;
  const FirmMoney firm = firm_money(economy.firms);
  const double background_equity = m.background.capital.sum() - m.background.loans.sum();
  Eigen::MatrixXd s = Eigen::MatrixXd::Zero(asset_count, holder_count);
  s(deposits, household_holder) = m.households.deposits.sum();
  s(deposits, firm_holder) = firm.deposits;
  s(deposits, bank_holder) = -m.bank.deposits;
  s(loans, firm_holder) = -firm.loans;
  s(loans, background_holder) = -m.background.loans.sum();
  s(loans, bank_holder) = m.bank.loans;
  s(bonds, bank_holder) = m.bank.bonds;
  s(bonds, government_holder) = -m.government.bonds;
  // Equity at book value: the households own the firms and the background sector.
  s(equity, household_holder) = firm.equity + background_equity;
  s(equity, firm_holder) = -firm.equity;
  s(equity, background_holder) = -background_equity;
  s(real_capital, firm_holder) = firm.machines;
  s(real_capital, background_holder) = m.background.capital.sum();
  // Net worth closes each column, with the sign of Godley and Lavoie's tables (a balancing use).
  for (int holder = 0; holder < holder_count; ++holder) s(net_worth, holder) = -s.col(holder).head(net_worth).sum();
  return s;
}

}  // namespace models
