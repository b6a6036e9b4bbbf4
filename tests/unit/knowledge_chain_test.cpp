// Research institutes, spin-offs, absorptive capacity, the knowledge-raised innovation step and the
// knowledge and talent terms of entry.
#include <gtest/gtest.h>

#include <cmath>

#include "models/knowledge/basic_research.hpp"
#include "models/industrial/entry.hpp"
#include "models/industrial/exit.hpp"
#include "models/knowledge/innovation.hpp"
#include "models/knowledge/knowledge_chain.hpp"
#include "models/knowledge/spinoffs.hpp"
#include "sim/soa.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::index_firms;
using testing_support::small_economy;

sim::TickContext context(int tick, const char* process) {
  return {tick, sim::TickStreams({1, 0, sim::process_id(process)}, static_cast<std::uint64_t>(tick))};
}

// One region with GDP 1000 and 10000 persons of talent; two fields with value added 3 and 1.
models::Economy research_economy() {
  models::Economy e = small_economy({1000.0}, 0.0, {2.0, 2.0});
  models::resize_knowledge(e);
  e.talent.stock = Eigen::VectorXd::Constant(1, 10000.0);
  e.chain.value_added = Eigen::MatrixXd(1, 2);
  e.chain.value_added << 3.0, 1.0;
  models::KnowledgeParameters& k = e.parameters.knowledge;
  e.levers.basic_research_funding.setConstant(0.002);  // F = 2
  k.researcher_share = 0.01;         // Res = 100
  k.field_specialisation = 0.5;      // shares 0.5 * (3/4, 1/4) + 0.5 * (1/2, 1/2) = (0.625, 0.375)
  k.research_productivity = 0.1;
  k.funding_elasticity = 0.5;
  k.researcher_elasticity = 0.5;
  k.basic_depreciation = 0.2;
  return e;
}

TEST(BasicResearch, OneStepInClosedForm) {
  models::Economy e = research_economy();
  e.knowledge.basic(0, 0) = 1.0;
  e.knowledge.basic(0, 1) = 2.0;
  models::basic_research_process(e, context(0, "basic_research"));
  EXPECT_DOUBLE_EQ(e.knowledge.funding(0), 2.0);
  EXPECT_DOUBLE_EQ(e.knowledge.researchers(0), 100.0);
  EXPECT_DOUBLE_EQ(e.knowledge.field_share(0, 0), 0.625);
  EXPECT_DOUBLE_EQ(e.knowledge.field_share(0, 1), 0.375);
  // (1 - 0.2 * 0.25) B + 0.1 * sqrt(2 s * 100 s) * 0.25 = 0.95 B + 0.025 s sqrt(200).
  EXPECT_NEAR(e.knowledge.basic(0, 0), 0.95 * 1.0 + 0.025 * 0.625 * std::sqrt(200.0), 1e-12);
  EXPECT_NEAR(e.knowledge.basic(0, 1), 0.95 * 2.0 + 0.025 * 0.375 * std::sqrt(200.0), 1e-12);
}

TEST(BasicResearch, StartsAtItsSteadyState) {
  models::Economy e = research_economy();
  models::initialise_knowledge(e);
  const Eigen::MatrixXd start = e.knowledge.basic;
  EXPECT_NEAR(start(0, 0), 0.1 * 0.625 * std::sqrt(200.0) / 0.2, 1e-12);
  models::basic_research_process(e, context(0, "basic_research"));
  EXPECT_NEAR((e.knowledge.basic - start).cwiseAbs().maxCoeff(), 0.0, 1e-12);
  // Doubling funding raises the inflow by sqrt(2) (alpha = 0.5).
  e.levers.basic_research_funding *= 2.0;
  models::basic_research_process(e, context(1, "basic_research"));
  EXPECT_NEAR(e.knowledge.basic(0, 0) - start(0, 0), 0.025 * 0.625 * std::sqrt(200.0) * (std::sqrt(2.0) - 1.0), 1e-12);
}

TEST(Spinoffs, CountsMatchLambdaCBdt) {
  // lambda_s 2 per year, c 0.5, B 4, a quarter: 1 spin-off per tick on average.
  models::Economy e = small_economy({100.0}, 0.0);
  models::resize_knowledge(e);
  e.parameters.entry = {.base_rate = 0.0, .rate_per_firm = 0.0, .profit_sensitivity = 0.0,
                        .productivity_floor = 0.3, .productivity_beta_a = 2.0, .productivity_beta_b = 4.0,
                        .initial_net_worth = 0.3};
  e.parameters.knowledge.spinoff_rate = 2.0;
  e.levers.university_industry_cooperation.setConstant(0.5);
  e.knowledge.basic(0, 0) = 4.0;
  EXPECT_DOUBLE_EQ(models::expected_spinoffs(e.parameters.knowledge, 0.5, 4.0, 0.25), 1.0);
  models::add_firm(e, 0, 0, 2.0, 1.0);
  index_firms(e);
  const int ticks = 4000;
  double spinoffs = 0.0;
  for (int tick = 0; tick < ticks; ++tick) {
    const std::size_t before = e.firms.size();
    models::spinoff_process(e, context(tick, "spinoffs"));
    spinoffs += e.knowledge.spinoffs(0, 0);
    ASSERT_EQ(e.firms.size() - before, static_cast<std::size_t>(e.knowledge.spinoffs(0, 0)));
    for (std::size_t i = before; i < e.firms.size(); ++i) {
      ASSERT_GE(e.firms.productivity[i], 0.3 * 2.0);
      ASSERT_LE(e.firms.productivity[i], 2.0);
    }
    std::vector<std::uint8_t> keep(e.firms.size(), 0);
    keep[0] = 1;
    sim::soa::keep_rows(e.firms.columns(), keep);
    index_firms(e);
  }
  EXPECT_NEAR(spinoffs / ticks, 1.0, 4 * std::sqrt(1.0 / ticks));
  // Without cooperation, research stays in the institutes.
  e.levers.university_industry_cooperation.setConstant(0.0);
  models::spinoff_process(e, context(ticks, "spinoffs"));
  EXPECT_EQ(e.firms.size(), 1u);
}

TEST(AbsorptiveCapacity, CohenLevinthalClosedForm) {
  models::KnowledgeParameters k{};
  k.absorption_rate = 25.0;
  k.cooperation_absorption = 1.0;
  EXPECT_DOUBLE_EQ(models::absorptive_capacity(k, 0.0, 0.4, 10.0), 1.0 - std::exp(-1.0));
  EXPECT_DOUBLE_EQ(models::absorptive_capacity(k, 0.3, 0.4, 10.0), 1.0 - std::exp(-1.3));
  EXPECT_DOUBLE_EQ(models::absorptive_capacity(k, 0.3, 0.0, 10.0), 0.0);
  EXPECT_DOUBLE_EQ(models::absorptive_capacity(k, 0.3, 0.0, 0.0), 0.0);  // a firm without sales
}

TEST(InnovationStep, UpperBoundRisesWithKnowledge) {
  models::KnowledgeParameters k{};
  k.step_gain = 0.5;
  k.pool_half_saturation = 2.0;
  EXPECT_DOUBLE_EQ(models::step_upper_bound(0.05, k, 0.8, 0.0), 0.05);
  EXPECT_DOUBLE_EQ(models::step_upper_bound(0.05, k, 0.8, 2.0), 0.05 * (1.0 + 0.5 * 0.8 * 0.5));
  EXPECT_DOUBLE_EQ(models::step_upper_bound(0.05, k, 0.0, 2.0), 0.05);  // nothing absorbed
  EXPECT_LT(models::step_upper_bound(0.05, k, 1.0, 1e12), 0.05 * 1.5);  // bounded by x_hi (1 + g)
}

// Every firm innovates; returns productivities after one tick with the given pool.
std::vector<double> innovate_with_pool(double pool) {
  models::Economy e = small_economy({100.0}, 0.0);
  models::resize_knowledge(e);
  e.parameters.innovation.innovation_rate = 1e6;
  e.parameters.innovation.imitation_rate = 0.0;
  e.parameters.knowledge.absorption_rate = 25.0;
  e.parameters.knowledge.step_gain = 1.0;
  e.parameters.knowledge.pool_half_saturation = 1.0;
  e.knowledge.pool(0, 0) = pool;
  for (int n = 0; n < 400; ++n) {
    const std::size_t row = models::add_firm(e, 0, 0, 1.0, 0.0);
    e.firms.sales[row] = 10.0;
  }
  index_firms(e);
  models::innovation_process(e, context(0, "innovation"));
  EXPECT_NEAR(e.knowledge.absorptive_capacity(0, 0), 1.0 - std::exp(-1.0), 1e-12);  // R&D / sales = 0.04
  return e.firms.productivity;
}

TEST(InnovationStep, KnowledgePoolRaisesInnovatedProductivity) {
  const std::vector<double> without = innovate_with_pool(0.0);
  const std::vector<double> with = innovate_with_pool(3.0);
  // The same streams draw the same Beta quantile; a higher upper bound maps it to a larger step.
  const double bound = 0.05 * (1.0 + (1.0 - std::exp(-1.0)) * 0.75);
  int above_old_bound = 0;
  for (std::size_t i = 0; i < with.size(); ++i) {
    ASSERT_GE(with[i], without[i]);
    ASSERT_LE(without[i], 1.05);
    ASSERT_LE(with[i], 1.0 + bound + 1e-12);
    if (with[i] > 1.05) ++above_old_bound;
  }
  EXPECT_GT(above_old_bound, 0);
}

TEST(Entry, RisesWithKnowledgePoolAndTalentSlack) {
  models::EntryParameters p{};
  p.base_rate = 1.0;
  p.rate_per_firm = 0.1;
  models::KnowledgeParameters k{};
  k.entry_knowledge_sensitivity = 0.5;
  k.entry_talent_elasticity = 0.5;
  k.pool_half_saturation = 3.0;
  auto mean = [&](double pool, double stock, double employed) {
    return models::expected_entrants(p, k, 0.25, {10, 1.0, 10.0, pool, stock, employed});
  };
  EXPECT_GT(mean(3.0, 100.0, 100.0), mean(0.0, 100.0, 100.0));
  EXPECT_GT(mean(30.0, 100.0, 100.0), mean(3.0, 100.0, 100.0));
  EXPECT_DOUBLE_EQ(mean(3.0, 100.0, 100.0) / mean(0.0, 100.0, 100.0), 1.25);
  EXPECT_GT(mean(3.0, 150.0, 100.0), mean(3.0, 100.0, 100.0));
  EXPECT_LT(mean(3.0, 50.0, 100.0), mean(3.0, 100.0, 100.0));
  EXPECT_DOUBLE_EQ(mean(0.0, 400.0, 100.0) / mean(0.0, 100.0, 100.0), 2.0);  // 4^0.5
  EXPECT_DOUBLE_EQ(models::talent_slack(1000.0, 100.0), 4.0);              // bounded
  EXPECT_DOUBLE_EQ(models::talent_slack(0.0, 0.0), 1.0);
}

TEST(Entry, ProcessUsesThePoolOfEachCluster) {
  // Two industries, identical but for the pool: the rich one draws more entrants over many ticks.
  models::Economy e = small_economy({100.0}, 0.0, {2.0, 2.0});
  models::resize_knowledge(e);
  e.parameters.entry = {.base_rate = 2.0, .rate_per_firm = 0.0, .profit_sensitivity = 0.0,
                        .productivity_floor = 0.3, .productivity_beta_a = 2.0, .productivity_beta_b = 4.0,
                        .initial_net_worth = 0.3};
  e.parameters.knowledge.entry_knowledge_sensitivity = 1.0;
  e.parameters.knowledge.pool_half_saturation = 1.0;
  e.talent.stock = Eigen::VectorXd::Ones(1);
  e.knowledge.pool(0, 1) = 1.0;  // factor 1.5
  index_firms(e);
  double entrants[2] = {0.0, 0.0};
  const int ticks = 2000;
  for (int tick = 0; tick < ticks; ++tick) {
    models::entry_process(e, context(tick, "entry"));
    entrants[0] += e.clusters.entries(0, 0);
    entrants[1] += e.clusters.entries(0, 1);
    sim::soa::keep_rows(e.firms.columns(), std::vector<std::uint8_t>(e.firms.size(), 0));
    index_firms(e);
  }
  EXPECT_NEAR(entrants[0] / ticks, 0.5, 4 * std::sqrt(0.5 / ticks));
  EXPECT_NEAR(entrants[1] / ticks, 0.75, 4 * std::sqrt(0.75 / ticks));
}

}  // namespace
