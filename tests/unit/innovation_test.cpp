#include "models/knowledge/innovation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "models/knowledge/knowledge_chain.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

sim::TickContext context(int tick, std::uint64_t seed = 1) {
  return {tick, sim::TickStreams({seed, 0, sim::process_id("innovation")}, static_cast<std::uint64_t>(tick))};
}

// ln a of every firm, as innovation_process hands it to draw_imitation_target.
std::vector<double> log_productivity(const models::Economy& e) {
  std::vector<double> logs;
  for (const double a : e.firms.productivity) logs.push_back(std::log(a));
  return logs;
}

TEST(Innovation, SuccessProbabilityIsOneMinusExp) {
  EXPECT_DOUBLE_EQ(models::search_success_probability(0.008, 100.0, 0.25), 1.0 - std::exp(-0.2));
  EXPECT_DOUBLE_EQ(models::search_success_probability(0.008, 0.0, 0.25), 0.0);
}

TEST(Innovation, FirmKeepsTheBestTechnology) {
  using models::TechnologyChoice;
  EXPECT_EQ(models::choose_technology(1.0, 1.2, 1.1), TechnologyChoice::innovated);
  EXPECT_EQ(models::choose_technology(1.0, 1.1, 1.2), TechnologyChoice::imitated);
  EXPECT_EQ(models::choose_technology(1.0, 0.9, 0.0), TechnologyChoice::kept);  // a bad draw is discarded
  EXPECT_EQ(models::choose_technology(1.0, 0.0, 1.0), TechnologyChoice::kept);  // ties keep the current one
}

TEST(Innovation, ClosedRegionsImitateOnlyAtHome) {
  // Openness 0: W_rs = 0 off the diagonal, so every imitation target is in the imitator's own cluster.
  models::Economy e = small_economy({100.0, 100.0}, 100.0);
  models::set_spatial_weight(e, models::spatial_weights(e.regions.distance_km, e.parameters.knowledge,
                                                       Eigen::MatrixXd::Zero(e.region_count(), e.region_count())));
  for (int n = 0; n < 5; ++n) models::add_firm(e, 0, 0, 1.0 + 0.1 * n, 0.0);
  for (int n = 0; n < 50; ++n) models::add_firm(e, 1, 0, 3.0 + 0.1 * n, 0.0);
  index_firms(e);
  for (std::uint64_t draw = 0; draw < 500; ++draw) {
    sim::RandomStream stream({3, 0, 1}, draw, 0);
    const std::int32_t target = models::draw_imitation_target(e, log_productivity(e), 0, stream);
    ASSERT_GE(target, 1);
    ASSERT_LT(target, 5);  // rows 1..4 are the other firms of region 0
  }
}

TEST(Innovation, RegionsBeyondTheCutoffAreNeverImitated) {
  // Three regions 500 km apart, cutoff 750 km: region 2 is out of region 0's reach, region 1 is not.
  models::Economy e = small_economy({100.0, 100.0, 100.0}, 500.0);
  e.parameters.knowledge.cutoff_km = 750.0;
  models::set_spatial_weight(e, models::spatial_weights(e.regions.distance_km, e.parameters.knowledge,
                                                       Eigen::MatrixXd::Ones(e.region_count(), e.region_count())));
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 1, 0, 2.0, 0.0);
  models::add_firm(e, 2, 0, 3.0, 0.0);
  index_firms(e);
  int from_neighbour = 0;
  for (std::uint64_t draw = 0; draw < 500; ++draw) {
    sim::RandomStream stream({3, 0, 1}, draw, 0);
    const std::int32_t target = models::draw_imitation_target(e, log_productivity(e), 0, stream);
    ASSERT_EQ(target, 1);
    ++from_neighbour;
  }
  EXPECT_EQ(from_neighbour, 500);
}

TEST(Innovation, ImitationSourceRegionFollowsSpatialWeights) {
  // Own cluster: 1 other firm, weight 1. Neighbour 200 km away, openness 1, decay 250 km: 4 firms with
  // weight exp(-0.8) each. P(neighbour) = 4 e^-0.8 / (1 + 4 e^-0.8) = 0.6425.
  models::Economy e = small_economy({100.0, 100.0}, 200.0);
  e.parameters.knowledge = {.distance_decay_km = 250.0, .cutoff_km = 750.0};
  models::set_spatial_weight(e, models::spatial_weights(e.regions.distance_km, e.parameters.knowledge,
                                                       Eigen::MatrixXd::Ones(e.region_count(), e.region_count())));
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 0, 0, 1.0, 0.0);
  for (int n = 0; n < 4; ++n) models::add_firm(e, 1, 0, 1.0, 0.0);
  index_firms(e);
  const int draws = 20000;
  int neighbour = 0;
  for (int draw = 0; draw < draws; ++draw) {
    sim::RandomStream stream({5, 0, 1}, static_cast<std::uint64_t>(draw), 0);
    if (models::draw_imitation_target(e, log_productivity(e), 0, stream) >= 2) ++neighbour;
  }
  const double expected = 4 * std::exp(-0.8) / (1 + 4 * std::exp(-0.8));
  const double sd = std::sqrt(expected * (1 - expected) / draws);
  EXPECT_NEAR(static_cast<double>(neighbour) / draws, expected, 4 * sd);
}

TEST(Innovation, StepsStayWithinTheConfiguredBounds) {
  // A huge success rate makes every firm innovate; it adopts only improvements, at most +5 %.
  models::Economy e = small_economy({100.0}, 0.0);
  models::resize_knowledge(e);  // knowledge parameters 0: no absorptive capacity, the bound stays x_hi
  e.parameters.innovation.innovation_rate = 1e6;
  e.parameters.innovation.imitation_rate = 0.0;
  for (int n = 0; n < 400; ++n) {
    const std::size_t row = models::add_firm(e, 0, 0, 1.0, 0.0);
    e.firms.sales[row] = 10.0;
  }
  index_firms(e);
  models::innovation_process(e, context(0));
  int improved = 0;
  for (std::size_t i = 0; i < e.firms.size(); ++i) {
    ASSERT_GE(e.firms.productivity[i], 1.0);
    ASSERT_LE(e.firms.productivity[i], 1.05);
    if (e.firms.productivity[i] > 1.0) ++improved;
  }
  // Beta(3,3) on [-0.05, 0.05] is symmetric: about half the draws are improvements.
  EXPECT_NEAR(improved / 400.0, 0.5, 4 * std::sqrt(0.25 / 400));
  EXPECT_EQ(e.clusters.innovations(0, 0), improved);
  EXPECT_EQ(e.clusters.imitations(0, 0), 0);
}

TEST(Innovation, RdIsAShareOfLastSalesPlusSubsidy) {
  models::Economy e = small_economy({100.0}, 0.0);
  models::resize_knowledge(e);
  e.parameters.innovation.rd_share_of_sales = 0.04;
  e.levers.rd_subsidy_rate.setConstant(0.25);
  const std::size_t row = models::add_firm(e, 0, 0, 1.0, 0.0);
  e.firms.sales[row] = 50.0;
  index_firms(e);
  models::innovation_process(e, context(0));
  EXPECT_DOUBLE_EQ(e.firms.rd_spending[row], 2.5);  // 0.04 * 50 = 2 own, plus 0.5 subsidy
  EXPECT_DOUBLE_EQ(e.firms.rd_subsidy[row], 0.5);
}

TEST(Innovation, SameStreamsGiveSameTechnologyAnotherTickAnother) {
  auto run = [](int tick) {
    models::Economy e = small_economy({100.0, 80.0}, 150.0);
    models::resize_knowledge(e);
    e.parameters.innovation.innovation_rate = 1.0;  // with 0.8 researchers: about one success in five
    e.parameters.innovation.imitation_rate = 1.0;
    for (int n = 0; n < 30; ++n) {
      const std::size_t row = models::add_firm(e, n % 2, 0, 1.0 + 0.05 * n, 0.0);
      e.firms.sales[row] = 20.0;
    }
    index_firms(e);
    models::innovation_process(e, context(tick));
    return e.firms.productivity;
  };
  EXPECT_EQ(run(3), run(3));
  EXPECT_NE(run(3), run(4));
}

}  // namespace
