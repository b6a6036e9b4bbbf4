#include "models/policy/staggered_development.hpp"

#include <cmath>

#include "models/policy/priority_assignment.hpp"
#include "models/policy/structure_indices.hpp"

namespace models {

std::vector<bool> plannable_industries(const Industries& industries) {
  std::vector<bool> plannable;
  for (IndustryKind kind : industries.kinds) plannable.push_back(kind != IndustryKind::key);
  return plannable;
}

Eigen::MatrixXd plan_priorities(const Levers& levers, const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable) {
  switch (levers.mode()) {
    case PlannerMode::none:
      return every_plannable(static_cast<int>(advantage.rows()), plannable).cast<double>();
    case PlannerMode::comparative:
      return comparative_priorities(advantage, plannable, levers.priorities_per_region).cast<double>();
    case PlannerMode::coordinated:
      return coordinated_priorities(advantage, plannable, levers.priorities_per_region, levers.regions_per_industry)
          .cast<double>();
  }
  return Eigen::MatrixXd::Zero(advantage.rows(), advantage.cols());
}

namespace {

Eigen::MatrixXd make_plan(Economy& economy) {
  StaggeredState& s = economy.staggered;
  s.advantage = location_quotients(economy.chain.value_added);  // shares in current prices
  s.last_plan_tick = economy.tick;
  s.replan_requested = false;
  return plan_priorities(economy.levers, s.advantage, plannable_industries(economy.industries));
}

}  // namespace

void initialise_planner(Economy& economy) {
  StaggeredState& s = economy.staggered;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  s.subsidies = Eigen::MatrixXd::Zero(regions, industries);
  s.wasted_subsidies = Eigen::MatrixXd::Zero(regions, industries);
  s.priority = make_plan(economy);
  s.plan_pending = false;
}

void put_new_plan_in_force(Economy& economy) {
  StaggeredState& s = economy.staggered;
  if (!s.plan_pending) return;
  s.priority = s.next_priority;
  s.plan_pending = false;
}

Eigen::MatrixXd priority_subsidy_rate(const Economy& economy) {
  return economy.levers.rd_subsidy_rate.asDiagonal() * economy.staggered.priority;
}

double entry_planning_factor(const Economy& economy, int region, int industry) {
  if (economy.industries.kinds[static_cast<std::size_t>(industry)] == IndustryKind::key) return 1.0;
  if (economy.staggered.priority(region, industry) > 0.0) return 1.0 + economy.levers.priority_entry_bonus(region);
  return 1.0 - economy.levers.non_priority_entry_penalty(region);
}

void staggered_development_process(Economy& economy, const sim::TickContext&) {
  const StaggeredState& s = economy.staggered;
  const bool period_over = economy.tick - s.last_plan_tick >= economy.parameters.staggered.plan_period_ticks;
  if (period_over || s.replan_requested) {
    economy.staggered.next_priority = make_plan(economy);
    economy.staggered.plan_pending = true;
  }
}

}  // namespace models
