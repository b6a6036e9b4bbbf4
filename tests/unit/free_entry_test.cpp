// Free entry (entry.mode = "free", docs/model.md §7.7): entrants come until a further one would expect
// a loss. In a one-cluster economy the spending on the industry is fixed, so the count is exact: after
// entry and a new clearing the mean firm breaks even, and one more firm would make it lose.
#include <gtest/gtest.h>

#include <numeric>
#include <stdexcept>

#include "models/industrial/accounts.hpp"
#include "models/industrial/entry.hpp"
#include "models/industrial/market.hpp"
#include "models/knowledge/knowledge_chain.hpp"
#include "policy_test_support.hpp"
#include "sim/soa.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

sim::TickContext context(int tick, const char* process) {
  return {tick, sim::TickStreams({1, 0, sim::process_id(process)}, static_cast<std::uint64_t>(tick))};
}

TEST(FreeEntry, FirmCountIsTheLastThatBreaksEven) {
  // Sales 50, margin 1/2 - 0.04 = 0.46, fixed cost 0.6: 50 * 0.46 / 0.6 = 38.3, so 38 firms.
  const models::EntrantMargins margins{0.46, 0.6};
  EXPECT_EQ(models::free_entry_firm_count(margins, 50.0), 38);
  EXPECT_GE(models::expected_entrant_profit(margins, 50.0, 38), 0.0);
  EXPECT_LT(models::expected_entrant_profit(margins, 50.0, 39), 0.0);
  EXPECT_DOUBLE_EQ(models::expected_entrant_profit(margins, 50.0, 38), 50.0 * 0.46 / 38 - 0.6);
  // A firm that would just break even enters: 50 * 0.5 / 0.5 = 50 exactly.
  EXPECT_EQ(models::free_entry_firm_count({0.5, 0.5}, 50.0), 50);
  // Nothing to share, or no margin to share it with: nobody.
  EXPECT_EQ(models::free_entry_firm_count(margins, 0.0), 0);
  EXPECT_EQ(models::free_entry_firm_count({0.0, 0.6}, 50.0), 0);
  EXPECT_EQ(models::free_entry_firm_count({-0.1, 0.6}, 50.0), 0);
  // Fewer firms than a single one's fixed cost: none.
  EXPECT_EQ(models::free_entry_firm_count(margins, 1.0), 0);
  // Without a fixed cost there is no end to entry.
  EXPECT_THROW(models::free_entry_firm_count({0.46, 0.0}, 50.0), std::invalid_argument);
}

TEST(FreeEntry, MarginsAreTheAccountsTermsOfAFirmWithoutDebt) {
  models::Economy e = small_economy({100.0}, 0.0, {4.0});
  e.parameters.firms.fixed_cost = 2.0;
  e.parameters.innovation.rd_share_of_sales = 0.04;
  e.parameters.macro.productivity_growth = 0.04;
  e.tick = 8;  // two years on the reference path
  const models::EntrantMargins margins = models::entrant_margins(e, 0, 0);
  EXPECT_DOUBLE_EQ(margins.margin, 0.25 - 0.04);
  EXPECT_DOUBLE_EQ(margins.fixed_cost, 2.0 * std::exp(0.04 * 2.0));
  // Fixed talent adds its wage bill at the region's wage: 3 persons at a wage of 0.7.
  e.parameters.firms.fixed_talent = 3.0;
  e.talent.wage(0) = 0.7;
  EXPECT_DOUBLE_EQ(models::entrant_margins(e, 0, 0).fixed_cost, 2.0 * std::exp(0.04 * 2.0) + 3.0 * 0.7);
}

TEST(FreeEntry, FixedTalentIsEmployedAndPaidWhateverTheFirmSells) {
  models::Economy e = small_economy({100.0}, 0.0, {4.0});
  e.parameters.firms.fixed_cost = 0.0;
  e.parameters.firms.fixed_talent = 3.0;
  e.parameters.innovation.rd_share_of_sales = 0.0;
  models::resize_knowledge(e);
  models::add_firm(e, 0, 0, 1.0, 1.0);
  models::add_firm(e, 0, 0, 1.0, 1.0);
  index_firms(e);
  models::clear_market(e);
  // Production workers (sigma - 1) / sigma of sales over the wage of 1, and 3 fixed posts per firm.
  EXPECT_NEAR(e.firms.employment[0], 0.75 * e.firms.sales[0] + 3.0, 1e-12);
  models::accounts_process(e, context(0, "accounts"));
  EXPECT_NEAR(e.firms.profit[0], e.firms.sales[0] / 4.0 - 3.0, 1e-12);
  EXPECT_NEAR(e.macro.firms.fixed_talent_wages(0), 6.0, 1e-12);
  EXPECT_NEAR(e.macro.firms.fixed_costs(0), 0.0, 1e-12);  // no services bought
}

TEST(FreeEntry, EntrantsTakeThePowerMeanThatSellsTheClusterMean) {
  // sigma = 3, no inputs: sales go as a^2, so the mean firm has a = sqrt((1 + 4) / 2).
  models::Economy e = small_economy({100.0}, 0.0, {3.0});
  models::add_firm(e, 0, 0, 1.0, 1.0);
  models::add_firm(e, 0, 0, 2.0, 1.0);
  index_firms(e);
  const Eigen::VectorXd best = models::industry_best_productivity(e);
  const double mean = models::cluster_mean_productivity(e, 0, 0, best);
  EXPECT_DOUBLE_EQ(mean, std::sqrt(2.5));
  // A firm of that productivity sells what the two sell on average (at the same market access).
  models::clear_market(e);
  const double mean_sales = e.clusters.sales(0, 0) / 2.0;
  const double access = e.clusters.market_access(0, 0);
  EXPECT_DOUBLE_EQ(std::pow(1.5 / mean, -2.0) * access, mean_sales);  // price = 3/2 * wage / a
}

class FreeEntryOneCluster : public ::testing::Test {
 protected:
  // One region, one industry: sigma = 2, spending on the industry 0.5 * 100 = 50, nu = 0.04, F = 0.6.
  // n* = floor(50 * 0.46 / 0.6) = 38. Five incumbents of different productivity, no debt, no deposit
  // interest, so that a firm's profit in the accounts is S / sigma - F - nu S.
  void SetUp() override {
    e.parameters.entry = {.base_rate = 0.5, .rate_per_firm = 0.05, .profit_sensitivity = 5.0,
                          .productivity_floor = 0.3, .productivity_beta_a = 2.0, .productivity_beta_b = 4.0,
                          .initial_net_worth = 0.3, .mode = models::EntryMode::free};
    e.parameters.firms.fixed_cost = 0.6;
    models::resize_knowledge(e);
    for (double productivity : {0.8, 1.0, 1.3, 1.7, 2.2}) models::add_firm(e, 0, 0, productivity, 1.0);
    index_firms(e);
    models::clear_market(e);
  }

  // A new clearing, the R&D the innovation process books from its sales (nu S; no subsidy), the accounts.
  double mean_profit_after_clearing() {
    models::clear_market(e);
    for (std::size_t i = 0; i < e.firms.size(); ++i) e.firms.rd_spending[i] = 0.04 * e.firms.sales[i];
    models::accounts_process(e, context(0, "accounts"));
    return std::accumulate(e.firms.profit.begin(), e.firms.profit.end(), 0.0) / static_cast<double>(e.firms.size());
  }

  models::Economy e = small_economy({100.0}, 0.0);
};

TEST_F(FreeEntryOneCluster, FreeEntryDrivesTheMeanFirmsProfitToZero) {
  ASSERT_DOUBLE_EQ(e.clusters.sales(0, 0), 50.0);
  models::entry_process(e, context(0, "entry"));
  EXPECT_EQ(e.clusters.entries(0, 0), 33.0);
  ASSERT_EQ(e.firms.size(), 38u);
  EXPECT_EQ(e.cluster_index.size(0, 0), 38);
  // Founders' capital of 33 entrants.
  EXPECT_DOUBLE_EQ(e.capital.entered_net_worth(0), 33 * 0.3);

  const double profit = mean_profit_after_clearing();
  EXPECT_NEAR(e.clusters.sales(0, 0), 50.0, 1e-12);  // entry lowered the price index, not the spending
  EXPECT_GE(profit, 0.0);
  EXPECT_NEAR(profit, 50.0 * 0.46 / 38 - 0.6, 1e-12);
  // An entrant, at the cluster's mean productivity, sells the mean.
  EXPECT_NEAR(e.firms.sales[37], 50.0 / 38, 1e-12);

  // One firm more, and the mean firm loses.
  models::add_firm(e, 0, 0, e.firms.productivity[37], 1.0);
  index_firms(e);
  const double profit_with_one_more = mean_profit_after_clearing();
  EXPECT_LT(profit_with_one_more, 0.0);
  EXPECT_NEAR(profit_with_one_more, 50.0 * 0.46 / 39 - 0.6, 1e-12);
}

TEST_F(FreeEntryOneCluster, FreeEntryIsDeterministicAndStopsAtTheCount) {
  models::Economy other = e;
  models::entry_process(e, context(0, "entry"));
  models::entry_process(other, context(7, "spinoffs"));  // other streams: nothing is drawn
  ASSERT_EQ(e.firms.size(), other.firms.size());
  EXPECT_EQ(e.firms.productivity, other.firms.productivity);
  // Entrants at the power mean with exponent sigma - 1 = 1: the arithmetic mean of the incumbents.
  EXPECT_DOUBLE_EQ(e.firms.productivity.back(), (0.8 + 1.0 + 1.3 + 1.7 + 2.2) / 5);
  // At the count, and the same sales: no more entrants.
  models::entry_process(e, context(1, "entry"));
  EXPECT_EQ(e.clusters.entries(0, 0), 0.0);
  EXPECT_EQ(e.firms.size(), 38u);
}

TEST_F(FreeEntryOneCluster, FreeEntryNeverRemovesFirmsAndReplacesExiters) {
  // Sales that keep fewer firms than there are: nobody enters, nobody is pushed out (exit has its own rules).
  e.parameters.firms.fixed_cost = 6.0;  // n* = floor(50 * 0.46 / 6) = 3 < 5
  models::entry_process(e, context(0, "entry"));
  EXPECT_EQ(e.clusters.entries(0, 0), 0.0);
  EXPECT_EQ(e.firms.size(), 5u);
  // Four firms exit after the clearing: the cluster's sales of the tick, 50, are what an entrant
  // expects to share, so one entrant joins the survivor (n* = floor(50 * 0.46 / 10) = 2).
  e.parameters.firms.fixed_cost = 10.0;
  std::vector<std::uint8_t> keep = {0, 0, 1, 0, 0};
  sim::soa::keep_rows(e.firms.columns(), keep);
  index_firms(e);
  models::entry_process(e, context(1, "entry"));
  EXPECT_EQ(e.clusters.entries(0, 0), 1.0);
  ASSERT_EQ(e.firms.size(), 2u);
  EXPECT_DOUBLE_EQ(e.firms.productivity[1], 1.3);  // the survivor is the cluster's mean
}

TEST_F(FreeEntryOneCluster, FreeExitRemovesTheLeastProductiveBeyondTheCount) {
  // Sales 50 keep n* = floor(50 * 0.46 / 10) = 2 firms: the three least productive of the five leave,
  // and a firm the exit rules already remove counts among those that leave.
  e.parameters.firms.fixed_cost = 10.0;
  std::vector<std::uint8_t> leaving(e.firms.size(), 0);
  models::mark_free_exits(e, leaving);
  EXPECT_EQ(leaving, (std::vector<std::uint8_t>{1, 1, 1, 0, 0}));
  std::vector<std::uint8_t> already = {0, 0, 0, 1, 0};  // the firm of productivity 1.7 leaves by the rules
  models::mark_free_exits(e, already);
  EXPECT_EQ(already, (std::vector<std::uint8_t>{1, 1, 0, 1, 0}));
  // At exactly zero expected profit nobody leaves: 5 firms of a cluster whose sales 50 keep 5.
  e.parameters.firms.fixed_cost = 50.0 * 0.46 / 5.0;
  std::vector<std::uint8_t> none(e.firms.size(), 0);
  models::mark_free_exits(e, none);
  EXPECT_EQ(none, (std::vector<std::uint8_t>(5, 0)));
}

TEST(EntryMode, DefaultsToPoissonReadsFreeAndRejectsTheRest) {
  using testing_support::errors_of;
  using testing_support::load_scenario;
  EXPECT_EQ(models::read_entry_mode(load_scenario("")), models::EntryMode::poisson);
  EXPECT_EQ(models::read_entry_mode(load_scenario("entry.mode = \"free\"")), models::EntryMode::free);
  const std::string misspelt = testing_support::all(errors_of("entry.mode = \"fre\""));
  EXPECT_NE(misspelt.find("entry.mode"), std::string::npos) << misspelt;
  EXPECT_NE(misspelt.find("did you mean 'free'"), std::string::npos) << misspelt;
  const std::string costless = testing_support::all(errors_of("entry.mode = \"free\"\nfirms.fixed_cost = 0"));
  EXPECT_NE(costless.find("firms.fixed_cost"), std::string::npos) << costless;
  EXPECT_NE(costless.find("free entry stops where the fixed cost takes the margin"), std::string::npos) << costless;
  // A fixed cost in talent alone is a fixed cost.
  const sim::config::Config talent_only = testing_support::load_scenario("entry.mode = \"free\"\nfirms.fixed_cost = 0\nfirms.fixed_talent = 2");
  EXPECT_NO_THROW(models::cluster_model().check(talent_only, sim::read_run_settings(talent_only)));
}

}  // namespace
