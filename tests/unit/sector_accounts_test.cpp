// The closure (docs/model.md §7.15): the transactions-flow and balance-sheet matrices of an economy worked
// by hand, the identities that catch a yuan from nowhere, and what each financing mode does with a
// programme's cost.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/capital/capital_chain.hpp"
#include "models/macro/background_sector.hpp"
#include "models/macro/banks.hpp"
#include "models/macro/government.hpp"
#include "models/macro/households.hpp"
#include "models/macro/macro_initial.hpp"
#include "models/macro/sector_identities.hpp"
#include "models/macro/sector_matrices.hpp"
#include "models/macro/spending.hpp"
#include "models/policy/levers.hpp"

namespace {

using models::Economy;

// One region, one industry nobody buys from (expenditure share 0), no firms, ticks of one year. Every
// number below is worked out in the comments of the tick it produces.
Economy hand_economy(models::Financing financing = models::Financing::debt) {
  Economy e;
  e.parameters.years_per_tick = 1.0;
  e.regions.names = {"R0"};
  e.regions.initial_gdp = Eigen::VectorXd::Constant(1, 200.0);
  e.regions.gdp = e.regions.initial_gdp;
  e.regions.population = Eigen::VectorXd::Constant(1, 1.0);
  e.industries.names = {"K0"};
  e.industries.kinds = {models::IndustryKind::emerging};
  e.industries.digital = {false};
  e.industries.inputs = {{}};
  e.industries.elasticity = Eigen::VectorXd::Constant(1, 4.0);
  e.industries.expenditure_share = Eigen::VectorXd::Zero(1);
  e.clusters.resize(1, 1);
  e.chain.final_demand = Eigen::MatrixXd::Zero(1, 1);
  e.chain.intermediate_purchases = Eigen::MatrixXd::Zero(1, 1);
  e.chain.value_added = Eigen::MatrixXd::Zero(1, 1);
  e.chain.unsupplied_final = Eigen::VectorXd::Zero(1);
  e.chain.unsupplied_intermediate = Eigen::VectorXd::Zero(1);
  e.levers = models::default_levers(1);
  e.talent.stock = Eigen::VectorXd::Zero(1);
  e.talent.wage = Eigen::VectorXd::Constant(1, 1.0);
  e.talent.immigrants = Eigen::VectorXd::Zero(1);
  e.cluster_index.rebuild(e.firms, 1, 1);  // no firms: the one cluster is empty
  models::initialise_capital(e);
  models::size_macro_state(e);

  models::MacroParameters& p = e.parameters.macro;
  p.labour_share = 0.5;
  p.depreciation_rate = 0.1;
  p.consumption_tax_rate = 0.2;
  p.profit_tax_rate = 0.2;
  p.deposit_rate = 0.02;
  p.bond_rate = 0.03;
  p.unemployment_benefit_ratio = 0.5;
  p.consumption_out_of_wealth = 0.1;
  p.purchases_share = 0.1;
  p.education_share = 0.05;
  p.investment_share = 0.1;
  p.talent_grant_years = 1.0;
  p.reference_spending_share = 0.2;
  p.financing = financing;
  e.parameters.capital.interest_rate = 0.05;

  models::MacroState& m = e.macro;
  m.households.deposits(0) = 100.0;
  m.households.expected_income(0) = 100.0;
  m.households.propensity_to_consume = 0.5;
  m.background.initial_productivity(0) = 1.0;
  m.background.non_talent_labour(0) = 110.0;
  m.background.capital(0) = 200.0;
  m.background.loans(0) = 100.0;
  m.background.loan_financing_share = 0.5;
  m.government.bonds = 50.0;
  m.government.base_wage_tax_rate = 0.1;
  m.bank.net_worth = 50.0;  // loans 100 + bonds 50 - deposits 100
  m.bank.deposits = 100.0;
  m.bank.loans = 100.0;
  m.bank.bonds = 50.0;
  return e;
}

void run_closure_tick(Economy& e, int tick) {
  e.tick = tick;
  const sim::TickContext context{tick, sim::TickStreams({1, 0, 0}, static_cast<std::uint64_t>(tick))};
  models::spending_process(e, context);
  models::production_process(e, context);
  models::banks_process(e, context);
  models::government_process(e, context);
  models::households_process(e, context);
}

double cell(const Eigen::MatrixXd& matrix, const std::vector<std::string>& rows, const std::string& row,
            const std::vector<std::string>& cols, const std::string& col) {
  const auto r = std::find(rows.begin(), rows.end(), row) - rows.begin();
  const auto c = std::find(cols.begin(), cols.end(), col) - cols.begin();
  return matrix(r, c);
}

TEST(SectorAccounts, TickWorkedByHand) {
  Economy e = hand_economy();
  run_closure_tick(e, 0);
  const models::MacroState& m = e.macro;
  // Spending: 0.5 * 100 + 0.1 * 100 = 60 with tax, 50 of goods; purchases 20, education 10, investment 20.
  EXPECT_DOUBLE_EQ(m.households.consumption(0), 50.0);
  EXPECT_DOUBLE_EQ(e.regions.income(0), 90.0);
  // All of it buys the background good: output 50 + 20 + 20 + 10 = 100, employment 100 of 110, wages 50.
  EXPECT_DOUBLE_EQ(m.background.output(0), 100.0);
  EXPECT_DOUBLE_EQ(m.background.unemployment(0), 10.0);
  EXPECT_DOUBLE_EQ(m.background.wages(0), 50.0);
  // Depreciation 20 = investment: no net investment, no new loans; surplus 100 - 50 - 5 - 20 = 25, tax 5.
  EXPECT_DOUBLE_EQ(m.background.profit_tax(0), 5.0);
  EXPECT_DOUBLE_EQ(m.households.mixed_income(0), 20.0);
  // Bank: 5 + 1.5 received, 2 paid, dividends 4.5.
  EXPECT_DOUBLE_EQ(m.bank.dividends, 4.5);
  // Government: spending 20 + 10 + benefits 0.5 * 0.5 * 10 + interest 1.5 = 34; revenue 5 + 5 + 10 = 20.
  EXPECT_DOUBLE_EQ(m.government.deficit, 14.0);
  EXPECT_DOUBLE_EQ(m.government.bonds, 64.0);
  // Households: 50 - 5 + 20 + 4.5 + 2 + 2.5 = 74, saving 74 - 60 = 14.
  EXPECT_DOUBLE_EQ(m.households.disposable_income(0), 74.0);
  EXPECT_DOUBLE_EQ(m.households.deposits(0), 114.0);
  EXPECT_DOUBLE_EQ(e.regions.gdp(0), 100.0);

  const Eigen::MatrixXd t = models::transactions_flow_matrix(e);
  const auto& flows = models::flow_names();
  const auto& sectors = models::flow_sector_names();
  EXPECT_DOUBLE_EQ(cell(t, flows, "consumption_background", sectors, "households"), -50.0);
  EXPECT_DOUBLE_EQ(cell(t, flows, "consumption_background", sectors, "background_current"), 50.0);
  EXPECT_DOUBLE_EQ(cell(t, flows, "government_purchases_background", sectors, "government"), -30.0);
  EXPECT_DOUBLE_EQ(cell(t, flows, "distributed_profits", sectors, "households"), 24.5);
  EXPECT_DOUBLE_EQ(cell(t, flows, "change_in_deposits", sectors, "bank"), 14.0);
  EXPECT_DOUBLE_EQ(cell(t, flows, "change_in_bonds", sectors, "government"), 14.0);
  EXPECT_LT(t.rowwise().sum().cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT(t.colwise().sum().cwiseAbs().maxCoeff(), 1e-12);
  const Eigen::MatrixXd b = models::balance_sheet_matrix(e);
  const auto& assets = models::asset_names();
  const auto& holders = models::balance_sector_names();
  EXPECT_DOUBLE_EQ(cell(b, assets, "deposits", holders, "households"), 114.0);
  EXPECT_DOUBLE_EQ(cell(b, assets, "bonds", holders, "bank"), 64.0);
  EXPECT_DOUBLE_EQ(cell(b, assets, "equity", holders, "households"), 100.0);  // K 200 - loans 100
  EXPECT_DOUBLE_EQ(cell(b, assets, "net_worth", holders, "bank"), -50.0);
  EXPECT_DOUBLE_EQ(b.row(4).sum() + b.row(5).sum(), 0.0);  // real capital is the sum of net worth

  std::vector<std::string> violations;
  models::check_sector_identities(e, 0, violations);
  EXPECT_TRUE(violations.empty()) << violations.front();
}

TEST(SectorAccounts, IdentitiesNameTheFlowAndSectorOfAYuanFromNowhere) {
  Economy e = hand_economy();
  run_closure_tick(e, 0);
  e.macro.households.deposits(0) += 1.0;  // deposits nobody paid for
  std::vector<std::string> violations;
  models::check_sector_identities(e, 3, violations);
  std::string all;
  for (const std::string& v : violations) all += v + "\n";
  EXPECT_NE(all.find("tick 3, sector households: transactions column"), std::string::npos) << all;
  EXPECT_NE(all.find("tick 3, flow change_in_deposits: transactions row"), std::string::npos) << all;
  EXPECT_NE(all.find("tick 3, sector households: change in net worth"), std::string::npos) << all;
  EXPECT_NE(all.find("tick 3, asset deposits: balance-sheet row"), std::string::npos) << all;
}

// A programme whose money is no household income in the tick: budget_spent raised by 10 (what, say,
// leading-enterprise support adds to the tally) on top of the same economy.
void add_programme(Economy& e) { e.capital.budget_spent(0) += 10.0; }

// Tick 0 of two copies of an economy, the second with the programme added once the tick's spending is
// planned (as the levers' money is, during the tick).
void run_first_tick_with_programme(Economy& base, Economy& policy) {
  base.tick = policy.tick = 0;
  const sim::TickContext context{0, sim::TickStreams({1, 0, 0}, 0)};
  for (Economy* e : {&base, &policy}) models::spending_process(*e, context);
  add_programme(policy);
  for (Economy* e : {&base, &policy}) {
    models::production_process(*e, context);
    models::banks_process(*e, context);
    models::government_process(*e, context);
    models::households_process(*e, context);
  }
}

TEST(Financing, DebtFinancedProgrammeRaisesDebtByItsCostAndThenItsInterest) {
  Economy base = hand_economy(models::Financing::debt);
  Economy policy = hand_economy(models::Financing::debt);
  run_first_tick_with_programme(base, policy);
  EXPECT_DOUBLE_EQ(policy.macro.government.bonds - base.macro.government.bonds, 10.0);
  EXPECT_DOUBLE_EQ(policy.macro.government.wage_tax_rate, base.macro.government.wage_tax_rate);
  run_closure_tick(base, 1);
  run_closure_tick(policy, 1);
  // The next tick pays interest on it: 0.03 * 10 more.
  EXPECT_NEAR(policy.macro.government.bond_interest - base.macro.government.bond_interest, 0.3, 1e-12);
}

TEST(Financing, TaxFinancedProgrammeLowersIncomeByItsCostAndConsumptionByA1Times) {
  Economy base = hand_economy(models::Financing::tax);
  Economy policy = hand_economy(models::Financing::tax);
  run_first_tick_with_programme(base, policy);
  // The budget balances: the wage tax takes the programme's 10, disposable income loses them.
  EXPECT_NEAR(base.macro.government.deficit, 0.0, 1e-12);
  EXPECT_NEAR(policy.macro.government.deficit, 0.0, 1e-12);
  EXPECT_NEAR(policy.macro.households.wage_tax(0) - base.macro.households.wage_tax(0), 10.0, 1e-12);
  EXPECT_NEAR(policy.macro.households.disposable_income(0) - base.macro.households.disposable_income(0), -10.0, 1e-12);
  EXPECT_DOUBLE_EQ(policy.macro.government.bonds, base.macro.government.bonds);
  // Next tick's consumption spending falls by a1 * 10 and by a2 times the 10 fewer deposits.
  run_closure_tick(base, 1);
  run_closure_tick(policy, 1);
  const double spent_change = (policy.macro.households.consumption(0) - base.macro.households.consumption(0)) * 1.2;
  EXPECT_NEAR(spent_change, -(0.5 * 10.0 + 0.1 * 10.0), 1e-12);
}

TEST(Financing, BudgetNeutralKeepsProgrammeSpendingOnTheReferencePath) {
  Economy base = hand_economy(models::Financing::budget_neutral);
  Economy policy = hand_economy(models::Financing::budget_neutral);
  const sim::TickContext context{0, sim::TickStreams({1, 0, 0}, 0)};
  for (Economy* e : {&base, &policy}) {
    e->tick = 0;
    models::spending_process(*e, context);
  }
  add_programme(policy);
  for (Economy* e : {&base, &policy}) models::production_process(*e, context);
  // Reference 0.2 * 200 = 40 = purchases + education 10 + programmes; purchases make room for the 10.
  for (Economy* e : {&base, &policy}) {
    const models::Government& g = e->macro.government;
    EXPECT_DOUBLE_EQ(g.purchases(0) + g.education(0) + g.programme_spending(0), 40.0);
    EXPECT_DOUBLE_EQ(g.budget_neutral_excess(0), 0.0);
  }
  EXPECT_DOUBLE_EQ(base.macro.government.purchases(0) - policy.macro.government.purchases(0), 10.0);
  // A programme larger than the room left is borrowed, and said so.
  Economy large = hand_economy(models::Financing::budget_neutral);
  large.tick = 0;
  models::spending_process(large, context);
  large.capital.budget_spent(0) += 35.0;
  models::production_process(large, context);
  EXPECT_DOUBLE_EQ(large.macro.government.purchases(0), 0.0);
  EXPECT_DOUBLE_EQ(large.macro.government.budget_neutral_excess(0), 5.0);
}

TEST(Financing, FiscalRuleRaisesTheWageTaxWithDebtAboveTarget) {
  Economy e = hand_economy(models::Financing::debt);
  e.parameters.macro.fiscal_rule_speed = 0.1;
  e.parameters.macro.debt_target = 0.0;
  run_closure_tick(e, 0);
  // Opening debt 50 over GDP 100: the rate rises by 0.1 * 0.5.
  EXPECT_DOUBLE_EQ(e.macro.government.wage_tax_rate, 0.1 + 0.05);
}

}  // namespace

#include "models/core/initial_state.hpp"
#include "models/core/tick_schedule.hpp"
#include "policy_test_support.hpp"

namespace {

// Debt over GDP after `ticks` quarters of the baseline with few firms, and its largest value over the
// last `window` ticks.
struct DebtPath {
  double last = 0.0;
  double window_max = 0.0;
  double window_min = 1e300;
};

DebtPath debt_over_gdp(double rule_speed, int ticks, int window) {
  const sim::config::Config config = testing_support::load_scenario(
      "", {"firms.initial_count=300", fmt::format("simulation.ticks={}", ticks),
           fmt::format("government.fiscal_rule_speed={}", rule_speed)});
  models::Economy economy = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  DebtPath path;
  for (int tick = 0; tick < ticks; ++tick) {
    schedule.run_tick(economy, tick, 1, 0);
    const double ratio = economy.macro.government.bonds / economy.regions.gdp.sum();
    if (tick >= ticks - window) {
      path.window_max = std::max(path.window_max, ratio);
      path.window_min = std::min(path.window_min, ratio);
    }
    path.last = ratio;
  }
  return path;
}

TEST(Financing, FiscalRuleKeepsDebtOverGdpBoundedInALongRun) {
  // 60 years. Nominal GDP grows (4 % a year) and the deficit is a roughly steady share of it, so debt
  // over GDP levels off with or without the rule; the firms' investment (docs/model.md §7.17) keeps it
  // near the target of 0.5 in this economy (seed 1, initial productivity not tied to wages: 0.50 without
  // the rule, 0.57 with it). The rule (0.1) holds it steadier: over the last 20 years it moves less than
  // without the rule, and ends below 1.2. Which path ends lower depends on which side of the target the
  // path without the rule lies, so it is not asserted.
  const DebtPath ruled = debt_over_gdp(0.1, 240, 80);
  const DebtPath unruled = debt_over_gdp(0.0, 240, 80);
  EXPECT_LT(ruled.window_max - ruled.window_min, unruled.window_max - unruled.window_min)
      << ruled.window_min << " .. " << ruled.window_max << " against " << unruled.window_min << " .. "
      << unruled.window_max;
  EXPECT_LT(ruled.last, 1.2);
}

}  // namespace

namespace {

// households.spend_all_income (the core-periphery limit): spending is last tick's disposable income,
// whatever the deposits; the same economy with the default rule also spends out of its wealth.
TEST(SpendAllIncome, ConsumptionIsLastTicksDisposableIncomeWithNothingOutOfWealth) {
  Economy saving = hand_economy();
  Economy spending_all = hand_economy();
  spending_all.parameters.macro.spend_all_income = true;
  spending_all.macro.households.propensity_to_consume = 1.0;  // what initialise_macro sets under the rule
  const sim::TickContext context{0, sim::TickStreams({1, 0, 0}, 0)};
  models::spending_process(saving, context);
  models::spending_process(spending_all, context);
  // Spending (consumption tax included) 100 of income 100 and nothing of the deposits 100.
  EXPECT_NEAR(spending_all.macro.households.consumption(0) * 1.2, 100.0, 1e-12);
  EXPECT_NEAR(saving.macro.households.consumption(0) * 1.2, 0.5 * 100.0 + 0.1 * 100.0, 1e-12);
}

// background.traded: the national demand for the background good is produced where its workers are.
TEST(BackgroundTraded, OutputFollowsTheLabourForceNotTheLocalDemand) {
  const Eigen::Vector3d demand(10.0, 30.0, 60.0);
  const Eigen::Vector3d labour(1.0, 1.0, 2.0);
  const Eigen::VectorXd local = models::place_background_output(demand, labour, false);
  const Eigen::VectorXd traded = models::place_background_output(demand, labour, true);
  EXPECT_EQ(local, Eigen::VectorXd(demand));
  EXPECT_DOUBLE_EQ(traded(0), 25.0);
  EXPECT_DOUBLE_EQ(traded(1), 25.0);
  EXPECT_DOUBLE_EQ(traded(2), 50.0);
  EXPECT_DOUBLE_EQ(traded.sum(), demand.sum());
}

}  // namespace
