#include "models/policy/priority_assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

using models::comparative_priorities;
using models::coordinated_priorities;
using models::every_plannable;
using models::Priorities;

// 18 industries, 15 plannable: 0, 1 and 2 (the "key" industries) are not.
std::vector<bool> default_plannable() {
  std::vector<bool> plannable(18, true);
  plannable[0] = plannable[1] = plannable[2] = false;
  return plannable;
}

int count_plannable(const std::vector<bool>& plannable) {
  return static_cast<int>(std::count(plannable.begin(), plannable.end(), true));
}

// Uniform on [0, 5), or (integers = true) small integers 0..3, which makes many ties.
Eigen::MatrixXd random_advantage(int regions, int industries, std::mt19937& rng, bool integers) {
  std::uniform_real_distribution<double> real(0.0, 5.0);
  std::uniform_int_distribution<int> whole(0, 3);
  Eigen::MatrixXd a(regions, industries);
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) a(r, k) = integers ? whole(rng) : real(rng);
  }
  return a;
}

std::vector<bool> random_plannable(int industries, std::mt19937& rng) {
  std::bernoulli_distribution coin(0.75);
  std::vector<bool> plannable(static_cast<std::size_t>(industries));
  for (int k = 0; k < industries; ++k) plannable[static_cast<std::size_t>(k)] = coin(rng);
  return plannable;
}

double total_advantage(const Priorities& p, const Eigen::MatrixXd& a) {
  return (p.cast<double>().array() * a.array()).sum();
}

// Entries 0/1, at most m per region, at most c per industry, nothing in a non-plannable column.
void expect_feasible(const Priorities& p, const std::vector<bool>& plannable, int m, int c) {
  EXPECT_TRUE(((p.array() == 0) || (p.array() == 1)).all());
  EXPECT_LE(p.rowwise().sum().maxCoeff(), m);
  EXPECT_LE(p.colwise().sum().maxCoeff(), c);
  for (std::size_t k = 0; k < plannable.size(); ++k) {
    if (!plannable[k]) {
      EXPECT_EQ(p.col(static_cast<Eigen::Index>(k)).sum(), 0) << "industry " << k;
    }
  }
}

// Brute force over every subset of plannable pairs (depth-first, dropping a branch as soon as it breaks
// a limit): the most pairs, and the largest total advantage among those.
struct Best {
  int pairs = -1;
  double weight = -1.0;
};

void enumerate(const Eigen::MatrixXd& a, const std::vector<std::pair<int, int>>& candidates, std::size_t next,
               int m, int c, std::vector<int>& per_region, std::vector<int>& per_industry, int pairs,
               double weight, Best& best) {
  if (next == candidates.size()) {
    if (pairs > best.pairs || (pairs == best.pairs && weight > best.weight)) best = {pairs, weight};
    return;
  }
  enumerate(a, candidates, next + 1, m, c, per_region, per_industry, pairs, weight, best);
  const auto [r, k] = candidates[next];
  int& nr = per_region[static_cast<std::size_t>(r)];
  int& nk = per_industry[static_cast<std::size_t>(k)];
  if (nr < m && nk < c) {
    ++nr;
    ++nk;
    enumerate(a, candidates, next + 1, m, c, per_region, per_industry, pairs + 1, weight + a(r, k), best);
    --nr;
    --nk;
  }
}

Best brute_force(const Eigen::MatrixXd& a, const std::vector<bool>& plannable, int m, int c) {
  std::vector<std::pair<int, int>> candidates;
  for (int r = 0; r < a.rows(); ++r) {
    for (int k = 0; k < a.cols(); ++k) {
      if (plannable[static_cast<std::size_t>(k)]) candidates.emplace_back(r, k);
    }
  }
  std::vector<int> per_region(static_cast<std::size_t>(a.rows()), 0);
  std::vector<int> per_industry(static_cast<std::size_t>(a.cols()), 0);
  Best best;
  enumerate(a, candidates, 0, m, c, per_region, per_industry, 0, 0.0, best);
  return best;
}

TEST(PriorityPlanner, EveryPlannableMarksExactlyThePlannableColumns) {
  const std::vector<bool> plannable = default_plannable();
  const Priorities p = every_plannable(31, plannable);
  ASSERT_EQ(p.rows(), 31);
  ASSERT_EQ(p.cols(), 18);
  for (int r = 0; r < 31; ++r) {
    for (int k = 0; k < 18; ++k) EXPECT_EQ(p(r, k), plannable[static_cast<std::size_t>(k)] ? 1 : 0) << r << "," << k;
  }
  EXPECT_EQ(p.sum(), 31 * 15);
  EXPECT_EQ(every_plannable(0, plannable).rows(), 0);
  EXPECT_EQ(every_plannable(0, plannable).cols(), 18);
}

TEST(PriorityPlanner, ComparativeTakesTheTopMPlannablePerRegionWithLowerIndexWinningTies) {
  const std::vector<bool> plannable = {true, false, true, true, true};
  Eigen::MatrixXd a(3, 5);
  a << 3.0, 100.0, 5.0, 7.0, 2.0,  // the non-plannable 100 is ignored: K3 then K2
      4.0, 9.0, 4.0, 4.0, 1.0,     // three-way tie at 4: K0 and K2 (lowest indices)
      0.0, 0.0, 0.0, 0.0, 0.0;     // all tied: K0 and K2
  Priorities expected(3, 5);
  expected << 0, 0, 1, 1, 0,  //
      1, 0, 1, 0, 0,          //
      1, 0, 1, 0, 0;
  EXPECT_EQ(comparative_priorities(a, plannable, 2), expected);

  Priorities one(3, 5);
  one << 0, 0, 0, 1, 0,  //
      1, 0, 0, 0, 0,     //
      1, 0, 0, 0, 0;
  EXPECT_EQ(comparative_priorities(a, plannable, 1), one);
  EXPECT_EQ(comparative_priorities(a, plannable, 0), Priorities::Zero(3, 5));
  // m at or above the 4 plannable industries takes all of them, never the non-plannable one.
  EXPECT_EQ(comparative_priorities(a, plannable, 4), every_plannable(3, plannable));
  EXPECT_EQ(comparative_priorities(a, plannable, 40), every_plannable(3, plannable));
}

TEST(PriorityPlanner, ComparativeOnRandomInstancesPicksTheBestAndOnlyPlannable) {
  std::mt19937 rng(20240611);
  for (int trial = 0; trial < 200; ++trial) {
    const int regions = 1 + trial % 7;
    const int industries = 1 + (trial * 5) % 18;
    const std::vector<bool> plannable = random_plannable(industries, rng);
    const Eigen::MatrixXd a = random_advantage(regions, industries, rng, trial % 2 == 0);
    const int m = trial % 6;
    const Priorities p = comparative_priorities(a, plannable, m);
    ASSERT_EQ(p.rows(), regions);
    ASSERT_EQ(p.cols(), industries);
    expect_feasible(p, plannable, m, regions);
    const int take = std::min(m, count_plannable(plannable));
    for (int r = 0; r < regions; ++r) {
      EXPECT_EQ(p.row(r).sum(), take);
      // Every chosen industry beats every unchosen plannable one (or ties with a higher index).
      for (int chosen = 0; chosen < industries; ++chosen) {
        if (p(r, chosen) != 1) continue;
        for (int other = 0; other < industries; ++other) {
          if (!plannable[static_cast<std::size_t>(other)] || p(r, other) == 1) continue;
          EXPECT_TRUE(a(r, chosen) > a(r, other) || (a(r, chosen) == a(r, other) && chosen < other))
              << "trial " << trial << " region " << r << ": " << chosen << " over " << other;
        }
      }
    }
  }
}

TEST(PriorityPlanner, CoordinatedKeepsBothLimitsAndTakesTheMostPairs) {
  std::mt19937 rng(7);
  struct Case {
    int regions, industries, m, c;
  };
  // 31 x 18 with m = 3: c = 5 lets the industry limits bind (15 * 5 = 75 < 93 = 31 * 3), c = 10 the
  // region limits; the rest are smaller shapes, with either limit larger than possible.
  const std::vector<Case> cases = {{31, 18, 3, 5}, {31, 18, 3, 10}, {31, 18, 1, 1}, {31, 18, 6, 2}, {10, 5, 2, 3},
                                   {5, 10, 4, 1},  {7, 7, 9, 2},    {3, 8, 2, 9},   {12, 6, 3, 20}};
  for (const Case& cs : cases) {
    for (int trial = 0; trial < 12; ++trial) {
      const std::vector<bool> plannable =
          cs.regions == 31 && trial % 2 == 0 ? default_plannable() : random_plannable(cs.industries, rng);
      const Eigen::MatrixXd a = random_advantage(cs.regions, cs.industries, rng, trial % 3 == 0);
      const Priorities p = coordinated_priorities(a, plannable, cs.m, cs.c);
      ASSERT_EQ(p.rows(), cs.regions);
      ASSERT_EQ(p.cols(), cs.industries);
      expect_feasible(p, plannable, cs.m, cs.c);
      // Every region may take every plannable industry, so max-flow/min-cut gives the most pairs:
      // min(R m, R P, P c).
      const int n = count_plannable(plannable);
      EXPECT_EQ(p.sum(), std::min({cs.regions * cs.m, cs.regions * n, n * cs.c}))
          << cs.regions << "x" << cs.industries << " m=" << cs.m << " c=" << cs.c << " trial " << trial;
    }
  }
}

TEST(PriorityPlanner, CoordinatedWithoutABindingIndustryLimitMatchesComparativeWeight) {
  // With c >= R only the region limits bind, so each region's m best plannable industries is optimal.
  std::mt19937 rng(99);
  const std::vector<bool> plannable = default_plannable();
  for (int trial = 0; trial < 20; ++trial) {
    const Eigen::MatrixXd a = random_advantage(31, 18, rng, trial % 2 == 0);
    const int m = 1 + trial % 5;
    const Priorities coordinated = coordinated_priorities(a, plannable, m, 31);
    const Priorities comparative = comparative_priorities(a, plannable, m);
    EXPECT_EQ(coordinated.sum(), comparative.sum());
    EXPECT_NEAR(total_advantage(coordinated, a), total_advantage(comparative, a), 1e-9) << "trial " << trial;
  }
  // And with no binding limit at all, every plannable pair.
  const Eigen::MatrixXd a = random_advantage(31, 18, rng, false);
  EXPECT_EQ(coordinated_priorities(a, plannable, 18, 31), every_plannable(31, plannable));
}

TEST(PriorityPlanner, CoordinatedEqualsBruteForceOnSmallInstances) {
  std::mt19937 rng(12345);
  struct Shape {
    int regions, industries;
  };
  const std::vector<Shape> shapes = {{3, 4}, {4, 4}, {2, 6}, {4, 3}, {2, 8}, {5, 3}, {1, 6}, {3, 5}};
  std::uniform_int_distribution<int> limit(1, 3);
  int compared = 0;
  for (int trial = 0; trial < 480; ++trial) {
    const Shape shape = shapes[static_cast<std::size_t>(trial) % shapes.size()];
    const std::vector<bool> plannable = random_plannable(shape.industries, rng);
    const Eigen::MatrixXd a = random_advantage(shape.regions, shape.industries, rng, trial % 3 == 0);
    const int m = limit(rng);
    const int c = limit(rng);
    const Priorities p = coordinated_priorities(a, plannable, m, c);
    expect_feasible(p, plannable, m, c);
    const Best best = brute_force(a, plannable, m, c);
    EXPECT_EQ(p.sum(), best.pairs) << "trial " << trial;
    EXPECT_NEAR(total_advantage(p, a), best.weight, 1e-9) << "trial " << trial;
    ++compared;
  }
  EXPECT_EQ(compared, 480);
}

TEST(PriorityPlanner, CoordinatedBeatsGreedy) {
  // m = c = 1. Greedy takes the largest A first: (0,0) = 10, then region 1 is left with (1,1) = 0, so
  // 2 pairs worth 10. The optimum swaps: (0,1) + (1,0) = 9 + 9 = 18.
  Eigen::MatrixXd a(2, 2);
  a << 10.0, 9.0,  //
      9.0, 0.0;
  Priorities expected(2, 2);
  expected << 0, 1,  //
      1, 0;
  const Priorities p = coordinated_priorities(a, {true, true}, 1, 1);
  EXPECT_EQ(p, expected);
  EXPECT_DOUBLE_EQ(total_advantage(p, a), 18.0);
}

TEST(PriorityPlanner, CoordinatedPutsMorePairsBeforeMoreAdvantage) {
  // m = c = 2 on 3 x 3: the most pairs is 6, every region leaving out one industry and every industry
  // left out by one region. The advantages sum to 21; leaving out the diagonal (0 + 1 + 0) gives the
  // best 6-pair plan, worth 20, and any other omission pattern costs at least 5. Yet 5 pairs can be
  // worth 21: (0,1) (0,2) (1,1) (1,2) (2,0) = 5 + 10 + 1 + 5 + 0. The planner must take the 6 pairs.
  Eigen::MatrixXd a(3, 3);
  a << 0.0, 5.0, 10.0,  //
      0.0, 1.0, 5.0,    //
      0.0, 0.0, 0.0;
  Priorities expected(3, 3);
  expected << 0, 1, 1,  //
      1, 0, 1,          //
      1, 1, 0;
  const Priorities p = coordinated_priorities(a, {true, true, true}, 2, 2);
  EXPECT_EQ(p, expected);
  EXPECT_DOUBLE_EQ(total_advantage(p, a), 20.0);
}

TEST(PriorityPlanner, CoordinatedZeroLimitsAndEmptyInputsGiveNothing) {
  std::mt19937 rng(3);
  const std::vector<bool> plannable = default_plannable();
  const Eigen::MatrixXd a = random_advantage(31, 18, rng, false);
  EXPECT_EQ(coordinated_priorities(a, plannable, 0, 5), Priorities::Zero(31, 18));
  EXPECT_EQ(coordinated_priorities(a, plannable, 3, 0), Priorities::Zero(31, 18));
  EXPECT_EQ(coordinated_priorities(a, std::vector<bool>(18, false), 3, 5), Priorities::Zero(31, 18));
  EXPECT_EQ(coordinated_priorities(Eigen::MatrixXd(0, 18), plannable, 3, 5).rows(), 0);
  EXPECT_EQ(coordinated_priorities(Eigen::MatrixXd::Zero(31, 18), plannable, 3, 5).sum(), 75);
}

TEST(PriorityPlanner, Deterministic) {
  std::mt19937 rng(42);
  const std::vector<bool> plannable = default_plannable();
  for (const bool integers : {true, false}) {  // integer advantages: many equally good plans
    const Eigen::MatrixXd a = random_advantage(31, 18, rng, integers);
    const Eigen::MatrixXd copy = a;
    const Priorities first = coordinated_priorities(a, plannable, 3, 5);
    const Priorities second = coordinated_priorities(copy, plannable, 3, 5);
    EXPECT_EQ(first, second);
    EXPECT_EQ(comparative_priorities(a, plannable, 3), comparative_priorities(copy, plannable, 3));
  }
}

TEST(PriorityPlanner, RejectsProgrammingErrors) {
  const std::vector<bool> plannable = {true, false, true};
  const Eigen::MatrixXd a = Eigen::MatrixXd::Ones(2, 3);
  EXPECT_THROW(every_plannable(-1, plannable), std::invalid_argument);
  EXPECT_THROW(comparative_priorities(a, plannable, -1), std::invalid_argument);
  EXPECT_THROW(coordinated_priorities(a, plannable, -1, 1), std::invalid_argument);
  EXPECT_THROW(coordinated_priorities(a, plannable, 1, -1), std::invalid_argument);
  EXPECT_THROW(comparative_priorities(a, {true, true}, 1), std::invalid_argument);
  EXPECT_THROW(coordinated_priorities(a, {true, true, true, true}, 1, 1), std::invalid_argument);
  for (const double bad : {-0.5, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    Eigen::MatrixXd b = a;
    b(1, 1) = bad;  // in a non-plannable column: still rejected
    EXPECT_THROW(comparative_priorities(b, plannable, 1), std::invalid_argument) << bad;
    EXPECT_THROW(coordinated_priorities(b, plannable, 1, 1), std::invalid_argument) << bad;
  }
  EXPECT_NO_THROW(coordinated_priorities(a, plannable, 1, 1));
}

}  // namespace
