#pragma once
// Staggered development (model brief §5): the plan of priority clusters the planner decides, and the
// indices that measure homogeneous development and duplicated investment. Its parameters are in
// staggered_parameters.hpp.
#include <Eigen/Dense>

namespace models {

// Matrices are regions in rows, industries in columns.
struct StaggeredState {
  Eigen::MatrixXd priority;           // 1 where (r, k) is a priority cluster in force this tick, else 0
  Eigen::MatrixXd next_priority;      // a plan decided at the end of the last tick, in force from this one
  bool plan_pending = false;          // next_priority waits to come into force
  Eigen::MatrixXd advantage;          // comparative advantage the last plan used (LQ of signal_share)
  Eigen::MatrixXd signal_share;       // average of the cluster's share of national value added (current
                                      // prices), exponentially weighted over planner.signal_window_years;
                                      // updated every tick, carried from tick to tick (part of the state)
  int last_plan_tick = 0;             // tick at whose end the priorities in force were decided
  bool replan_requested = false;      // the planner's rules changed this tick
  // Indices of the regional structure, from this tick's cluster output.
  Eigen::MatrixXd location_quotient;  // LQ_rk
  Eigen::VectorXd duplication;        // per industry: regions with LQ > 1
  Eigen::VectorXd ellison_glaeser;    // per industry
  Eigen::MatrixXd similarity;         // region x region structural similarity
  double mean_similarity = 0.0;       // over region pairs
  double mean_krugman = 0.0;          // over region pairs
  Eigen::MatrixXd subsidies;          // government money to the cluster's firms this tick, 1e8 CNY
  Eigen::MatrixXd wasted_subsidies;   // received in the window by firms that exited this tick, 1e8 CNY
};

}  // namespace models
