#pragma once
// The capital chain's state (model brief §4.7): credit, leading enterprises, venture capital, guidance
// funds and the government budget. Its parameters are in capital_parameters.hpp.
#include <Eigen/Dense>

namespace models {

// Money in 1e8 CNY; flows are annual rates of this tick. Matrices are regions in rows, industries in
// columns; vectors are per region.
struct CapitalState {
  // Venture capital.
  Eigen::VectorXd vc_pool;                // V_r offered by investors of region r
  Eigen::VectorXd vc_invested;            // part of V_r invested (0 without an eligible firm)
  Eigen::MatrixXd vc_received;            // by firms of cluster (s, k)
  Eigen::MatrixXd flows;                  // investor region r (row) -> firm region s (column)
  // Guidance funds and the private money they bring.
  Eigen::VectorXd guidance_fund;          // G_r available to region r's fund
  Eigen::MatrixXd guidance_investment;    // invested in firms of cluster (r, k)
  Eigen::MatrixXd private_coinvestment;   // leverage * guidance_investment
  // Leading enterprises.
  Eigen::MatrixXd leading_firms;          // count per cluster
  Eigen::VectorXd leading_support;        // paid by region r's government
  // Debt, 1e8 CNY: sum over the cluster's firms of max(0, -N_i) at the end of the tick.
  Eigen::MatrixXd debt;
  // Government budget of region r and its parts.
  Eigen::VectorXd rd_subsidies;
  Eigen::VectorXd basic_research;
  Eigen::VectorXd pilot_purchases;
  Eigen::VectorXd adoption_subsidies;
  Eigen::VectorXd budget_spent;
  // Net-worth bookkeeping per region (for the identity): 1e8 CNY, stocks and changes of this tick.
  Eigen::VectorXd opening_net_worth;      // sum of N_i before this tick's accounts
  Eigen::VectorXd profit;                 // sum of profits booked this tick, before tax, 1e8 CNY/year
  Eigen::VectorXd exited_net_worth;       // N_i of the firms that exited this tick
  Eigen::VectorXd scrapped_capital;       // book value of their machines, scrapped
  Eigen::VectorXd liquidations;           // the positive part of their money (N_i - K_i), paid to the owners
  Eigen::VectorXd write_offs;             // minus the negative part, the debt the bank writes off
  Eigen::VectorXd entered_net_worth;      // N_i of this tick's entrants and spin-offs
};

}  // namespace models
