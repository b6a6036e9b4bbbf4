#include "models/talent/migration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "small_economy.hpp"

namespace {

using testing_support::small_economy;

sim::TickContext context(int tick, std::uint64_t seed = 1) {
  return {tick, sim::TickStreams({seed, 0, sim::process_id("migration")}, static_cast<std::uint64_t>(tick))};
}

// Three regions 500 km apart in a row, with the talent parameters the tests need.
models::Economy three_regions() {
  models::Economy e = small_economy({100.0, 100.0, 100.0}, 500.0);
  e.regions.amenity = Eigen::Vector3d(1.0, 1.5, 0.8);
  e.talent.wage = Eigen::Vector3d(1.0, 2.0, 1.2);
  e.parameters.talent.reconsider_rate = 0.4;
  e.parameters.talent.logit_scale = 0.7;
  e.parameters.talent.mobility_cost = 3.0;
  e.parameters.talent.mobility_distance_exponent = 0.5;
  e.talent.stock = Eigen::Vector3d(100000.0, 50000.0, 80000.0);
  e.talent.previous_stock = e.talent.stock;
  e.talent.trained = Eigen::Vector3d::Zero();
  e.talent.retired = Eigen::Vector3d::Zero();
  return e;
}

Eigen::MatrixXd probabilities_of(const models::Economy& e, const Eigen::VectorXd& bonus) {
  const auto& p = e.parameters.talent;
  return models::migration_probabilities(
      models::talent_utility(e.talent.wage, e.regions.amenity, bonus),
      models::mobility_costs(e.regions.distance_km, models::pairwise_openness(e.levers.openness), p.mobility_cost,
                             p.mobility_distance_exponent),
      p.logit_scale);
}

TEST(TalentMigration, LogitProbabilitiesMatchTheFormula) {
  const models::Economy e = three_regions();
  const Eigen::Vector3d bonus(0.0, 0.3, -0.2);
  const Eigen::MatrixXd P = probabilities_of(e, bonus);
  const double lambda = 0.7;
  const double c1 = 3.0 * 0.5 * std::sqrt(0.5);  // 500 km, openness 0.5
  const double c2 = 3.0 * 0.5 * std::sqrt(1.0);  // 1000 km
  const double u[3] = {std::log(1.0) + std::log(1.0) + 0.0, std::log(2.0) + std::log(1.5) + 0.3,
                       std::log(1.2) + std::log(0.8) - 0.2};
  const double cost[3][3] = {{0.0, c1, c2}, {c1, 0.0, c1}, {c2, c1, 0.0}};
  for (int r = 0; r < 3; ++r) {
    double total = 0.0;
    for (int s = 0; s < 3; ++s) total += std::exp((u[s] - cost[r][s]) / lambda);
    for (int s = 0; s < 3; ++s) EXPECT_NEAR(P(r, s), std::exp((u[s] - cost[r][s]) / lambda) / total, 1e-14) << r << "," << s;
    EXPECT_NEAR(P.row(r).sum(), 1.0, 1e-14);
  }
  // Region 1 pays most and has the highest amenity: everyone is most likely to choose it.
  EXPECT_GT(P(0, 1), P(0, 2));
  EXPECT_GT(P(2, 1), P(2, 0));
}

TEST(TalentMigration, FullOpennessRemovesMobilityCost) {
  models::Economy e = three_regions();
  e.levers.openness.setConstant(1.0);
  models::update_geography(e);
  const Eigen::MatrixXd costs = models::mobility_costs(e.regions.distance_km, Eigen::MatrixXd::Ones(3, 3), 3.0, 0.5);
  EXPECT_EQ(costs.cwiseAbs().maxCoeff(), 0.0);
  const Eigen::MatrixXd P = probabilities_of(e, Eigen::Vector3d::Zero());
  // Probabilities depend on the destination's utility only: every origin has the same row,
  // proportional to (w_s amenity_s)^(1 / lambda).
  Eigen::Vector3d weight;
  for (int s = 0; s < 3; ++s) weight(s) = std::pow(e.talent.wage(s) * e.regions.amenity(s), 1.0 / 0.7);
  weight /= weight.sum();
  for (int r = 0; r < 3; ++r)
    for (int s = 0; s < 3; ++s) EXPECT_NEAR(P(r, s), weight(s), 1e-14);
  // With openness 0.5 the origin matters: staying is more likely than under full openness.
  const Eigen::MatrixXd half = probabilities_of(three_regions(), Eigen::Vector3d::Zero());
  for (int r = 0; r < 3; ++r) EXPECT_GT(half(r, r), P(r, r));
}

TEST(TalentMigration, UniformBonusChangesNothing) {
  const models::Economy e = three_regions();
  const Eigen::MatrixXd a = probabilities_of(e, Eigen::Vector3d::Zero());
  const Eigen::MatrixXd b = probabilities_of(e, Eigen::Vector3d::Constant(2.0));
  EXPECT_LT((a - b).cwiseAbs().maxCoeff(), 1e-14);
  const Eigen::MatrixXd c = probabilities_of(e, Eigen::Vector3d(0.0, 0.0, 1.0));
  EXPECT_GT(c(0, 2), a(0, 2));  // a bonus of its own draws talent to region 2
}

TEST(TalentMigration, ExtremeUtilitiesDoNotOverflow) {
  const Eigen::Vector3d utility(0.0, 800.0, -800.0);
  const Eigen::MatrixXd P = models::migration_probabilities(utility, Eigen::MatrixXd::Zero(3, 3), 1.0);
  EXPECT_TRUE(P.allFinite());
  EXPECT_DOUBLE_EQ(P(0, 1), 1.0);
}

TEST(TalentMigration, MultinomialConservesTheTotal) {
  const Eigen::Vector4d p(0.1, 0.0, 0.6, 0.3);
  for (std::uint64_t draw = 0; draw < 200; ++draw) {
    sim::RandomStream stream({5, 0, 1}, draw, 0);
    const std::int64_t n = static_cast<std::int64_t>(draw * 37 + draw * draw);
    const std::vector<std::int64_t> counts = models::draw_multinomial(n, p, stream);
    ASSERT_EQ(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}), n);
    ASSERT_EQ(counts[1], 0);  // a category of probability 0 is never drawn
    for (auto c : counts) ASSERT_GE(c, 0);
  }
}

TEST(TalentMigration, DrawnSharesMatchTheProbabilities) {
  // Over many ticks, the movers from each origin are split in the logit proportions. For each (r, s),
  // the total drawn is compared with its expectation within 4 sampling standard deviations.
  models::Economy e = three_regions();
  const Eigen::MatrixXd P = probabilities_of(e, Eigen::Vector3d::Zero());
  const double q = models::reconsider_probability(0.4, 0.25);
  Eigen::MatrixXd total = Eigen::MatrixXd::Zero(3, 3);
  const Eigen::Vector3d stock = e.talent.stock;
  const int ticks = 50;
  for (int tick = 0; tick < ticks; ++tick) {
    e.talent.stock = stock;  // the same population every tick, so the expected flows are constant
    models::migration_process(e, context(tick));
    total += e.talent.flows;
  }
  for (int r = 0; r < 3; ++r) {
    for (int s = 0; s < 3; ++s) {
      if (r == s) continue;
      const double p = q * P(r, s);  // a talent of r ends up in s with probability q P(r, s)
      const double n = stock(r) * ticks;
      const double mean = n * p;
      const double sd = std::sqrt(n * p * (1.0 - p));
      EXPECT_NEAR(total(r, s), mean, 4.0 * sd) << r << " -> " << s;
      EXPECT_GT(sd, 10.0);  // the test has power: flows are large enough to be measured
    }
  }
  // The tolerance is tight enough to tell a wrong formula: ignoring the mobility cost (openness 1)
  // would move the expected 0 -> 2 flow by many standard deviations.
  models::Economy open = three_regions();
  open.levers.openness.setConstant(1.0);
  models::update_geography(open);
  const Eigen::MatrixXd P_open = probabilities_of(open, Eigen::Vector3d::Zero());
  const double n0 = stock(0) * ticks * q;
  EXPECT_GT(std::abs(n0 * P(0, 2) - n0 * P_open(0, 2)), 20.0 * std::sqrt(n0 * P(0, 2)));
}

TEST(TalentMigration, ConservesTalentExactly) {
  models::Economy e = three_regions();
  const double before = e.talent.stock.sum();
  for (int tick = 0; tick < 20; ++tick) {
    e.talent.previous_stock = e.talent.stock;
    models::migration_process(e, context(tick));
    ASSERT_EQ(e.talent.stock.sum(), before);
    ASSERT_EQ(e.talent.immigrants.sum(), e.talent.emigrants.sum());
    ASSERT_GT(e.talent.emigrants.sum(), 0.0);
    for (int r = 0; r < 3; ++r) {
      ASSERT_EQ(e.talent.flows(r, r), 0.0);
      ASSERT_EQ(e.talent.flows.row(r).sum(), e.talent.emigrants(r));
      ASSERT_EQ(e.talent.flows.col(r).sum(), e.talent.immigrants(r));
      ASSERT_EQ(e.talent.stock(r), e.talent.previous_stock(r) + e.talent.immigrants(r) - e.talent.emigrants(r));
      ASSERT_EQ(e.talent.stock(r), std::round(e.talent.stock(r)));
    }
  }
  // Talent drifts towards region 1, which pays most.
  EXPECT_GT(e.talent.stock(1), 50000.0);
}

TEST(TalentMigration, PopulationMovesWithTalent) {
  models::Economy e = three_regions();
  e.regions.population = Eigen::Vector3d(300.0, 200.0, 100.0);
  e.talent.initial_population = e.regions.population;
  Eigen::Vector3d arrived = Eigen::Vector3d::Zero();  // net talent migration into each region, persons
  for (int tick = 0; tick < 20; ++tick) {
    models::migration_process(e, context(tick));
    arrived += e.talent.immigrants - e.talent.emigrants;
    for (int r = 0; r < 3; ++r) ASSERT_EQ(e.regions.population(r), e.talent.initial_population(r) + arrived(r) * 1e-4);
    ASSERT_EQ(e.talent.net_migration, arrived);
  }
  // Region 1 pays most: it gained talent, and residents with it (1e4 persons per 1e4 talent).
  EXPECT_GT(arrived(1), 1000.0);
  EXPECT_NEAR(e.regions.population(1) - 200.0, arrived(1) / 1e4, 1e-12);
  // Migration moves residents among regions: the nation keeps its population.
  EXPECT_EQ(arrived.sum(), 0.0);
  EXPECT_NEAR(e.regions.population.sum(), 600.0, 1e-9);
}

TEST(TalentMigration, MigrantsCompareRealWages) {
  // Region 1 pays twice as much as region 0 in money, but living there costs twice as much: with the
  // same amenity and no mobility cost they are equally attractive, and region 2 (same money wage as
  // region 0, cheap) draws most.
  models::Economy e = three_regions();
  e.regions.amenity = Eigen::Vector3d::Ones();
  e.parameters.talent.mobility_cost = 0.0;
  e.talent.wage = Eigen::Vector3d(1.0, 2.0, 1.0);
  e.talent.cost_of_living = Eigen::Vector3d(1.0, 2.0, 0.5);
  e.parameters.talent.reconsider_rate = 4.0;  // most talent reconsiders each tick: large counts
  models::migration_process(e, context(0));
  // Destination shares among movers are the same from every origin; compare the flows out of region 0.
  const double to_1 = e.talent.flows(0, 1);
  const double to_2 = e.talent.flows(0, 2);
  const double stock_0 = 100000.0;  // before the tick
  // P(0 -> 1) = 1 / (1 + 1 + 2^(1/0.7)), P(0 -> 2) = 2^(1/0.7) / (...), times the reconsidering probability.
  // On money wages region 1 would take the share of region 2 and the other way round.
  const double q = models::reconsider_probability(4.0, 0.25);
  const double norm = 2.0 + std::pow(2.0, 1.0 / 0.7);
  const double expected_1 = stock_0 * q / norm;
  const double expected_2 = stock_0 * q * std::pow(2.0, 1.0 / 0.7) / norm;
  EXPECT_NEAR(to_1, expected_1, 4.0 * std::sqrt(expected_1));
  EXPECT_NEAR(to_2, expected_2, 4.0 * std::sqrt(expected_2));
}

TEST(TalentMigration, SameSeedSameFlows) {
  models::Economy a = three_regions();
  models::Economy b = three_regions();
  models::migration_process(a, context(3, 9));
  models::migration_process(b, context(3, 9));
  EXPECT_EQ(a.talent.flows, b.talent.flows);
  models::Economy c = three_regions();
  models::migration_process(c, context(3, 10));
  EXPECT_NE(a.talent.flows, c.talent.flows);
}

}  // namespace

namespace {

TEST(TalentMigration, LargestRemainderSplitIsTheExpectationInWholePersons) {
  // 10 persons over 0.26 / 0.37 / 0.37: expectations 2.6, 3.7, 3.7; floors 2, 3, 3 leave 2 persons for
  // the largest remainders, 0.7 and 0.7 (the tie between equal remainders is broken by order).
  const std::vector<std::int64_t> split = models::split_by_largest_remainder(10, Eigen::Vector3d(0.26, 0.37, 0.37));
  EXPECT_EQ(split, (std::vector<std::int64_t>{2, 4, 4}));
  // Every count is within one person of its expectation, and the total is kept.
  const Eigen::Vector3d p(0.123, 0.456, 0.421);
  const std::vector<std::int64_t> large = models::split_by_largest_remainder(1000003, p);
  EXPECT_EQ(std::accumulate(large.begin(), large.end(), std::int64_t{0}), 1000003);
  for (int i = 0; i < 3; ++i) EXPECT_LT(std::abs(static_cast<double>(large[i]) - 1000003 * p(i)), 1.0);
}

TEST(TalentMigration, ExpectedMigrationMovesTheExpectedFlowsWithoutDraws) {
  models::Economy a = three_regions();
  a.parameters.talent.expected_migration = true;
  models::Economy b = a;
  models::migration_process(a, context(3, 9));
  models::migration_process(b, context(5, 10));  // other streams: nothing is drawn, so nothing changes
  EXPECT_EQ(a.talent.flows, b.talent.flows);
  EXPECT_EQ(a.talent.stock, b.talent.stock);
  // The flow from region 0 to 1 is its stock times the reconsidering share times P(0 -> 1), to a person.
  const models::Economy start = three_regions();
  const Eigen::MatrixXd probabilities = models::migration_probabilities(
      models::talent_utility(start.talent.wage, start.regions.amenity, start.levers.talent_programme_bonus),
      models::mobility_costs(start.regions.distance_km, models::pairwise_openness(start.levers.openness),
                             start.parameters.talent.mobility_cost, start.parameters.talent.mobility_distance_exponent),
      start.parameters.talent.logit_scale);
  const double movers = std::round(100000.0 * models::reconsider_probability(0.4, 0.25));
  EXPECT_LE(std::abs(a.talent.flows(0, 1) - movers * probabilities(0, 1)), 1.0);
  EXPECT_DOUBLE_EQ(a.talent.stock.sum(), start.talent.stock.sum());
}

TEST(TalentProgramme, BonusRaisesTheListedRegionsShareByExpOfTheBonus) {
  // Equal wages and no mobility cost: the logit odds of B against A are exp(bonus / lambda).
  const Eigen::VectorXd utility =
      models::talent_utility(Eigen::Vector3d::Ones(), Eigen::Vector3d::Ones(), Eigen::Vector3d(0.0, 0.5, 0.0));
  const Eigen::MatrixXd probabilities = models::migration_probabilities(utility, Eigen::Matrix3d::Zero(), 1.0);
  EXPECT_NEAR(probabilities(0, 1) / probabilities(0, 0), std::exp(0.5), 1e-12);
  EXPECT_NEAR(probabilities(2, 1) / probabilities(2, 2), std::exp(0.5), 1e-12);
}

}  // namespace
