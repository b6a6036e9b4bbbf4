#include "models/policy/levers.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "models/core/output_helpers.hpp"


namespace models {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

const std::array<RegionalLever, 16> levers{{
    {"basic_research_funding", &Levers::basic_research_funding, 0.0016, "1", {0, 0.05},
     "Basic-research funding of the region's research institutes as a share of its GDP (China 2022: about "
     "0.16 %). Acts on basic knowledge (docs/model.md, Basic research)."},
    {"rd_subsidy_rate", &Levers::rd_subsidy_rate, 0.0, "1", {0, 1},
     "R&D subsidy: the region's government adds this share on top of the own R&D of firms in its priority "
     "clusters (docs/model.md, Staggered development). Acts on innovation and imitation."},
    {"university_industry_cooperation", &Levers::university_industry_cooperation, 0.3, "1", {0, 1},
     "University-industry cooperation c: the share of the region's basic knowledge that reaches its firms; also "
     "raises their absorptive capacity and the rate of research spin-offs."},
    {"leading_support", &Levers::leading_support, 0.0, "1/year", {0, inf},
     "Support for the region's leading enterprises from its government, as a share of their sales per year, "
     "added to net worth (docs/model.md, Capital chain)."},
    {"talent_programme_bonus", &Levers::talent_programme_bonus, 0.0, "1", {-inf, inf},
     "Utility bonus of the region's talent programme in the migration logit (a bonus equal in every region "
     "moves no one; docs/model.md, Talent chain)."},
    {"education_budget", &Levers::education_budget, 1.0, "1", {0, inf},
     "Multiplier of the region's training of talent (1 = today's rate; docs/model.md, Talent chain)."},
    {"guidance_fund_share", &Levers::guidance_fund_share, 0.01, "1/year", {0, 1},
     "Guidance fund invested per year as a share of the region's fiscal budget, in its own young firms of its "
     "priority clusters (docs/model.md, Capital chain)."},
    {"guidance_leverage", &Levers::guidance_leverage, 1.0, "1", {0, inf},
     "Private co-investment brought into the same firms per unit of the region's guidance-fund investment."},
    {"credit_multiple", &Levers::credit_multiple, 1.0, "1", {0, inf},
     "Credit limit in ticks of sales for the region's firms: a firm borrows up to credit_multiple * sales * dt "
     "to cover losses its net worth cannot, and exits below minus that limit (0: exit at negative net worth)."},
    {"vc_pool", &Levers::vc_pool, 0.002, "1/year", {0, inf},
     "Private venture capital the region's investors put per year, as a share of its GDP, into young firms "
     "anywhere (docs/model.md, Capital chain)."},
    {"openness", &Levers::openness, 0.5, "1", {0, 1},
     "Openness of the region to the others (0 closed, 1 fully open). A link between two regions has openness "
     "sqrt(o_r o_s); it scales inter-regional knowledge links and lowers talent mobility costs and the home "
     "bias of investors.",
     LeverEffect::geography},
    {"transport_cost", &Levers::transport_cost, 0.1, "1/(1000 km)", {0, inf},
     "Iceberg trade cost of the region's transport: a shipment over d km between r and s arrives as "
     "1 / (1 + t d / 1000) of what was sent, t the mean of both regions' costs.",
     LeverEffect::geography},
    {"digital_penetration", &Levers::digital_penetration, 0.24, "1", {0, 1},
     "Digital penetration d of the region: moves the technology proximity through which digital industries' "
     "knowledge reaches the region's other industries towards 1 (p + d (1 - p))."},
    {"priority_entry_bonus", &Levers::priority_entry_bonus, 0.0, "1", {0, 100},
     "Entry incentive of the region's priority clusters: their entry rate is multiplied by 1 + bonus "
     "(docs/model.md, Staggered development)."},
    {"non_priority_entry_penalty", &Levers::non_priority_entry_penalty, 0.0, "1", {0, 1},
     "Discouragement of entry into the region's non-priority clusters of emerging and future industries: "
     "their entry rate is multiplied by 1 - penalty (key industries are not planned)."},
    {"adoption_subsidy", &Levers::adoption_subsidy, 0.0, "1/year", {0, 1},
     "Key-industry adoption subsidy: the region's government pays this share of its key-industry firms' sales "
     "per year for adopting future and digital technology, which raises their productivity (docs/model.md, "
     "Future industries)."},
}};

const std::vector<std::string> planner_modes = {"none", "comparative", "coordinated"};

const std::array<NationalLever, 3> national{{
    {"planner_mode", &Levers::planner_mode, static_cast<int>(PlannerMode::none), "", {}, planner_modes,
     "Staggered-development planner: none (every region makes every emerging and future industry a "
     "priority), comparative (each region picks its m industries of highest location quotient), "
     "coordinated (a national coordinator maximises total location quotient with at most m "
     "industries per region and c regions per industry). Schedulable; national only.",
     "planner mode in force: 0 none, 1 comparative, 2 coordinated", LeverEffect::plan},
    {"priorities_per_region", &Levers::priorities_per_region, 3, "industry", {1, 1000}, {},
     "m: priority industries per region in the comparative and coordinated modes. Schedulable; national only.",
     "m: priority industries per region in force", LeverEffect::plan},
    {"regions_per_industry", &Levers::regions_per_industry, 5, "region", {1, 100000}, {},
     "c: most regions that may make an industry a priority in the coordinated mode. Schedulable; "
     "national only.",
     "c: most regions per priority industry in force", LeverEffect::plan},
}};

}  // namespace

std::span<const RegionalLever> regional_levers() { return levers; }
std::span<const NationalLever> national_levers() { return national; }

const RegionalLever* find_regional_lever(std::string_view name) {
  for (const RegionalLever& lever : levers) {
    if (lever.name == name) return &lever;
  }
  return nullptr;
}

std::string_view planner_mode_name(PlannerMode mode) { return planner_modes[static_cast<std::size_t>(mode)]; }

void declare_lever_keys(sim::config::Schema& schema) {
  for (const RegionalLever& lever : levers) {
    schema.add({.path = fmt::format("policy.{}", lever.name), .kind = sim::config::Kind::real,
                .default_value = lever.default_value, .unit = std::string(lever.unit),
                .description = fmt::format("{} Set here for every region; per region and from a date with "
                                           "[[policy.schedule]].", lever.description),
                .range = lever.range});
  }
  for (const NationalLever& lever : national) {
    sim::config::KeySpec spec{.path = fmt::format("policy.{}", lever.name), .unit = std::string(lever.unit),
                              .description = std::string(lever.description)};
    if (lever.choices.empty()) {
      spec.kind = sim::config::Kind::integer;
      spec.default_value = std::int64_t{lever.default_value};
      spec.range = lever.range;
    } else {
      spec.kind = sim::config::Kind::choice;
      spec.default_value = lever.choices[static_cast<std::size_t>(lever.default_value)];
      spec.choices = lever.choices;
    }
    schema.add(std::move(spec));
  }
}

int national_lever_value(const NationalLever& lever, const std::string& choice) {
  const auto it = std::find(lever.choices.begin(), lever.choices.end(), choice);
  if (it == lever.choices.end()) throw std::invalid_argument(fmt::format("unknown {} '{}'", lever.name, choice));
  return static_cast<int>(it - lever.choices.begin());
}

Levers read_levers(const sim::config::Config& config, int regions) {
  Levers result;
  for (const RegionalLever& lever : levers) {
    (result.*lever.values).setConstant(regions, config.real(fmt::format("policy.{}", lever.name)));
  }
  for (const NationalLever& lever : national) {
    const std::string key = fmt::format("policy.{}", lever.name);
    result.*lever.value = lever.choices.empty() ? static_cast<int>(config.integer(key))
                                                : national_lever_value(lever, config.string(key));
  }
  return result;
}

Levers default_levers(int regions) {
  Levers result;
  for (const RegionalLever& lever : levers) (result.*lever.values).setConstant(regions, lever.default_value);
  for (const NationalLever& lever : national) result.*lever.value = lever.default_value;
  return result;
}

LeverChanges apply_policy_changes(Levers& levers, const PolicySchedule& schedule, int tick) {
  LeverChanges changes;
  auto note = [&changes](LeverEffect effect) {
    changes.geography = changes.geography || effect == LeverEffect::geography;
    changes.plan = changes.plan || effect == LeverEffect::plan;
  };
  for (const PolicyChange& change : schedule) {
    if (change.tick != tick) continue;
    changes.any = true;
    for (const auto& [lever, value] : change.regional) {
      Eigen::VectorXd& values = levers.*(lever->values);
      if (change.regions.empty()) {
        values.setConstant(value);
      } else {
        for (int r : change.regions) values(r) = value;
      }
      note(lever->effect);
    }
    for (const auto& [lever, value] : change.national) {
      levers.*(lever->value) = value;
      note(lever->effect);
    }
  }
  return changes;
}

void declare_lever_outputs(const Levers& in_force, sim::output::Registry& registry) {
  for (const RegionalLever& lever : levers) {
    add_region_output(registry, in_force.*(lever.values), fmt::format("policy_{}", lever.name), std::string(lever.unit),
                      fmt::format("lever policy.{} in force in the region", lever.name));
  }
  for (const NationalLever& lever : national) {
    const int* value = &(in_force.*(lever.value));
    registry.add({fmt::format("policy_{}", lever.name), {}, lever.unit.empty() ? "1" : std::string(lever.unit),
                  std::string(lever.output_long_name), true, sim::output::Storage::int32,
                  [value](std::span<double> out) { out[0] = *value; }});
  }
}

Eigen::MatrixXd pairwise_openness(const Eigen::VectorXd& openness) {
  return (openness * openness.transpose()).array().sqrt().matrix();
}

Eigen::MatrixXd pairwise_transport_cost(const Eigen::VectorXd& transport_cost) {
  const Eigen::Index n = transport_cost.size();
  return 0.5 * (transport_cost.replicate(1, n) + transport_cost.transpose().replicate(n, 1));
}

}  // namespace models
