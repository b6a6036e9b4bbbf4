#include "models/macro/macro_chain.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string>

#include "models/core/output_helpers.hpp"
#include "models/core/stream_ids.hpp"
#include "models/macro/background_sector.hpp"
#include "models/macro/banks.hpp"
#include "models/macro/government.hpp"
#include "models/macro/households.hpp"
#include "models/macro/macro_initial.hpp"
#include "models/macro/sector_identities.hpp"
#include "models/macro/sector_matrices.hpp"
#include "models/macro/spending.hpp"
#include "sim/config/errors.hpp"

namespace models {

namespace {

using sim::output::Storage;

constexpr const char* financing_key = "policy.financing";

void declare_keys(sim::config::Schema& schema) {
  sim::config::declare(schema, macro_keys());
  schema.add({.path = financing_key, .kind = sim::config::Kind::choice, .default_value = std::string("debt"), .unit = "",
              .description = "How the government meets what policy costs: debt (bonds, tax rates fixed but for the "
                             "fiscal rule), tax (the wage tax rate balances the budget every tick) or budget_neutral "
                             "(general purchases take what the levers leave of policy.reference_spending_share of "
                             "the reference GDP path, so total programme spending stays on that path).",
              .choices = financing_names()});
}

void read_parameters(const sim::config::Config& config, const sim::RunSettings&, Parameters& parameters) {
  sim::config::read(config, macro_keys(), parameters.macro);
  const std::string& financing = config.string(financing_key);
  const auto& names = financing_names();
  parameters.macro.financing =
      static_cast<Financing>(std::find(names.begin(), names.end(), financing) - names.begin());
}

// A national value (axes none) sampled from `value`, which outlives the registry.
void add_scalar(sim::output::Registry& registry, const double& value, sim::output::Variable declaration) {
  declaration.sample = [&value](std::span<double> out) { out[0] = value; };
  registry.add(std::move(declaration));
}

void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  const MacroState& m = economy.macro;
  const HouseholdAccounts& h = m.households;
  const BackgroundSector& b = m.background;
  const Government& g = m.government;
  registry.add({.name = "transactions_flow", .axes = {"flow", "sector"}, .units_note = "1e8 CNY/year",
                .long_name = "Transactions-flow matrix",
                .description = "transactions-flow matrix of the tick: national flows (rows) paid (negative) and "
                               "received (positive) by each sector account (columns), annual rates; rows and "
                               "columns sum to 0",
                .sample = [&economy](std::span<double> out) { copy_row_major(transactions_flow_matrix(economy), out); }});
  registry.add({.name = "balance_sheet", .axes = {"asset", "holder"}, .units_note = "1e8 CNY",
                .long_name = "Balance-sheet matrix",
                .description = "balance-sheet matrix at the end of the tick: assets positive, liabilities negative, "
                               "net worth closing each column with a minus sign",
                .sample = [&economy](std::span<double> out) { copy_row_major(balance_sheet_matrix(economy), out); }});
  add_region_output(registry, economy.regions.income,
                    {.name = "final_spending", .units_note = "1e8 CNY/year", .long_name = "Final spending",
                     .description = "households' consumption (tax apart), the government's planned purchases, "
                                    "background investment and the modelled firms' machines: final spending on "
                                    "goods of the tick"});
  add_region_output(registry, h.disposable_income,
                    {.name = "household_disposable_income", .units_note = "1e8 CNY/year",
                     .long_name = "Disposable income",
                     .description = "households' wages, distributed profits, interest and transfers less the wage "
                                    "tax"});
  registry.add({.name = "household_consumption", .axes = {"region"}, .units_note = "1e8 CNY/year",
                .long_name = "Household consumption",
                .description = "households' consumption spending, consumption tax included",
                .sample = [&h](std::span<double> out) { copy_vector(h.consumption + h.consumption_tax, out); }});
  add_region_output(registry, h.saving,
                    {.name = "household_saving", .units_note = "1e8 CNY/year", .long_name = "Household saving",
                     .description = "households' disposable income less consumption spending"});
  add_region_output(registry, h.deposits,
                    {.name = "household_deposits", .units_note = "1e8 CNY", .long_name = "Household deposits",
                     .description = "households' bank deposits at the end of the tick"});
  registry.add({.name = "household_wealth", .axes = {"region"}, .units_note = "1e8 CNY",
                .long_name = "Household wealth",
                .description = "households' deposits and the book value of the region's firms and background sector",
                .sample = [&economy, &h](std::span<double> out) {
                  copy_vector(h.deposits + household_equity(economy), out);
                }});
  add_region_output(registry, h.modelled_wages,
                    {.name = "modelled_wages", .units_note = "1e8 CNY/year", .long_name = "Wages of modelled firms",
                     .description = "wages paid by the region's modelled firms (production workers and "
                                    "researchers)"});
  add_region_output(registry, h.unemployment_benefits,
                    {.name = "unemployment_benefits", .units_note = "1e8 CNY/year",
                     .long_name = "Unemployment benefits",
                     .description = "unemployment benefits paid to the region's households"});
  add_region_output(registry, b.output,
                    {.name = "background_output", .units_note = "1e8 CNY/year", .long_name = "Background output",
                     .description = "output of the background sector (the numeraire good, price 1)"});
  add_region_output(registry, b.employment,
                    {.name = "background_employment", .units = "1", .units_note = "persons",
                     .long_name = "Background employment",
                     .description = "persons employed by the background sector"});
  add_region_output(registry, b.unemployment,
                    {.name = "unemployment", .units = "1", .units_note = "persons", .long_name = "Unemployed",
                     .description = "persons of the background sector's labour force without work"});
  add_scaled_region_output(registry, b.wage, 1e4,
                           {.name = "background_wage", .units_note = "1e4 CNY/(person*year)",
                            .long_name = "Background wage",
                            .description = "wage per worker in the background sector: the talent's outside option"});
  add_region_output(registry, b.capital,
                    {.name = "background_capital", .units_note = "1e8 CNY", .long_name = "Background capital",
                     .description = "capital of the background sector at cost"});
  add_region_output(registry, h.wage_tax,
                    {.name = "wage_tax", .units_note = "1e8 CNY/year", .long_name = "Wage tax",
                     .description = "wage tax levied in the region"});
  add_region_output(registry, g.profit_tax,
                    {.name = "profit_tax", .units_note = "1e8 CNY/year", .long_name = "Profit tax",
                     .description = "tax on profits of the region's firms and background sector"});
  add_region_output(registry, h.consumption_tax,
                    {.name = "consumption_tax", .units_note = "1e8 CNY/year", .long_name = "Consumption tax",
                     .description = "tax on the region's consumption"});
  add_region_output(registry, g.purchases,
                    {.name = "government_purchases", .units_note = "1e8 CNY/year",
                     .long_name = "Government purchases",
                     .description = "general government purchases in the region (education apart)"});
  add_region_output(registry, g.education,
                    {.name = "education_spending", .units_note = "1e8 CNY/year", .long_name = "Education spending",
                     .description = "public education spending in the region"});
  add_region_output(registry, g.programme_spending,
                    {.name = "programme_spending", .units_note = "1e8 CNY/year", .long_name = "Programme spending",
                     .description = "money the region's levers cost: budget_spent and talent-programme grants"});
  add_region_output(registry, h.talent_grants,
                    {.name = "talent_grants", .units_note = "1e8 CNY/year", .long_name = "Talent-programme grants",
                     .description = "talent-programme grants paid to talent arriving in the region"});
  add_region_output(registry, g.budget_neutral_excess,
                    {.name = "budget_neutral_excess", .units_note = "1e8 CNY/year",
                     .long_name = "Programme spending borrowed",
                     .description = "programme spending above the reference path that purchases could not make "
                                    "room for (borrowed)"});
  registry.add({.name = "propensity_to_consume", .units = "1", .long_name = "Propensity to consume",
                .description = "households' propensity to consume out of disposable income (a1), calibrated at the "
                               "start",
                .time_series = false,
                .sample = [&h](std::span<double> out) { out[0] = h.propensity_to_consume; }});
  registry.add({.name = "base_wage_tax_rate", .units = "1", .long_name = "Calibrated wage tax rate",
                .description = "wage tax rate calibrated at the start to the initial deficit, before the fiscal rule",
                .time_series = false,
                .sample = [&g](std::span<double> out) { out[0] = g.base_wage_tax_rate; }});
  registry.add({.name = "background_loan_financing_share", .units = "1",
                .long_name = "Background loan-financing share",
                .description = "share of the background sector's net investment financed by new loans, calibrated "
                               "at the start to households' initial saving rate",
                .time_series = false,
                .sample = [&b](std::span<double> out) { out[0] = b.loan_financing_share; }});
  add_scalar(registry, g.wage_tax_rate,
             {.name = "wage_tax_rate", .units = "1", .long_name = "Wage tax rate",
              .description = "wage tax rate in force"});
  add_scalar(registry, g.deficit,
             {.name = "government_deficit", .units_note = "1e8 CNY/year", .long_name = "Government deficit",
              .description = "spending less revenue of the government, national"});
  add_scalar(registry, g.bonds,
             {.name = "government_debt", .units_note = "1e8 CNY", .long_name = "Government debt",
              .description = "government bonds outstanding at the end of the tick"});
  add_scalar(registry, m.bank.deposits,
             {.name = "bank_deposits", .units_note = "1e8 CNY", .long_name = "Bank deposits",
              .description = "deposits of households and firms at the bank"});
  add_scalar(registry, m.bank.loans,
             {.name = "bank_loans", .units_note = "1e8 CNY", .long_name = "Bank loans",
              .description = "the bank's loans to modelled firms and the background sector"});
  add_scalar(registry, m.bank.net_worth,
             {.name = "bank_net_worth", .units_note = "1e8 CNY", .long_name = "Bank net worth",
              .description = "the bank's loans and bonds less deposits"});
}

constexpr ProcessSpec processes[] = {
    {"spending", 3, stream_id::spending, spending_process},
    {"production", 20, stream_id::production, production_process},
    {"banks", 21, stream_id::banks, banks_process},
    {"government", 22, stream_id::government, government_process},
    {"households", 23, stream_id::households, households_process},
};

}  // namespace

namespace {

void visit_households(sim::state::StateVisitor& visitor, HouseholdAccounts& h) {
  const sim::state::StateVisitor::Group group(visitor, "households");
  visitor("deposits", h.deposits);
  visitor("opening_deposits", h.opening_deposits);
  visitor("opening_equity", h.opening_equity);
  visitor("consumption", h.consumption);
  visitor("consumption_tax", h.consumption_tax);
  visitor("modelled_wages", h.modelled_wages);
  visitor("background_wages", h.background_wages);
  visitor("dividends", h.dividends);
  visitor("mixed_income", h.mixed_income);
  visitor("bank_dividends", h.bank_dividends);
  visitor("deposit_interest", h.deposit_interest);
  visitor("unemployment_benefits", h.unemployment_benefits);
  visitor("talent_grants", h.talent_grants);
  visitor("wage_tax", h.wage_tax);
  visitor("disposable_income", h.disposable_income);
  visitor("expected_income", h.expected_income);
  visitor("saving", h.saving);
  visitor("equity_purchases", h.equity_purchases);
  visitor("liquidations", h.liquidations);
  visitor("propensity_to_consume", h.propensity_to_consume);
}

void visit_firm_accounts(sim::state::StateVisitor& visitor, FirmAccounts& f) {
  const sim::state::StateVisitor::Group group(visitor, "firm_accounts");
  visitor("opening_deposits", f.opening_deposits);
  visitor("opening_loans", f.opening_loans);
  visitor("deposit_interest", f.deposit_interest);
  visitor("loan_interest", f.loan_interest);
  visitor("profit_tax", f.profit_tax);
  visitor("dividends", f.dividends);
  visitor("fixed_costs", f.fixed_costs);
  visitor("services", f.services);
  visitor("write_offs", f.write_offs);
  visitor("investment", f.investment);
  visitor("depreciation", f.depreciation);
}

void visit_background(sim::state::StateVisitor& visitor, BackgroundSector& b) {
  const sim::state::StateVisitor::Group group(visitor, "background");
  visitor("initial_productivity", b.initial_productivity);
  visitor("productivity", b.productivity);
  visitor("wage", b.wage);
  visitor("non_talent_labour", b.non_talent_labour);
  visitor("labour_force", b.labour_force);
  visitor("employment", b.employment);
  visitor("unemployment", b.unemployment);
  visitor("output", b.output);
  visitor("wages", b.wages);
  visitor("investment", b.investment);
  visitor("capital", b.capital);
  visitor("opening_capital", b.opening_capital);
  visitor("loans", b.loans);
  visitor("opening_loans", b.opening_loans);
  visitor("depreciation", b.depreciation);
  visitor("loan_interest", b.loan_interest);
  visitor("profit_tax", b.profit_tax);
  visitor("retained", b.retained);
  visitor("loan_financing_share", b.loan_financing_share);
}

void visit_spending(sim::state::StateVisitor& visitor, FinalSpending& s) {
  const sim::state::StateVisitor::Group group(visitor, "final_spending");
  visitor("consumption_modelled", s.consumption_modelled);
  visitor("consumption_background", s.consumption_background);
  visitor("government_modelled", s.government_modelled);
  visitor("government_background", s.government_background);
  visitor("investment_modelled", s.investment_modelled);
  visitor("investment_background", s.investment_background);
  visitor("firm_investment_modelled", s.firm_investment_modelled);
  visitor("firm_investment_background", s.firm_investment_background);
}

void visit_government(sim::state::StateVisitor& visitor, Government& g) {
  const sim::state::StateVisitor::Group group(visitor, "government");
  visitor("reference_gdp", g.reference_gdp);
  visitor("purchases", g.purchases);
  visitor("education", g.education);
  visitor("programme_spending", g.programme_spending);
  visitor("profit_tax", g.profit_tax);
  visitor("revenue", g.revenue);
  visitor("spending", g.spending);
  visitor("budget_neutral_excess", g.budget_neutral_excess);
  visitor("base_wage_tax_rate", g.base_wage_tax_rate);
  visitor("wage_tax_rate", g.wage_tax_rate);
  visitor("bond_interest", g.bond_interest);
  visitor("deficit", g.deficit);
  visitor("bonds", g.bonds);
  visitor("opening_bonds", g.opening_bonds);
}

void visit_bank(sim::state::StateVisitor& visitor, Bank& b) {
  const sim::state::StateVisitor::Group group(visitor, "bank");
  visitor("deposits", b.deposits);
  visitor("loans", b.loans);
  visitor("bonds", b.bonds);
  visitor("net_worth", b.net_worth);
  visitor("opening_deposits", b.opening_deposits);
  visitor("opening_loans", b.opening_loans);
  visitor("opening_net_worth", b.opening_net_worth);
  visitor("interest_received", b.interest_received);
  visitor("interest_paid", b.interest_paid);
  visitor("write_offs", b.write_offs);
  visitor("dividends", b.dividends);
}

void visit_macro_state(sim::state::StateVisitor& visitor, Economy& economy) {
  const sim::state::StateVisitor::Group group(visitor, "macro");
  MacroState& m = economy.macro;
  visit_households(visitor, m.households);
  visit_firm_accounts(visitor, m.firms);
  visit_background(visitor, m.background);
  visit_spending(visitor, m.spending);
  visit_government(visitor, m.government);
  visit_bank(visitor, m.bank);
}

}  // namespace

const Chain macro_chain{
    .name = "macro",
    .declare_keys = declare_keys,
    .read_parameters = read_parameters,
    .before_firms = set_initial_spending,
    .after_first_clearing = initialise_macro,
    .processes = processes,
    .declare_outputs = declare_outputs,
    .check_identities = check_sector_identities,
    .visit_state = visit_macro_state,
};

}  // namespace models
