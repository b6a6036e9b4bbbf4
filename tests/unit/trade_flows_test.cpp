// The origin-destination trade flows of a clearing (models/industrial/trade_flows.cpp): the hand-worked
// two-region case, the identities with the clusters' sales and the buyers' spending under rationing,
// pilots and intermediate inputs, the gravity form, and the optional output.
#include "models/industrial/trade_flows.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "models/future/future_industries.hpp"
#include "models/industrial/market.hpp"
#include "models/industrial/supply_chain.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

// market_test's worked case: regions 1000 km apart, T = 2, sigma 2, prices 2 and 1, so Q = (0.5, 1),
// phi = 0.5 across, G = P^(1 - sigma) = (1, 1.25), E = (50, 100), E / G = (50, 80). Region 0's cluster
// sells 0.5 x 1 x 50 = 25 at home and 0.5 x 0.5 x 80 = 20 to region 1 (sales 45); region 1's sells
// 1 x 0.5 x 50 = 25 to region 0 and 1 x 1 x 80 = 80 at home (sales 105).
TEST(TradeFlows, TwoRegionCaseWorkedByHand) {
  models::Economy e = small_economy({100.0, 200.0}, 1000.0);
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 1, 0, 2.0, 0.0);
  index_firms(e);
  models::clear_market(e);
  const std::vector<Eigen::MatrixXd> flows = models::trade_flows(e);
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_NEAR(flows[0](0, 0), 25.0, 1e-12);
  EXPECT_NEAR(flows[0](0, 1), 20.0, 1e-12);
  EXPECT_NEAR(flows[0](1, 0), 25.0, 1e-12);
  EXPECT_NEAR(flows[0](1, 1), 80.0, 1e-12);
}

// Four regions in a row 400 km apart with unequal transport costs, two industries (sigma 3 and 5) that
// buy from each other, machines everywhere, too few in region 0's cluster of industry 0, and a pilot of
// the future industry 1 in region 2: everything the flows must account for.
models::Economy rationed_economy() {
  models::Economy e = small_economy({100.0, 200.0, 150.0, 80.0}, 400.0, {3.0, 5.0}, 0.5);
  e.levers.transport_cost << 0.2, 0.5, 0.3, 0.8;
  models::update_geography(e);
  e.industries.inputs = {{1}, {0}};
  e.industries.kinds[1] = models::IndustryKind::future;
  e.parameters.chain = {.input_share = 0.4, .colocation_benefit = 0.1};
  e.parameters.future = {.learning_exponent = 0.3, .initial_cost_multiple = 1.5, .initial_experience_years = 0.5,
                         .willingness_to_pay = 3.0, .demand_switch_width = 0.1, .adoption_efficiency = 1.0,
                         .national_learning_share = 1.0};
  e.parameters.investment = {.enabled = true, .capital_to_sales = 0.4, .depreciation_rate = 0.1,
                             .desired_utilisation = 0.8, .expansion_threshold = 0.1, .payback_years = 3.0,
                             .collateral_share = 0.5};
  double productivity = 0.8;
  for (int r = 0; r < 4; ++r)
    for (int k = 0; k < 2; ++k)
      for (int n = 0; n <= (r + k) % 3; ++n) models::add_firm(e, r, k, productivity += 0.11, 0.0);
  index_firms(e);
  models::initialise_future_industries(e);
  models::initialise_industrial_chain(e);
  e.machines.installed = true;
  e.machines.initial_price = 1.0;
  for (std::size_t i = 0; i < e.firms.size(); ++i) {
    const bool starved = e.firms.region[i] == 0 && e.firms.industry[i] == 0;
    e.firms.capacity[i] = starved ? 2.0 : 1000.0;
  }
  e.future.pilot_budget(2, 1) = 3.0;
  models::clear_market(e);
  return e;
}

TEST(TradeFlows, RowsSumToSalesAndColumnsToWhatBuyersGot) {
  const models::Economy e = rationed_economy();
  // The case covers what it is meant to: a full cluster, a pilot and intermediate demand.
  ASSERT_GT(e.clusters.unserved(0, 0), 1.0);
  ASSERT_GT(e.future.pilot_purchases(2, 1), 0.0);
  ASSERT_GT(e.chain.intermediate_demand.minCoeff(), 0.0);
  const std::vector<Eigen::MatrixXd> flows = models::trade_flows(e);
  for (int k = 0; k < 2; ++k) {
    for (int r = 0; r < 4; ++r) {
      SCOPED_TRACE(testing::Message() << "industry " << k << ", region " << r);
      const double sales = e.clusters.sales(r, k);
      EXPECT_NEAR(flows[k].row(r).sum(), sales, 1e-12 * sales);
      // Buyers in r spent E on k, lost the unserved part to full machines, and their pilots bought locally.
      const double got = e.chain.final_demand(r, k) + e.chain.intermediate_demand(r, k) -
                         e.chain.unserved_final(r, k) - e.chain.unserved_intermediate(r, k) +
                         e.future.pilot_purchases(r, k);
      EXPECT_NEAR(flows[k].col(r).sum(), got, 1e-12 * got);
      EXPECT_GE(flows[k].row(r).minCoeff(), 0.0);
    }
  }
}

TEST(TradeFlows, FollowTheGravityEquationEvenWhereMachinesRation) {
  // Origin and destination terms cancel in the tetrad ln X_02 - ln X_03 - ln X_12 + ln X_13 (Head and
  // Mayer 2014): what is left is (1 - sigma_k) times the same combination of ln T, rationing of region
  // 0's full cluster included (it scales the whole row).
  const models::Economy e = rationed_economy();
  const std::vector<Eigen::MatrixXd> flows = models::trade_flows(e);
  auto ln_t = [&](int r, int s) {
    const double tau = 0.5 * (e.levers.transport_cost(r) + e.levers.transport_cost(s));
    return std::log(1.0 + tau * e.regions.distance_km(r, s) / 1000.0);
  };
  for (int k = 0; k < 2; ++k) {
    const Eigen::MatrixXd& x = flows[k];
    const double tetrad = std::log(x(0, 2)) - std::log(x(0, 3)) - std::log(x(1, 2)) + std::log(x(1, 3));
    const double expected = (1.0 - e.industries.elasticity(k)) * (ln_t(0, 2) - ln_t(0, 3) - ln_t(1, 2) + ln_t(1, 3));
    EXPECT_NEAR(tetrad, expected, 1e-12) << "industry " << k;
    EXPECT_GT(std::abs(expected), 0.01);  // distances and costs differ enough for the check to bite
  }
}

TEST(TradeFlows, OutputOnlyWhenAskedForWithOriginDestinationIndustryOrder) {
  models::Economy e = rationed_economy();
  sim::output::Registry off;
  models::declare_trade_flow_outputs(e, off);
  EXPECT_EQ(off.find("trade_flows"), nullptr);

  e.parameters.market.write_flows = true;
  sim::output::Registry on;
  models::declare_trade_flow_outputs(e, on);
  const sim::output::Variable* variable = on.find("trade_flows");
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->axes, (std::vector<std::string>{"region", "destination", "industry"}));
  std::vector<double> values(4 * 4 * 2);
  variable->sample(values);
  const std::vector<Eigen::MatrixXd> flows = models::trade_flows(e);
  EXPECT_EQ(values[(1 * 4 + 3) * 2 + 0], flows[0](1, 3));  // row-major over (region, destination, industry)
  EXPECT_EQ(values[(3 * 4 + 0) * 2 + 1], flows[1](3, 0));
}

}  // namespace
