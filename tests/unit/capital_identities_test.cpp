#include <gtest/gtest.h>

#include "capital_test_support.hpp"
#include "models/industrial/accounts.hpp"
#include "models/capital/credit.hpp"
#include "models/capital/firm_funding.hpp"
#include "models/capital/government_budget.hpp"
#include "models/capital/venture_capital.hpp"
#include "models/capital/young_firms.hpp"
#include "models/capital/capital_chain.hpp"
#include "models/core/census.hpp"
#include "models/core/open_tick.hpp"
#include "models/industrial/entry.hpp"
#include "models/industrial/exit.hpp"
#include "models/core/identities.hpp"
#include "models/knowledge/knowledge_chain.hpp"
#include "models/industrial/market.hpp"
#include "models/knowledge/spinoffs.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::capital_context;
using testing_support::index_firms;
using testing_support::set_capital_parameters;
using testing_support::small_economy;

// Three regions with ten firms each of spread productivity, a fixed cost that makes the weakest lose
// money, credit, every capital lever on, brisk entry and research spin-offs.
models::Economy lively_economy() {
  models::Economy e = small_economy({100.0, 200.0, 150.0}, 500.0, {2.0, 3.0});
  models::resize_knowledge(e);
  set_capital_parameters(e);
  auto& p = e.parameters.capital;
  e.levers.credit_multiple.setConstant(1.0);
  p.interest_rate = 0.04;
  e.levers.leading_support.setConstant(0.05);
  e.levers.vc_pool.setConstant(0.01);
  e.levers.guidance_fund_share.setConstant(0.05);
  e.levers.guidance_leverage.setConstant(2.0);
  e.industries.kinds = {models::IndustryKind::future, models::IndustryKind::key};
  testing_support::set_priorities(e);
  e.parameters.entry.base_rate = 4.0;
  e.parameters.entry.rate_per_firm = 0.1;
  e.parameters.entry.productivity_floor = 0.3;
  e.parameters.entry.productivity_beta_a = 2.0;
  e.parameters.entry.productivity_beta_b = 4.0;
  e.parameters.entry.initial_net_worth = 0.3;
  e.parameters.entry.vc_sensitivity = 1.0;
  e.parameters.knowledge.spinoff_rate = 1.0;
  e.levers.university_industry_cooperation.setConstant(1.0);
  e.knowledge.basic.setConstant(2.0);
  e.knowledge.funding = Eigen::Vector3d(1.0, 2.0, 1.5);
  e.parameters.firms.fixed_cost = 1.0;
  e.parameters.firms.low_share_ticks_to_exit = 4;
  e.tick = -1;
  for (int r = 0; r < 3; ++r)
    for (int k = 0; k < 2; ++k)
      for (int n = 0; n < 10; ++n) models::add_firm(e, r, k, 0.5 + 0.1 * n, 2.0);
  index_firms(e);
  models::initialise_capital(e);
  return e;
}

void run_tick(models::Economy& e, int tick) {
  models::open_tick_process(e, capital_context("open_tick", tick));
  models::market_process(e, capital_context("market", tick));
  models::accounts_process(e, capital_context("accounts", tick));
  models::capital_process(e, capital_context("capital", tick));
  models::government_budget_process(e, capital_context("government_budget", tick));
  models::exit_process(e, capital_context("exit", tick));
  models::entry_process(e, capital_context("entry", tick));
  models::spinoff_process(e, capital_context("spinoffs", tick));
  models::census_process(e, capital_context("census", tick));
}

TEST(CapitalIdentities, NetWorthHoldsOverTicksWithEntryAndExit) {
  models::Economy e = lively_economy();
  double entries = 0.0, exits = 0.0, spinoffs = 0.0, equity = 0.0, debt_seen = 0.0;
  for (int tick = 0; tick < 24; ++tick) {
    run_tick(e, tick);
    std::vector<std::string> violations;
    models::check_capital_identities(e, tick, violations);
    ASSERT_TRUE(violations.empty()) << violations.front();
    entries += e.clusters.entries.sum();
    exits += e.clusters.exits.sum();
    spinoffs += e.knowledge.spinoffs.sum();
    equity += e.capital.vc_received.sum() + e.capital.guidance_investment.sum();
    debt_seen += e.capital.debt.sum();
  }
  // The test means something only if every channel was used.
  EXPECT_GT(entries, 0.0);
  EXPECT_GT(exits, 0.0);
  EXPECT_GT(spinoffs, 0.0);
  EXPECT_GT(equity, 0.0);
  EXPECT_GT(debt_seen, 0.0);
}

TEST(CapitalIdentities, BrokenStateIsReported) {
  models::Economy e = lively_economy();
  run_tick(e, 0);
  run_tick(e, 1);
  std::vector<std::string> clean;
  models::check_capital_identities(e, 1, clean);
  ASSERT_TRUE(clean.empty()) << clean.front();

  models::Economy money_from_nowhere = e;
  money_from_nowhere.firms.net_worth[0] += 1.0;
  std::vector<std::string> violations;
  models::check_capital_identities(money_from_nowhere, 1, violations);
  ASSERT_FALSE(violations.empty());
  EXPECT_NE(violations.front().find("tick 1, region R0: net worth identity"), std::string::npos) << violations.front();

  models::Economy lost_coinvestment = e;
  lost_coinvestment.capital.private_coinvestment(1, 0) *= 0.5;
  violations.clear();
  models::check_capital_identities(lost_coinvestment, 1, violations);
  bool found = false;
  for (const auto& v : violations) found = found || v.find("region R1, industry K0: co-investment") != std::string::npos;
  EXPECT_TRUE(found);

  models::Economy unrecorded_flow = e;
  unrecorded_flow.capital.flows(2, 0) += 0.1;
  violations.clear();
  models::check_capital_identities(unrecorded_flow, 1, violations);
  ASSERT_FALSE(violations.empty());
  EXPECT_NE(violations.front().find("tick 1, region R0: venture capital received"), std::string::npos)
      << violations.front();

  models::Economy overspent = e;
  overspent.capital.budget_spent(2) += 1.0;
  violations.clear();
  models::check_capital_identities(overspent, 1, violations);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_NE(violations.front().find("tick 1, region R2: budget spent"), std::string::npos) << violations.front();

  // check_identities reports the capital chain too.
  EXPECT_FALSE(models::check_identities(overspent, 1).empty());
}

}  // namespace
