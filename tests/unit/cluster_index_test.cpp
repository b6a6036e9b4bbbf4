// The cluster index groups firm rows by cluster in row order, also when the rows span several of the
// parallel blocks, and is the same on one thread or two; a loop over the clusters refuses an index the
// firms have outgrown.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/core/cluster_index.hpp"
#include "models/core/cluster_loops.hpp"
#include "models/core/economy.hpp"
#include "models/core/firms.hpp"
#include "sim/parallel.hpp"

namespace {

constexpr int regions = 7;
constexpr int industries = 5;

// Rows spread over clusters unevenly (some clusters empty), spanning three blocks and part of a fourth.
models::Firms scattered_firms() {
  models::Firms firms;
  const std::size_t rows = 3 * sim::parallel::block_rows + 1234;
  for (std::size_t i = 0; i < rows; ++i) {
    firms.id.push_back(i);
    firms.region.push_back(static_cast<std::int32_t>((i * 7919) % 13 % regions));
    firms.industry.push_back(static_cast<std::int32_t>((i * 104729) % 4));  // industry 4 stays empty
  }
  return firms;
}

std::vector<std::vector<std::int32_t>> expected_members(const models::Firms& firms) {
  std::vector<std::vector<std::int32_t>> members(regions * industries);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    members[static_cast<std::size_t>(firms.region[i] * industries + firms.industry[i])].push_back(
        static_cast<std::int32_t>(i));
  }
  return members;
}

}  // namespace

TEST(ClusterIndex, MembersInRowOrderOnOneOrTwoThreads) {
  const models::Firms firms = scattered_firms();
  const auto expected = expected_members(firms);
  for (const int threads : {1, 2}) {
    const sim::parallel::ThreadScope scope(threads);
    models::ClusterIndex index;
    index.rebuild(firms, regions, industries);
    for (int r = 0; r < regions; ++r) {
      for (int k = 0; k < industries; ++k) {
        const auto& want = expected[static_cast<std::size_t>(r * industries + k)];
        const auto got = index.members(r, k);
        ASSERT_EQ(index.size(r, k), static_cast<int>(want.size())) << "threads " << threads;
        ASSERT_EQ(std::vector<std::int32_t>(got.begin(), got.end()), want) << "region " << r << ", industry " << k;
      }
    }
    EXPECT_EQ(index.size(0, 4), 0);
  }
}

TEST(ClusterIndex, RebuildAfterTheFirmsShrink) {
  models::Firms firms = scattered_firms();
  models::ClusterIndex index;
  index.rebuild(firms, regions, industries);
  for (auto* column : {&firms.region, &firms.industry}) column->resize(100);
  firms.id.resize(100);
  index.rebuild(firms, regions, industries);
  const auto expected = expected_members(firms);
  int total = 0;
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      const auto got = index.members(r, k);
      EXPECT_EQ(std::vector<std::int32_t>(got.begin(), got.end()), expected[static_cast<std::size_t>(r * industries + k)]);
      total += index.size(r, k);
    }
  }
  EXPECT_EQ(total, 100);
}

TEST(ClusterIndex, ALoopOverAStaleIndexIsRefused) {
  models::Economy economy;
  economy.regions.names = {"R0", "R1"};
  economy.industries.names = {"K0"};
  models::ClusterIndex& index = economy.cluster_index;
  int visits = 0;
  const auto count = [&](int, int, std::size_t) { ++visits; };
  EXPECT_THROW(models::for_each_cluster_member(economy, count), std::logic_error);  // never built
  for (int i = 0; i < 3; ++i) {
    economy.firms.id.push_back(static_cast<std::uint64_t>(i));
    economy.firms.region.push_back(i % 2);
    economy.firms.industry.push_back(0);
  }
  index.rebuild(economy.firms, 2, 1);
  models::for_each_cluster_member(economy, count);
  EXPECT_EQ(visits, 3);
  economy.firms.id.push_back(3);  // a firm enters and the index is not rebuilt
  economy.firms.region.push_back(1);
  economy.firms.industry.push_back(0);
  EXPECT_THROW(models::for_each_cluster_member(economy, count), std::logic_error);
}
