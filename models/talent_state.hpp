#pragma once
// The talent chain's parameters and state (model brief §4.6). Every default, unit and range is in the
// schema (models/talent_chain.cpp, declare_talent_keys); none is repeated here.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace models {

struct TalentParameters {
  double wage_to_gdp_per_capita{};  // talent wage at the start as a multiple of regional GDP per head
  double initial_slack{};           // talent not employed by the modelled firms, share of those employed
  double wage_adjustment_rate{};    // kappa, 1/year: speed at which ln w closes the tightness gap
  double wage_floor_share{};        // lowest wage as a share of the initial wage
  double training_rate{};           // graduates per 1e4 residents per year at education budget 1
  double retirement_rate{};         // 1/year
  double reconsider_rate{};         // m, 1/year: rate at which a talent reconsiders where to live
  double logit_scale{};             // lambda, utility units
  double mobility_cost{};           // c0, utility units, at 1000 km and openness 0
  double mobility_distance_exponent{};  // theta
  double destination_size_weight{};  // weight of ln(population / mean population) in the utility
  bool output_flows{};              // write the region x destination flow matrix
};

// Persons are whole numbers stored in doubles (exact up to 2^53).
struct TalentState {
  Eigen::VectorXd stock;               // H_r: persons of talent living in the region, end of the tick
  Eigen::VectorXd previous_stock;      // H_r at the end of the previous tick (for the stock identity)
  Eigen::VectorXd employed;            // D_r: persons employed by the modelled firms (demand, not whole)
  Eigen::VectorXd wage;                // w_r: 1e8 CNY per person-year, applies from the next tick
  Eigen::VectorXd initial_wage;        // 1e8 CNY per person-year, at the start
  Eigen::VectorXd trained;             // persons graduating this tick
  Eigen::VectorXd retired;             // persons retiring this tick
  Eigen::VectorXd immigrants;          // persons arriving from other regions this tick
  Eigen::VectorXd emigrants;           // persons leaving for other regions this tick
  Eigen::MatrixXd flows;               // persons moving r (row) -> s (column) this tick; zero diagonal
};

}  // namespace models
