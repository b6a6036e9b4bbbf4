// Leading enterprises pass extra knowledge to their local suppliers (brief §4.7).
#include <gtest/gtest.h>

#include "models/industrial/entry.hpp"
#include "models/industrial/exit.hpp"
#include "models/knowledge/spillovers.hpp"
#include "small_economy.hpp"

namespace {

TEST(LeadingSuppliers, BuyerClustersLeadersRaiseLocalSupplierKnowledgeOnly) {
  // Two regions, two industries; K0 buys from K1. In region 0, K0 has two firms of output 3 and 1,
  // the first leading: leading share 0.75. X(0, K0) = 2, strength 0.5: K1's boost in region 0 is
  // 0.5 * 0.75 * 2 = 0.75; nothing for K0 (nobody buys from it) and nothing in region 1.
  models::Economy e = testing_support::small_economy({100.0, 100.0}, 100.0, {3.0, 3.0});
  e.industries.inputs = {{1}, {}};
  const std::size_t a = models::add_firm(e, 0, 0, 1.0, 0.0);
  const std::size_t b = models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 1, 0, 1.0, 0.0);
  e.firms.output[a] = 3.0;
  e.firms.output[b] = 1.0;
  e.firms.output[2] = 5.0;
  e.firms.leading.assign(e.firms.size(), 0);
  e.firms.leading[a] = 1;
  Eigen::MatrixXd knowledge = Eigen::MatrixXd::Ones(2, 2);
  knowledge(0, 0) = 2.0;
  const Eigen::MatrixXd boost = models::leading_supplier_knowledge(e, knowledge, 0.5);
  EXPECT_DOUBLE_EQ(boost(0, 1), 0.75);
  EXPECT_DOUBLE_EQ(boost(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(boost(1, 1), 0.0);  // region 1's buyer has no leading firm
  EXPECT_TRUE(models::leading_supplier_knowledge(e, knowledge, 0.0).isZero());
}

}  // namespace
