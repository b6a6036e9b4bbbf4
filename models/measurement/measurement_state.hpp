#pragma once
// What the measurement chain keeps between ticks (docs/model.md, Measurement): the cost of living of the
// households' own utility, the variety part of the CES price indices, and the chained Fisher volumes of
// the national accounts. Matrices are regions in rows, industries in columns.
#include <Eigen/Dense>

namespace models {

// The flows of a clearing that the next tick's Fisher links compare with.
struct PricedFlows {
  Eigen::MatrixXd unit_value;       // 1e8 CNY per output unit: sales / physical output of cluster (r, k); 0 without output
  Eigen::MatrixXd physical_output;  // output units/year
  Eigen::MatrixXd variable_cost;    // 1e8 CNY/year: inputs of j cost A(j, k) times this
  Eigen::MatrixXd price_index;      // P_ks, 0 where no supplier is reachable
  Eigen::MatrixXd final_share;      // share of the final buyers' spending of region s on industry k's composite
  Eigen::VectorXd fixed_costs;      // 1e8 CNY/year of background services (the numeraire)
  Eigen::VectorXd background_output;
  Eigen::VectorXd consumption;      // households' purchases of goods, 1e8 CNY/year
};

// A chained volume: its level (1e8 CNY/year at the prices of the first tick) and this tick's nominal value.
struct ChainedVolumes {
  Eigen::MatrixXd value_added;            // per cluster
  Eigen::VectorXd industry_value_added;   // per industry, all regions
  Eigen::VectorXd gdp;                    // per region
  double gdp_total = 0.0;
  Eigen::VectorXd consumption;            // per region
  double consumption_total = 0.0;
  Eigen::VectorXd industry_consumption;   // per industry's composite, all regions
};

struct MeasurementState {
  // Welfare: a unit of industry k's CES composite costs reference_price(k) at the reference prices.
  Eigen::VectorXd reference_price;          // 1e8 CNY per composite unit, fixed at the start
  Eigen::VectorXd log_price_level;          // ln G_s: cost of a unit of utility relative to the reference prices
  Eigen::MatrixXd spending_share;           // theta_ks of the last clearing (0 where k has no supplier)
  Eigen::MatrixXd linked_price_index;       // P_ks of the last clearing the cost of living was linked to
  Eigen::VectorXd welfare;                  // disposable income / G_s at the end of the tick, 1e8 CNY/year

  // Variety (Feenstra): shares of a buyer's spending on the firms common to two clearings.
  Eigen::MatrixXd cleared_index_power;      // sum_r phi_rs sum_i p_i^(1 - sigma) of the last clearing's firms
  Eigen::MatrixXd surviving_share;          // lambda_{t-1}: last clearing's spending on firms still there
  Eigen::MatrixXd variety_gain;             // cumulative log fall of P_ks from the changing set of firms
  Eigen::VectorXd welfare_variety_gain;     // cumulative part of ln welfare from variety

  // National accounts.
  bool has_previous = false;                // false until the first tick has been measured
  PricedFlows previous;
  ChainedVolumes volumes;  // at the prices of the first tick while the run goes on
  // Sums over the reference year's ticks of the nominal values and of the volumes: their ratio turns the
  // volumes into the reference year's average prices once the run is over (reference_year_factors).
  ChainedVolumes reference_nominal;
  ChainedVolumes reference_volume;
};

}  // namespace models
