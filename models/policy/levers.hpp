#pragma once
// The policy in force (model brief §6): every lever the scenario file can set, for all regions or a
// list of them, and that the policy schedule can change at any tick. Sub-models read levers only
// from here; the values at the start come from the policy.* keys and policy.schedule entries without
// a date (models/policy/policy_schedule.cpp).
#include <Eigen/Dense>
#include <array>
#include <limits>
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
  Eigen::VectorXd housing_cost;              // multiplier of the region's housing cost
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
  std::string_view label;  // the output's long_name: a short label for figures
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
  std::string_view label;  // the output's long_name: a short label for figures
  int Levers::*value;
  int default_value;
  std::string_view unit;
  sim::config::Range range;               // of an integer lever
  std::vector<std::string> choices;       // of a choice lever (empty for an integer)
  std::string_view description;
  std::string_view output_description;
  LeverEffect effect = LeverEffect::none;
};

// Every lever, declared once: its key, default, unit, range and the mechanism it acts on. A new lever is
// its member in Levers above and its row here; its key, schedule field, output and reference row follow.

inline const std::array<RegionalLever, 17>& regional_lever_table() {
  static const std::array<RegionalLever, 17> levers{{
    {"basic_research_funding", "Basic-research funding (share of GDP)", &Levers::basic_research_funding, 0.0016, "1", {0, 0.05},
     "Basic-research funding of the region's research institutes as a share of its GDP (China 2022: about "
     "0.16 %). Acts on basic knowledge (docs/model.md, Basic research)."},
    {"rd_subsidy_rate", "R&D subsidy rate", &Levers::rd_subsidy_rate, 0.0, "1", {0, 1},
     "R&D subsidy: the region's government adds this share on top of the own R&D of firms in its priority "
     "clusters (docs/model.md, Staggered development). Acts on innovation and imitation."},
    {"university_industry_cooperation", "University-industry cooperation", &Levers::university_industry_cooperation, 0.3, "1", {0, 1},
     "University-industry cooperation c: the share of the region's basic knowledge that reaches its firms; also "
     "raises their absorptive capacity and the rate of research spin-offs."},
    {"leading_support", "Leading-enterprise support rate", &Levers::leading_support, 0.0, "1/year", {0, 1},
     "Support for the region's leading enterprises from its government, as a share of their sales per year, "
     "added to net worth (docs/model.md, Capital chain)."},
    {"talent_programme_bonus", "Talent-programme bonus", &Levers::talent_programme_bonus, 0.0, "1", {-20, 20},
     "Utility bonus of the region's talent programme in the migration logit (a bonus equal in every region "
     "moves no one; docs/model.md, Talent chain)."},
    {"education_budget", "Education budget multiplier", &Levers::education_budget, 1.0, "1", {0, 10},
     "Multiplier of the region's training of talent (1 = training that replaces retirements at the start; "
     "docs/model.md, Talent chain)."},
    {"guidance_fund_share", "Guidance-fund share of budget", &Levers::guidance_fund_share, 0.01, "1/year", {0, 1},
     "Guidance fund invested per year as a share of the region's fiscal budget, in its own young firms of its "
     "priority clusters (docs/model.md, Capital chain)."},
    {"guidance_leverage", "Guidance-fund leverage", &Levers::guidance_leverage, 1.0, "1", {0, 20},
     "Private co-investment brought into the same firms per unit of the region's guidance-fund investment."},
    {"credit_multiple", "Credit multiple", &Levers::credit_multiple, 1.0, "1", {0, 100},
     "Credit limit in ticks of sales for the region's firms: a firm borrows up to credit_multiple * sales * dt "
     "to cover losses its net worth cannot, and exits below minus that limit (0: exit at negative net worth)."},
    {"vc_pool", "Venture-capital pool (share of GDP)", &Levers::vc_pool, 0.002, "1/year", {0, 0.1},
     "Private venture capital the region's investors put per year, as a share of its GDP, into young firms "
     "anywhere (docs/model.md, Capital chain)."},
    {"openness", "Openness", &Levers::openness, 0.5, "1", {0, 1},
     "Openness of the region to the others (0 closed, 1 fully open). A link between two regions has openness "
     "sqrt(o_r o_s); it scales inter-regional knowledge links and lowers talent mobility costs and the home "
     "bias of investors.",
     LeverEffect::geography},
    {"transport_cost", "Transport cost", &Levers::transport_cost, 0.1, "1/(1000 km)", {0, 100},
     "Iceberg trade cost of the region's transport: a shipment over d km between r and s arrives as "
     "1 / (1 + t d / 1000) of what was sent, t the mean of both regions' costs. At 100, a shipment over 1000 "
     "km keeps 1 % of its value: near autarky, the limit the core-periphery validation runs to.",
     LeverEffect::geography},
    {"digital_penetration", "Digital penetration", &Levers::digital_penetration, 0.24, "1", {0, 1},
     "Digital penetration d of the region: moves the technology proximity through which digital industries' "
     "knowledge reaches the region's other industries towards 1 (p + d (1 - p))."},
    {"priority_entry_bonus", "Priority entry bonus", &Levers::priority_entry_bonus, 0.0, "1", {0, 100},
     "Entry incentive of the region's priority clusters: their entry rate is multiplied by 1 + bonus "
     "(docs/model.md, Staggered development)."},
    {"non_priority_entry_penalty", "Non-priority entry penalty", &Levers::non_priority_entry_penalty, 0.0, "1", {0, 1},
     "Discouragement of entry into the region's non-priority clusters of emerging and future industries: "
     "their entry rate is multiplied by 1 - penalty (key industries are not planned)."},
    {"adoption_subsidy", "Adoption subsidy rate", &Levers::adoption_subsidy, 0.0, "1/year", {0, 1},
     "Key-industry adoption subsidy: the region's government pays this share of its key-industry firms' sales "
     "per year for adopting future and digital technology, which raises their productivity (docs/model.md, "
     "Future industries)."},
    {"housing_cost", "Housing-cost multiplier", &Levers::housing_cost, 1.0, "1", {0.1, 10},
     "Multiplier of the region's housing cost (land supply, housing policy): h_r = housing_cost * (density / "
     "national density at the start)^epsilon enters the cost of living with weight talent.housing_share, and "
     "migrants compare wages over the cost of living (docs/model.md, Talent chain)."},
}};
  return levers;
}

inline const std::vector<std::string> planner_modes = {"none", "comparative", "coordinated"};

inline const std::array<NationalLever, 3>& national_lever_table() {
  static const std::array<NationalLever, 3> national{{
    {"planner_mode", "Planner mode", &Levers::planner_mode, static_cast<int>(PlannerMode::none), "", {}, planner_modes,
     "Staggered-development planner: none (every region makes every emerging and future industry a "
     "priority), comparative (each region picks its m industries of highest location quotient), "
     "coordinated (a national coordinator maximises total location quotient with at most m "
     "industries per region and c regions per industry). Schedulable; national only.",
     "planner mode in force: 0 none, 1 comparative, 2 coordinated", LeverEffect::plan},
    {"priorities_per_region", "Priorities per region (m)", &Levers::priorities_per_region, 3, "industry", {1, 1000}, {},
     "m: priority industries per region in the comparative and coordinated modes. Schedulable; national only.",
     "m: priority industries per region in force", LeverEffect::plan},
    {"regions_per_industry", "Regions per industry (c)", &Levers::regions_per_industry, 5, "region", {1, 100000}, {},
     "c: most regions that may make an industry a priority in the coordinated mode. Schedulable; "
     "national only.",
     "c: most regions per priority industry in force", LeverEffect::plan},
}};
  return national;
}

std::span<const RegionalLever> regional_levers();
std::span<const NationalLever> national_levers();
const RegionalLever* find_regional_lever(std::string_view name);  // nullptr when unknown


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
