#pragma once
// The supply chain's state (model brief §4.5). Its parameters are in industrial_parameters.hpp.
#include <Eigen/Dense>

namespace models {

// Matrices over clusters are regions in rows, industries in columns, like Clusters.
struct IndustrialChainState {
  Eigen::MatrixXd input_coefficients;  // A (K x K): A(j, k), input j per unit of k's variable cost
  Eigen::VectorXd input_share;         // alpha_k = sum_j A(j, k)

  // Signals the market's unit costs read; set from the previous clearing by update_chain_signals.
  Eigen::MatrixXd input_price_index;  // P_jr (R x K): price index of input j for buyers in r
  Eigen::MatrixXd colocation;         // m_rk (R x K): co-location multiplier of productivity, >= 1

  // Flows of the current clearing (1e8 CNY/year).
  Eigen::MatrixXd final_demand;            // mu_k E_r: final buyers' spending on k in r (households, government, investment)
  Eigen::MatrixXd intermediate_demand;     // spending on k by the industries of region r
  Eigen::MatrixXd intermediate_purchases;  // inputs bought by cluster (r, k)
  Eigen::MatrixXd value_added;             // sales - intermediate purchases
  // Spending of buyers in region s on industry k that the clusters they buy from could not serve, their
  // machines being full (0 without investment.enabled): final buyers' and firms' inputs.
  Eigen::MatrixXd unserved_final;
  Eigen::MatrixXd unserved_intermediate;
  // Spending of region r that reaches no modelled firm: on industries that have no firm anywhere (no
  // supplier reachable) and the unserved spending above, of final buyers and for firms' inputs. The
  // background sector supplies it.
  Eigen::VectorXd unsupplied_final;
  Eigen::VectorXd unsupplied_intermediate;
  int demand_iterations = 0;               // fixed-point iterations of the last clearing (diagnostic)
};

}  // namespace models
