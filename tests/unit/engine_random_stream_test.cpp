#include "sim/random_stream.hpp"

#include <gtest/gtest.h>

#include <boost/random/beta_distribution.hpp>
#include <cmath>
#include <vector>

namespace {

std::vector<std::uint64_t> draws(const sim::StreamKey& key, std::uint64_t entity, std::uint64_t tick, int n) {
  sim::RandomStream stream(key, entity, tick);
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(stream());
  return out;
}

TEST(RandomStream, MatchesPhiloxKnownAnswer) {
  // Random123's published known-answer vector for philox4x64-10 with zero key and counter.
  sim::RandomStream stream({0, 0, 0}, 0, 0);
  EXPECT_EQ(stream(), 0x16554d9eca36314cull);
  EXPECT_EQ(stream(), 0xdb20fe9d672d0fdcull);
  EXPECT_EQ(stream(), 0xd7e772cee186176bull);
  EXPECT_EQ(stream(), 0x7e68b68aec7ba23bull);
}

TEST(RandomStream, SameKeyGivesSameSequence) {
  const sim::StreamKey key{42, 3, sim::process_id("innovation")};
  EXPECT_EQ(draws(key, 17, 5, 100), draws(key, 17, 5, 100));
}

TEST(RandomStream, EveryKeyComponentChangesTheSequence) {
  const sim::StreamKey key{42, 3, sim::process_id("innovation")};
  const auto reference = draws(key, 17, 5, 8);
  EXPECT_NE(reference, draws({43, 3, key.process}, 17, 5, 8));
  EXPECT_NE(reference, draws({42, 4, key.process}, 17, 5, 8));
  EXPECT_NE(reference, draws({42, 3, sim::process_id("entry")}, 17, 5, 8));
  EXPECT_NE(reference, draws(key, 18, 5, 8));
  EXPECT_NE(reference, draws(key, 17, 6, 8));
}

TEST(RandomStream, StreamDoesNotDependOnOtherStreamsDraws) {
  // Drawing from entity 1 first (as another thread or process would) leaves entity 2's stream unchanged.
  const sim::StreamKey key{7, 0, 1};
  const auto alone = draws(key, 2, 0, 10);
  draws(key, 1, 0, 1000);
  EXPECT_EQ(alone, draws(key, 2, 0, 10));
}

TEST(RandomStream, UniformHasTheMomentsOfU01) {
  sim::RandomStream stream({1, 0, 2}, 3, 4);
  const int n = 200000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = stream.uniform01();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / n;
  const double variance = sum_sq / n - mean * mean;
  // Sampling standard deviation of the mean is sqrt(1/12 / n) ~ 0.00065; allow 5 of them.
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12.0 / n));
  EXPECT_NEAR(variance, 1.0 / 12.0, 0.002);
}

TEST(RandomStream, NeighbouringEntitiesAreUncorrelated) {
  const int n = 100000;
  double sxy = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0;
  for (int i = 0; i < n; ++i) {
    sim::RandomStream a({5, 0, 9}, static_cast<std::uint64_t>(i), 0);
    sim::RandomStream b({5, 0, 9}, static_cast<std::uint64_t>(i) + 1, 0);
    const double x = a.uniform01(), y = b.uniform01();
    sxy += x * y; sx += x; sy += y; sxx += x * x; syy += y * y;
  }
  const double cov = sxy / n - (sx / n) * (sy / n);
  const double corr = cov / std::sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
  EXPECT_LT(std::abs(corr), 4.0 / std::sqrt(n));
}

TEST(RandomStream, BoostDistributionsAreReproducible) {
  auto beta_draws = [] {
    sim::RandomStream stream({11, 0, 1}, 2, 3);
    boost::random::beta_distribution<double> beta(3.0, 3.0);
    std::vector<double> out;
    for (int i = 0; i < 50; ++i) out.push_back(beta(stream));
    return out;
  };
  EXPECT_EQ(beta_draws(), beta_draws());
}

TEST(ProcessId, IsFnv1aOfTheName) {
  EXPECT_EQ(sim::process_id(""), 2166136261u);
  EXPECT_EQ(sim::process_id("a"), 0xe40c292cu);
  EXPECT_NE(sim::process_id("entry"), sim::process_id("exit"));
}

}  // namespace
