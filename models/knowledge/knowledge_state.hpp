#pragma once
// The knowledge chain's state: research institutes, basic knowledge, spillovers (model brief §4.2,
// §4.4). Its parameters are in knowledge_parameters.hpp.
#include <Eigen/Dense>

namespace models {

// Matrices are regions in rows, industries (research fields) in columns; vectors are per region.
struct KnowledgeState {
  Eigen::MatrixXd basic;                // B_rk, basic knowledge (1: see docs)
  Eigen::VectorXd funding;              // F_r, 1e8 CNY/year
  Eigen::VectorXd researchers;          // Res_r, persons
  Eigen::MatrixXd field_share;          // share of F_r and Res_r going to field k
  Eigen::MatrixXd proximity;            // P0 (K x K): P_kj, how much of j's knowledge reaches k, no digital penetration
  Eigen::MatrixXd digital_proximity;    // D: what full penetration adds to P0 (digital columns only)
  Eigen::MatrixXd cluster_knowledge;    // X_rk
  Eigen::MatrixXd pool;                 // S = W X P^T
  Eigen::MatrixXd received;             // part of S from other regions
  Eigen::MatrixXd spinoffs;             // count this tick
  Eigen::MatrixXd absorptive_capacity;  // mean gamma of the cluster's firms this tick
};

}  // namespace models
