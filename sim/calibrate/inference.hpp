#pragma once
// Inference for the method of simulated moments (docs/calibration.md, Inference): standard errors from
// the sandwich formula with the simulation-noise factor 1 + 1/R, the J test of over-identifying
// restrictions, each moment's t-ratio, and identification diagnostics. Plain functions over Eigen
// matrices, no I/O.
//
// With g(theta) = m_sim(theta) - m_data (m_sim the mean of R replicates), W the weighting matrix, S the
// covariance of the data moments (of one replicate's moments, under the model), G = dm_sim/dtheta:
//   Var(theta_hat) = (1 + 1/R) (G'WG)^-1 G'W S W G (G'WG)^-1      (Gourieroux and Monfort 1996, ch. 2;
//                                                                  Lee and Ingram 1991)
//   J = g' [(1 + 1/R) S]^-1 g,  chi-squared with M - d degrees of freedom when W = S^-1.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace sim::calibrate {

struct InferenceInput {
  std::vector<std::string> parameters;  // names, for the warnings
  std::vector<std::string> moments;
  Eigen::VectorXd estimate;            // theta_hat, d
  Eigen::VectorXd low, high;           // the search's bounds, d
  Eigen::VectorXd targets;             // m_data, M
  Eigen::VectorXd fitted;              // m_sim(theta_hat), M
  Eigen::MatrixXd jacobian;            // G, M x d
  Eigen::MatrixXd weighting;           // W, M x M, symmetric positive definite
  Eigen::MatrixXd moment_covariance;   // S, M x M, symmetric positive definite
  int replicates = 1;                  // R
};

struct Inference {
  Eigen::MatrixXd covariance;        // Var(theta_hat), d x d; +inf on the diagonal where not identified
  Eigen::VectorXd standard_errors;   // d
  double j_statistic = 0.0;
  int degrees_of_freedom = 0;        // M - d
  double j_p_value = 0.0;            // NaN when M <= d (exactly identified: J is 0 at an exact fit)
  Eigen::VectorXd t_ratios;          // (m_sim - m_data) / sqrt((1 + 1/R) S_jj), M
  // Andrews, Gentzkow and Shapiro (2017): Lambda = -(G'WG)^-1 G'W, d x M; Lambda_pj times a change of
  // moment j's target is the first-order change of estimate p.
  Eigen::MatrixXd sensitivity;
  // dm_j/du_p / sqrt(S_jj), M x d, with u_p the parameter as a share of its range: how many of the
  // moment's standard errors the moment moves when the parameter crosses its whole range.
  Eigen::MatrixXd scaled_jacobian;
  Eigen::VectorXd singular_values;   // of W^(1/2) G diag(high - low), largest first
  std::vector<std::string> warnings;
};

// Throws std::invalid_argument when the dimensions disagree or W or S is not positive definite.
Inference infer(const InferenceInput& input);

}  // namespace sim::calibrate
