#pragma once
// The talent chain's state (model brief §4.6). Its parameters are in talent_parameters.hpp.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace models {

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
  double initial_talent_per_resident = 0.0;  // national talent stock / national population, at the start
  // Population moves with talent: N_r = initial_population_r + net_migration_r / 1e4 (regions.population).
  Eigen::VectorXd initial_population;  // N_r(0), 1e4 persons
  Eigen::VectorXd net_migration;       // persons: talent arrived minus talent left since the start
  // Cost of living (docs/model.md, Talent chain), set by the talent market from this tick's prices and
  // the population before this tick's migration.
  double reference_density = 0.0;     // national density at the start: persons/km², or 1e4 persons without areas
  Eigen::VectorXd housing_cost;       // h_r: lever * (density / reference density)^epsilon
  Eigen::VectorXd cost_of_living;     // P_r: prod_k (P_kr / P_k0)^mu_k * h_r^eta
  Eigen::VectorXd real_wage;          // w_r / P_r: 1e8 CNY per person-year at start prices
};

}  // namespace models
