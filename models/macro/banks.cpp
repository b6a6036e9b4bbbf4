#include "models/macro/banks.hpp"

#include <algorithm>

namespace models {

void banks_process(Economy& economy, const sim::TickContext&) {
  MacroState& m = economy.macro;
  Bank& bank = m.bank;
  const MacroParameters& p = economy.parameters.macro;
  const double dt = economy.parameters.years_per_tick;

  m.households.deposit_interest = p.deposit_rate * m.households.opening_deposits;
  m.firms.write_offs = economy.capital.write_offs / dt;
  bank.interest_received = m.firms.loan_interest.sum() + m.background.loan_interest.sum() + p.bond_rate * m.government.opening_bonds;
  bank.interest_paid = m.households.deposit_interest.sum() + m.firms.deposit_interest.sum();
  bank.write_offs = m.firms.write_offs.sum();
  const double profit = bank.interest_received - bank.interest_paid - bank.write_offs;
  bank.dividends = std::max(0.0, profit);
  bank.net_worth = bank.opening_net_worth + (profit - bank.dividends) * dt;

  const double deposits = m.households.opening_deposits.sum();
  m.households.bank_dividends = deposits > 0.0 ? Eigen::VectorXd(m.households.opening_deposits * (bank.dividends / deposits))
                                               : Eigen::VectorXd::Zero(economy.region_count());
}

}  // namespace models
