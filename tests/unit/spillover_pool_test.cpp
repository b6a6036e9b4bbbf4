// The spillover pool S = W X P^T: spatial reach (openness, distance decay, cutoff), technology
// proximity and the digital-penetration lever, cluster knowledge.
#include <gtest/gtest.h>

#include <cmath>

#include "models/knowledge/knowledge_chain.hpp"
#include "models/knowledge/spillovers.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

sim::TickContext context(int tick) {
  return {tick, sim::TickStreams({1, 0, sim::process_id("spillovers")}, static_cast<std::uint64_t>(tick))};
}

// A firm of productivity 1 with output 1 in (region, industry): X = 1 there (the national level).
void producing_firm(models::Economy& e, int region, int industry, double productivity = 1.0, double output = 1.0) {
  const std::size_t row = models::add_firm(e, region, industry, productivity, 0.0);
  e.firms.output[row] = output;
}

TEST(SpilloverPool, ClosedRegionsShareNothing) {
  models::Economy e = small_economy({100.0, 100.0, 100.0}, 100.0);
  models::resize_knowledge(e);
  e.levers.openness.setConstant(0.0);
  models::update_geography(e);
  e.levers.university_industry_cooperation.setConstant(0.5);
  producing_firm(e, 0, 0);
  e.knowledge.basic(1, 0) = 2.0;  // X = (1, 1, 0)
  index_firms(e);
  models::spillover_process(e, context(0));
  EXPECT_DOUBLE_EQ(e.knowledge.pool(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(e.knowledge.pool(1, 0), 1.0);
  EXPECT_DOUBLE_EQ(e.knowledge.pool(2, 0), 0.0);
  EXPECT_EQ(e.knowledge.received, Eigen::MatrixXd::Zero(3, 1));
  // The same economy opened: neighbours 100 km apart share e^(-0.4) of each other's knowledge.
  e.levers.openness.setConstant(1.0);
  models::update_geography(e);
  models::spillover_process(e, context(1));
  EXPECT_DOUBLE_EQ(e.knowledge.received(2, 0), std::exp(-0.4) + std::exp(-0.8));
  EXPECT_GT(e.knowledge.received(0, 0), 0.0);
}

TEST(SpilloverPool, DistanceDecayAndCutoffInClosedForm) {
  // Regions 500 km apart, decay 250 km, cutoff 750 km, openness 0.5: W_01 = 0.5 e^-2, W_02 = 0.
  models::Economy e = small_economy({100.0, 100.0, 100.0}, 500.0);
  models::resize_knowledge(e);
  e.parameters.knowledge.distance_decay_km = 250.0;
  e.parameters.knowledge.cutoff_km = 750.0;
  e.levers.openness.setConstant(0.5);
  models::update_geography(e);
  e.levers.university_industry_cooperation.setConstant(0.5);
  producing_firm(e, 0, 0);
  e.knowledge.basic(2, 0) = 4.0;  // X = (1, 0, 2)
  index_firms(e);
  models::spillover_process(e, context(0));
  const double w = 0.5 * std::exp(-2.0);
  EXPECT_DOUBLE_EQ(e.knowledge.pool(0, 0), 1.0);  // region 2 is beyond the cutoff
  EXPECT_DOUBLE_EQ(e.knowledge.pool(1, 0), w * 1.0 + w * 2.0);
  EXPECT_DOUBLE_EQ(e.knowledge.pool(2, 0), 2.0);
  EXPECT_DOUBLE_EQ(e.knowledge.received(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(e.knowledge.received(1, 0), 3.0 * w);
  EXPECT_DOUBLE_EQ(e.knowledge.received(2, 0), 0.0);
  EXPECT_DOUBLE_EQ(e.spatial_weight(0, 1), w);  // W is recomputed from the lever
}

TEST(SpilloverPool, ClusterKnowledgeIsRelativeOutputWeightedLogProductivity) {
  // Region 0: a = 2, q = 1; region 1: a = 1, q = 3. National mean log a = ln 2 / 4.
  models::Economy e = small_economy({100.0, 100.0}, 100.0);
  models::resize_knowledge(e);
  producing_firm(e, 0, 0, 2.0, 1.0);
  producing_firm(e, 1, 0, 1.0, 3.0);
  producing_firm(e, 1, 0, 5.0, 0.0);  // no output: no weight
  index_firms(e);
  const Eigen::MatrixXd x = models::firm_knowledge(e);
  EXPECT_NEAR(x(0, 0), std::pow(2.0, 0.75), 1e-12);
  EXPECT_NEAR(x(1, 0), std::pow(2.0, -0.25), 1e-12);
}

models::Economy three_industries() {
  // K0 digital (emerging), K1 emerging buying from K2, K2 future.
  models::Economy e = small_economy({100.0}, 0.0, {2.0, 2.0, 2.0});
  models::resize_knowledge(e);
  e.industries.digital = {true, false, false};
  e.industries.kinds = {models::IndustryKind::emerging, models::IndustryKind::emerging, models::IndustryKind::future};
  e.industries.inputs = {{}, {2}, {}};
  e.parameters.knowledge.proximity_linked = 0.3;
  e.parameters.knowledge.proximity_same_kind = 0.1;
  e.parameters.knowledge.proximity_other = 0.02;
  return e;
}

TEST(TechnologyProximity, LevelsFromLinksAndKinds) {
  models::Economy e = three_industries();
  Eigen::Matrix3d expected;
  expected << 1.0, 0.1, 0.02,  //
      0.1, 1.0, 0.3,           //
      0.02, 0.3, 1.0;
  EXPECT_EQ(models::technology_proximity(e.industries, e.parameters.knowledge, 0.0), Eigen::MatrixXd(expected));
}

TEST(TechnologyProximity, DigitalPenetrationMovesOnlyTheDigitalEntries) {
  models::Economy e = three_industries();
  const Eigen::MatrixXd before = models::technology_proximity(e.industries, e.parameters.knowledge, 0.0);
  const Eigen::MatrixXd after = models::technology_proximity(e.industries, e.parameters.knowledge, 0.6);
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < 3; ++j) {
      if (j == 0 && k != 0) {
        // Knowledge of the digital K0 reaching K1 and K2: p + d (1 - p).
        EXPECT_DOUBLE_EQ(after(k, j), before(k, j) + 0.6 * (1.0 - before(k, j))) << k << "," << j;
      } else {
        EXPECT_EQ(after(k, j), before(k, j)) << k << "," << j;
      }
    }
  }
  // In the pool: knowledge of K1 alone does not move with the lever; knowledge of K0 reaches K2 more.
  producing_firm(e, 0, 1);
  index_firms(e);
  e.levers.digital_penetration.setConstant(0.0);
  models::compute_spillover_pool(e);
  const Eigen::MatrixXd pool_without_digital = e.knowledge.pool;
  e.levers.digital_penetration.setConstant(1.0);
  models::compute_spillover_pool(e);
  EXPECT_EQ(e.knowledge.pool, pool_without_digital);
  producing_firm(e, 0, 0);
  index_firms(e);
  models::compute_spillover_pool(e);
  EXPECT_DOUBLE_EQ(e.knowledge.pool(0, 2), 1.0 * 0.3 + 1.0 * 1.0);  // from K1 (linked) and K0 (fully penetrating)
  e.levers.digital_penetration.setConstant(0.0);
  models::compute_spillover_pool(e);
  EXPECT_DOUBLE_EQ(e.knowledge.pool(0, 2), 1.0 * 0.3 + 1.0 * 0.02);
}

TEST(SpilloverPool, SaturationIsBounded) {
  EXPECT_DOUBLE_EQ(models::pool_saturation(3.0, 1.0), 0.75);
  EXPECT_DOUBLE_EQ(models::pool_saturation(0.0, 0.0), 0.0);
  EXPECT_LT(models::pool_saturation(1e12, 1.0), 1.0);
}

}  // namespace
