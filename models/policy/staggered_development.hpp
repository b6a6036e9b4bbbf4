#pragma once
// Staggered development (model brief §5): every plan period the planner decides each region's priority
// industries by mode none, comparative or coordinated (the algorithms are in priority_assignment.hpp);
// the plan's priority clusters steer R&D subsidies, guidance funds and entry. Only emerging and future
// industries are planned; key industries never become priorities.
#include <vector>

#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Emerging and future industries: those a planner may make priorities.
std::vector<bool> plannable_industries(const Industries& industries);

// The priority map of the levers' mode, m and c, from comparative advantage A (regions x industries).
Eigen::MatrixXd plan_priorities(const Levers& levers, const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable);

// Makes the first plan from the initial economy and sizes the planner's state.
void initialise_planner(Economy& economy);

// R&D subsidy rate of each cluster: the region's rate where the cluster is a priority, else 0.
Eigen::MatrixXd priority_subsidy_rate(const Economy& economy);

// Multiplier of the entry rate of cluster (r, k): 1 + bonus_r for a priority, 1 - penalty_r for a
// planned industry that is not a priority, 1 for a key industry.
double entry_planning_factor(const Economy& economy, int region, int industry);

// Every plan period, or at the end of a tick whose schedule changed the planner's rules, a
// new plan from this tick's location quotients; it comes into force at the start of the next tick.
void staggered_development_process(Economy& economy, const sim::TickContext& context);
// At the start of a tick (the policy process): a plan decided at the end of the last tick comes into force.
void put_new_plan_in_force(Economy& economy);

}  // namespace models
