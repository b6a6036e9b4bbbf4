// Machines, investment, market shares and rationing (docs/model.md §7.17).
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "models/industrial/investment.hpp"
#include "models/industrial/machines.hpp"
#include "models/industrial/market.hpp"
#include "models/industrial/market_identities.hpp"
#include "models/industrial/market_shares.hpp"
#include "models/industrial/rationing.hpp"

#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

TEST(Rationing, OrdersAFullFirmCannotTakeGoToItsPeersByShare) {
  const std::vector<double> shares = {0.5, 0.3, 0.2};
  const std::vector<double> room = {10.0, 100.0, 100.0};
  std::vector<double> sales(3);
  std::vector<std::size_t> scratch;
  // Firm 0 is asked 30 and can make 10; the other 20 go to firms 1 and 2 as 0.3 : 0.2.
  EXPECT_DOUBLE_EQ(models::allocate_orders(shares, room, 60.0, sales, scratch), 0.0);
  EXPECT_DOUBLE_EQ(sales[0], 10.0);
  EXPECT_DOUBLE_EQ(sales[1], 30.0);
  EXPECT_DOUBLE_EQ(sales[2], 20.0);
  // Beyond everyone's capacity every firm sells its capacity and the rest is returned as unserved.
  EXPECT_DOUBLE_EQ(models::allocate_orders(shares, room, 300.0, sales, scratch), 90.0);
  EXPECT_DOUBLE_EQ(sales[0], 10.0);
  EXPECT_DOUBLE_EQ(sales[1], 100.0);
  EXPECT_DOUBLE_EQ(sales[2], 100.0);
  // Within capacity the split is by shares.
  EXPECT_DOUBLE_EQ(models::allocate_orders(shares, room, 10.0, sales, scratch), 0.0);
  EXPECT_DOUBLE_EQ(sales[0], 5.0);
  EXPECT_DOUBLE_EQ(sales[2], 2.0);
}

TEST(Rationing, ZeroShareAndZeroRoomFirmsAreHandledWithAndWithoutRationing) {
  std::vector<double> sales(4, -1.0);
  std::vector<std::size_t> scratch;
  // A firm without a share sells nothing, even with room; the others split the orders by share.
  EXPECT_DOUBLE_EQ(models::allocate_orders(std::vector<double>{0.0, 0.6, 0.4, 0.0},
                                           std::vector<double>{50.0, 50.0, 50.0, 0.0}, 20.0, sales, scratch),
                   0.0);
  EXPECT_EQ(sales, (std::vector<double>{0.0, 12.0, 8.0, 0.0}));
  // A firm with a share and no room is full at once: everything goes to its peers.
  EXPECT_DOUBLE_EQ(models::allocate_orders(std::vector<double>{0.5, 0.3, 0.2, 0.0},
                                           std::vector<double>{0.0, 50.0, 50.0, 0.0}, 20.0, sales, scratch),
                   0.0);
  EXPECT_DOUBLE_EQ(sales[0], 0.0);
  EXPECT_DOUBLE_EQ(sales[1], 12.0);
  EXPECT_DOUBLE_EQ(sales[2], 8.0);
  // No firm with a share: all the orders are unserved.
  EXPECT_DOUBLE_EQ(models::allocate_orders(std::vector<double>{0.0, 0.0}, std::vector<double>{5.0, 5.0}, 7.0,
                                           std::span<double>(sales.data(), 2), scratch),
                   7.0);
}

TEST(MarketShares, ReplicatorKeepsTheSumAndRewardsAboveAverageCompetitiveness) {
  std::vector<double> shares = {0.5, 0.3, 0.2};
  const std::vector<double> strength = {1.0, 2.0, 1.0};  // mean 0.5 + 0.6 + 0.2 = 1.3
  models::replicate_shares(shares, strength, 0.5);
  EXPECT_NEAR(std::accumulate(shares.begin(), shares.end(), 0.0), 1.0, 1e-15);
  EXPECT_DOUBLE_EQ(shares[1], 0.3 * (1.0 + 0.5 * 0.7 / 1.3));
  EXPECT_GT(shares[1], 0.3);
  EXPECT_LT(shares[0], 0.5);
  EXPECT_LT(shares[2], 0.2);
  // Equal competitiveness leaves shares where they are.
  std::vector<double> equal = {0.6, 0.4};
  models::replicate_shares(equal, std::vector<double>{3.0, 3.0}, 1.0);
  EXPECT_DOUBLE_EQ(equal[0], 0.6);
}

TEST(MarketShares, UnfilledOrdersLowerCompetitiveness) {
  EXPECT_DOUBLE_EQ(models::unfilled_share(10.0, 8.0), 0.2);
  EXPECT_DOUBLE_EQ(models::unfilled_share(10.0, 12.0), 0.0);
  EXPECT_DOUBLE_EQ(models::unfilled_share(0.0, 0.0), 0.0);
  // Unfilled orders count like a dearer price: with sigma 4, u 0.2 and omega 1, as a price e^0.2 higher.
  EXPECT_DOUBLE_EQ(models::competitiveness(1.0, 0.2, 1.0, 4.0), std::pow(std::exp(0.2), -3.0));
  EXPECT_DOUBLE_EQ(models::competitiveness(2.0, 0.5, 0.0, 4.0), 2.0);
  // A firm 1 % cheaper gains about chi % a year whatever sigma: four quarterly steps at chi = 1.
  for (const double sigma : {2.0, 4.0, 8.0}) {
    std::vector<double> shares = {0.5, 0.5};
    const std::vector<double> strength = {std::pow(0.99, 1.0 - sigma), 1.0};
    for (int tick = 0; tick < 4; ++tick) {
      std::vector<double> mean_based = strength;  // competitiveness does not change
      models::replicate_shares(shares, mean_based, models::replicator_weight(1.0, 0.25, sigma));
    }
    EXPECT_NEAR(shares[0] / 0.5 - 1.0, 0.005, 0.0015) << "sigma " << sigma;
  }
}

models::InvestmentParameters investment_parameters() {
  return {.enabled = true, .capital_to_sales = 0.4, .depreciation_rate = 0.1, .desired_utilisation = 0.8,
          .expansion_threshold = 0.1, .payback_years = 3.0, .collateral_share = 0.5};
}

TEST(Investment, ExpansionClosesTheGapOnlyBeyondTheThreshold) {
  const models::InvestmentParameters p = investment_parameters();
  // Machine price 2 per machine of technology 1: capacity costs 2 per unit.
  models::Plant plant{.capacity = 100.0, .productivity = 1.0, .technology = 1.0, .capital = 200.0,
                      .net_worth = 1000.0, .expected_output = 80.0 * 1.05, .unit_cost = 1.0, .sales_credit = 0.0};
  // Wanted 105 is within 10 % of 100: no order.
  EXPECT_EQ(models::order_machines(p, 2.0, plant).cost, 0.0);
  plant.expected_output = 80.0 * 1.5;  // wants 150
  const models::MachineOrder order = models::order_machines(p, 2.0, plant);
  EXPECT_DOUBLE_EQ(order.capacity, 50.0);
  EXPECT_DOUBLE_EQ(order.cost, 100.0);
  EXPECT_FALSE(order.replaces);
}

TEST(Investment, MachinesAreFinancedWithinTheCreditRule) {
  const models::InvestmentParameters p = investment_parameters();
  // Equity 150, machines 200 (debt 50), sales credit 25, collateral half the machines. After an order
  // of cost x: debt 50 + x <= 25 + 0.5 (200 + x), so x <= 2 (150 + 25) - 200 = 150.
  const models::Plant plant{.capacity = 100.0, .productivity = 1.0, .technology = 1.0, .capital = 200.0,
                            .net_worth = 150.0, .expected_output = 80.0 * 3.0, .unit_cost = 1.0, .sales_credit = 25.0};
  EXPECT_DOUBLE_EQ(models::affordable_machines(150.0, 200.0, 25.0, 0.5), 150.0);
  const models::MachineOrder order = models::order_machines(p, 2.0, plant);  // wants 200 more, cost 400
  EXPECT_DOUBLE_EQ(order.cost, 150.0);
  EXPECT_DOUBLE_EQ(order.capacity, 75.0);
  const double debt_after = plant.capital + order.cost - plant.net_worth;
  EXPECT_LE(debt_after, plant.sales_credit + p.collateral_share * (plant.capital + order.cost) + 1e-12);
  // A firm already beyond its limit orders nothing.
  models::Plant broke = plant;
  broke.net_worth = 20.0;
  EXPECT_EQ(models::order_machines(p, 2.0, broke).cost, 0.0);
}

TEST(Investment, ABetterTechnologyReplacesTheMachinesWhenItPaysBack) {
  const models::InvestmentParameters p = investment_parameters();
  // Unit cost 1, all labour; technology 1.5 against 1 saves 1/3 a unit; capacity costs 2 / 1.5 = 4/3:
  // payback 4 years > 3, no replacement. At technology 2 it saves 1/2 for capacity costing 1: 2 years.
  models::Plant plant{.capacity = 100.0, .productivity = 1.0, .technology = 1.5, .capital = 200.0,
                      .net_worth = 1000.0, .expected_output = 80.0, .unit_cost = 1.0, .sales_credit = 0.0};
  EXPECT_FALSE(models::replacement_pays(2.0 / 1.5, 1.0, 1.0, 1.0, 1.5, 3.0));
  EXPECT_FALSE(models::order_machines(p, 2.0, plant).replaces);
  plant.technology = 2.0;
  const models::MachineOrder order = models::order_machines(p, 2.0, plant);
  EXPECT_TRUE(order.replaces);
  EXPECT_DOUBLE_EQ(order.capacity, 100.0);  // what it wants: 80 / 0.8
  EXPECT_DOUBLE_EQ(order.cost, 100.0);
  // With half the cost in inputs the saving is smaller: 1 - 0.5^0.5 = 0.29 a unit, 3.4 years.
  EXPECT_FALSE(models::replacement_pays(1.0, 1.0, 0.5, 1.0, 2.0, 3.0));
}

TEST(Machines, NewMachinesRaiseProductivityByTheirShareOfMachines) {
  // 100 units of capacity at productivity 1 (100 machines) and 100 at 2 (50 machines): 200 / 150.
  EXPECT_DOUBLE_EQ(models::installed_productivity(100.0, 1.0, 100.0, 2.0), 200.0 / 150.0);
  EXPECT_DOUBLE_EQ(models::installed_productivity(0.0, 1.0, 50.0, 2.0), 2.0);
  EXPECT_DOUBLE_EQ(models::installed_productivity(50.0, 1.0, 0.0, 2.0), 1.0);
}

// One region, one industry, two firms with machines: the market of §7.2 with capacity.
models::Economy economy_with_machines(double income) {
  models::Economy e = small_economy({income}, 1000.0);
  e.parameters.investment = investment_parameters();
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 0, 0, 1.0, 0.0);
  index_firms(e);
  e.machines.installed = true;
  e.machines.initial_price = 1.0;
  return e;
}

TEST(Market, CapacityBindsAndUnservedOrdersGoToPeersThenToNobody) {
  // Income 100, mu 0.5: orders 50, shared equally; prices 2 (wage 1, sigma 2): each is asked 12.5 units.
  models::Economy e = economy_with_machines(100.0);
  e.firms.capacity = {10.0, 100.0};
  models::clear_market(e);
  EXPECT_DOUBLE_EQ(e.firms.price[0], 2.0);
  EXPECT_DOUBLE_EQ(e.firms.output[0], 10.0);  // full
  EXPECT_DOUBLE_EQ(e.firms.sales[1], 30.0);   // its 25 and the 5 firm 0 could not serve
  EXPECT_DOUBLE_EQ(e.clusters.unserved(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(e.firms.demand[0], 12.5);

  // More demand: the full firm sells no more; its peer takes the orders until it is full too, and the
  // rest is unserved, bought from the background sector; market clearing still holds.
  models::Economy more = economy_with_machines(300.0);
  more.firms.capacity = {10.0, 40.0};
  models::clear_market(more);
  EXPECT_DOUBLE_EQ(more.firms.output[0], 10.0);
  EXPECT_DOUBLE_EQ(more.firms.output[1], 40.0);
  EXPECT_DOUBLE_EQ(more.clusters.unserved(0, 0), 150.0 - 100.0);
  EXPECT_DOUBLE_EQ(more.chain.unserved_final(0, 0), 50.0);
  EXPECT_DOUBLE_EQ(more.chain.unsupplied_final(0), 50.0);
  std::vector<std::string> violations;
  models::check_market_identities(more, 1, violations);
  EXPECT_TRUE(violations.empty()) << (violations.empty() ? "" : violations.front());
}

TEST(Market, WithoutMachinesSharesAreTheStaticCesOnes) {
  models::Economy e = small_economy({100.0}, 1000.0);
  e.parameters.market.static_shares = true;
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 0, 0, 2.0, 0.0);
  index_firms(e);
  models::clear_market(e);
  // Prices 2 and 1, sigma 2: p^(1 - sigma) = 0.5 and 1, shares 1/3 and 2/3 of 50.
  EXPECT_DOUBLE_EQ(e.firms.market_share[1], 2.0 / 3.0);
  EXPECT_NEAR(e.firms.sales[0], 50.0 / 3.0, 1e-12);
  EXPECT_NEAR(e.firms.sales[1], 100.0 / 3.0, 1e-12);
}

}  // namespace

#include "models/core/identities.hpp"
#include "models/core/initial_state.hpp"
#include "models/core/tick_schedule.hpp"
#include "policy_test_support.hpp"

namespace {

// The baseline with few firms for three years: the money and capital identities (transactions and
// balance sheets, net worth, market clearing, GDP = final spending) hold every tick while firms buy,
// wear out and scrap machines and some exit with theirs.
TEST(FirmDynamicsInTheModel, IdentitiesHoldWithInvestmentDepreciationAndScrapping) {
  const sim::config::Config config =
      testing_support::load_scenario("", {"firms.initial_count=600", "simulation.ticks=12"});
  models::Economy economy = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  double investment = 0.0, depreciation = 0.0, scrapped_at_exit = 0.0;
  for (int tick = 0; tick < 12; ++tick) {
    schedule.run_tick(economy, tick, 1, 0);
    const std::vector<std::string> violations = models::check_identities(economy, tick);
    ASSERT_TRUE(violations.empty()) << violations.front();
    investment += economy.macro.firms.investment.sum();
    depreciation += economy.macro.firms.depreciation.sum();
    scrapped_at_exit += economy.capital.scrapped_capital.sum();
  }
  EXPECT_GT(investment, 0.0);
  EXPECT_GT(depreciation, 0.0);
  EXPECT_GT(scrapped_at_exit, 0.0);
}

}  // namespace
