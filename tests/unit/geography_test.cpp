// The links between regions that geography.cpp derives from distances and levers.
#include "models/industrial/geography.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "small_economy.hpp"

namespace {

using testing_support::small_economy;

TEST(TradeFreeness, OneMatrixPerDistinctElasticityInOrderOfItsFirstIndustry) {
  const models::Economy e = small_economy({100.0, 100.0, 100.0}, 300.0, {4.0, 3.0, 4.0, 3.0, 6.0}, 0.5);
  const models::TradeFreeness& freeness = e.trade_freeness;
  ASSERT_EQ(freeness.matrices.size(), 3u);
  EXPECT_EQ(freeness.group, (std::vector<int>{0, 1, 0, 1, 2}));
  const Eigen::MatrixXd transport_cost = models::pairwise_transport_cost(e.levers.transport_cost);
  for (int k = 0; k < e.industry_count(); ++k) {
    // The same bits as a matrix of its own.
    EXPECT_TRUE(freeness.of_industry(k) ==
                models::trade_freeness(e.regions.distance_km, transport_cost, e.industries.elasticity(k)))
        << "industry " << k;
  }
  EXPECT_LT(freeness.of_industry(4)(0, 1), freeness.of_industry(0)(0, 1));  // higher sigma, trade falls faster
}

}  // namespace
