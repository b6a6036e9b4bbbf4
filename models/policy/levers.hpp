#pragma once
// The policy in force (model brief §6): every lever the scenario file can set, for all regions or a
// list of them, and that the policy schedule can change at any tick. Sub-models read levers only
// from here; the values at the start come from the policy.* keys and policy.schedule entries without
// a date (models/policy/policy_schedule.cpp).
#include <Eigen/Dense>
#include <span>
#include <utility>
#include <vector>
#include <string>
#include <string_view>

#include "sim/config/config.hpp"
#include "sim/config/schema.hpp"
#include "sim/output/variable.hpp"

namespace models {

enum class PlannerMode { none, comparative, coordinated };

// One entry per region in every regional lever.
struct Levers {
  Eigen::VectorXd basic_research_funding;    // share of GDP funding the region's research institutes
  Eigen::VectorXd rd_subsidy_rate;           // subsidy per unit of a priority firm's own R&D
  Eigen::VectorXd university_industry_cooperation;  // 0..1
  Eigen::VectorXd leading_support;           // 1/year: share of a leading firm's sales
  Eigen::VectorXd talent_programme_bonus;    // utility units in the migration logit
  Eigen::VectorXd education_budget;          // multiplier of training
  Eigen::VectorXd guidance_fund_share;       // 1/year: share of the fiscal budget
  Eigen::VectorXd guidance_leverage;         // private money per unit of guidance money
  Eigen::VectorXd credit_multiple;           // credit limit in ticks of sales
  Eigen::VectorXd vc_pool;                   // 1/year: share of GDP
  Eigen::VectorXd openness;                  // 0 closed .. 1 open, combined pairwise
  Eigen::VectorXd transport_cost;            // 1/(1000 km), combined pairwise
  Eigen::VectorXd digital_penetration;       // 0..1, of the receiving region
  Eigen::VectorXd priority_entry_bonus;      // entry in priority clusters scales by 1 + bonus
  Eigen::VectorXd non_priority_entry_penalty;  // entry in non-priority planned clusters scales by 1 - penalty
  Eigen::VectorXd adoption_subsidy;          // 1/year: share of key-industry firms' sales
  // The national coordinator's planning rules (brief §5), national levers (national_levers()).
  int planner_mode = 0;           // a PlannerMode
  int priorities_per_region = 0;  // m
  int regions_per_industry = 0;   // c

  PlannerMode mode() const { return static_cast<PlannerMode>(planner_mode); }
};

// What changing a lever touches beyond its own value: the sub-models that cache values derived from it.
enum class LeverEffect { none, geography, plan };

// A lever set per region: its scenario key is policy.<name>, its output policy_<name>. Adding one is
// one entry in regional_levers() (models/policy/levers.cpp) and its member in Levers; the key, the
// schedule's set.<name>, the output and the documentation row of docs/config.md follow from the entry.
struct RegionalLever {
  std::string_view name;
  Eigen::VectorXd Levers::*values;
  double default_value;
  std::string_view unit;
  sim::config::Range range;
  std::string_view description;  // what it is and the mechanism it acts on
  LeverEffect effect = LeverEffect::none;
};

// A lever of the national coordinator, one value for the country: its key is policy.<name>, its output
// policy_<name>. An integer lever, or a choice stored as the index of its name in `choices`.
struct NationalLever {
  std::string_view name;
  int Levers::*value;
  int default_value;
  std::string_view unit;
  sim::config::Range range;               // of an integer lever
  std::vector<std::string> choices;       // of a choice lever (empty for an integer)
  std::string_view description;
  std::string_view output_long_name;
  LeverEffect effect = LeverEffect::none;
};

std::span<const RegionalLever> regional_levers();
std::span<const NationalLever> national_levers();
const RegionalLever* find_regional_lever(std::string_view name);  // nullptr when unknown

std::string_view planner_mode_name(PlannerMode mode);

// policy.<lever> for every regional and national lever.
void declare_lever_keys(sim::config::Schema& schema);
// The value a national lever stores for a choice (its index among the lever's choices).
int national_lever_value(const NationalLever& lever, const std::string& choice);
// Every lever at its policy.* value in every region (before the schedule's undated entries).
Levers read_levers(const sim::config::Config& config, int regions);
// Every lever at its default in every region (for tests and hand-built economies).
Levers default_levers(int regions);

// The levers in force as output: policy_<lever> per (time, region) for regional levers, per time for
// national ones.
void declare_lever_outputs(const Levers& levers, sim::output::Registry& registry);

// Pairwise combinations of regional levers for links between two regions.
// Openness of the link r-s: sqrt(o_r o_s), 0 when either end is closed, o when both are equal.
Eigen::MatrixXd pairwise_openness(const Eigen::VectorXd& openness);
// Transport cost per 1000 km on the route r-s: the mean of both ends' costs.
Eigen::MatrixXd pairwise_transport_cost(const Eigen::VectorXd& transport_cost);

// A change of levers from a tick on: one [[policy.schedule]] entry.
struct PolicyChange {
  int tick = 0;
  std::vector<int> regions;  // empty: every region
  std::vector<std::pair<const RegionalLever*, double>> regional;
  std::vector<std::pair<const NationalLever*, int>> national;
};
// In tick order; entries of one tick in the order of the scenario file (a later one wins).
using PolicySchedule = std::vector<PolicyChange>;

// What applying the changes of a tick touched, for the sub-models that cache values derived from levers.
struct LeverChanges {
  bool any = false;
  bool geography = false;  // a lever of LeverEffect::geography (openness, transport cost)
  bool plan = false;       // a lever of LeverEffect::plan (planner mode, m, c)
};

// Applies every change of `tick` to `levers`.
LeverChanges apply_policy_changes(Levers& levers, const PolicySchedule& schedule, int tick);

}  // namespace models
