#include "models/macro/households.hpp"

#include "models/macro/sector_matrices.hpp"

namespace models {

void close_bank_books(Economy& economy) {
  MacroState& m = economy.macro;
  const FirmMoney firm = firm_money(economy.firms);
  m.bank.deposits = m.households.deposits.sum() + firm.deposits;
  m.bank.loans = firm.loans + m.background.loans.sum();
  m.bank.bonds = m.government.bonds;
}

void households_process(Economy& economy, const sim::TickContext&) {
  MacroState& m = economy.macro;
  HouseholdAccounts& h = m.households;
  const CapitalState& c = economy.capital;
  const MacroParameters& p = economy.parameters.macro;
  const double dt = economy.parameters.years_per_tick;

  h.dividends = m.firms.dividends;
  h.disposable_income = h.modelled_wages + h.background_wages - h.wage_tax + h.dividends + h.mixed_income +
                        h.bank_dividends + h.deposit_interest + h.unemployment_benefits + h.talent_grants;
  h.saving = h.disposable_income - (1.0 + p.consumption_tax_rate) * h.consumption;
  // Investors of a region pay its venture capital wherever it goes; co-investment comes from the region
  // of the guidance fund; founders' capital from the region of the new firm.
  h.equity_purchases = c.vc_invested + c.private_coinvestment.rowwise().sum() + c.entered_net_worth / dt;
  h.liquidations = c.liquidations / dt;
  h.deposits = h.opening_deposits + (h.saving - h.equity_purchases + h.liquidations) * dt;
  h.expected_income = h.disposable_income;
  close_bank_books(economy);
}

}  // namespace models
