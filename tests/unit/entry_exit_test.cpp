#include "models/industrial/entry.hpp"
#include "models/industrial/exit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "models/core/initial_state.hpp"
#include "models/knowledge/knowledge_chain.hpp"
#include "sim/soa.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

sim::TickContext context(int tick, const char* process) {
  return {tick, sim::TickStreams({1, 0, sim::process_id(process)}, static_cast<std::uint64_t>(tick))};
}

TEST(Exit, NegativeNetWorthOrLongLowShare) {
  models::Firms firms;
  firms.net_worth = {1.0, -0.01, 1.0, 1.0};
  firms.capital = {0.0, 0.0, 0.0, 0.0};
  firms.low_share_ticks = {0, 0, 3, 4};
  models::FirmParameters p{};
  p.low_share_ticks_to_exit = 4;
  EXPECT_FALSE(models::exits(firms, 0, p, 0.0));
  EXPECT_TRUE(models::exits(firms, 1, p, 0.0));
  EXPECT_FALSE(models::exits(firms, 2, p, 0.0));
  EXPECT_TRUE(models::exits(firms, 3, p, 0.0));
}

TEST(Exit, RemovesExitersKeepsOrderAndCountsPerCluster) {
  models::Economy e = small_economy({100.0, 100.0}, 100.0);
  for (int n = 0; n < 6; ++n) models::add_firm(e, n % 2, 0, 1.0, n == 1 || n == 3 || n == 4 ? -1.0 : 1.0);
  index_firms(e);
  models::exit_process(e, context(0, "exit"));
  EXPECT_EQ(e.firms.id, (std::vector<std::uint64_t>{0, 2, 5}));
  EXPECT_EQ(e.clusters.exits(0, 0), 1);  // firm 4
  EXPECT_EQ(e.clusters.exits(1, 0), 2);  // firms 1 and 3
  EXPECT_EQ(e.cluster_index.size(0, 0), 2);
  EXPECT_EQ(e.cluster_index.size(1, 0), 1);
}

TEST(Entry, ExpectedEntrantsWorkedByHand) {
  models::EntryParameters p{};
  p.base_rate = 0.5;
  p.rate_per_firm = 0.08;
  p.profit_sensitivity = 5.0;
  models::KnowledgeParameters k{};  // no knowledge or talent terms
  k.pool_half_saturation = 2.0;
  // A quarter, 10 incumbents, margin 10 / 100: 0.25 * (0.5 + 0.8) * exp(0.5).
  EXPECT_DOUBLE_EQ(models::expected_entrants(p, k, 0.25, {10, 10.0, 100.0, 6.0, 300.0, 100.0}),
                   0.25 * 1.3 * std::exp(0.5));
  // No sales: margin 0.
  EXPECT_DOUBLE_EQ(models::expected_entrants(p, k, 0.25, {0, 0.0, 0.0, 0.0, 0.0, 0.0}), 0.125);
  // Pool 6 with h = 2 (saturation 3/4), psi_K = 0.4; talent 300 per 100 jobs, psi_H = 0.5.
  k.entry_knowledge_sensitivity = 0.4;
  k.entry_talent_elasticity = 0.5;
  EXPECT_DOUBLE_EQ(models::expected_entrants(p, k, 0.25, {10, 10.0, 100.0, 6.0, 300.0, 100.0}),
                   0.25 * 1.3 * std::exp(0.5) * 1.3 * std::sqrt(3.0));
}

TEST(Entry, PoissonCountsMatchTheirMeanAndEntrantsSitBelowTheFrontier) {
  models::Economy e = small_economy({100.0}, 0.0);
  // 2 per year, nothing else: 0.5 per quarter
  e.parameters.entry = {.base_rate = 2.0, .rate_per_firm = 0.0, .profit_sensitivity = 0.0,
                        .productivity_floor = 0.3, .productivity_beta_a = 2.0, .productivity_beta_b = 4.0,
                        .initial_net_worth = 0.3};
  models::resize_knowledge(e);  // knowledge and talent sensitivities are 0
  e.talent.stock = Eigen::VectorXd::Ones(1);
  models::add_firm(e, 0, 0, 2.0, 1.0);
  index_firms(e);
  const int ticks = 4000;
  double entrants = 0.0;
  for (int tick = 0; tick < ticks; ++tick) {
    const std::size_t before = e.firms.size();
    models::entry_process(e, context(tick, "entry"));
    entrants += e.clusters.entries(0, 0);
    ASSERT_EQ(e.firms.size() - before, static_cast<std::size_t>(e.clusters.entries(0, 0)));
    for (std::size_t i = before; i < e.firms.size(); ++i) {
      ASSERT_GE(e.firms.productivity[i], 0.3 * 2.0);
      ASSERT_LE(e.firms.productivity[i], 2.0);
      ASSERT_EQ(e.firms.net_worth[i], 0.3);
    }
    // Keep the frontier at the incumbent's 2.0: remove the entrants again.
    std::vector<std::uint8_t> keep(e.firms.size(), 0);
    keep[0] = 1;
    sim::soa::keep_rows(e.firms.columns(), keep);
    index_firms(e);
  }
  EXPECT_NEAR(entrants / ticks, 0.5, 4 * std::sqrt(0.5 / ticks));
}

// Today's Poisson entry, pinned: the counts, productivities and founders' capital of twelve ticks of
// entry into four clusters, drawn before free entry existed. Another mode of entry must leave them as
// they are (the baseline's bit-identity rests on it); EXPECT_DOUBLE_EQ allows only rounding of the libm.
TEST(Entry, PoissonModeDrawsWhatItDrewBeforeFreeEntry) {
  models::Economy e = small_economy({100.0, 60.0}, 100.0, {2.0, 3.0});
  e.parameters.entry = {.base_rate = 0.5, .rate_per_firm = 0.05, .profit_sensitivity = 5.0,
                        .productivity_floor = 0.3, .productivity_beta_a = 2.0, .productivity_beta_b = 4.0,
                        .initial_net_worth = 0.3};
  ASSERT_EQ(e.parameters.entry.mode, models::EntryMode::poisson);  // the default
  models::resize_knowledge(e);
  for (int r = 0; r < 2; ++r) {
    for (int k = 0; k < 2; ++k) {
      for (int n = 0; n < 3; ++n) models::add_firm(e, r, k, 1.0 + 0.25 * n + 0.5 * r, 1.0);
      e.clusters.sales(r, k) = 50.0;
      e.clusters.profit(r, k) = 10.0;
    }
  }
  index_firms(e);
  std::vector<int> entries;
  for (int tick = 0; tick < 12; ++tick) {
    models::entry_process(e, context(tick, "entry"));
    for (int r = 0; r < 2; ++r)
      for (int k = 0; k < 2; ++k) entries.push_back(static_cast<int>(e.clusters.entries(r, k)));
  }
  EXPECT_EQ(entries, (std::vector<int>{1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 1, 0,
                                       0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}));
  struct Entrant {
    int region;
    int industry;
    double productivity;
  };
  const std::vector<Entrant> drawn = {
      {0, 0, 0.70975878346102173}, {0, 1, 0.52890016454047484}, {0, 0, 0.94580005203057738},
      {0, 1, 0.73082478701996823}, {1, 0, 1.2263848355120177},  {1, 1, 0.83029112643832292},
      {1, 1, 1.0238190235611115},  {1, 0, 1.3713303152322864},  {0, 1, 0.71397568075071738},
      {1, 0, 1.5879213228650511},  {1, 0, 1.329965348714409},   {1, 0, 0.76156095063010709},
      {1, 1, 0.87889931909909613}, {0, 0, 0.89614415774208434}};
  ASSERT_EQ(e.firms.size(), 12 + drawn.size());
  for (std::size_t n = 0; n < drawn.size(); ++n) {
    SCOPED_TRACE(n);
    EXPECT_EQ(e.firms.region[12 + n], drawn[n].region);
    EXPECT_EQ(e.firms.industry[12 + n], drawn[n].industry);
    EXPECT_DOUBLE_EQ(e.firms.productivity[12 + n], drawn[n].productivity);
  }
  EXPECT_DOUBLE_EQ(e.capital.entered_net_worth(0), 6 * 0.3);
  EXPECT_DOUBLE_EQ(e.capital.entered_net_worth(1), 8 * 0.3);
}

TEST(InitialFirms, AllocationAddsUpAndFollowsWeights) {
  Eigen::VectorXd gdp(3), share(2);
  gdp << 50.0, 30.0, 20.0;
  share << 0.75, 0.25;
  const auto counts = models::allocate_initial_firms(gdp, share, 101);
  std::int64_t total = 0;
  for (auto c : counts) total += c;
  EXPECT_EQ(total, 101);
  // Exact shares 37.875, 12.625, 22.725, 7.575, 15.15, 5.05: floors sum to 98, the three largest
  // remainders (0.875, 0.725, 0.625) get one more.
  EXPECT_EQ(counts, (std::vector<std::int64_t>{38, 13, 23, 7, 15, 5}));
}

}  // namespace
