#include <gtest/gtest.h>

#include "capital_test_support.hpp"
#include "models/industrial/accounts.hpp"
#include "models/capital/credit.hpp"
#include "models/capital/firm_funding.hpp"
#include "models/capital/government_budget.hpp"
#include "models/capital/venture_capital.hpp"
#include "models/capital/young_firms.hpp"
#include "models/capital/capital_chain.hpp"
#include "models/industrial/entry.hpp"
#include "models/industrial/exit.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::capital_context;
using testing_support::index_firms;
using testing_support::set_capital_parameters;
using testing_support::small_economy;

TEST(CapitalCredit, LimitIsMultipleOfOneTicksSales) {
  EXPECT_DOUBLE_EQ(models::credit_limit(1.0, 8.0, 0.25), 2.0);
  EXPECT_DOUBLE_EQ(models::credit_limit(2.5, 8.0, 0.25), 5.0);
  EXPECT_DOUBLE_EQ(models::credit_limit(0.0, 8.0, 0.25), 0.0);
}

TEST(CapitalCredit, MultipleZeroIsTheOldExitRule) {
  // Limit 0: a firm exits exactly when its net worth is negative (or its share stayed low), whatever
  // its sales.
  models::Economy e = small_economy({100.0, 100.0}, 100.0);
  set_capital_parameters(e);
  const double worth[] = {1.0, -1e-12, 0.0, -3.0, 2.0, -0.5};
  for (int n = 0; n < 6; ++n) {
    const std::size_t i = models::add_firm(e, n % 2, 0, 1.0, worth[n]);
    e.firms.sales[i] = 50.0;
  }
  e.firms.low_share_ticks[4] = 4;
  e.parameters.firms.low_share_ticks_to_exit = 4;
  for (std::size_t i = 0; i < e.firms.size(); ++i) {
    const bool old_rule = e.firms.net_worth[i] < 0.0 || e.firms.low_share_ticks[i] >= 4;
    EXPECT_EQ(models::exits(e.firms, i, e.parameters.firms,
                            models::credit_limit(0.0, e.firms.sales[i], e.parameters.years_per_tick)),
              old_rule);
  }
  index_firms(e);
  models::record_debt(e);
  models::exit_process(e, capital_context("exit", 0));
  EXPECT_EQ(e.firms.id, (std::vector<std::uint64_t>{0, 2}));
  EXPECT_DOUBLE_EQ(e.capital.exited_net_worth(0), 2.0);                   // firm 4
  EXPECT_DOUBLE_EQ(e.capital.exited_net_worth(1), -1e-12 - 3.0 - 0.5);    // firms 1, 3, 5
  EXPECT_EQ(e.capital.debt.sum(), 0.0);  // the survivors owe nothing
}

TEST(CapitalCredit, FirmSurvivesLossesUpToItsLimitAndExitsBeyond) {
  // Sales 8 per year, a quarter per tick, multiple 1: the bank lends up to 2.
  models::Economy e = small_economy({100.0}, 0.0);
  set_capital_parameters(e);
  e.levers.credit_multiple.setConstant(1.0);
  e.parameters.firms.low_share_ticks_to_exit = 4;
  for (double worth : {-1.99, -2.0, -2.01, 0.5}) {
    const std::size_t i = models::add_firm(e, 0, 0, 1.0, worth);
    e.firms.sales[i] = 8.0;
  }
  index_firms(e);
  models::record_debt(e);
  EXPECT_DOUBLE_EQ(e.capital.debt(0, 0), 1.99 + 2.0 + 2.01);
  models::exit_process(e, capital_context("exit", 0));
  EXPECT_EQ(e.firms.id, (std::vector<std::uint64_t>{0, 1, 3}));
  EXPECT_EQ(e.clusters.exits(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(e.capital.debt(0, 0), 1.99 + 2.0);  // the exiter's debt is written off
  EXPECT_DOUBLE_EQ(e.capital.exited_net_worth(0), -2.01);
}

TEST(CapitalCredit, InterestOnLastTicksDebtIsChargedToProfit) {
  models::Economy e = small_economy({100.0}, 0.0);
  set_capital_parameters(e);
  e.parameters.capital.interest_rate = 0.04;
  e.parameters.firms.fixed_cost = 0.0;
  for (double worth : {-10.0, 10.0}) {
    const std::size_t i = models::add_firm(e, 0, 0, 1.0, worth);
    e.firms.sales[i] = 20.0;  // operating surplus 20 / sigma = 10 per year
  }
  index_firms(e);
  models::record_debt(e);
  models::accounts_process(e, capital_context("accounts", 0));
  EXPECT_DOUBLE_EQ(e.firms.profit[0], 10.0 - 0.04 * 10.0);
  EXPECT_DOUBLE_EQ(e.firms.profit[1], 10.0);
  EXPECT_DOUBLE_EQ(e.firms.net_worth[0], -10.0 + 9.6 * 0.25);
  EXPECT_DOUBLE_EQ(e.firms.debt[0], 10.0 - 9.6 * 0.25);
  EXPECT_DOUBLE_EQ(e.firms.debt[1], 0.0);
}

}  // namespace
