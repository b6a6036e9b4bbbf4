#include "models/policy/staggered_development.hpp"

#include <algorithm>
#include <cmath>

#include "models/future/future_industries.hpp"
#include "models/policy/structure_indices.hpp"

namespace models {

std::vector<bool> plannable_industries(const Industries& industries) {
  std::vector<bool> plannable;
  for (IndustryKind kind : industries.kinds) plannable.push_back(kind != IndustryKind::key);
  return plannable;
}

Eigen::MatrixXd plan_priorities(const Levers& levers, const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable,
                                const Eligibility& eligible) {
  switch (levers.mode()) {
    case PlannerMode::none:
      return every_plannable(static_cast<int>(advantage.rows()), plannable).cast<double>();
    case PlannerMode::comparative:
      return comparative_priorities(advantage, plannable, eligible, levers.priorities_per_region).cast<double>();
    case PlannerMode::coordinated:
      return coordinated_priorities(advantage, plannable, eligible, levers.priorities_per_region,
                                    levers.regions_per_industry)
          .cast<double>();
  }
  return Eigen::MatrixXd::Zero(advantage.rows(), advantage.cols());
}

Eigen::MatrixXd plan_priorities(const Levers& levers, const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable) {
  return plan_priorities(levers, advantage, plannable, Eligibility::Constant(advantage.rows(), advantage.cols(), true));
}

Eigen::MatrixXd national_shares(const Eigen::MatrixXd& value_added) {
  const Eigen::MatrixXd positive = value_added.cwiseMax(0.0);
  const double total = positive.sum();
  if (!(total > 0.0)) return Eigen::MatrixXd::Zero(value_added.rows(), value_added.cols());
  return positive / total;
}

double signal_weight(int window_ticks) { return 2.0 / (static_cast<double>(std::max(1, window_ticks)) + 1.0); }

Eigen::MatrixXd averaged_signal(const Eigen::MatrixXd& previous, const Eigen::MatrixXd& current, double weight) {
  if (previous.rows() != current.rows() || previous.cols() != current.cols()) return current;
  return (1.0 - weight) * previous + weight * current;
}

Eligibility eligible_clusters(const Eigen::MatrixXd& firms, const Eigen::MatrixXd& pilot_budget, int min_firms) {
  Eligibility eligible = firms.array() >= static_cast<double>(min_firms);
  if (pilot_budget.rows() == firms.rows() && pilot_budget.cols() == firms.cols()) {
    eligible = eligible || (pilot_budget.array() > 0.0);
  }
  return eligible;
}

Eigen::MatrixXd with_hysteresis(const Eigen::MatrixXd& advantage, const Eigen::MatrixXd& incumbent, double hysteresis) {
  if (incumbent.rows() != advantage.rows() || incumbent.cols() != advantage.cols()) return advantage;
  return (incumbent.array() > 0.0).select((1.0 + hysteresis) * advantage, advantage);
}

namespace {

Eigen::MatrixXd cluster_firms(const Economy& economy) {
  Eigen::MatrixXd firms(economy.region_count(), economy.industry_count());
  for (int r = 0; r < economy.region_count(); ++r) {
    for (int k = 0; k < economy.industry_count(); ++k) firms(r, k) = economy.cluster_index.size(r, k);
  }
  return firms;
}

// A plan decided now (at the end of tick t, or at initialisation, tick -1) is in force from tick t + 1:
// the pilots that make an empty cluster eligible are those in force then.
Eigen::MatrixXd make_plan(Economy& economy) {
  StaggeredState& s = economy.staggered;
  const StaggeredParameters& p = economy.parameters.staggered;
  s.advantage = location_quotients(s.signal_share);  // scale-free: shares give the LQ of value added
  const Eigen::MatrixXd pilots =
      pilot_budget_at(economy.future.pilots, economy.scenario_tick() + 1, economy.region_count(),
                      economy.industry_count());
  const Eligibility eligible = eligible_clusters(cluster_firms(economy), pilots, p.min_cluster_firms);
  const Eigen::MatrixXd compared = with_hysteresis(s.advantage, s.priority, p.hysteresis);
  s.last_plan_tick = economy.tick;
  s.replan_requested = false;
  return plan_priorities(economy.levers, compared, plannable_industries(economy.industries), eligible);
}

}  // namespace

void initialise_planner(Economy& economy) {
  StaggeredState& s = economy.staggered;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  s.subsidies = Eigen::MatrixXd::Zero(regions, industries);
  s.wasted_subsidies = Eigen::MatrixXd::Zero(regions, industries);
  // No history yet: the first plan rests on the value added of the first clearing alone.
  s.signal_share = national_shares(economy.chain.value_added);
  s.priority.resize(0, 0);  // no plan in force: no incumbents
  s.priority = make_plan(economy);
  s.plan_pending = false;
}

void restart_planner(Economy& economy) {
  StaggeredState& s = economy.staggered;
  s.priority.resize(0, 0);  // the scenario's first plan has no incumbents: the state's plan was another policy's
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
  StaggeredState& s = economy.staggered;
  const StaggeredParameters& p = economy.parameters.staggered;
  s.signal_share =
      averaged_signal(s.signal_share, national_shares(economy.chain.value_added), signal_weight(p.signal_window_ticks));
  const bool period_over = economy.tick - s.last_plan_tick >= p.plan_period_ticks;
  if (period_over || s.replan_requested) {
    s.next_priority = make_plan(economy);
    s.plan_pending = true;
  }
}

}  // namespace models
