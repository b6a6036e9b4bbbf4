#pragma once
// The state of future industries and key-industry transformation (model brief §4.8): learning curves,
// commercial demand, application-scenario pilots and adoption. Parameters: future_parameters.hpp.
#include <Eigen/Dense>
#include <vector>

namespace models {

// A pilot programme: budget per region for one industry, in force from `from_tick` until before
// `until_tick`.
struct Pilot {
  std::vector<int> regions;
  int industry = 0;
  double budget = 0.0;  // 1e8 CNY/year per region
  int from_tick = 0;
  int until_tick = 0;
};

// Vectors per industry (1 / 0 entries for industries that are not future industries); matrices
// regions in rows, industries in columns.
struct FutureState {
  std::vector<Pilot> pilots;
  Eigen::VectorXd cumulative_output;  // X_k, output units (physical)
  Eigen::VectorXd initial_experience; // X0_k
  Eigen::MatrixXd local_cumulative_output;   // X_rk: the cluster's own cumulative output, X0_rk included
  Eigen::MatrixXd local_initial_experience;  // X0_rk: X0_k split equally among the regions
  Eigen::MatrixXd regional_unit_cost; // c_rk / c_mature, what the cluster's firms pay: 1 for mature industries
  Eigen::VectorXd unit_cost;          // national mean of c_rk weighted by last tick's output: 1 for mature industries
  Eigen::VectorXd commercial_share;   // share of potential final demand that buys at unit_cost: 1 for mature industries
  Eigen::MatrixXd pilot_budget;       // in force this tick, 1e8 CNY/year
  Eigen::MatrixXd pilot_purchases;    // spent on local firms this tick, 1e8 CNY/year
  Eigen::MatrixXd adoption_subsidies; // paid to key-industry firms this tick, 1e8 CNY/year
};

}  // namespace models
