#include "models/industrial/market.hpp"

#include <gtest/gtest.h>

#include "models/industrial/supply_chain.hpp"

#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

// Two regions 1000 km apart, trade cost 1 per 1000 km (T = 2), sigma = 2, wages 1, one firm each with
// productivity 1 and 2: prices 2 and 1. Worked by hand:
//   supply Q = p^(1-sigma) = (0.5, 1); phi = T^(1-sigma) = 0.5 between regions, 1 within.
//   P^(1-sigma) = G = (1*0.5 + 0.5*1, 0.5*0.5 + 1*1) = (1, 1.25), so P = (1, 0.8).
//   E = 0.5 * (100, 200) = (50, 100); E/G = (50, 80).
//   market access M = (50 + 0.5*80, 0.5*50 + 80) = (90, 105); sales S = p^(1-sigma) M = (45, 105).
TEST(Market, TwoRegionCaseWorkedByHand) {
  models::Economy e = small_economy({100.0, 200.0}, 1000.0);
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 1, 0, 2.0, 0.0);
  index_firms(e);
  models::clear_market(e);

  EXPECT_DOUBLE_EQ(e.firms.price[0], 2.0);
  EXPECT_DOUBLE_EQ(e.firms.price[1], 1.0);
  EXPECT_DOUBLE_EQ(e.clusters.price_index(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(e.clusters.price_index(1, 0), 0.8);
  EXPECT_DOUBLE_EQ(e.clusters.market_access(0, 0), 90.0);
  EXPECT_DOUBLE_EQ(e.clusters.market_access(1, 0), 105.0);
  EXPECT_DOUBLE_EQ(e.firms.sales[0], 45.0);
  EXPECT_DOUBLE_EQ(e.firms.sales[1], 105.0);
  // Output is sales over price; production workers are output over productivity.
  EXPECT_DOUBLE_EQ(e.firms.output[0], 22.5);
  EXPECT_DOUBLE_EQ(e.firms.employment[1], 105.0 / 2.0);
  // Value added is sales without intermediates (GDP adds the background sector: models/macro).
  EXPECT_DOUBLE_EQ(e.chain.value_added(0, 0), 45.0);
  EXPECT_DOUBLE_EQ(e.chain.value_added(1, 0), 105.0);
}

TEST(Market, WithoutInputShareTheChainLeavesTheWorkedCaseUnchanged) {
  // The same hand-worked case with the industrial chain initialised, input share 0 and a co-location
  // benefit: no intermediate flows, value added = sales, exactly the same market.
  models::Economy e = small_economy({100.0, 200.0}, 1000.0);
  e.industries.inputs = {{0}};
  e.parameters.chain = {.input_share = 0.0, .colocation_benefit = 0.3};
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 1, 0, 2.0, 0.0);
  index_firms(e);
  models::initialise_industrial_chain(e);
  models::market_process(e, {1, sim::TickStreams({1, 0, 0}, 1)});

  EXPECT_DOUBLE_EQ(e.firms.price[0], 2.0);
  EXPECT_DOUBLE_EQ(e.firms.price[1], 1.0);
  EXPECT_DOUBLE_EQ(e.clusters.price_index(1, 0), 0.8);
  EXPECT_DOUBLE_EQ(e.firms.sales[0], 45.0);
  EXPECT_DOUBLE_EQ(e.firms.sales[1], 105.0);
  EXPECT_DOUBLE_EQ(e.firms.employment[1], 105.0 / 2.0);
  EXPECT_EQ(e.chain.intermediate_demand.cwiseAbs().maxCoeff(), 0.0);
  EXPECT_EQ(e.chain.intermediate_purchases.cwiseAbs().maxCoeff(), 0.0);
  EXPECT_EQ(e.chain.value_added, e.clusters.sales);
  EXPECT_EQ(e.chain.colocation.maxCoeff(), 1.0);  // no inputs, no suppliers to be near
}

TEST(Market, InputsRaiseSalesByTheIntermediateMultiplier) {
  // The worked case with the industry buying from itself (input share 0.5, sigma 2): the price system
  // is no longer the hand case, but total sales are final spending over 1 - alpha (sigma - 1) / sigma.
  models::Economy e = small_economy({100.0, 200.0}, 1000.0);
  e.industries.inputs = {{0}};
  e.parameters.chain = {.input_share = 0.5, .colocation_benefit = 0.0};
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 1, 0, 2.0, 0.0);
  index_firms(e);
  models::initialise_industrial_chain(e);
  models::clear_market(e);
  EXPECT_NEAR(e.clusters.sales.sum(), 150.0 / 0.75, 1e-9);
  EXPECT_NEAR(e.chain.value_added.sum(), 150.0, 1e-9);
}

TEST(Market, SalesExhaustExpenditure) {
  // Whatever the geography, everything spent on an industry is some firm's sales.
  models::Economy e = small_economy({120.0, 80.0, 50.0}, 700.0, {3.0, 5.0}, 0.4);
  double productivity = 0.7;
  for (int r = 0; r < 3; ++r)
    for (int k = 0; k < 2; ++k)
      for (int n = 0; n <= r; ++n) models::add_firm(e, r, k, productivity += 0.13, 0.0);
  index_firms(e);
  models::clear_market(e);
  const double spent = e.regions.income.sum() * e.industries.expenditure_share.sum();
  EXPECT_NEAR(e.clusters.sales.sum(), spent, 1e-9 * spent);
}

TEST(Market, ProhibitiveTradeCostsSeparateMarkets) {
  // With trade costs so high that nothing crosses, each region's spending stays with its own firms.
  models::Economy e = small_economy({100.0, 300.0}, 1000.0, {4.0}, 1e6);
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 1, 0, 5.0, 0.0);
  index_firms(e);
  models::clear_market(e);
  EXPECT_NEAR(e.firms.sales[0], 50.0, 1e-9);
  EXPECT_NEAR(e.firms.sales[1], 150.0, 1e-9);
}

TEST(Market, MoreProductiveFirmSellsMoreByTheCesRatio) {
  // Same cluster, productivities 1 and 2, sigma 3: sales ratio (p1/p2)^(1-sigma) = 2^2 = 4.
  models::Economy e = small_economy({100.0}, 0.0, {3.0});
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 0, 0, 2.0, 0.0);
  index_firms(e);
  models::clear_market(e);
  EXPECT_DOUBLE_EQ(e.firms.sales[1] / e.firms.sales[0], 4.0);
}

}  // namespace

#include "models/core/identities.hpp"

namespace {

TEST(Identities, HoldAfterMarketClearingAndCatchABrokenAccount) {
  models::Economy e = testing_support::small_economy({120.0, 80.0}, 700.0, {3.0}, 0.4);
  for (int n = 0; n < 6; ++n) models::add_firm(e, n % 2, 0, 1.0 + 0.2 * n, 0.0);
  testing_support::index_firms(e);
  models::clear_market(e);
  e.clusters.firms(0, 0) = 3;
  EXPECT_TRUE(models::check_identities(e, 5).empty());
  e.clusters.sales(1, 0) += 1.0;  // money appearing from nowhere
  const auto violations = models::check_identities(e, 5);
  // Market clearing of K0, value added of (R1, K0); GDP is the closure's (tests/unit/sector_accounts_test.cpp).
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_NE(violations[0].find("tick 5, industry K0: market clearing"), std::string::npos) << violations[0];
  EXPECT_NE(violations[1].find("tick 5, region R1, industry K0: value added"), std::string::npos) << violations[1];
}

}  // namespace
