// The market-share floor of exit (docs/model.md §7.4, §7.6) is relative to the mean firm of the industry,
// so that the same floor means the same thing with a few firms or a million.
#include <gtest/gtest.h>

#include <vector>

#include "capital_test_support.hpp"
#include "models/industrial/accounts.hpp"
#include "models/core/firm_birth.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::capital_context;
using testing_support::set_capital_parameters;
using testing_support::small_economy;

// Runs the accounts once over firms of one industry with the given sales (copies times each) and
// returns their low-share counters.
std::vector<std::int64_t> low_share_counts(const std::vector<double>& sales, int copies, double floor) {
  models::Economy e = small_economy({100.0}, 0.0);
  set_capital_parameters(e);
  e.parameters.firms.relative_share_floor = floor;
  for (int c = 0; c < copies; ++c) {
    for (const double s : sales) {
      const std::size_t i = models::add_firm(e, 0, 0, 1.0, 10.0);
      e.firms.sales[i] = s;
    }
  }
  testing_support::index_firms(e);
  models::accounts_process(e, capital_context("accounts", 0));
  return {e.firms.low_share_ticks.begin(), e.firms.low_share_ticks.end()};
}

TEST(ExitShareFloor, CountsFirmsBelowTheFloorTimesTheMeanShare) {
  // Mean sales 75.125: 0.5 is 0.67 % of it (below 1 %), 1.0 is 1.33 % (above).
  EXPECT_EQ(low_share_counts({100.0, 100.0, 99.5, 0.5}, 1, 0.01), (std::vector<std::int64_t>{0, 0, 0, 1}));
  EXPECT_EQ(low_share_counts({100.0, 100.0, 99.0, 1.0}, 1, 0.01), (std::vector<std::int64_t>{0, 0, 0, 0}));
  // Floor 0 (the core-periphery validation): no firm is ever counted, not even one that sold nothing.
  EXPECT_EQ(low_share_counts({100.0, 0.0}, 1, 0.0), (std::vector<std::int64_t>{0, 0}));
}

TEST(ExitShareFloor, SameFirmsAreMarginalWhateverTheirNumber) {
  // A thousand copies of the same industry: each firm's national share is a thousandth of what it was,
  // and the floor, being relative to the mean share, flags exactly the same firms. A fixed share of 1e-5
  // (the old rule) would flag all of them.
  const std::vector<double> sales{100.0, 100.0, 99.5, 0.5};
  const std::vector<std::int64_t> one = low_share_counts(sales, 1, 0.01);
  const std::vector<std::int64_t> many = low_share_counts(sales, 1000, 0.01);
  ASSERT_EQ(many.size(), 4000u);
  for (std::size_t i = 0; i < many.size(); ++i) EXPECT_EQ(many[i], one[i % 4]) << "firm " << i;
}

}  // namespace
