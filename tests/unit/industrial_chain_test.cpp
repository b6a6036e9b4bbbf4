#include "models/industrial/supply_chain.hpp"

#include <gtest/gtest.h>

#include "models/core/identities.hpp"
#include "models/industrial/market.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

TEST(IndustrialChain, InputCoefficientsSplitTheInputShareOverListedSuppliers) {
  // K0 buys from K1 and K2, K1 from K2, K2 from nobody; input share 0.6.
  const Eigen::MatrixXd a = models::input_coefficients({{1, 2}, {2}, {}}, 0.6);
  ASSERT_EQ(a.rows(), 3);
  ASSERT_EQ(a.cols(), 3);
  EXPECT_DOUBLE_EQ(a(1, 0), 0.3);
  EXPECT_DOUBLE_EQ(a(2, 0), 0.3);
  EXPECT_DOUBLE_EQ(a(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(a(2, 1), 0.6);
  EXPECT_DOUBLE_EQ(a(0, 1) + a(1, 1), 0.0);
  EXPECT_DOUBLE_EQ(a.col(2).sum(), 0.0);  // no inputs, buys none
  EXPECT_DOUBLE_EQ(a.row(0).sum(), 0.0);  // nobody buys from K0
}

TEST(IndustrialChain, ColocationMultiplierClosedForm) {
  // Two regions with W = [[1, 0.5], [0.5, 1]]; K0 buys from K1 and K2 in equal parts (A = 0.3 each).
  // Sales of K1 (30, 10), of K2 (0, 20). Local supply shares:
  //   region 0: K1 (30 + 0.5 * 10) / 40 = 0.875, K2 (0 + 0.5 * 20) / 20 = 0.5
  //   region 1: K1 (0.5 * 30 + 10) / 40 = 0.625, K2 (0 + 20) / 20 = 1
  // m = 1 + 0.2 * (0.5 * l_K1 + 0.5 * l_K2) = 1.1375 and 1.1625; K1, K2 have no inputs: m = 1.
  const Eigen::MatrixXd a = models::input_coefficients({{1, 2}, {}, {}}, 0.6);
  Eigen::MatrixXd w(2, 2);
  w << 1.0, 0.5, 0.5, 1.0;
  Eigen::MatrixXd sales(2, 3);
  sales << 7.0, 30.0, 0.0, 9.0, 10.0, 20.0;
  const Eigen::MatrixXd m = models::colocation_multiplier(a, w, sales, 0.2);
  EXPECT_DOUBLE_EQ(m(0, 0), 1.1375);
  EXPECT_DOUBLE_EQ(m(1, 0), 1.1625);
  EXPECT_DOUBLE_EQ(m(0, 1), 1.0);
  EXPECT_DOUBLE_EQ(m(1, 2), 1.0);
  // Bounded by 1 + beta even when every supplier is local; an industry without sales counts as absent.
  sales << 0.0, 30.0, 0.0, 0.0, 0.0, 0.0;
  const Eigen::MatrixXd local = models::colocation_multiplier(a, w, sales, 0.2);
  EXPECT_DOUBLE_EQ(local(0, 0), 1.0 + 0.2 * 0.5);
  EXPECT_DOUBLE_EQ(local(1, 0), 1.0 + 0.2 * 0.5 * 0.5);
}

// One region, one industry that buys from itself, one firm with productivity 1, wage 1, sigma 2,
// input share 0.5: c = (w / a)^0.5 P^0.5 / m and P = p = 2c, so P = (2 / m)^2 = 4 without co-location.
// Sales: S = mu Y + 0.5 * (1/2) * S, so S = 0.5 * 100 / 0.75.
models::Economy self_supplied(double colocation_benefit) {
  models::Economy e = small_economy({100.0}, 0.0, {2.0});
  e.industries.inputs = {{0}};
  e.parameters.chain = {.input_share = 0.5, .colocation_benefit = colocation_benefit};
  models::add_firm(e, 0, 0, 1.0, 0.0);
  index_firms(e);
  models::initialise_industrial_chain(e);
  models::clear_market(e);
  return e;
}

TEST(IndustrialChain, SelfSuppliedIndustryClosedForm) {
  const models::Economy e = self_supplied(0.0);
  EXPECT_NEAR(e.firms.price[0], 4.0, 1e-9);
  EXPECT_NEAR(e.clusters.sales(0, 0), 50.0 / 0.75, 1e-9);
  EXPECT_NEAR(e.chain.intermediate_demand(0, 0), 0.25 * 50.0 / 0.75, 1e-9);
  EXPECT_NEAR(e.chain.value_added(0, 0), 50.0, 1e-9);  // value added = final demand in a closed economy
  // Production workers: labour cost (1 - alpha) c q over the wage; c q = S / 2.
  EXPECT_NEAR(e.firms.employment[0], 0.5 * 0.5 * 50.0 / 0.75, 1e-9);
}

TEST(IndustrialChain, ColocationLowersTheSelfSuppliedPrice) {
  // In a single region every supplier is local: m = 1 + beta, so P = (2 / 1.1)^2.
  const models::Economy e = self_supplied(0.1);
  EXPECT_NEAR(e.chain.colocation(0, 0), 1.1, 1e-12);
  EXPECT_NEAR(e.firms.price[0], (2.0 / 1.1) * (2.0 / 1.1), 1e-9);
}

// Three regions, three industries: K0 buys from K1 and K2, K1 from K2, K2 from K0 (a cycle).
models::Economy chained_economy() {
  models::Economy e = small_economy({120.0, 80.0, 50.0}, 300.0, {3.0, 5.0, 4.0}, 0.4);
  e.industries.inputs = {{1, 2}, {2}, {0}};
  e.parameters.chain = {.input_share = 0.5, .colocation_benefit = 0.1};
  double productivity = 0.7;
  for (int r = 0; r < 3; ++r)
    for (int k = 0; k < 3; ++k)
      for (int n = 0; n <= (r + k) % 3; ++n) models::add_firm(e, r, k, productivity += 0.13, 0.0);
  index_firms(e);
  models::initialise_industrial_chain(e);
  models::clear_market(e);
  return e;
}

TEST(IndustrialChain, IntermediateDemandIsATimesVariableCost) {
  const models::Economy e = chained_economy();
  // Variable cost of each cluster from its firms: unit cost (price / markup) times output.
  Eigen::MatrixXd cost = Eigen::MatrixXd::Zero(3, 3);
  for (std::size_t i = 0; i < e.firms.size(); ++i) {
    const int k = e.firms.industry[i];
    const double sigma = e.industries.elasticity(k);
    cost(e.firms.region[i], k) += e.firms.price[i] * (sigma - 1.0) / sigma * e.firms.output[i];
  }
  for (int r = 0; r < 3; ++r) {
    // K0 is bought by K2 only (A = 0.5); K1 by K0 (0.25); K2 by K0 (0.25) and K1 (0.5).
    EXPECT_NEAR(e.chain.intermediate_demand(r, 0), 0.5 * cost(r, 2), 1e-9 * cost(r, 2));
    EXPECT_NEAR(e.chain.intermediate_demand(r, 1), 0.25 * cost(r, 0), 1e-9 * cost(r, 0));
    EXPECT_NEAR(e.chain.intermediate_demand(r, 2), 0.25 * cost(r, 0) + 0.5 * cost(r, 1), 1e-9 * cost.row(r).sum());
    for (int k = 0; k < 3; ++k) {
      EXPECT_NEAR(e.chain.intermediate_purchases(r, k), 0.5 * cost(r, k), 1e-9 * cost(r, k));
      EXPECT_GT(e.chain.intermediate_demand(r, k), 0.0);
    }
  }
}

TEST(IndustrialChain, SalesExhaustFinalAndIntermediateExpenditure) {
  const models::Economy e = chained_economy();
  double total_final = 0.0;
  for (int k = 0; k < 3; ++k) {
    const double final_spending = e.industries.expenditure_share(k) * e.regions.income.sum();
    const double spent = final_spending + e.chain.intermediate_demand.col(k).sum();
    EXPECT_NEAR(e.clusters.sales.col(k).sum(), spent, 1e-10 * spent) << "industry " << k;
    EXPECT_GT(e.clusters.sales.col(k).sum(), 1.1 * final_spending);  // intermediate demand is not negligible
    total_final += final_spending;
  }
  // Value added sums to final spending on the industries (closed economy).
  EXPECT_NEAR(e.chain.value_added.sum(), total_final, 1e-10 * total_final);
  EXPECT_TRUE(models::check_identities(e, 1).empty());
}

TEST(IndustrialChain, ColocationMultipliersFollowLastClearingsSales) {
  const models::Economy e = chained_economy();
  const Eigen::MatrixXd expected =
      models::colocation_multiplier(e.chain.input_coefficients, e.spatial_weight, e.clusters.sales, 0.1);
  EXPECT_LT((e.chain.colocation - expected).cwiseAbs().maxCoeff(), 1e-10);
  EXPECT_GT(e.chain.colocation.minCoeff(), 1.0);
  EXPECT_LE(e.chain.colocation.maxCoeff(), 1.1);
  // The input price indices the costs read are the market's own (initial fixed point).
  EXPECT_LT((e.chain.input_price_index - e.clusters.price_index).cwiseAbs().maxCoeff(),
            1e-10 * e.clusters.price_index.maxCoeff());
}

TEST(IndustrialChain, IdentitiesCatchABrokenChainAccount) {
  models::Economy e = chained_economy();
  e.chain.intermediate_demand(1, 2) += 1.0;  // spending on K2 in R1 that nobody received
  const auto violations = models::check_identities(e, 7);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_NE(violations[0].find("tick 7, industry K2: market clearing"), std::string::npos) << violations[0];
  EXPECT_NE(violations[1].find("tick 7, region R1: intermediate purchases = spending on suppliers"), std::string::npos)
      << violations[1];
}

}  // namespace
