// talent.clearing_wage (docs/model.md, Talent chain): the talent wage that clears each region's talent
// market within the tick, and the entrant's break-even wage of a region without firms.
#include "models/talent/clearing_wage.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "models/industrial/entry.hpp"
#include "models/industrial/market.hpp"
#include "models/knowledge/knowledge_chain.hpp"
#include "sim/soa.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

TEST(ClearingWage, FactorEqualsDemandAndStock) {
  // Production workers 80 scaling as x^-5 (sigma 5, no inputs), researchers 10 as 1/x, fixed 20: at a
  // stock of 110 the wage must rise (demand 110 at x = 1 is exactly the stock: factor 1) ...
  models::TalentDemand demand{{80.0}, {-5.0}, 10.0, 20.0};
  EXPECT_NEAR(models::clearing_wage_factor(demand, 110.0), 1.0, 1e-14);
  // ... at a stock of 60 the wage rises until demand is 60, and at 200 it falls.
  for (double stock : {60.0, 200.0}) {
    const double factor = models::clearing_wage_factor(demand, stock);
    EXPECT_NEAR(demand.at(factor), stock, 1e-9 * stock) << stock;
    EXPECT_EQ(factor > 1.0, stock < 110.0);
  }
  // A stock that cannot staff the fixed talent has no clearing wage.
  EXPECT_EQ(models::clearing_wage_factor(demand, 20.0), 0.0);
  EXPECT_EQ(models::clearing_wage_factor({{}, {}, 0.0, 5.0}, 100.0), 0.0);
}

// Two regions 1000 km apart with a trade cost of 1 per 1000 km (T = 2), one industry with sigma 4, fixed
// talent 2 per firm; three firms in region 0, two in region 1, talent stocks that the wages of 1 do not clear.
class ClearingTwoRegions : public ::testing::Test {
 protected:
  void SetUp() override {
    e.parameters.talent.clearing_wage = true;
    e.parameters.firms.fixed_cost = 0.0;
    e.parameters.firms.fixed_talent = 2.0;
    e.parameters.innovation.rd_share_of_sales = 0.0;
    models::resize_knowledge(e);
    for (int r : {0, 0, 0, 1, 1}) models::add_firm(e, r, 0, 1.0, 1.0);
    index_firms(e);
    e.talent.stock = Eigen::Vector2d(40.0, 25.0);
    models::clear_market(e);
  }
  models::Economy e = small_economy({100.0, 80.0}, 1000.0, {4.0});
};

TEST_F(ClearingTwoRegions, WagesClearBothTalentMarkets) {
  const Eigen::VectorXd demand_at_start = e.clusters.employment.rowwise().sum();
  ASSERT_GT(std::abs(demand_at_start(0) - 40.0), 1.0);  // the wages of 1 do not clear the markets
  const int clearings = models::clear_talent_markets(e);
  EXPECT_GE(clearings, 2);
  const Eigen::VectorXd employed = e.clusters.employment.rowwise().sum();
  EXPECT_NEAR(employed(0), 40.0, 1e-9);
  EXPECT_NEAR(employed(1), 25.0, 1e-9);
  // Spending is unchanged, so sales are: the wages moved prices, not the money spent.
  EXPECT_NEAR(e.clusters.sales.sum(), 0.5 * 180.0, 1e-9);
  // Clearing again changes nothing.
  const Eigen::VectorXd wage = e.talent.wage;
  EXPECT_EQ(models::clear_talent_markets(e), 1);
  EXPECT_NEAR((e.talent.wage - wage).cwiseAbs().maxCoeff(), 0.0, 1e-12);
}

TEST_F(ClearingTwoRegions, WagesNeverFallBelowTheBackgroundWage) {
  e.talent.stock = Eigen::Vector2d(4000.0, 25.0);  // so much talent that the clearing wage would be tiny
  models::clear_talent_markets(e);
  EXPECT_DOUBLE_EQ(e.talent.wage(0), 0.5);  // small_economy's background wage
  EXPECT_LT(e.clusters.employment.row(0).sum(), 4000.0);  // the rest works in the background sector
}

TEST_F(ClearingTwoRegions, AnEmptyRegionPaysWhatAnEntrantCanAfford) {
  // Region 1's firms leave: its wage becomes the one at which an entrant just breaks even there.
  std::vector<std::uint8_t> keep = {1, 1, 1, 0, 0};
  sim::soa::keep_rows(e.firms.columns(), keep);
  index_firms(e);
  models::clear_market(e);
  models::clear_talent_markets(e);
  const double wage = e.talent.wage(1);
  EXPECT_GT(wage, 0.5);
  EXPECT_DOUBLE_EQ(wage, models::entrant_break_even_wage(e, 1));
  // An entrant of productivity 1 at that wage: price 4/3 w, sales p^-3 M, margin 1/4, fixed talent 2 w.
  const double access = e.clusters.market_access(1, 0);
  const double profit = 0.25 * std::pow(4.0 / 3.0 * wage, -3.0) * access - 2.0 * wage;
  EXPECT_NEAR(profit, 0.0, 1e-9 * wage);
}

}  // namespace
