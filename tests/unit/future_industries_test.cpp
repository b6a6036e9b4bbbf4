// Future industries (docs/model.md §7.14): Wright's-law costs, local and national learning, the
// commercial demand switch, pilot budgets over time, a stepped two-region economy in which a pilot teaches
// its own region first, and a run in which pilots alone feed a future industry down its learning curve,
// whose exponent is recovered from the firms' recorded prices and output.
#include "models/future/future_industries.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "hdf5_read_support.hpp"
#include "models/core/initial_state.hpp"
#include "models/core/model.hpp"
#include "models/core/initial_state.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/tick_schedule.hpp"
#include "models/industrial/market.hpp"
#include "policy_test_support.hpp"
#include "process_runner.hpp"
#include "sim/config/config.hpp"
#include "sim/run/model.hpp"
#include "small_economy.hpp"

namespace {

namespace fs = std::filesystem;
using models::commercial_demand_share;
using models::learning_cost;
using models::mean_unit_cost;
using models::Pilot;
using models::pilot_budget_at;
using models::regional_learning_cost;

// ---------------------------------------------------------------------------------------------------
// Wright's law: c = max(1, c0 (X / X0)^-b).

TEST(LearningCost, ClosedForm) {
  // 8 = 2^3 times the initial experience at b = 1/3 halves the cost.
  EXPECT_NEAR(learning_cost(2.5, 8.0, 1.0, 1.0 / 3.0), 1.25, 1e-15);
  EXPECT_NEAR(learning_cost(50.0, 300.0, 3.0, 0.5), 5.0, 1e-14);  // 50 / sqrt(100)
  for (const double c0 : {1.5, 2.5, 50.0}) {
    for (const double b : {0.1, 0.322, 0.4, 1.0}) {
      for (const double ratio : {1.0, 1.7, 4.0, 9.5}) {
        const double x0 = 3.25;
        const double expected = c0 * std::pow(ratio, -b);
        if (expected < 1.0) continue;
        EXPECT_DOUBLE_EQ(learning_cost(c0, ratio * x0, x0, b), expected) << c0 << " " << b << " " << ratio;
      }
    }
  }
}

TEST(LearningCost, EachDoublingCutsTheCostByTheLearningRate) {
  const double b = -std::log2(0.8);  // a 20 % learning rate: b = 0.3219...
  double x = 2.0;
  for (int doubling = 0; doubling < 5; ++doubling, x *= 2.0) {
    EXPECT_NEAR(learning_cost(20.0, 2.0 * x, 1.0, b) / learning_cost(20.0, x, 1.0, b), 0.8, 1e-14);
  }
}

TEST(LearningCost, StartsAtC0AndIsFlooredAtOne) {
  EXPECT_EQ(learning_cost(2.5, 7.0, 7.0, 0.322), 2.5);  // X = X0: no learning yet
  EXPECT_EQ(learning_cost(2.5, 0.0, 7.0, 0.322), 2.5);  // no experience yet
  EXPECT_EQ(learning_cost(2.5, 7.0, 0.0, 0.322), 2.5);  // X0 not set yet
  EXPECT_EQ(learning_cost(2.5, 70.0, 7.0, 0.0), 2.5);   // no learning
  EXPECT_EQ(learning_cost(4.0, 16.0, 1.0, 0.5), 1.0);   // exactly mature
  EXPECT_EQ(learning_cost(4.0, 1.0e6, 1.0, 0.5), 1.0);  // never below a mature technology
  EXPECT_EQ(learning_cost(1.0, 1.0e6, 1.0, 0.5), 1.0);
  EXPECT_GT(learning_cost(4.0, 15.9, 1.0, 0.5), 1.0);
}

// ---------------------------------------------------------------------------------------------------
// Commercial demand: 1 / (1 + exp((ln c - ln wtp) / w)).

TEST(CommercialDemandShare, HalfAtTheWillingnessToPay) {
  EXPECT_EQ(commercial_demand_share(1.5, 1.5, 0.1), 0.5);
  EXPECT_EQ(commercial_demand_share(3.0, 3.0, 2.0), 0.5);
  // One width above: 1 / (1 + e); one below: e / (1 + e).
  EXPECT_NEAR(commercial_demand_share(1.5 * std::exp(0.1), 1.5, 0.1), 1.0 / (1.0 + std::exp(1.0)), 1e-15);
  EXPECT_NEAR(commercial_demand_share(1.5 * std::exp(-0.1), 1.5, 0.1), std::exp(1.0) / (1.0 + std::exp(1.0)), 1e-15);
  // The defaults (wtp 1.5, width 0.1) at the starting cost 2.5: about 0.6 % of potential demand.
  EXPECT_NEAR(commercial_demand_share(2.5, 1.5, 0.1), 1.0 / (1.0 + std::pow(2.5 / 1.5, 10.0)), 1e-15);
}

TEST(CommercialDemandShare, FallsAsCostRisesAndIsSymmetricInLogCost) {
  double previous = 1.0;
  for (double c = 0.5; c < 5.0; c *= 1.05) {
    const double share = commercial_demand_share(c, 1.5, 0.1);
    EXPECT_LT(share, previous) << c;
    EXPECT_GT(share, 0.0);
    EXPECT_NEAR(share + commercial_demand_share(1.5 * 1.5 / c, 1.5, 0.1), 1.0, 1e-14) << c;
    previous = share;
  }
  // A sharper switch: less demand above the willingness to pay, more below.
  EXPECT_LT(commercial_demand_share(2.0, 1.5, 0.05), commercial_demand_share(2.0, 1.5, 0.1));
  EXPECT_GT(commercial_demand_share(1.2, 1.5, 0.05), commercial_demand_share(1.2, 1.5, 0.1));
  // The set-up of the pilot run below: nothing is bought commercially.
  EXPECT_LT(commercial_demand_share(50.0, 1.0e-6, 0.1), 1e-70);
}

// ---------------------------------------------------------------------------------------------------
// Local and national learning: c = max(1, c0 (X_r / X0_r)^(-b (1 - s)) (X / X0)^(-b s)).

TEST(RegionalLearningCost, NationalShareOneIsTheNationalCurveBitForBit) {
  for (double c0 : {1.0, 2.5, 50.0}) {
    for (double b : {0.0, 0.152, 0.322, 0.5}) {
      for (double national : {0.0, 0.5, 1.0, 1.7, 8.0, 300.0, 1.0e6}) {
        for (double local : {0.0, 0.3, 1.0, 3.0, 1.0e4}) {
          SCOPED_TRACE(fmt::format("c0 {} b {} X/X0 {} X_r/X0_r {}", c0, b, national, local));
          EXPECT_EQ(regional_learning_cost(c0, local * 2.0, 2.0, national * 7.0, 7.0, b, 1.0),
                    learning_cost(c0, national * 7.0, 7.0, b));
        }
      }
      EXPECT_EQ(regional_learning_cost(c0, 5.0, 2.0, 9.0, 0.0, b, 1.0), learning_cost(c0, 9.0, 0.0, b));  // X0 unset
    }
  }
}

TEST(RegionalLearningCost, NationalShareZeroIsTheClusterOwnCurve) {
  for (double c0 : {1.0, 2.5, 50.0}) {
    for (double b : {0.0, 0.322, 0.5}) {
      for (double local : {1.0, 1.7, 8.0, 300.0, 1.0e6}) {
        for (double national : {1.0, 3.0, 1.0e4}) {
          EXPECT_EQ(regional_learning_cost(c0, local * 2.0, 2.0, national * 7.0, 7.0, b, 0.0),
                    learning_cost(c0, local * 2.0, 2.0, b))
              << c0 << " " << b << " " << local << " " << national;
        }
      }
    }
  }
}

TEST(RegionalLearningCost, MixesLocalAndNationalExperienceGeometrically) {
  // s = 0.75, b = 0.5; local experience 16 X0_r, national 4 X0: c0 16^-0.125 4^-0.375 = c0 2^-1.25.
  EXPECT_NEAR(regional_learning_cost(10.0, 32.0, 2.0, 28.0, 7.0, 0.5, 0.75), 10.0 * std::pow(2.0, -1.25), 1e-14);
  // At the start (X_r = X0_r, X = X0) every region costs c0, whatever the share.
  for (double s : {0.0, 0.3, 0.8, 1.0}) EXPECT_EQ(regional_learning_cost(2.5, 3.0, 3.0, 7.0, 7.0, 0.322, s), 2.5) << s;
  // With the nation's experience given, the cluster that produced more is cheaper when s < 1.
  EXPECT_LT(regional_learning_cost(2.5, 6.0, 3.0, 70.0, 7.0, 0.322, 0.8),
            regional_learning_cost(2.5, 4.0, 3.0, 70.0, 7.0, 0.322, 0.8));
  // A region without local experience to measure against learns from the nation's alone.
  EXPECT_NEAR(regional_learning_cost(2.5, 0.0, 0.0, 28.0, 7.0, 0.5, 0.8), 2.5 * std::pow(4.0, -0.4), 1e-15);
  // No national experience yet: the starting cost. Mature: never below 1.
  EXPECT_EQ(regional_learning_cost(2.5, 10.0, 1.0, 0.0, 0.0, 0.5, 0.5), 2.5);
  EXPECT_EQ(regional_learning_cost(4.0, 1.0e6, 1.0, 1.0e6, 1.0, 0.5, 0.5), 1.0);
}

TEST(MeanUnitCost, WeightedMeanAndExactWhenCostsAreEqual) {
  Eigen::VectorXd costs(3), weights(3);
  costs << 2.0, 1.5, 3.0;
  weights << 1.0, 2.0, 1.0;
  EXPECT_NEAR(mean_unit_cost(costs, weights, 2.2), (2.0 + 3.0 + 3.0) / 4.0, 1e-15);
  EXPECT_NEAR(mean_unit_cost(costs, weights, 1.0), 2.0, 1e-15);  // the reference only centres the sum
  // Costs all equal to the reference give it exactly, whatever the weights.
  const double cost = 0.1 * 3.0;  // not exactly 0.3: a sum w c / sum w could round
  weights << 0.1, 0.7, 1e-3;
  EXPECT_EQ(mean_unit_cost(Eigen::VectorXd::Constant(3, cost), weights, cost), cost);
  EXPECT_EQ(mean_unit_cost(costs, Eigen::VectorXd::Zero(3), 1.7), 1.7);  // nothing to weight by
}

// ---------------------------------------------------------------------------------------------------
// A stepped two-region economy: one future industry (sigma 2, wages 1), one firm of productivity 1 in
// each region, regions 1000 km apart; a pilot of `pilot` per year buys from region 0's firm.

constexpr double c0 = 2.5;
constexpr double b = 0.322;

models::Economy learning_economy(const std::vector<double>& income, double national_share, double pilot) {
  models::Economy e = testing_support::small_economy(income, 1000.0);
  e.industries.kinds[0] = models::IndustryKind::future;
  e.parameters.future = {.learning_exponent = b, .initial_cost_multiple = c0, .initial_experience_years = 0.5,
                         .willingness_to_pay = 1.5, .demand_switch_width = 0.1, .adoption_efficiency = 1.0,
                         .national_learning_share = national_share};
  models::add_firm(e, 0, 0, 1.0, 0.0);
  models::add_firm(e, 1, 0, 1.0, 0.0);
  testing_support::index_firms(e);
  models::initialise_future_industries(e);
  e.future.pilot_budget(0, 0) = pilot;
  models::clear_market(e);  // the initial clearing, within the initial experience
  models::set_initial_experience(e);
  return e;
}

// A tick of this economy in the schedule's order: learning from last tick's output, then the market.
void learn_and_clear(models::Economy& e, int tick) {
  e.tick = tick;
  models::future_industries_process(e, {tick, sim::TickStreams({1, 0, 0}, static_cast<std::uint64_t>(tick))});
  models::clear_market(e);
}

TEST(LocalLearning, NationalShareOfOneReproducesTodaysNationalCurve) {
  // Unequal regions and a pilot in one of them, so that their own outputs differ: at s = 1 that must not
  // matter. X0 = 0.5 years of potential output mu Y / p_mature = 0.5 x 400 / 2.
  models::Economy e = learning_economy({100.0, 300.0}, 1.0, 40.0);
  const double x0 = e.future.initial_experience(0);
  EXPECT_DOUBLE_EQ(x0, 50.0);
  EXPECT_DOUBLE_EQ(e.future.local_initial_experience(0, 0), 25.0);  // X0 / R in each region
  EXPECT_DOUBLE_EQ(e.future.local_initial_experience(1, 0), 25.0);
  double experience = x0;  // X, accumulated here from the market's output as docs §7.14 states it
  for (int tick = 1; tick <= 40; ++tick) {
    SCOPED_TRACE(fmt::format("tick {}", tick));
    experience += e.clusters.physical_output.col(0).sum() * e.parameters.years_per_tick;
    learn_and_clear(e, tick);
    const double national = learning_cost(c0, experience, x0, b);
    EXPECT_EQ(e.future.regional_unit_cost(0, 0), national);
    EXPECT_EQ(e.future.regional_unit_cost(1, 0), national);
    EXPECT_EQ(e.future.unit_cost(0), national);
    EXPECT_EQ(e.future.commercial_share(0), commercial_demand_share(national, 1.5, 0.1));
    EXPECT_EQ(e.firms.price[0], 2.0 * national);  // markup sigma / (sigma - 1) x cost multiple x wage 1
    EXPECT_EQ(e.firms.price[1], 2.0 * national);
  }
  EXPECT_LT(e.future.unit_cost(0), 0.9 * c0) << "the industry hardly learned: the case is not exercised";
  EXPECT_GT(e.future.local_cumulative_output(0, 0), 1.5 * e.future.local_cumulative_output(1, 0))
      << "the regions' own experience grew alike: the case is not exercised";
}

TEST(LocalLearning, APilotTeachesItsOwnRegionFirst) {
  for (double s : {0.0, 0.5, 0.8}) {
    SCOPED_TRACE(fmt::format("national share {}", s));
    models::Economy e = learning_economy({100.0, 100.0}, s, 5.0);  // identical regions, the pilot in region 0
    EXPECT_EQ(e.future.regional_unit_cost(0, 0), c0);
    EXPECT_EQ(e.future.regional_unit_cost(1, 0), c0);
    double previous_ratio = 1.0;
    for (int tick = 1; tick <= 20; ++tick) {
      learn_and_clear(e, tick);
      const double piloted = e.future.regional_unit_cost(0, 0);
      const double other = e.future.regional_unit_cost(1, 0);
      ASSERT_LT(piloted, other) << "tick " << tick;
      EXPECT_LT(other, c0) << "tick " << tick << ": the other region still learns, nationally and from its own sales";
      EXPECT_LT(piloted / other, previous_ratio) << "tick " << tick << ": the piloted region pulls ahead";
      EXPECT_GT(e.future.unit_cost(0), piloted);  // the national mean lies between them
      EXPECT_LT(e.future.unit_cost(0), other);
      EXPECT_LT(e.firms.price[0], e.firms.price[1]);  // the same productivity, the lower cost
      previous_ratio = piloted / other;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Pilot budgets: from inclusive, until exclusive, overlapping pilots summed.

TEST(PilotBudget, FromInclusiveUntilExclusiveSummed) {
  const std::vector<Pilot> pilots{{{0, 2}, 1, 5.0, 2, 5}, {{2}, 1, 3.0, 4, 6}, {{1}, 0, 7.0, 0, 1}};
  auto budget = [&](int tick) { return pilot_budget_at(pilots, tick, 3, 2); };
  EXPECT_EQ(budget(0).rows(), 3);
  EXPECT_EQ(budget(0).cols(), 2);
  Eigen::MatrixXd expected = Eigen::MatrixXd::Zero(3, 2);
  expected(1, 0) = 7.0;
  EXPECT_EQ(budget(0), expected);
  EXPECT_EQ(budget(1), Eigen::MatrixXd::Zero(3, 2));
  expected.setZero();
  expected(0, 1) = 5.0;
  expected(2, 1) = 5.0;
  EXPECT_EQ(budget(2), expected);
  EXPECT_EQ(budget(3), expected);
  expected(2, 1) = 8.0;  // both pilots in region 2
  EXPECT_EQ(budget(4), expected);
  expected.setZero();
  expected(2, 1) = 3.0;
  EXPECT_EQ(budget(5), expected);
  EXPECT_EQ(budget(6), Eigen::MatrixXd::Zero(3, 2));
  EXPECT_EQ(pilot_budget_at({}, 3, 3, 2), Eigen::MatrixXd::Zero(3, 2));
}

// ---------------------------------------------------------------------------------------------------
// A run in which only pilots buy a future industry.

// A directory of this process's scenarios and outputs, removed at exit.
struct ScratchDirectory {
  fs::path path = fs::temp_directory_path() / fmt::format("clustersim-future-test-{}", ::getpid());
  ScratchDirectory() { fs::create_directories(path); }
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

fs::path scratch(const std::string& name) {
  static const ScratchDirectory directory;
  return directory.path / name;
}

struct Dataset {
  std::vector<hsize_t> dims;
  std::vector<double> values;
};

Dataset read_dataset(const fs::path& path, const std::string& name) {
  const testing_support::Handle file = testing_support::open_file(path);
  const testing_support::Handle dataset = testing_support::open_dataset(file.get(), name);
  return {testing_support::shape_of(dataset.get()), testing_support::read_doubles(dataset.get())};
}

using testing_support::index_of;
using testing_support::model_schema;

// Least-squares slope of y on x.
double slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx);
  return sxy / sxx;
}

constexpr int pilot_ticks = 12;

// No industry buys from future_health, so with a willingness to pay of 1e-6 at a cost multiple >= 1 its
// commercial share is below 1e-70: pilots are its only buyers. A starting cost multiple of 50 at b = 0.4
// reaches the floor of 1 only after 50^(1/0.4) = 17700 times the initial experience, far beyond a
// three-year run. A national learning share of 1 puts every region on the national curve that the fit
// below recovers. The industrial chain is off (no input prices in the unit cost) and firms do not exit
// (each one's output stays in the firm panel), so that a firm's price is markup x cost multiple x wage /
// productivity and the panel holds every unit of output.
std::string pilot_scenario(const std::string& regions) {
  return fmt::format(
      "base = \"{}\"\n"
      "[simulation]\n"
      "ticks = {}\n"
      "[firms]\n"
      "initial_count = 300\n"
      "[output]\n"
      "snapshot_every = 1\n"
      "[chain]\n"
      "input_share = 0.0\n"
      "[processes]\n"
      "exit = false\n"
      "[future]\n"
      "national_learning_share = 1.0\n"
      "willingness_to_pay = 1e-6\n"
      "initial_cost_multiple = 50.0\n"
      "learning_exponent = 0.4\n"
      "[[policy.pilots]]\n"
      "regions = [{}]\n"
      "industry = \"future_health\"\n"
      "budget = 20.0\n",
      testing_support::source_path("configs/baseline.toml"), pilot_ticks, regions);
}

TEST(FutureIndustries, PilotsAloneFollowWrightsLaw) {
  const fs::path scenario = scratch("pilot_only.toml");
  // Every region runs the pilot. Initial firms are allocated with the commercial share, so an industry
  // that nobody buys commercially starts without firms; its firms come from entry (entry.base_rate in
  // every empty cluster), and with pilots in every region any entrant sells to one.
  std::string all_regions;
  {
    const auto config = sim::config::load(model_schema(), testing_support::source_path("configs/baseline.toml"));
    for (const std::string& name : models::read_regions(config).names) {
      all_regions += fmt::format("{}\"{}\"", all_regions.empty() ? "" : ", ", name);
    }
  }
  std::ofstream(scenario) << pilot_scenario(all_regions);
  const fs::path out = scratch("pilot_only.h5");
  const auto result = testing_support::run_command(
      fmt::format("{} run -q --check {} -o {}", testing_support::clustersim(), scenario.string(), out.string()));
  ASSERT_EQ(result.status, 0) << result.output;

  const auto config = sim::config::load(model_schema(), scenario);
  const models::Industries industries = models::read_industries(config);
  const std::size_t sectors = industries.names.size();
  const std::size_t k = static_cast<std::size_t>(index_of(industries.names, "future_health"));
  const Dataset cumulative = read_dataset(out, "cumulative_output");
  const Dataset cost = read_dataset(out, "future_unit_cost");
  const Dataset share = read_dataset(out, "commercial_demand_share");
  const Dataset purchases = read_dataset(out, "pilot_purchases");
  const Dataset regional_cost = read_dataset(out, "regional_future_unit_cost");
  ASSERT_EQ(cumulative.dims, (std::vector<hsize_t>{pilot_ticks, sectors}));
  const std::size_t regions = purchases.dims.at(1);

  auto bought_at = [&](int t) {
    double bought = 0.0;
    for (std::size_t r = 0; r < regions; ++r) bought += purchases.values[(static_cast<std::size_t>(t) * regions + r) * sectors + k];
    return bought;
  };
  // Experience X0 exists from the start; a tick's output joins it at the start of the next tick.
  std::vector<double> log_output, log_cost;
  int first = -1;  // first tick with pilot purchases
  for (int t = 0; t < pilot_ticks; ++t) {
    const std::size_t at = static_cast<std::size_t>(t) * sectors + k;
    SCOPED_TRACE(fmt::format("tick {}", t));
    EXPECT_LT(share.values[at], 1e-70);
    EXPECT_GT(cost.values[at], 1.0);  // never mature in this run
    for (std::size_t r = 0; r < regions; ++r) {  // s = 1: every region on the national curve
      EXPECT_EQ(regional_cost.values[(static_cast<std::size_t>(t) * regions + r) * sectors + k], cost.values[at]);
    }
    ASSERT_GT(cumulative.values[at], 0.0);
    if (first < 0 || t == first) {
      EXPECT_EQ(cost.values[at], 50.0);  // nothing produced yet: X = X0, the starting cost
    } else {
      EXPECT_GT(cumulative.values[at], cumulative.values[at - sectors]) << "cumulative output rises every tick";
      EXPECT_LT(cost.values[at], cost.values[at - sectors]);
      EXPECT_GT(bought_at(t), 0.0) << "once firms exist, the pilots buy every tick";
    }
    if (first < 0 && bought_at(t) > 0.0) first = t;
    log_output.push_back(std::log(cumulative.values[at]));
    log_cost.push_back(std::log(cost.values[at]));
  }
  ASSERT_GE(first, 0) << "the pilots never bought";
  ASSERT_LE(first, pilot_ticks - 7) << "too few ticks of learning to fit";
  EXPECT_NEAR(slope(log_output, log_cost), -0.4, 1e-6);  // the law as the model states it

  // The exponent from what firms charge and make, not from the cost the law defines: the firm's price
  // (sales / output) net of the markup, of the wage it paid (the talent wage recorded at the end of the
  // tick before: a tick's wages apply from the next one) and of its productivity, on experience summed
  // from the firms' recorded output (a tick's output counts from the next tick on), with X0 the
  // cumulative_output of tick 0, before anything is added. A lag in either, or a price that carried
  // the cost otherwise, moves the slope by far more than the tolerance.
  const Dataset times = read_dataset(out, "time");
  const Dataset record_time = read_dataset(out, "firm_panel/firm_record_time");
  const Dataset firm_region = read_dataset(out, "firm_panel/firm_region");
  const Dataset firm_industry = read_dataset(out, "firm_panel/firm_industry");
  const Dataset firm_sales = read_dataset(out, "firm_panel/firm_sales");
  const Dataset firm_output = read_dataset(out, "firm_panel/firm_output");
  const Dataset firm_productivity = read_dataset(out, "firm_panel/firm_productivity");
  const Dataset wage = read_dataset(out, "talent_wage");
  const double sigma = industries.elasticity(static_cast<Eigen::Index>(k));
  const double years_per_tick = static_cast<double>(config.integer("simulation.months_per_tick")) / 12.0;
  auto tick_of = [&](std::size_t row) {
    const auto at = std::find(times.values.begin(), times.values.end(), record_time.values[row]);
    return static_cast<int>(at - times.values.begin());
  };
  std::vector<double> produced(pilot_ticks, 0.0);  // the industry's output per tick, annual rate
  for (std::size_t row = 0; row < record_time.values.size(); ++row) {
    if (static_cast<std::size_t>(firm_industry.values[row]) == k) produced.at(static_cast<std::size_t>(tick_of(row))) += firm_output.values[row];
  }
  std::vector<double> experience(pilot_ticks, cumulative.values[k]);  // X0 + dt sum of the output of earlier ticks
  for (int t = 1; t < pilot_ticks; ++t) experience[t] = experience[t - 1] + produced[t - 1] * years_per_tick;
  std::vector<double> log_experience, log_observed_cost;
  for (std::size_t row = 0; row < record_time.values.size(); ++row) {
    const int t = tick_of(row);
    if (static_cast<std::size_t>(firm_industry.values[row]) != k || t < 1 || firm_output.values[row] <= 0.0) continue;
    const auto r = static_cast<std::size_t>(firm_region.values[row]);
    const double price = firm_sales.values[row] / firm_output.values[row];
    const double mature_cost = wage.values[static_cast<std::size_t>(t - 1) * regions + r] * 1e-4 / firm_productivity.values[row];
    log_observed_cost.push_back(std::log(price / (sigma / (sigma - 1.0)) / mature_cost));
    log_experience.push_back(std::log(experience[t] / experience[0]));
  }
  ASSERT_GE(log_experience.size(), 20u) << "too few firm-ticks with sales to fit";
  EXPECT_NEAR(slope(log_experience, log_observed_cost), -0.4, 1e-9);
  fs::remove(out);
}

// ---------------------------------------------------------------------------------------------------
// Experience in a stepped economy: each tick adds the physical output of the last one.

// Runs tick `tick` process by process, as sim::Schedule::run_tick does, calling `after(name)` after each.
template <class After>
void run_tick_by_process(const sim::Schedule<models::Economy>& schedule, models::Economy& economy, int tick,
                         After after) {
  for (const auto& process : schedule.processes()) {
    if (!process.enabled) continue;
    const sim::TickContext context{tick, sim::TickStreams({1, 0, sim::process_id(process.name)},
                                                          static_cast<std::uint64_t>(tick))};
    process.step(economy, context);
    after(process.name);
  }
}

// Known model bug (reported, not fixed here; enable with the fix): future_industries_process sums the
// output of the firms alive at the start of the tick, after last tick's exit process has removed firms,
// so the last output of every firm that exits is never added to experience X (here 1-10 % of a tick's
// output of a future industry). docs/model.md §7.14: "last tick's output ... adds to experience".
TEST(FutureIndustries, ExperienceGainsTheOutputOfEveryFirmOfTheLastTick) {
  // Default learning (wtp 1.5, c0 2.5): future industries sell little, and some of their firms exit.
  const auto config = sim::config::load_string(model_schema(),
                                               "base = \"baseline.toml\"\n"
                                               "[[policy.pilots]]\n"
                                               "regions = [\"Anhui\", \"Guangdong\", \"Beijing\"]\n"
                                               "industry = \"future_energy\"\n"
                                               "budget = 5.0\n",
                                               "s.toml", testing_support::source_path("configs"),
                                               std::vector<std::string>{"firms.initial_count=300", "simulation.ticks=10"});
  models::Economy economy = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  const int industries = economy.industry_count();
  const double dt = economy.parameters.years_per_tick;
  Eigen::VectorXd produced = Eigen::VectorXd::Zero(industries);  // physical output of the last market
  Eigen::VectorXd before = Eigen::VectorXd::Zero(industries);
  double future_exits = 0.0;
  int checked = 0;
  for (int tick = 0; tick < 10; ++tick) {
    before = economy.future.cumulative_output;
    const Eigen::VectorXd experience_before = economy.future.initial_experience;
    run_tick_by_process(schedule, economy, tick, [&](const std::string& name) {
      if (name == "future_industries" && tick > 0) {
        for (int k = 0; k < industries; ++k) {
          if (economy.industries.kinds[static_cast<std::size_t>(k)] != models::IndustryKind::future) continue;
          if (experience_before(k) <= 0.0) continue;  // X0 not set yet
          SCOPED_TRACE(fmt::format("tick {}, {}", tick, economy.industries.names[static_cast<std::size_t>(k)]));
          EXPECT_NEAR(economy.future.cumulative_output(k) - before(k), produced(k), 1e-9 * before(k));
          ++checked;
        }
      } else if (name == "market") {
        produced.setZero();
        for (std::size_t i = 0; i < economy.firms.size(); ++i) produced(economy.firms.industry[i]) += economy.firms.output[i] * dt;
      } else if (name == "exit") {
        for (int k = 0; k < industries; ++k) {
          if (economy.industries.kinds[static_cast<std::size_t>(k)] == models::IndustryKind::future) {
            future_exits += economy.clusters.exits.col(k).sum();
          }
        }
      }
    });
  }
  EXPECT_GT(checked, 20);
  EXPECT_GT(future_exits, 0.0) << "no future-industry firm exited: the case is not exercised";
}

}  // namespace
