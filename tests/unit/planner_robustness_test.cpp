// Robust planning (docs/model.md, Staggered development; issue 15, item 4): the planner plans on an
// averaged signal, only on clusters of a minimum size or with a pilot, and keeps a priority in force
// unless a challenger beats it by more than the hysteresis margin.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/core/initial_state.hpp"
#include "models/core/tick_schedule.hpp"
#include "models/future/future_industries.hpp"
#include "models/policy/priority_assignment.hpp"
#include "models/policy/staggered_development.hpp"
#include "models/policy/structure_indices.hpp"
#include "policy_test_support.hpp"

namespace {

using models::Eligibility;
using testing_support::load_scenario;

Eigen::MatrixXd matrix(int rows, int cols, std::initializer_list<double> values) {
  Eigen::MatrixXd m(rows, cols);
  auto it = values.begin();
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) m(r, c) = *it++;
  }
  return m;
}

Eligibility everyone(int rows, int cols) { return Eligibility::Constant(rows, cols, true); }

// ---------------------------------------------------------------------------------------------------
// Hysteresis

// One region, one priority: the incumbent (industry 0, advantage 1) against a challenger.
TEST(PlannerHysteresis, KeepsTheIncumbentWithinTheMarginAndReplacesItBeyond) {
  const std::vector<bool> plannable{true, true};
  const Eigen::MatrixXd incumbent = matrix(1, 2, {1, 0});
  for (const bool coordinated : {false, true}) {
    const auto plan = [&](double challenger, double h) {
      const Eigen::MatrixXd compared = models::with_hysteresis(matrix(1, 2, {1.0, challenger}), incumbent, h);
      return coordinated ? models::coordinated_priorities(compared, plannable, everyone(1, 2), 1, 1)
                         : models::comparative_priorities(compared, plannable, everyone(1, 2), 1);
    };
    // Without hysteresis a 5 % better challenger wins; with a 10 % margin it does not.
    EXPECT_EQ(plan(1.05, 0.0), (Eigen::MatrixXi(1, 2) << 0, 1).finished()) << coordinated;
    EXPECT_EQ(plan(1.05, 0.1), (Eigen::MatrixXi(1, 2) << 1, 0).finished()) << coordinated;
    EXPECT_EQ(plan(1.09, 0.1), (Eigen::MatrixXi(1, 2) << 1, 0).finished()) << coordinated;
    // Beyond the margin the challenger replaces it.
    EXPECT_EQ(plan(1.11, 0.1), (Eigen::MatrixXi(1, 2) << 0, 1).finished()) << coordinated;
    EXPECT_EQ(plan(1.5, 0.1), (Eigen::MatrixXi(1, 2) << 0, 1).finished()) << coordinated;
  }
}

// The coordinated assignment stays exact: the margin applies to the whole assignment. Two regions, two
// industries, one priority each: the incumbent plan (0->0, 1->1) against the swap (0->1, 1->0).
TEST(PlannerHysteresis, CoordinatedComparesWholeAssignments) {
  const std::vector<bool> plannable{true, true};
  const Eigen::MatrixXd incumbent = matrix(2, 2, {1, 0, 0, 1});
  const Eigen::MatrixXi keep = (Eigen::MatrixXi(2, 2) << 1, 0, 0, 1).finished();
  const Eigen::MatrixXi swap = (Eigen::MatrixXi(2, 2) << 0, 1, 1, 0).finished();
  const auto plan = [&](const Eigen::MatrixXd& advantage) {
    return models::coordinated_priorities(models::with_hysteresis(advantage, incumbent, 0.1), plannable,
                                          everyone(2, 2), 1, 1);
  };
  // Swap total 2.15 against the incumbents' 2 x 1.1 = 2.2: kept, although one swapped pair (1.2) beats
  // its incumbent by more than 10 %.
  EXPECT_EQ(plan(matrix(2, 2, {1.0, 1.2, 0.95, 1.0})), keep);
  // Swap total 2.3 > 2.2: replaced.
  EXPECT_EQ(plan(matrix(2, 2, {1.0, 1.2, 1.1, 1.0})), swap);
  // No plan in force (the first plan): no incumbents, the advantage as it is.
  EXPECT_EQ(models::with_hysteresis(matrix(2, 2, {1, 2, 3, 4}), Eigen::MatrixXd(), 0.1), matrix(2, 2, {1, 2, 3, 4}));
}

// ---------------------------------------------------------------------------------------------------
// Minimum cluster size and pilots

TEST(PlannerEligibility, MinimumSizeExcludesSmallAndEmptyClusters) {
  const Eigen::MatrixXd firms = matrix(1, 4, {0, 4, 5, 12});
  const Eligibility eligible = models::eligible_clusters(firms, Eigen::MatrixXd::Zero(1, 4), 5);
  EXPECT_EQ(eligible.cast<int>().matrix(), (Eigen::MatrixXi(1, 4) << 0, 0, 1, 1).finished());
  // The small and empty clusters have the largest advantage, yet neither mode takes them.
  const Eigen::MatrixXd advantage = matrix(1, 4, {9, 8, 1, 0.5});
  const std::vector<bool> plannable(4, true);
  const Eigen::MatrixXi expected = (Eigen::MatrixXi(1, 4) << 0, 0, 1, 1).finished();
  EXPECT_EQ(models::comparative_priorities(advantage, plannable, eligible, 3), expected);
  EXPECT_EQ(models::coordinated_priorities(advantage, plannable, eligible, 3, 1), expected);
  // An empty cluster is never eligible without a pilot, whatever the minimum.
  EXPECT_FALSE(models::eligible_clusters(firms, Eigen::MatrixXd::Zero(1, 4), 1)(0, 0));
  EXPECT_TRUE(models::eligible_clusters(firms, Eigen::MatrixXd::Zero(1, 4), 1)(0, 1));
}

TEST(PlannerEligibility, APilotClusterIsEligibleAlthoughEmpty) {
  const Eigen::MatrixXd firms = matrix(1, 3, {0, 0, 2});
  const Eigen::MatrixXd pilots = matrix(1, 3, {20, 0, 0});
  const Eligibility eligible = models::eligible_clusters(firms, pilots, 5);
  EXPECT_EQ(eligible.cast<int>().matrix(), (Eigen::MatrixXi(1, 3) << 1, 0, 0).finished());
  // Without firms the cluster has no value added (location quotient 0), yet it is the only eligible pair.
  const Eigen::MatrixXd advantage = matrix(1, 3, {0, 0, 3});
  const std::vector<bool> plannable(3, true);
  const Eigen::MatrixXi expected = (Eigen::MatrixXi(1, 3) << 1, 0, 0).finished();
  EXPECT_EQ(models::comparative_priorities(advantage, plannable, eligible, 2), expected);
  EXPECT_EQ(models::coordinated_priorities(advantage, plannable, eligible, 2, 1), expected);
  // The same without the pilot: no priority at all.
  const Eligibility without = models::eligible_clusters(firms, Eigen::MatrixXd::Zero(1, 3), 5);
  EXPECT_EQ(models::coordinated_priorities(advantage, plannable, without, 2, 1).sum(), 0);
}

// ---------------------------------------------------------------------------------------------------
// The averaged signal

TEST(PlannerSignal, WeightIsThatOfAMovingAverageOfTheSameMeanAge) {
  EXPECT_DOUBLE_EQ(models::signal_weight(1), 1.0);  // one tick: the current tick alone
  EXPECT_DOUBLE_EQ(models::signal_weight(20), 2.0 / 21.0);
  EXPECT_DOUBLE_EQ(models::signal_weight(0), 1.0);
  const Eigen::MatrixXd shares = models::national_shares(matrix(1, 3, {1, 3, -2}));
  EXPECT_EQ(shares, matrix(1, 3, {0.25, 0.75, 0}));
  EXPECT_EQ(models::national_shares(Eigen::MatrixXd::Zero(2, 2)), Eigen::MatrixXd::Zero(2, 2));
}

// Two regions, each with two planned industries and one priority; region 0 leads in industry 0. One tick
// in which region 0's industry 1 doubles its value added: planning on that tick alone would switch
// region 0 to industry 1, planning on the average of a 20-tick window does not.
TEST(PlannerSignal, AOneTickSpikeDoesNotChangeThePlan) {
  const std::vector<bool> plannable{true, true};
  const Eigen::MatrixXd steady = matrix(2, 2, {12, 10, 10, 12});
  Eigen::MatrixXd spike = steady;
  spike(0, 1) = 20;
  const auto plan = [&](const Eigen::MatrixXd& signal) {
    return models::comparative_priorities(models::location_quotients(signal), plannable, everyone(2, 2), 1);
  };
  const Eigen::MatrixXi before = (Eigen::MatrixXi(2, 2) << 1, 0, 0, 1).finished();
  ASSERT_EQ(plan(steady), before);
  ASSERT_NE(plan(spike), before);  // the spike alone would move region 0

  const double weight = models::signal_weight(20);
  Eigen::MatrixXd signal = models::national_shares(steady);
  for (int tick = 0; tick < 30; ++tick) signal = models::averaged_signal(signal, models::national_shares(steady), weight);
  signal = models::averaged_signal(signal, models::national_shares(spike), weight);
  EXPECT_EQ(plan(signal), before);
  // With a window of one tick the average is the tick itself, and the spike moves the plan.
  EXPECT_NE(plan(models::averaged_signal(signal, models::national_shares(spike), models::signal_weight(1))), before);
}

// ---------------------------------------------------------------------------------------------------
// In a stepped economy: the signal is updated every tick, every plan rests on eligible clusters only and
// takes as many of them as m and c allow.

void expect_plans_respect_eligibility(const std::string& mode, int m, int c) {
  const sim::config::Config config = load_scenario(
      fmt::format("[policy]\nplanner_mode = \"{}\"\npriorities_per_region = {}\nregions_per_industry = {}\n"
                  "[planner]\nplan_period_years = 0.5\nsignal_window_years = 1\nmin_cluster_firms = 3\n"
                  "[[policy.pilots]]\nregions = [\"Anhui\", \"Guangdong\"]\nindustry = \"future_information\"\n"
                  "budget = 20.0\nfrom_tick = 2\nuntil_tick = 6\n",
                  mode, m, c),
      {"firms.initial_count=1500", "simulation.ticks=8"});
  models::Economy economy = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  const std::vector<bool> plannable = models::plannable_industries(economy.industries);
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const double weight = models::signal_weight(economy.parameters.staggered.signal_window_ticks);
  ASSERT_EQ(economy.parameters.staggered.signal_window_ticks, 4);
  ASSERT_EQ(economy.parameters.staggered.min_cluster_firms, 3);

  // At initialisation the signal is the first clearing's shares.
  EXPECT_TRUE(economy.staggered.signal_share.isApprox(models::national_shares(economy.chain.value_added)));
  EXPECT_NEAR(economy.staggered.signal_share.sum(), 1.0, 1e-12);

  const auto check_plan = [&](const Eigen::MatrixXd& plan, int in_force_from) {
    Eigen::MatrixXd firms(regions, industries);
    for (int r = 0; r < regions; ++r) {
      for (int k = 0; k < industries; ++k) firms(r, k) = economy.cluster_index.size(r, k);
    }
    const Eigen::MatrixXd pilots = models::pilot_budget_at(economy.future.pilots, in_force_from, regions, industries);
    const Eligibility eligible = models::eligible_clusters(firms, pilots, 3);
    for (int r = 0; r < regions; ++r) {
      for (int k = 0; k < industries; ++k) {
        if (plan(r, k) > 0.0) {
          EXPECT_TRUE(eligible(r, k)) << mode << " tick " << in_force_from << " " << r << " " << k;
          EXPECT_TRUE(firms(r, k) >= 3 || pilots(r, k) > 0.0) << r << " " << k;
        }
      }
    }
    // As many pairs as the limits allow among the eligible ones.
    const Eigen::MatrixXd ones = Eigen::MatrixXd::Ones(regions, industries);
    if (mode == "comparative") {
      for (int r = 0; r < regions; ++r) {
        int available = 0;
        for (int k = 0; k < industries; ++k) available += plannable[static_cast<std::size_t>(k)] && eligible(r, k);
        EXPECT_EQ(plan.row(r).sum(), std::min(m, available)) << "tick " << in_force_from << " region " << r;
      }
    } else {
      EXPECT_EQ(plan.sum(), models::coordinated_priorities(ones, plannable, eligible, m, c).sum())
          << "tick " << in_force_from;
      EXPECT_LE(plan.rowwise().sum().maxCoeff(), m);
      EXPECT_LE(plan.colwise().sum().maxCoeff(), c);
    }
  };
  check_plan(economy.staggered.priority, 0);
  int plans = 0;
  for (int tick = 0; tick < 8; ++tick) {
    const Eigen::MatrixXd previous = economy.staggered.signal_share;
    schedule.run_tick(economy, tick, 1, 0);
    // The signal took in this tick's value added.
    EXPECT_TRUE(economy.staggered.signal_share.isApprox(
        models::averaged_signal(previous, models::national_shares(economy.chain.value_added), weight)))
        << "tick " << tick;
    if (economy.staggered.plan_pending) {
      check_plan(economy.staggered.next_priority, tick + 1);
      ++plans;
    }
  }
  EXPECT_EQ(plans, 4);
}

TEST(PlannerInTheModel, ComparativePlansTakeOnlyEligibleClustersAndAsManyAsAllowed) {
  expect_plans_respect_eligibility("comparative", 2, 3);
}

TEST(PlannerInTheModel, CoordinatedPlansTakeOnlyEligibleClustersAndTheMostPairs) {
  expect_plans_respect_eligibility("coordinated", 2, 3);
}

}  // namespace
