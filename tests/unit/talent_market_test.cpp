#include "models/talent/talent_market.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "models/talent/migration.hpp"
#include "models/talent/talent_chain.hpp"
#include "small_economy.hpp"

namespace {

using testing_support::small_economy;

sim::TickContext context(const char* process, int tick, std::uint64_t seed = 1) {
  return {tick, sim::TickStreams({seed, 0, sim::process_id(process)}, static_cast<std::uint64_t>(tick))};
}

void set_talent_parameters(models::Economy& e) {
  auto& p = e.parameters.talent;
  p.wage_to_gdp_per_capita = 1.5;
  p.initial_slack = 0.05;
  p.wage_adjustment_rate = 0.5;
  p.training_replacement_ratio = 1.0;
  p.retirement_rate = 0.025;
  p.reconsider_rate = 0.2;
  p.logit_scale = 1.0;
  p.mobility_cost = 8.0;
  p.mobility_distance_exponent = 0.5;
  p.write_flows = false;
}

// Two regions whose firms employ `employment` persons (set directly on the clusters, no firms needed),
// talent initialised from that employment.
models::Economy two_regions(double employment0, double employment1) {
  models::Economy e = small_economy({100.0, 100.0}, 800.0);
  set_talent_parameters(e);
  e.regions.population = Eigen::Vector2d(50.0, 20.0);
  e.regions.amenity = Eigen::Vector2d::Ones();
  e.talent.initial_wage = e.talent.wage;
  e.clusters.employment(0, 0) = employment0;
  e.clusters.employment(1, 0) = employment1;
  models::initialise_talent(e);
  return e;
}

TEST(TalentMarket, WageFollowsTightness) {
  // Demand above the employable stock H / (1 + s) raises the wage, below lowers it, at it leaves it.
  const double dt = 0.25;
  const double w_up = models::tightness_wage(1.0, 1200.0, 1050.0, 0.05, 0.5, dt, 0.5);
  EXPECT_NEAR(w_up, std::exp(0.5 * dt * std::log(1200.0 * 1.05 / 1050.0)), 1e-15);
  EXPECT_GT(w_up, 1.0);
  EXPECT_LT(models::tightness_wage(1.0, 800.0, 1050.0, 0.05, 0.5, dt, 0.5), 1.0);
  EXPECT_DOUBLE_EQ(models::tightness_wage(1.0, 1000.0, 1050.0, 0.05, 0.5, dt, 0.5), 1.0);
  // The floor holds, also when demand vanishes; an empty region with demand does not divide by zero.
  EXPECT_DOUBLE_EQ(models::tightness_wage(0.6, 1.0, 1e9, 0.05, 0.5, dt, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(models::tightness_wage(1.0, 0.0, 1000.0, 0.05, 0.5, dt, 0.5), 0.5);
  EXPECT_TRUE(std::isfinite(models::tightness_wage(1.0, 10.0, 0.0, 0.05, 0.5, dt, 0.5)));
}

TEST(TalentMarket, ProcessRaisesWagesWhereDemandGrows) {
  models::Economy e = two_regions(10000.0, 10000.0);
  e.parameters.talent.training_replacement_ratio = 0.0;  // keep the stock fixed: only demand moves
  e.parameters.talent.retirement_rate = 0.0;
  e.clusters.employment(0, 0) = 13000.0;  // region 0's firms now want more than its stock
  e.clusters.employment(1, 0) = 7000.0;   // region 1's firms less
  models::talent_market_process(e, context("talent_market", 0));
  EXPECT_GT(e.talent.wage(0), 1.0);
  EXPECT_LT(e.talent.wage(1), 1.0);
  EXPECT_EQ(e.talent.employed(0), 13000.0);
  // Repeated excess demand keeps raising the wage, but by partial adjustment, not at once.
  const double first = e.talent.wage(0);
  models::talent_market_process(e, context("talent_market", 1));
  EXPECT_GT(e.talent.wage(0), first);
  EXPECT_LT(e.talent.wage(0), 1.3);
}

TEST(TalentMarket, TrainingAndRetirementMeans) {
  // Means over many ticks against the formulas, within 4 standard errors.
  models::Economy e = two_regions(200000.0, 0.0);
  e.parameters.talent.retirement_rate = 0.1;
  e.levers.education_budget.setConstant(2.0);
  e.regions.population(0) = 5000.0;
  const double retire = models::retirement_probability(0.1, 0.25);
  EXPECT_DOUBLE_EQ(retire, 1.0 - std::exp(-0.025));
  // Talent per resident at the start: 210000 persons over 70e4 residents.
  const double per_resident = e.talent.initial_talent_per_resident;
  EXPECT_DOUBLE_EQ(per_resident, 200000.0 * 1.05 / 70e4);
  const double train0 = models::training_mean(5000.0, per_resident, 1.0, 2.0, retire);
  EXPECT_DOUBLE_EQ(train0, 1.0 * 2.0 * retire * per_resident * 5000.0 * 1e4);
  const int ticks = 200;
  double trained = 0.0;
  double retired = 0.0;
  double expected_retired = 0.0;
  double variance_retired = 0.0;
  for (int tick = 0; tick < ticks; ++tick) {
    const double stock = e.talent.stock(0);
    models::talent_market_process(e, context("talent_market", tick));
    trained += e.talent.trained(0);
    retired += e.talent.retired(0);
    expected_retired += stock * retire;
    variance_retired += stock * retire * (1.0 - retire);
  }
  EXPECT_NEAR(trained, ticks * train0, 4.0 * std::sqrt(ticks * train0));
  EXPECT_NEAR(retired, expected_retired, 4.0 * std::sqrt(variance_retired));
  // Doubling the education budget doubles the graduates (the test can tell budget 1 from 2).
  EXPECT_GT(trained, 1.5 * ticks * models::training_mean(5000.0, per_resident, 1.0, 1.0, retire));
  // Region 1 started without talent; it now has graduates and no negative stock.
  EXPECT_GT(e.talent.stock(1), 0.0);
}

TEST(TalentMarket, GraduatesReplaceRetirementsAtTheStart) {
  // Ratio 1 and every education budget 1: the nation's expected graduates in a tick are its expected
  // retirements, whatever the regions' shares of talent and population.
  const models::Economy e = two_regions(30000.0, 2000.0);
  const double retire = models::retirement_probability(0.025, 0.25);
  double graduates = 0.0;
  for (int r = 0; r < 2; ++r) {
    graduates += models::training_mean(e.regions.population(r), e.talent.initial_talent_per_resident, 1.0,
                                       e.levers.education_budget(r), retire);
  }
  EXPECT_NEAR(graduates, retire * e.talent.stock.sum(), 1e-9 * graduates);
  // Region 1 has little talent but 2/7 of the residents: it trains 2/7 of the graduates.
  EXPECT_NEAR(models::training_mean(20.0, e.talent.initial_talent_per_resident, 1.0, 1.0, retire) / graduates,
              2.0 / 7.0, 1e-12);
  // The ratio scales the graduates: 0.5 replaces half the retirements.
  EXPECT_DOUBLE_EQ(models::training_mean(50.0, e.talent.initial_talent_per_resident, 0.5, 1.0, retire),
                   0.5 * models::training_mean(50.0, e.talent.initial_talent_per_resident, 1.0, 1.0, retire));
}

TEST(TalentMarket, IdentitiesHoldOverARun) {
  models::Economy e = two_regions(30000.0, 20000.0);
  e.parameters.talent.reconsider_rate = 0.5;
  std::vector<std::string> violations;
  for (int tick = 0; tick < 40; ++tick) {
    // Demand drifts apart, so that wages and flows move.
    e.clusters.employment(0, 0) *= 1.02;
    e.clusters.employment(1, 0) *= 0.98;
    models::talent_market_process(e, context("talent_market", tick));
    models::migration_process(e, context("migration", tick));
    models::check_talent_identities(e, tick, violations);
  }
  EXPECT_TRUE(violations.empty()) << violations.front();
  EXPECT_GT(e.talent.wage(0), e.talent.wage(1));
  EXPECT_GT(e.talent.flows(1, 0), 0.0);
}

TEST(TalentMarket, BrokenStateIsReported) {
  models::Economy e = two_regions(30000.0, 20000.0);
  models::talent_market_process(e, context("talent_market", 0));
  models::migration_process(e, context("migration", 0));
  std::vector<std::string> violations;
  models::check_talent_identities(e, 12, violations);
  ASSERT_TRUE(violations.empty());

  models::Economy broken = e;
  broken.talent.stock(1) += 7.0;  // talent from nowhere
  models::check_talent_identities(broken, 12, violations);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].rfind("tick 12, region R1: talent stock identity: ", 0), 0u) << violations[0];

  violations.clear();
  broken = e;
  broken.talent.flows(0, 1) += 3.0;  // a flow not counted among the migrants
  models::check_talent_identities(broken, 4, violations);
  EXPECT_EQ(violations.size(), 2u);  // out of region 0, into region 1

  violations.clear();
  broken = e;
  broken.talent.immigrants(1) += 5.0;
  broken.talent.stock(1) += 5.0;  // the stock identity holds, the flows do not
  models::check_talent_identities(broken, 4, violations);
  bool national = false;
  for (const auto& v : violations) national = national || v.find("national talent immigrants") != std::string::npos;
  EXPECT_TRUE(national);

  violations.clear();
  broken = e;
  broken.regions.population(1) += 0.5;  // residents from nowhere
  models::check_talent_identities(broken, 4, violations);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].rfind("tick 4, region R1: population ", 0), 0u) << violations[0];

  violations.clear();
  broken = e;
  broken.talent.cost_of_living(0) = 0.0;
  models::check_talent_identities(broken, 4, violations);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0], "tick 4, region R0: cost of living 0 is not positive and finite");

  violations.clear();
  broken = e;
  // A negative stock whose identity holds is still reported.
  broken.talent.previous_stock(0) =
      -10.0 - e.talent.trained(0) + e.talent.retired(0) - e.talent.immigrants(0) + e.talent.emigrants(0);
  broken.talent.stock(0) = -10.0;
  models::check_talent_identities(broken, 4, violations);
  bool negative = false;
  for (const auto& v : violations) negative = negative || v.find("negative talent stock") != std::string::npos;
  EXPECT_TRUE(negative);
}

TEST(TalentMarket, InitialStockIsEmploymentWithSlack) {
  const models::Economy e = two_regions(1000.4, 333.3);
  EXPECT_EQ(e.talent.stock(0), std::round(1000.4 * 1.05));
  EXPECT_EQ(e.talent.stock(1), std::round(333.3 * 1.05));
  EXPECT_EQ(e.talent.flows.rows(), 2);
  // Researchers the firms will hire from the first tick (R&D share nu of sales, over the wage) count too.
  models::Economy with_sales = small_economy({100.0, 100.0}, 800.0);
  set_talent_parameters(with_sales);
  with_sales.talent.wage = Eigen::Vector2d(1.0, 2.0);
  with_sales.clusters.employment(0, 0) = 1000.0;
  with_sales.clusters.employment(1, 0) = 1000.0;
  with_sales.clusters.sales(0, 0) = 100.0;
  with_sales.clusters.sales(1, 0) = 100.0;
  models::initialise_talent(with_sales);
  EXPECT_EQ(with_sales.talent.stock(0), std::round((1000.0 + 0.04 * 100.0 / 1.0) * 1.05));
  EXPECT_EQ(with_sales.talent.stock(1), std::round((1000.0 + 0.04 * 100.0 / 2.0) * 1.05));
}

}  // namespace
