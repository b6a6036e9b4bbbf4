#include <gtest/gtest.h>

#include <cmath>

#include "capital_test_support.hpp"
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

// Two regions 800 km apart with GDP 100 and 300, industries K0 (emerging) and K1 (key), margin 0.1
// in every cluster; one young firm of productivity 1 in each cluster, so every firm expects 0.1.
models::Economy two_regions(double openness) {
  models::Economy e = small_economy({100.0, 300.0}, 800.0, {2.0, 2.0});
  set_capital_parameters(e);
  e.levers.openness.setConstant(openness);
  models::update_geography(e);
  e.industries.kinds = {models::IndustryKind::emerging, models::IndustryKind::key};
  testing_support::set_priorities(e);
  e.clusters.sales.setConstant(100.0);
  e.clusters.profit.setConstant(10.0);
  e.tick = 0;
  for (int r = 0; r < 2; ++r)
    for (int k = 0; k < 2; ++k) models::add_firm(e, r, k, 1.0, 1.0);
  e.tick = 4;  // the firms are a year old
  index_firms(e);
  return e;
}

TEST(CapitalInvestment, ExpectedReturnAndYouth) {
  EXPECT_DOUBLE_EQ(models::expected_return(0.1, 0.5, 2.0), 0.025);
  EXPECT_DOUBLE_EQ(models::expected_return(-0.1, 0.5, 2.0), 0.0);  // a loss-making cluster attracts none
  EXPECT_DOUBLE_EQ(models::expected_return(0.1, 0.5, 0.0), 0.0);
  EXPECT_TRUE(models::is_young(0, 19, 0.25, 5.0));
  EXPECT_FALSE(models::is_young(0, 20, 0.25, 5.0));
  EXPECT_FALSE(models::is_young(-1, 0, 0.25, 5.0));  // initial firms are not start-ups
}

TEST(CapitalInvestment, VentureCapitalSharesAddUpToThePool) {
  models::Economy e = two_regions(0.5);
  e.levers.vc_pool.setConstant(0.002);
  // Two more firms of other productivity, so that the weights differ.
  models::add_firm(e, 1, 0, 0.3, 1.0);
  models::add_firm(e, 0, 1, 0.7, 1.0);
  index_firms(e);
  models::open_capital_books(e);  // as the accounts do, without booking profit
  models::capital_process(e, capital_context("capital", 4));
  const auto& c = e.capital;
  for (int r = 0; r < 2; ++r) {
    EXPECT_NEAR(c.vc_invested(r), 0.002 * e.regions.gdp(r), 1e-15 * e.regions.gdp(r));
    EXPECT_NEAR(c.flows.row(r).sum(), c.vc_pool(r), 1e-15 * e.regions.gdp(r));
  }
  EXPECT_NEAR(c.vc_received.sum(), 0.002 * 400.0, 1e-13);
  std::vector<std::string> violations;
  models::check_capital_identities(e, 4, violations);
  EXPECT_TRUE(violations.empty()) << violations.front();
}

TEST(CapitalInvestment, OpennessOneRemovesHomeBias) {
  models::Economy e = two_regions(1.0);
  e.levers.vc_pool.setConstant(0.01);
  models::capital_process(e, capital_context("capital", 4));
  // Four firms of equal expected return: each gets a quarter of every region's pool.
  EXPECT_NEAR(e.capital.flows(0, 0), 0.5, 1e-15);
  EXPECT_NEAR(e.capital.flows(0, 1), 0.5, 1e-15);
  EXPECT_NEAR(e.capital.flows(1, 0), 1.5, 1e-15);
  EXPECT_NEAR(e.capital.flows(1, 1), 1.5, 1e-15);
  EXPECT_NEAR(e.capital.vc_received(0, 0), 0.25 + 0.75, 1e-15);
}

TEST(CapitalInvestment, HomeBiasFavoursOwnRegionInClosedForm) {
  models::Economy e = two_regions(0.5);
  e.levers.vc_pool.setConstant(0.01);
  e.parameters.capital.home_bias = 1.0;
  models::capital_process(e, capital_context("capital", 4));
  // Own-region weight 1, the other's exp(-1 * 0.8 * (1 - 0.5)).
  const double far = std::exp(-0.4);
  EXPECT_DOUBLE_EQ(models::home_bias_factor(1.0, 800.0, 0.5), far);
  EXPECT_NEAR(e.capital.flows(0, 0), 1.0 / (1.0 + far), 1e-14);
  EXPECT_NEAR(e.capital.flows(0, 1), far / (1.0 + far), 1e-14);
  EXPECT_NEAR(e.capital.flows(1, 1), 3.0 / (1.0 + far), 1e-14);
  EXPECT_GT(e.capital.flows(0, 0), e.capital.flows(0, 1));
  // Closed regions (openness 0) are more home-biased still.
  models::Economy closed = two_regions(0.0);
  closed.levers.vc_pool.setConstant(0.01);
  models::capital_process(closed, capital_context("capital", 4));
  EXPECT_NEAR(closed.capital.flows(0, 0), 1.0 / (1.0 + std::exp(-0.8)), 1e-14);
}

TEST(CapitalInvestment, GuidanceGoesToOwnPriorityIndustriesWithLeveragedCoinvestment) {
  models::Economy e = two_regions(0.5);
  e.levers.guidance_fund_share.setConstant(0.01);
  e.parameters.capital.fiscal_share = 0.2;
  e.levers.guidance_leverage.setConstant(1.5);
  const double net_worth_before = e.firms.net_worth[0];
  models::capital_process(e, capital_context("capital", 4));
  const auto& c = e.capital;
  // Each region's fund, 0.01 * 0.2 * GDP, goes whole to its own emerging-industry firm, none to key.
  EXPECT_NEAR(c.guidance_investment(0, 0), 0.2, 1e-15);
  EXPECT_NEAR(c.guidance_investment(1, 0), 0.6, 1e-15);
  EXPECT_EQ(c.guidance_investment(0, 1), 0.0);
  EXPECT_EQ(c.guidance_investment(1, 1), 0.0);
  EXPECT_EQ(c.private_coinvestment(0, 0), 1.5 * c.guidance_investment(0, 0));
  EXPECT_EQ(c.private_coinvestment(1, 0), 1.5 * c.guidance_investment(1, 0));
  // Both add to the firm's net worth over the tick.
  EXPECT_NEAR(e.firms.net_worth[0], net_worth_before + 0.2 * 2.5 * 0.25, 1e-15);
  // Without a young firm in a priority cluster the fund is not invested.
  e.staggered.priority.setZero();
  models::capital_process(e, capital_context("capital", 5));
  EXPECT_EQ(e.capital.guidance_investment.sum(), 0.0);
}

TEST(CapitalInvestment, LeadingFirmsAndBudgetIdentity) {
  models::Economy e = small_economy({100.0, 100.0}, 800.0);
  set_capital_parameters(e);
  e.parameters.capital.leading_share = 0.1;
  e.levers.leading_support.setConstant(0.02);
  e.levers.guidance_fund_share.setConstant(0.01);
  e.tick = 1;
  for (int n = 0; n < 20; ++n) {
    const std::size_t i = models::add_firm(e, 0, 0, 1.0, 1.0);
    e.firms.sales[i] = 1.0 + n;
  }
  const std::size_t lone = models::add_firm(e, 1, 0, 1.0, 1.0);
  e.firms.sales[lone] = 0.5;
  index_firms(e);
  e.tick = 2;
  e.clusters.sales.setConstant(100.0);
  e.clusters.profit.setConstant(10.0);
  e.clusters.rd_subsidy(0, 0) = 3.0;
  e.knowledge.funding = Eigen::Vector2d(2.0, 1.0);
  models::capital_process(e, capital_context("capital", 2));
  models::government_budget_process(e, capital_context("government_budget", 2));
  const auto& c = e.capital;
  // 10 % of 20 firms: the two largest (sales 20 and 19); a lone firm leads its cluster.
  EXPECT_EQ(c.leading_firms(0, 0), 2.0);
  EXPECT_EQ(c.leading_firms(1, 0), 1.0);
  EXPECT_EQ(e.firms.leading[19] + e.firms.leading[18] + e.firms.leading[lone], 3);
  EXPECT_EQ(e.firms.leading[17], 0);
  EXPECT_DOUBLE_EQ(c.leading_support(0), 0.02 * (20.0 + 19.0));
  EXPECT_DOUBLE_EQ(c.leading_support(1), 0.02 * 0.5);
  // Budget: R&D subsidies + leading support + guidance + basic research.
  EXPECT_NEAR(c.budget_spent(0), 3.0 + 0.78 + 0.2 + 2.0, 1e-14);
  EXPECT_NEAR(c.budget_spent(1), 0.0 + 0.01 + 0.2 + 1.0, 1e-14);
}

TEST(CapitalInvestment, VentureCapitalRaisesEntry) {
  models::EntryParameters p{};
  p.base_rate = 1.0;
  p.vc_sensitivity = 1.0;
  models::KnowledgeParameters k{};
  k.pool_half_saturation = 1.0;
  models::EntryConditions without{};
  without.talent_stock = 1.0;
  without.talent_employed = 1.0;
  without.cluster_sales = 100.0;
  models::EntryConditions with = without;
  with.venture_capital = 25.0;
  EXPECT_DOUBLE_EQ(models::expected_entrants(p, k, 0.25, with) / models::expected_entrants(p, k, 0.25, without), 1.25);
  EXPECT_DOUBLE_EQ(models::venture_capital_share(500.0, 100.0), 1.0);  // bounded
  EXPECT_DOUBLE_EQ(models::venture_capital_share(1.0, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(models::venture_capital_share(0.0, 0.0), 0.0);
}

}  // namespace
