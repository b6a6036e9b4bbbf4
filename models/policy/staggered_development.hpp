#pragma once
// Staggered development (model brief §5): every plan period the planner decides each region's priority
// industries by mode none, comparative or coordinated (the algorithms are in priority_assignment.hpp);
// the plan's priority clusters steer R&D subsidies, guidance funds and entry. Only emerging and future
// industries are planned; key industries never become priorities.
//
// Robust planning (docs/model.md, Staggered development): the planner's advantage is the location
// quotient of value-added shares averaged over planner.signal_window_years; only eligible clusters (at
// least planner.min_cluster_firms firms, or a pilot in force) may become priorities in modes comparative
// and coordinated; and at a revision the pairs of the plan in force count their advantage 1 +
// planner.hysteresis times. Mode none (no planning) marks every planned cluster, as before.
#include <vector>

#include "models/core/economy.hpp"
#include "models/policy/priority_assignment.hpp"
#include "sim/schedule.hpp"

namespace models {

// Emerging and future industries: those a planner may make priorities.
std::vector<bool> plannable_industries(const Industries& industries);

// The priority map of the levers' mode, m and c, from comparative advantage A (regions x industries),
// among the eligible pairs (mode none ignores eligibility: every plannable pair).
Eigen::MatrixXd plan_priorities(const Levers& levers, const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable,
                                const Eligibility& eligible);
// The same with every pair eligible.
Eigen::MatrixXd plan_priorities(const Levers& levers, const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable);

// s_rk = X_rk / sum X over all clusters (X value added); all 0 where the total is not positive. Negative
// entries count as 0 (a cluster cannot have a negative share of the planner's signal).
Eigen::MatrixXd national_shares(const Eigen::MatrixXd& value_added);

// Weight of the latest tick in the planner's average over a window of W ticks: 2 / (W + 1), the weight
// whose exponential average has the mean age (W - 1) / 2 ticks of a plain moving average over W ticks.
double signal_weight(int window_ticks);

// One tick of the average: (1 - w) previous + w current (current alone when previous is empty).
Eigen::MatrixXd averaged_signal(const Eigen::MatrixXd& previous, const Eigen::MatrixXd& current, double weight);

// The pairs a planner may make priorities: at least `min_firms` firms, or a pilot budget above 0.
Eligibility eligible_clusters(const Eigen::MatrixXd& firms, const Eigen::MatrixXd& pilot_budget, int min_firms);

// The advantage the assignment compares: A_rk (1 + h) where (r, k) is a priority of the plan in force
// (incumbent > 0), A_rk elsewhere. An empty `incumbent` (no plan yet) leaves A as it is.
Eigen::MatrixXd with_hysteresis(const Eigen::MatrixXd& advantage, const Eigen::MatrixXd& incumbent, double hysteresis);

// Makes the first plan from the initial economy and sizes the planner's state.
void initialise_planner(Economy& economy);
// The first plan of a scenario that starts from a saved state (docs/model.md §5.1): made with the
// scenario's rules on the averaged signal the state carries, with no incumbents.
void restart_planner(Economy& economy);

// R&D subsidy rate of each cluster: the region's rate where the cluster is a priority, else 0.
Eigen::MatrixXd priority_subsidy_rate(const Economy& economy);

// Multiplier of the entry rate of cluster (r, k): 1 + bonus_r for a priority, 1 - penalty_r for a
// planned industry that is not a priority, 1 for a key industry.
double entry_planning_factor(const Economy& economy, int region, int industry);

// Every tick, the planner's averaged signal takes in this tick's value added; every plan period, or at
// the end of a tick whose schedule changed the planner's rules, a new plan from it; the plan comes into
// force at the start of the next tick.
void staggered_development_process(Economy& economy, const sim::TickContext& context);
// At the start of a tick (the policy process): a plan decided at the end of the last tick comes into force.
void put_new_plan_in_force(Economy& economy);

}  // namespace models
