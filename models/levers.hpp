#pragma once
// The policy in force (model brief §6): every lever the scenario file can set, for all regions or a
// list of them, and that the policy schedule can change at any tick. Sub-models read levers only
// from here; the values at the start come from the policy.* keys and policy.schedule entries without
// a date (models/policy_schedule.cpp).
#include <Eigen/Dense>
#include <optional>
#include <span>
#include <utility>
#include <vector>
#include <string_view>

#include "sim/config/config.hpp"
#include "sim/config/schema.hpp"

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
  // The national coordinator's planning rules (brief §5).
  PlannerMode planner_mode = PlannerMode::none;
  int priorities_per_region = 0;  // m
  int regions_per_industry = 0;   // c
};

// A lever set per region: its scenario key is policy.<name>.
struct RegionalLever {
  std::string_view name;
  Eigen::VectorXd Levers::*values;
  double default_value;
  std::string_view unit;
  sim::config::Range range;
  std::string_view description;  // what it is and the mechanism it acts on
};

std::span<const RegionalLever> regional_levers();
const RegionalLever* find_regional_lever(std::string_view name);  // nullptr when unknown

std::string_view planner_mode_name(PlannerMode mode);
PlannerMode planner_mode_named(std::string_view name);  // "none", "comparative" or "coordinated"
inline constexpr std::string_view planner_mode_names[] = {"none", "comparative", "coordinated"};

// policy.<lever> for every regional lever, and the planner's national levers.
void declare_lever_keys(sim::config::Schema& schema);
// Every lever at its policy.* value in every region (before the schedule's undated entries).
Levers read_levers(const sim::config::Config& config, int regions);
// Every lever at its default in every region (for tests and hand-built economies).
Levers default_levers(int regions);

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
  std::optional<PlannerMode> planner_mode;
  std::optional<int> priorities_per_region;
  std::optional<int> regions_per_industry;
};
// In tick order; entries of one tick in the order of the scenario file (a later one wins).
using PolicySchedule = std::vector<PolicyChange>;

// What applying the changes of a tick touched, for the sub-models that cache values derived from levers.
struct LeverChanges {
  bool any = false;
  bool geography = false;  // openness or transport cost
  bool planner = false;    // planner mode, m or c
};

// Applies every change of `tick` to `levers`.
LeverChanges apply_policy_changes(Levers& levers, const PolicySchedule& schedule, int tick);

}  // namespace models
