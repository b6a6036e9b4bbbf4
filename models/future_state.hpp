#pragma once
// Future industries and key-industry transformation (model brief §4.8): learning curves, commercial
// demand, application-scenario pilots and adoption. Every default, unit and range is in the schema
// (models/future_industries.cpp); none is repeated here.
#include <Eigen/Dense>
#include <vector>

namespace models {

struct FutureParameters {
  double learning_exponent{};        // b in c = c0 (X / X0)^-b
  double initial_cost_multiple{};    // c0: unit cost of an immature future industry over a mature one
  double initial_experience_years{};  // X0 in years of the initial output
  double willingness_to_pay{};       // cost multiple at which half of the potential demand buys
  double demand_switch_width{};      // width of the switch in ln(cost multiple)
  double adoption_efficiency{};      // productivity growth per unit of adoption subsidy share
};

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
  Eigen::VectorXd unit_cost;          // c_k / c_mature: 1 for mature industries
  Eigen::VectorXd commercial_share;   // share of potential final demand that buys: 1 for mature industries
  Eigen::MatrixXd pilot_budget;       // in force this tick, 1e8 CNY/year
  Eigen::MatrixXd pilot_purchases;    // spent on local firms this tick, 1e8 CNY/year
  Eigen::MatrixXd adoption_subsidies; // paid to key-industry firms this tick, 1e8 CNY/year
};

}  // namespace models
