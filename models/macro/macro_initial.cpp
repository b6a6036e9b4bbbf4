#include "models/macro/macro_initial.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "models/industrial/fixed_costs.hpp"
#include "models/macro/background_sector.hpp"
#include "models/macro/sector_matrices.hpp"
#include "models/macro/spending.hpp"
#include "sim/config/errors.hpp"

namespace models {

namespace {

// The closure's starting values follow from many keys at once; `keys` names the ones that set the value
// that failed, the first being the one a user most often changes to repair it. Every value is a share of
// the regions' GDP, so their GDP is named too.
[[noreturn]] void impossible_start(const std::string& keys, const std::string& expected, double found) {
  const std::string value = std::isnan(found) ? "no number (a division by zero: see the keys named)"
                                              : fmt::format("{:.6g}", found);
  sim::config::Error error;
  error.source.file = "the closure's starting state";
  error.key = keys.find("regions.gdp") == std::string::npos ? keys + ", regions.gdp" : keys;
  error.expected = expected;
  error.found = value;
  error.hint = "docs/model.md, Initialisation of the closure";
  throw sim::config::InputError({error});
}

// The keys that set the background sector's output at the start, and so the wages, surplus and income that
// the later checks divide by: what is left of final spending after the modelled industries' share of it.
const std::string background_output_keys =
    ", market.strategic_expenditure_share, households.initial_consumption_share, government.purchases_share, "
    "background.investment_share, investment.capital_to_sales, investment.desired_utilisation, "
    "investment.depreciation_rate";

}  // namespace

void size_macro_state(Economy& economy) {
  const int regions = economy.region_count();
  MacroState& m = economy.macro;
  HouseholdAccounts& h = m.households;
  for (Eigen::VectorXd* v :
       {&h.deposits, &h.opening_deposits, &h.opening_equity, &h.consumption, &h.consumption_tax, &h.modelled_wages,
        &h.background_wages, &h.dividends, &h.mixed_income, &h.bank_dividends, &h.deposit_interest,
        &h.unemployment_benefits, &h.talent_grants, &h.wage_tax, &h.disposable_income, &h.expected_income, &h.saving,
        &h.equity_purchases, &h.liquidations, &m.firms.opening_deposits, &m.firms.opening_loans,
        &m.firms.deposit_interest, &m.firms.loan_interest, &m.firms.profit_tax, &m.firms.dividends,
        &m.firms.fixed_costs, &m.firms.fixed_talent_wages, &m.firms.services, &m.firms.write_offs, &m.firms.investment, &m.firms.depreciation, &m.background.initial_productivity,
        &m.background.productivity, &m.background.wage, &m.background.non_talent_labour, &m.background.labour_force,
        &m.background.employment, &m.background.unemployment, &m.background.output, &m.background.wages,
        &m.background.investment, &m.background.capital, &m.background.opening_capital, &m.background.loans,
        &m.background.opening_loans, &m.background.depreciation, &m.background.loan_interest,
        &m.background.profit_tax, &m.background.retained, &m.spending.consumption_modelled,
        &m.spending.consumption_background, &m.spending.government_modelled, &m.spending.government_background,
        &m.spending.investment_modelled, &m.spending.investment_background, &m.spending.firm_investment_modelled,
        &m.spending.firm_investment_background,
        &m.government.reference_gdp, &m.government.purchases, &m.government.education,
        &m.government.programme_spending, &m.government.profit_tax, &m.government.revenue, &m.government.spending,
        &m.government.budget_neutral_excess}) {
    v->setZero(regions);
  }
}

void set_initial_spending(Economy& economy, const sim::config::Config&, const sim::RunSettings&) {
  const MacroParameters& p = economy.parameters.macro;
  const Eigen::VectorXd& gdp = economy.regions.initial_gdp;
  economy.regions.income =
      (p.initial_consumption_share / (1.0 + p.consumption_tax_rate) + p.purchases_share + p.investment_share) * gdp;
}

void initialise_macro(Economy& economy) {
  size_macro_state(economy);
  MacroState& m = economy.macro;
  const MacroParameters& p = economy.parameters.macro;
  const Eigen::VectorXd& gdp = economy.regions.initial_gdp;
  const double national_gdp = gdp.sum();
  const Firms& firms = economy.firms;
  HouseholdAccounts& h = m.households;
  BackgroundSector& b = m.background;
  Government& g = m.government;

  // Spending at the start, as in set_initial_spending; education at budget 1 and no lever money for the
  // calibration (the levers differ between scenarios, the calibration must not).
  h.consumption = p.initial_consumption_share / (1.0 + p.consumption_tax_rate) * gdp;
  g.reference_gdp = gdp;
  g.purchases = p.purchases_share * gdp;
  const Eigen::VectorXd education = p.education_share * gdp;
  // Investment at the start is investment_share of GDP: the firms' replacement of their machines and the
  // background sector's investment.
  const Eigen::VectorXd firm_investment = economy.machines.initial_replacement.size() == economy.region_count()
                                              ? economy.machines.initial_replacement
                                              : Eigen::VectorXd::Zero(economy.region_count());
  b.investment = p.investment_share * gdp - firm_investment;
  if (b.investment.minCoeff() < 0.0) {
    impossible_start("background.investment_share, investment.capital_to_sales, investment.depreciation_rate",
                     "investment at the start (a share of GDP) at least the modelled firms' replacement of their "
                     "machines in every region",
                     b.investment.minCoeff());
  }
  // The modelled industries sell the share of final spending the first clearing gave them (future
  // industries only as far as their cost lets households buy); the rest buys the background good.
  const Eigen::VectorXd modelled_share = modelled_share_of_spending(economy);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    m.firms.fixed_costs(firms.region[i]) += fixed_service_cost(economy);
    m.firms.fixed_talent_wages(firms.region[i]) += fixed_talent_cost(economy, firms.region[i]);
  }
  // Labour: the non-talent workers stay where they are; the background sector employs them and the talent
  // the modelled firms do not, and its productivity is what leaves the initial share unemployed.
  const Eigen::VectorXd talent_employed = economy.clusters.employment.rowwise().sum();
  b.non_talent_labour = p.participation_rate * economy.regions.population * 1e4 - economy.talent.stock;
  if (b.non_talent_labour.minCoeff() <= 0.0) {
    // The talent stock at the start is the talent the firms employ and the researchers they hire, plus slack
    // (initialise_talent): a low talent wage makes it large.
    impossible_start("background.participation_rate, talent.wage_to_gdp_per_capita, talent.initial_slack, "
                     "innovation.rd_share_of_sales, regions.population, regions.gdp",
                     "a workforce larger than the talent stock in every region",
                     b.non_talent_labour.minCoeff());
  }
  b.labour_force = b.non_talent_labour + (economy.talent.stock - talent_employed).cwiseMax(0.0);
  const Eigen::VectorXd output = place_background_output(
      (Eigen::VectorXd::Ones(economy.region_count()) - modelled_share)
              .cwiseProduct(h.consumption + g.purchases + b.investment + firm_investment) +
          education + m.firms.fixed_costs,
      b.labour_force, p.background_traded);
  b.employment = (1.0 - p.initial_unemployment_rate) * b.labour_force;
  b.unemployment = b.labour_force - b.employment;
  b.initial_productivity = output.cwiseQuotient(b.employment);
  b.productivity = b.initial_productivity;
  b.wage = p.labour_share * b.productivity;

  // Stocks. The bank's balance sheet closes with its loans to the background sector: deposits and net
  // worth (a share of its loans and bonds) fund the loans and the bonds.
  b.capital = p.initial_capital_to_gdp * gdp;
  h.deposits = p.initial_deposits_to_gdp * gdp;
  g.bonds = p.initial_debt_to_gdp * national_gdp;
  const FirmMoney firm = firm_money(firms);
  const double assets = (h.deposits.sum() + firm.deposits) / (1.0 - p.bank_capital_ratio);
  const double background_loans = assets - firm.loans - g.bonds;
  const double loan_to_capital = background_loans / b.capital.sum();
  if (!(loan_to_capital >= 0.0 && loan_to_capital <= 1.0)) {
    // The firms' deposits and loans at the start are their net worth less their machines.
    impossible_start("households.initial_deposits_to_gdp, government.initial_debt_to_gdp, banks.capital_ratio, "
                     "firms.initial_net_worth_to_sales, investment.capital_to_sales, "
                     "background.initial_capital_to_gdp",
                     "deposits that fund bonds and loans to the background sector of at most its capital "
                     "(a loan share in [0, 1])",
                     loan_to_capital);
  }
  b.loans = loan_to_capital * b.capital;
  m.bank.net_worth = p.bank_capital_ratio * assets;
  m.bank.deposits = h.deposits.sum() + firm.deposits;
  m.bank.loans = firm.loans + b.loans.sum();
  m.bank.bonds = g.bonds;

  // Flows of a tick at the start, for the calibration of the wage tax and the propensity to consume.
  const double rd_share = economy.parameters.innovation.rd_share_of_sales;
  const Eigen::VectorXd& sigma = economy.industries.elasticity;
  Eigen::VectorXd dividends = Eigen::VectorXd::Zero(economy.region_count());
  double firm_tax = 0.0;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const double money = liquid_assets(firms, i);
    const double wear = economy.parameters.investment.depreciation_rate * firms.capital[i];  // 0 without machines
    const double profit = firms.sales[i] / sigma(firms.industry[i]) - fixed_cost(economy, firms.region[i]) -
                          rd_share * firms.sales[i] - economy.parameters.capital.interest_rate * std::max(0.0, -money) +
                          p.deposit_rate * std::max(0.0, money) - wear;
    const double tax = p.profit_tax_rate * std::max(0.0, profit);
    firm_tax += tax;
    dividends(firms.region[i]) += p.dividend_payout * std::max(0.0, profit - tax);
  }
  const Eigen::VectorXd wages = modelled_wage_bill(economy) + rd_share * economy.clusters.sales.rowwise().sum() +
                                p.labour_share * output;
  const Eigen::VectorXd depreciation = p.depreciation_rate * b.capital;
  const Eigen::VectorXd background_profit = output - p.labour_share * output -
                                            economy.parameters.capital.interest_rate * b.loans - depreciation;
  const Eigen::VectorXd background_tax = p.profit_tax_rate * background_profit.cwiseMax(0.0);
  // Surplus paid out when the background sector finances all its net investment with loans; what it
  // keeps instead is calibrated below.
  const Eigen::VectorXd net_investment = b.investment - depreciation;
  const Eigen::VectorXd surplus = background_profit - background_tax;
  const double bank_profit = economy.parameters.capital.interest_rate * m.bank.loans + p.bond_rate * g.bonds -
                             p.deposit_rate * m.bank.deposits;
  const Eigen::VectorXd bank_dividends = std::max(0.0, bank_profit) * h.deposits / h.deposits.sum();
  const Eigen::VectorXd benefits = p.unemployment_benefit_ratio * b.wage.cwiseProduct(b.unemployment);

  const double spending = g.purchases.sum() + education.sum() + benefits.sum() + p.bond_rate * g.bonds;
  const double other_revenue = firm_tax + background_tax.sum() + p.consumption_tax_rate * h.consumption.sum();
  g.base_wage_tax_rate = (spending - other_revenue - p.initial_deficit_to_gdp * national_gdp) / wages.sum();
  if (!(g.base_wage_tax_rate >= 0.0 && g.base_wage_tax_rate < 1.0)) {
    // The rate closes the budget: spending (purchases, education, benefits, interest on the debt) less the
    // other taxes and the deficit, over the wage bill, whose background part is the output left after
    // consumption, purchases and both sectors' investment.
    impossible_start("government.initial_deficit_to_gdp, government.education_share, "
                     "government.unemployment_benefit_ratio, background.initial_unemployment_rate, "
                     "government.profit_tax_rate, government.consumption_tax_rate, government.initial_debt_to_gdp, "
                     "banks.bond_rate, background.labour_share" + background_output_keys,
                     "a deficit the taxes allow: a wage tax rate in [0, 1)",
                     g.base_wage_tax_rate);
  }
  g.wage_tax_rate = g.base_wage_tax_rate;
  const Eigen::VectorXd income_without_surplus = (1.0 - g.base_wage_tax_rate) * wages + dividends + bank_dividends +
                                                 p.deposit_rate * h.deposits + benefits;
  // Budget-neutral planning of the first tick reads the levers' money of the tick before; this is its
  // best estimate (basic research and guidance funds, both shares of GDP).
  const Levers& levers = economy.levers;
  g.programme_spending =
      (levers.basic_research_funding + economy.parameters.capital.fiscal_share * levers.guidance_fund_share)
          .cwiseProduct(gdp);
  h.opening_equity = household_equity(economy);
  if (p.spend_all_income) {
    // Households that spend what they earn leave nothing to calibrate: the background sector borrows all
    // its net investment and pays out its surplus, and consumption is last tick's disposable income.
    b.loan_financing_share = 1.0;
    h.expected_income = income_without_surplus + surplus;
    h.propensity_to_consume = 1.0;
    h.disposable_income = h.expected_income;
    return;
  }
  // Households save initial_saving_rate of disposable income at the start: this sets how much of its net
  // investment the background sector keeps out of its surplus (1 - f) and so pays out the rest.
  const double spending_at_start = (1.0 + p.consumption_tax_rate) * h.consumption.sum();
  const double disposable = spending_at_start / (1.0 - p.initial_saving_rate);
  const double kept = income_without_surplus.sum() + surplus.sum() - disposable;
  b.loan_financing_share = 1.0 - kept / net_investment.sum();
  if (!(b.loan_financing_share >= 0.0 && b.loan_financing_share <= 1.0)) {
    // Spending at the start is initial_consumption_share of GDP with its tax; income counts interest on the
    // households' deposits.
    impossible_start("households.initial_saving_rate, government.consumption_tax_rate, "
                     "households.initial_deposits_to_gdp, background.initial_capital_to_gdp, "
                     "background.depreciation_rate, banks.deposit_rate, background.labour_share" +
                         background_output_keys,
                     "a saving rate that the background sector's surplus allows: a share of its net investment "
                     "financed by loans in [0, 1]",
                     b.loan_financing_share);
  }
  h.expected_income =
      income_without_surplus + surplus - (1.0 - b.loan_financing_share) * net_investment;
  h.propensity_to_consume = (spending_at_start - p.consumption_out_of_wealth * h.deposits.sum()) / h.expected_income.sum();
  if (!(h.propensity_to_consume > 0.0 && h.propensity_to_consume < 1.0)) {
    impossible_start("households.consumption_out_of_wealth" + background_output_keys,
                     "a propensity to consume out of income in (0, 1)", h.propensity_to_consume);
  }
  h.disposable_income = h.expected_income;
}

}  // namespace models
