// The origin-destination knowledge flows (models/knowledge/knowledge_flows.cpp): a closed form, and the
// identities with the spillover pool and the part received from other regions.
#include "models/knowledge/knowledge_flows.hpp"

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

TEST(KnowledgeFlows, TwoRegionsInClosedForm) {
  // Regions 100 km apart, openness 1: W = e^-0.4 across. One industry (P = 1); X = (1, 2): a firm at the
  // national level in region 0, basic knowledge 4 at cooperation 0.5 in region 1. Region 1's pool gets
  // W x 1 from region 0, region 0's gets W x 2 from region 1.
  models::Economy e = small_economy({100.0, 100.0}, 100.0);
  models::resize_knowledge(e);
  e.levers.openness.setConstant(1.0);
  models::update_geography(e);
  e.levers.university_industry_cooperation.setConstant(0.5);
  const std::size_t firm = models::add_firm(e, 0, 0, 1.0, 0.0);
  e.firms.output[firm] = 1.0;
  e.knowledge.basic(1, 0) = 4.0;
  index_firms(e);
  models::spillover_process(e, context(0));
  const double w = std::exp(-0.4);
  const Eigen::MatrixXd flows = models::knowledge_flows(e);
  EXPECT_DOUBLE_EQ(flows(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(flows(0, 1), w * 1.0);  // from region 0 to region 1
  EXPECT_DOUBLE_EQ(flows(1, 0), w * 2.0);
  EXPECT_DOUBLE_EQ(flows(1, 1), 2.0);
}

TEST(KnowledgeFlows, SumToThePoolWithoutTheLeadingFirmsShareAndToWhatIsReceived) {
  // Three regions 200 km apart with unequal openness and digital penetration, three industries (one
  // digital, linked by inputs), firms of different productivity and output, some of them leading.
  models::Economy e = small_economy({100.0, 150.0, 90.0}, 200.0, {4.0, 4.0, 4.0});
  e.industries.digital = {true, false, false};
  e.industries.inputs = {{}, {0}, {0, 1}};
  e.parameters.knowledge.proximity_linked = 0.3;
  e.parameters.knowledge.proximity_same_kind = 0.1;
  e.parameters.knowledge.proximity_other = 0.02;
  e.parameters.knowledge.leading_supplier_spillover = 0.5;
  models::resize_knowledge(e);
  e.levers.openness << 0.3, 0.9, 0.6;
  e.levers.digital_penetration << 0.1, 0.5, 0.8;
  models::update_geography(e);
  e.levers.university_industry_cooperation.setConstant(0.3);
  double productivity = 0.7;
  for (int r = 0; r < 3; ++r) {
    for (int k = 0; k < 3; ++k) {
      const std::size_t firm = models::add_firm(e, r, k, productivity += 0.17, 0.0);
      e.firms.output[firm] = 1.0 + r + 2.0 * k;
      e.knowledge.basic(r, k) = 0.5 * (r + 1) + 0.2 * k;
    }
  }
  e.firms.leading.assign(e.firms.size(), 0);
  e.firms.leading[4] = 1;  // region 1, industry 1 (buys from 0)
  e.firms.leading[8] = 1;  // region 2, industry 2 (buys from 0 and 1)
  index_firms(e);
  models::spillover_process(e, context(0));
  const Eigen::MatrixXd leading =
      models::leading_supplier_knowledge(e, e.knowledge.cluster_knowledge, e.parameters.knowledge.leading_supplier_spillover);
  ASSERT_GT(leading.sum(), 0.0);  // the case exercises the local addition the flows leave out
  const Eigen::MatrixXd flows = models::knowledge_flows(e);
  for (int s = 0; s < 3; ++s) {
    SCOPED_TRACE(testing::Message() << "destination " << s);
    const double pool = e.knowledge.pool.row(s).sum() - leading.row(s).sum();
    EXPECT_NEAR(flows.col(s).sum(), pool, 1e-12 * pool);
    const double received = e.knowledge.received.row(s).sum();
    ASSERT_GT(received, 0.0);
    EXPECT_NEAR(flows.col(s).sum() - flows(s, s), received, 1e-12 * received);
  }
  // Unequal openness and penetration make the flows asymmetric: what 0 sends 1 is not what 1 sends 0.
  EXPECT_GT(std::abs(flows(0, 1) - flows(1, 0)), 1e-3);
}

TEST(KnowledgeFlows, OutputOnlyWhenAskedFor) {
  models::Economy e = small_economy({100.0, 100.0}, 100.0);
  models::resize_knowledge(e);
  sim::output::Registry off;
  models::declare_knowledge_flow_outputs(e, off);
  EXPECT_EQ(off.find("knowledge_flows"), nullptr);
  e.parameters.knowledge.write_flows = true;
  sim::output::Registry on;
  models::declare_knowledge_flow_outputs(e, on);
  const sim::output::Variable* variable = on.find("knowledge_flows");
  ASSERT_NE(variable, nullptr);
  EXPECT_EQ(variable->axes, (std::vector<std::string>{"region", "destination"}));
}

}  // namespace
