// The policy schedule in runs of the model (docs/model.md §7.12-7.13): a lever changes at exactly its
// tick and only in its regions, in the economy and in the output; a neutral lever is the lever switched
// off; the planner keeps m and c in a run; a run with every policy feature is reproducible.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "hdf5_read_support.hpp"
#include "models/industrial/geography.hpp"
#include "models/core/initial_state.hpp"
#include "models/policy/levers.hpp"
#include "models/core/model.hpp"
#include "models/core/observation.hpp"
#include "models/core/output_helpers.hpp"
#include "models/policy/policy_schedule.hpp"
#include "models/core/initial_state.hpp"
#include "models/core/regions_industries.hpp"
#include "models/core/tick_schedule.hpp"
#include "policy_test_support.hpp"
#include "process_runner.hpp"
#include "sim/config/config.hpp"
#include "sim/run/model.hpp"

namespace {

namespace fs = std::filesystem;
using sim::config::Error;
using sim::config::InputError;
using testing_support::clustersim;
using testing_support::run_command;
using testing_support::source_path;
using testing_support::all;
using testing_support::errors_of;
using testing_support::index_of;
using testing_support::load_scenario;
using testing_support::model_schema;
using testing_support::region_names;

// ---------------------------------------------------------------------------------------------------
// A scheduled lever in a stepped economy: at exactly its tick, only in its regions.

TEST(PolicyScheduleInTheModel, LeverChangesAtItsTickOnlyInItsRegions) {
  const std::vector<std::string> overrides{"firms.initial_count=300", "simulation.ticks=8"};
  const sim::config::Config config = load_scenario(
      "[[policy.schedule]]\n"
      "from = 2023-07-01\n"  // the third tick, tick 2
      "regions = [\"Anhui\", \"Jiangsu\"]\n"
      "set = { openness = 0.9, transport_cost = 0.3, rd_subsidy_rate = 0.25 }\n",
      overrides);
  models::Economy economy = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  const auto& names = economy.regions.names;
  const int regions = economy.region_count();
  const int anhui = index_of(names, "Anhui");
  const int jiangsu = index_of(names, "Jiangsu");
  const int shanghai = index_of(names, "Shanghai");
  const int beijing = index_of(names, "Beijing");
  const int tianjin = index_of(names, "Tianjin");
  const Eigen::MatrixXd& distance = economy.regions.distance_km;
  const auto& knowledge = economy.parameters.knowledge;
  // The pairs compared are linked (closer than the cutoff).
  ASSERT_LT(distance(anhui, jiangsu), knowledge.cutoff_km);
  ASSERT_LT(distance(anhui, shanghai), knowledge.cutoff_km);
  ASSERT_LT(distance(beijing, tianjin), knowledge.cutoff_km);
  const Eigen::MatrixXd initial_weight = economy.spatial_weight;
  const models::TradeFreeness initial_freeness = economy.trade_freeness;
  auto decay = [&](int r, int s) { return std::exp(-distance(r, s) / knowledge.distance_decay_km); };
  EXPECT_DOUBLE_EQ(initial_weight(anhui, jiangsu), 0.5 * decay(anhui, jiangsu));

  for (int tick = 0; tick < 8; ++tick) {
    schedule.run_tick(economy, tick, 1, 0);
    const bool after = tick >= 2;
    for (int r = 0; r < regions; ++r) {
      const bool listed = r == anhui || r == jiangsu;
      SCOPED_TRACE(fmt::format("tick {}, {}", tick, names[static_cast<std::size_t>(r)]));
      EXPECT_EQ(economy.levers.openness(r), after && listed ? 0.9 : 0.5);
      EXPECT_EQ(economy.levers.transport_cost(r), after && listed ? 0.3 : 0.1);
      EXPECT_EQ(economy.levers.rd_subsidy_rate(r), after && listed ? 0.25 : 0.0);
      EXPECT_EQ(economy.levers.guidance_fund_share(r), 0.01);  // not in the entry
    }
    if (!after) {
      // Nothing derived from the levers has moved yet.
      EXPECT_TRUE(economy.spatial_weight == initial_weight) << "tick " << tick;
      for (int k = 0; k < economy.industry_count(); ++k) {
        EXPECT_TRUE(economy.trade_freeness.of_industry(k) == initial_freeness.of_industry(k));
      }
      continue;
    }
    // Link openness sqrt(o_r o_s) scales the weight; a link between two unlisted regions keeps it.
    const Eigen::MatrixXd& w = economy.spatial_weight;
    EXPECT_NEAR(w(anhui, jiangsu), 0.9 * decay(anhui, jiangsu), 1e-15);
    EXPECT_NEAR(w(anhui, shanghai), std::sqrt(0.9 * 0.5) * decay(anhui, shanghai), 1e-15);
    EXPECT_NEAR(w(shanghai, jiangsu), std::sqrt(0.9 * 0.5) * decay(shanghai, jiangsu), 1e-15);
    EXPECT_EQ(w(beijing, tianjin), initial_weight(beijing, tianjin));
    EXPECT_EQ(w(anhui, anhui), 1.0);
    // Route cost (t_r + t_s) / 2: phi = (1 + t d / 1000)^(1 - sigma).
    for (int k = 0; k < economy.industry_count(); ++k) {
      const Eigen::MatrixXd& phi = economy.trade_freeness.of_industry(k);
      const double exponent = 1.0 - economy.industries.elasticity(k);
      EXPECT_NEAR(phi(anhui, jiangsu), std::pow(1.0 + 0.3 * distance(anhui, jiangsu) / 1000.0, exponent), 1e-14);
      EXPECT_NEAR(phi(beijing, anhui), std::pow(1.0 + 0.2 * distance(beijing, anhui) / 1000.0, exponent), 1e-14);
      EXPECT_NEAR(phi(beijing, tianjin), std::pow(1.0 + 0.1 * distance(beijing, tianjin) / 1000.0, exponent), 1e-14);
      EXPECT_EQ(phi(beijing, tianjin), initial_freeness.of_industry(k)(beijing, tianjin));
      EXPECT_NE(phi(beijing, anhui), initial_freeness.of_industry(k)(beijing, anhui));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Runs of the binary and their output.

// A directory of this process's scenarios and outputs, removed at exit.
struct ScratchDirectory {
  fs::path path = fs::temp_directory_path() / fmt::format("clustersim-policy-test-{}", ::getpid());
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

// A scenario on the baseline: 300 firms, 8 ticks, plus `body`.
fs::path write_scenario(const std::string& name, const std::string& body) {
  const fs::path file = scratch(name + ".toml");
  std::ofstream(file) << fmt::format(
      "base = \"{}\"\n"
      "[simulation]\n"
      "ticks = 8\n"
      "[firms]\n"
      "initial_count = 300\n"
      "{}",
      source_path("configs/baseline.toml"), body);
  return file;
}

using Dataset = testing_support::NumericDataset;
using testing_support::same_bits;

std::map<std::string, Dataset> run(const fs::path& scenario, const std::string& name, int seed = 1) {
  const fs::path out = scratch(name + ".h5");
  const auto result =
      run_command(fmt::format("{} run -q {} --seed {} -o {}", clustersim(), scenario.string(), seed, out.string()));
  EXPECT_EQ(result.status, 0) << result.output;
  auto datasets = testing_support::read_numeric_datasets(out);
  fs::remove(out);
  return datasets;
}

bool is_policy_variable(const std::string& name) { return name.rfind("policy_", 0) == 0; }

// Every dataset of `a` and `b` bit for bit (NaN included), except the policy_* records when asked.
void expect_identical(const std::map<std::string, Dataset>& a, const std::map<std::string, Dataset>& b,
                      bool skip_policy) {
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  int compared = 0;
  for (const auto& [name, dataset] : a) {
    ASSERT_TRUE(b.count(name)) << name;
    if (skip_policy && is_policy_variable(name)) continue;
    EXPECT_EQ(dataset.dims, b.at(name).dims) << name;
    EXPECT_TRUE(same_bits(dataset.values, b.at(name).values)) << name;
    ++compared;
  }
  EXPECT_GT(compared, 50);
}

TEST(PolicyScheduleInTheModel, RecordedLeverSwitchesAtItsTickInItsRegions) {
  const fs::path scenario = write_scenario("recorded",
                                           "[[policy.schedule]]\n"
                                           "from = 2023-07-01\n"
                                           "regions = [\"Anhui\", \"Jiangsu\"]\n"
                                           "set = { openness = 0.9, rd_subsidy_rate = 0.25 }\n"
                                           "[[policy.schedule]]\n"
                                           "regions = [\"Tibet\"]\n"  // undated: from the start
                                           "set = { openness = 0.2 }\n"
                                           "[[policy.schedule]]\n"
                                           "tick = 5\n"
                                           "set = { priorities_per_region = 4 }\n");
  const auto data = run(scenario, "recorded");
  const auto names = region_names();
  const auto regions = names.size();
  const int anhui = index_of(names, "Anhui");
  const int jiangsu = index_of(names, "Jiangsu");
  const int tibet = index_of(names, "Tibet");
  ASSERT_TRUE(data.count("policy_openness"));
  ASSERT_TRUE(data.count("policy_rd_subsidy_rate"));
  const Dataset& openness = data.at("policy_openness");
  const Dataset& subsidy = data.at("policy_rd_subsidy_rate");
  ASSERT_EQ(openness.dims, (std::vector<hsize_t>{8, regions}));
  ASSERT_TRUE(openness.time_series);
  for (int t = 0; t < 8; ++t) {
    for (int r = 0; r < static_cast<int>(regions); ++r) {
      const bool listed = r == anhui || r == jiangsu;
      const std::size_t at = static_cast<std::size_t>(t) * regions + static_cast<std::size_t>(r);
      SCOPED_TRACE(fmt::format("tick {}, {}", t, names[static_cast<std::size_t>(r)]));
      EXPECT_EQ(openness.values[at], t >= 2 && listed ? 0.9 : r == tibet ? 0.2 : 0.5);
      EXPECT_EQ(subsidy.values[at], t >= 2 && listed ? 0.25 : 0.0);
    }
  }
  const Dataset& m = data.at("policy_priorities_per_region");
  EXPECT_EQ(m.values, (std::vector<double>{3, 3, 3, 3, 3, 4, 4, 4}));
  EXPECT_EQ(data.at("policy_regions_per_industry").values, std::vector<double>(8, 5.0));
  EXPECT_EQ(data.at("policy_planner_mode").values, std::vector<double>(8, 0.0));
}

const char* neutral_entry =
    "[[policy.schedule]]\n"
    "tick = 2\n"
    "set = { adoption_subsidy = 0.0, priority_entry_bonus = 0.0, rd_subsidy_rate = 0.0, leading_support = 0.0 }\n"
    "[[policy.schedule]]\n"
    "tick = 2\n"
    "regions = [\"Anhui\", \"Jiangsu\", \"Tibet\"]\n"
    // In mode none every planned cluster is a priority, so the penalty has nothing to act on; an
    // openness equal to the one in force recomputes the geography to the same values.
    "set = { non_priority_entry_penalty = 0.6, openness = 0.5 }\n";

TEST(PolicyScheduleInTheModel, NeutralLeversChangeNothing) {
  const auto plain = run(write_scenario("plain", ""), "plain");
  const auto neutral = run(write_scenario("neutral", neutral_entry), "neutral");
  expect_identical(plain, neutral, true);
  // The entry did apply: the penalty is recorded from tick 2 in its regions.
  const auto names = region_names();
  const std::size_t anhui = static_cast<std::size_t>(index_of(names, "Anhui"));
  const auto& penalty = neutral.at("policy_non_priority_entry_penalty").values;
  EXPECT_EQ(penalty[1 * names.size() + anhui], 0.0);
  EXPECT_EQ(penalty[2 * names.size() + anhui], 0.6);
  EXPECT_EQ(penalty[7 * names.size() + anhui], 0.6);
}

// Volumes rescaled once the run is over to the prices of the reference year (docs/model.md, Measurement).
const std::set<std::string> chained_volumes = {"real_gdp", "real_gdp_total", "real_value_added",
                                               "real_value_added_industry", "real_consumption",
                                               "real_consumption_industry", "real_consumption_total"};

TEST(PolicyScheduleInTheModel, RdSubsidyActsFromItsTickOn) {
  const auto plain = run(write_scenario("plain_rd", ""), "plain_rd");
  const auto subsidised = run(write_scenario("subsidised",
                                             "[[policy.schedule]]\n"
                                             "tick = 2\n"
                                             "regions = [\"Anhui\", \"Jiangsu\"]\n"
                                             "set = { rd_subsidy_rate = 0.2 }\n"),
                              "subsidised");
  ASSERT_EQ(plain.size(), subsidised.size());
  // Before tick 2 the runs agree bit for bit in every variable; static data agrees throughout.
  for (const auto& [name, dataset] : plain) {
    ASSERT_TRUE(subsidised.count(name)) << name;
    const Dataset& other = subsidised.at(name);
    ASSERT_EQ(dataset.dims, other.dims) << name;
    if (!dataset.time_series) {
      EXPECT_TRUE(same_bits(dataset.values, other.values)) << name;
      continue;
    }
    if (dataset.dims.empty() || dataset.dims[0] == 0) continue;  // e.g. an empty firm panel
    ASSERT_EQ(dataset.dims[0], 8u) << name;
    const std::size_t slice = dataset.values.size() / 8;
    if (chained_volumes.count(name)) {
      // In the average prices of 2023, which the subsidy changes from tick 2: only the growth from tick 0
      // to tick 1 must agree.
      for (std::size_t i = 0; i < slice; ++i) {
        if (dataset.values[i] == 0.0) continue;
        EXPECT_NEAR(dataset.values[slice + i] / dataset.values[i], other.values[slice + i] / other.values[i], 1e-12)
            << name << ", element " << i;
      }
      continue;
    }
    const std::vector<double> before(dataset.values.begin(), dataset.values.begin() + 2 * static_cast<long>(slice));
    const std::vector<double> other_before(other.values.begin(), other.values.begin() + 2 * static_cast<long>(slice));
    EXPECT_TRUE(same_bits(before, other_before)) << name;
  }
  // The subsidy: 0.2 of own R&D (spending net of subsidy) in the planned clusters of the two regions
  // from tick 2 (mode none: every emerging and future cluster is a priority), 0 elsewhere and before.
  const auto names = region_names();
  const models::Industries industries = models::read_industries(load_scenario(""));
  const std::size_t regions = names.size();
  const std::size_t sectors = industries.names.size();
  const auto& rd_subsidy = subsidised.at("rd_subsidy");
  const auto& rd_spending = subsidised.at("rd_spending");
  ASSERT_EQ(rd_subsidy.dims, (std::vector<hsize_t>{8, regions, sectors}));
  const std::size_t anhui = static_cast<std::size_t>(index_of(names, "Anhui"));
  const std::size_t jiangsu = static_cast<std::size_t>(index_of(names, "Jiangsu"));
  int subsidised_clusters = 0;
  for (std::size_t t = 0; t < 8; ++t) {
    for (std::size_t r = 0; r < regions; ++r) {
      for (std::size_t k = 0; k < sectors; ++k) {
        const std::size_t at = (t * regions + r) * sectors + k;
        const bool planned = industries.kinds[k] != models::IndustryKind::key;
        const double paid = rd_subsidy.values[at];
        SCOPED_TRACE(fmt::format("tick {}, {}, {}", t, names[r], industries.names[k]));
        if (t >= 2 && planned && (r == anhui || r == jiangsu)) {
          const double own = rd_spending.values[at] - paid;
          EXPECT_NEAR(paid, 0.2 * own, 1e-12 * own);
          if (own > 0.0) ++subsidised_clusters;
        } else {
          EXPECT_EQ(paid, 0.0);
        }
      }
    }
  }
  EXPECT_GE(subsidised_clusters, 6 * 2 * 10);  // most planned clusters of both regions have firms
  EXPECT_FALSE(same_bits(plain.at("rd_subsidy").values, rd_subsidy.values));
}

// ---------------------------------------------------------------------------------------------------
// The planner in a run: the recorded priority map keeps m and c and never marks a key industry.

struct PriorityMaps {
  std::size_t ticks = 0, regions = 0, industries = 0;
  std::vector<double> values;
  std::vector<bool> plannable;

  double at(std::size_t t, std::size_t r, std::size_t k) const { return values[(t * regions + r) * industries + k]; }
  double region_total(std::size_t t, std::size_t r) const {
    double sum = 0.0;
    for (std::size_t k = 0; k < industries; ++k) sum += at(t, r, k);
    return sum;
  }
  double industry_total(std::size_t t, std::size_t k) const {
    double sum = 0.0;
    for (std::size_t r = 0; r < regions; ++r) sum += at(t, r, k);
    return sum;
  }
};

PriorityMaps priority_maps(const std::map<std::string, Dataset>& data) {
  PriorityMaps maps;
  const Dataset& priority = data.at("priority");
  EXPECT_EQ(priority.dims.size(), 3u);
  if (priority.dims.size() != 3u) return maps;
  maps.ticks = priority.dims[0];
  maps.regions = priority.dims[1];
  maps.industries = priority.dims[2];
  maps.values = priority.values;
  for (models::IndustryKind kind : models::read_industries(load_scenario("")).kinds) {
    maps.plannable.push_back(kind != models::IndustryKind::key);
  }
  EXPECT_EQ(maps.plannable.size(), maps.industries);
  EXPECT_TRUE(std::all_of(maps.values.begin(), maps.values.end(), [](double v) { return v == 0.0 || v == 1.0; }));
  return maps;
}

// A new plan every two ticks; in an economy of 300 firms few clusters reach the default minimum size, so
// every cluster with a firm is eligible.
const char* planner_settings = "[planner]\nplan_period_years = 0.5\nmin_cluster_firms = 1\n";

TEST(PlannerInTheModel, ModeNoneMakesEveryPlannedClusterAPriority) {
  const auto data = run(write_scenario("none", fmt::format("{}[policy]\nplanner_mode = \"none\"\n", planner_settings)),
                        "none");
  const PriorityMaps maps = priority_maps(data);
  ASSERT_EQ(maps.ticks, 8u);
  for (std::size_t t = 0; t < maps.ticks; ++t) {
    for (std::size_t r = 0; r < maps.regions; ++r) {
      for (std::size_t k = 0; k < maps.industries; ++k) {
        EXPECT_EQ(maps.at(t, r, k), maps.plannable[k] ? 1.0 : 0.0) << t << " " << r << " " << k;
      }
    }
  }
}

// The number of priorities also depends on which clusters are eligible (planner.min_cluster_firms,
// pilots): planner_robustness_test.cpp checks, plan by plan, that a plan takes as many eligible pairs as
// m and c allow. Here: the limits hold in every recorded map and key industries are never marked.
TEST(PlannerInTheModel, ComparativeTakesAtMostMPerRegion) {
  const auto data = run(write_scenario("comparative", fmt::format("{}[policy]\nplanner_mode = \"comparative\"\n"
                                                                  "priorities_per_region = 2\n",
                                                                  planner_settings)),
                        "comparative");
  const PriorityMaps maps = priority_maps(data);
  ASSERT_EQ(maps.ticks, 8u);
  double total = 0.0;
  for (std::size_t t = 0; t < maps.ticks; ++t) {
    for (std::size_t r = 0; r < maps.regions; ++r) {
      EXPECT_LE(maps.region_total(t, r), 2.0) << t << " " << r;
      total += maps.region_total(t, r);
    }
    for (std::size_t k = 0; k < maps.industries; ++k) {
      if (!maps.plannable[k]) {
        EXPECT_EQ(maps.industry_total(t, k), 0.0) << t << " " << k;
      }
    }
  }
  EXPECT_GT(total, 0.0);
}

TEST(PlannerInTheModel, CoordinatedKeepsMPerRegionAndCPerIndustry) {
  const auto data = run(write_scenario("coordinated", fmt::format("{}[policy]\nplanner_mode = \"coordinated\"\n"
                                                                  "priorities_per_region = 2\n"
                                                                  "regions_per_industry = 3\n",
                                                                  planner_settings)),
                        "coordinated");
  const PriorityMaps maps = priority_maps(data);
  ASSERT_EQ(maps.ticks, 8u);
  const auto planned = static_cast<double>(std::count(maps.plannable.begin(), maps.plannable.end(), true));
  ASSERT_EQ(planned, 15.0);
  for (std::size_t t = 0; t < maps.ticks; ++t) {
    double total = 0.0;
    for (std::size_t r = 0; r < maps.regions; ++r) {
      EXPECT_LE(maps.region_total(t, r), 2.0) << t << " " << r;
      total += maps.region_total(t, r);
    }
    EXPECT_GT(total, 0.0) << "tick " << t;
    for (std::size_t k = 0; k < maps.industries; ++k) {
      EXPECT_LE(maps.industry_total(t, k), maps.plannable[k] ? 3.0 : 0.0) << t << " " << k;
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Determinism with the schedule, the pilots and the coordinated planner.

TEST(PolicyDeterminism, SameSeedGivesIdenticalDatasets) {
  const fs::path scenario = source_path("tests/data/policy_features.toml");
  const auto first = run(scenario, "features_a", 5);
  const auto second = run(scenario, "features_b", 5);
  expect_identical(first, second, false);
  // The features were at work: pilots bought, the planner kept m and the c scheduled from tick 4.
  const auto& purchases = first.at("pilot_purchases").values;
  EXPECT_GT(*std::max_element(purchases.begin(), purchases.end()), 0.0);
  const PriorityMaps maps = priority_maps(first);
  for (std::size_t t = 0; t < maps.ticks; ++t) {
    for (std::size_t r = 0; r < maps.regions; ++r) EXPECT_LE(maps.region_total(t, r), 2.0);
    for (std::size_t k = 0; k < maps.industries; ++k) EXPECT_LE(maps.industry_total(t, k), t < 4 ? 3.0 : 4.0);
  }
  EXPECT_EQ(first.at("policy_regions_per_industry").values, (std::vector<double>{3, 3, 3, 3, 4, 4, 4, 4}));
  const auto other = run(scenario, "features_c", 6);
  EXPECT_FALSE(same_bits(first.at("sales").values, other.at("sales").values));
}

// docs/model.md §7.12: an entry without a date applies from the start, exactly like the policy.* key
// (the tick-0 entries are not applied a second time at tick 0, which would ask for a new plan).
TEST(PolicyScheduleInTheModel, UndatedPlannerEntryEqualsThePolicyKey) {
  const auto key = run(write_scenario("mode_key", "[policy]\nplanner_mode = \"coordinated\"\n"), "mode_key");
  const auto entry = run(write_scenario("mode_entry", "[[policy.schedule]]\nset = { planner_mode = \"coordinated\" }\n"),
                         "mode_entry");
  expect_identical(key, entry, false);
}

// docs/output.md: `priority` is "the plan in force during the tick", also at a tick that ends a plan
// period (the new plan comes into force at the start of the next tick).
TEST(PlannerInTheModel, RecordedPriorityIsThePlanInForceDuringTheTick) {
  const sim::config::Config config = load_scenario(
      "[policy]\nplanner_mode = \"coordinated\"\npriorities_per_region = 2\nregions_per_industry = 3\n"
      "[planner]\nplan_period_years = 0.5\n",
      {"firms.initial_count=300", "simulation.ticks=8"});
  models::Economy economy = models::initial_economy(config);
  const sim::Schedule<models::Economy> schedule = models::build_schedule(config);
  sim::output::Registry registry;
  models::declare_outputs(economy, registry);
  const auto variable = std::find_if(registry.variables().begin(), registry.variables().end(),
                                     [](const auto& v) { return v.name == "priority"; });
  ASSERT_NE(variable, registry.variables().end());
  std::vector<double> recorded(static_cast<std::size_t>(economy.region_count() * economy.industry_count()));
  for (int tick = 0; tick < 8; ++tick) {
    // What entry and subsidies use this tick: a plan decided at the end of the last tick comes into force
    // at its start.
    const Eigen::MatrixXd in_force =
        economy.staggered.plan_pending ? economy.staggered.next_priority : economy.staggered.priority;
    schedule.run_tick(economy, tick, 1, 0);
    variable->sample(recorded);
    std::vector<double> expected(recorded.size());
    models::copy_row_major(in_force, expected);
    EXPECT_EQ(recorded, expected) << "tick " << tick;
  }
}

}  // namespace
