#pragma once
// The innovation chain's parameters and state: research institutes, basic knowledge, spillovers
// (model brief §4.2, §4.4). Every default, unit and range is in declare_knowledge_keys.
#include <Eigen/Dense>

namespace models {

struct KnowledgeParameters {
  double distance_decay_km{};  // delta_d
  double cutoff_km{};          // no spatial link beyond this distance


  // Research institutes (§4.2).
  double basic_depreciation{};     // delta_B, 1/year
  double research_productivity{};  // phi, basic knowledge per year per unit of F^alpha Res^beta
  double funding_elasticity{};     // alpha
  double researcher_elasticity{};  // beta
  double researcher_share{};       // researchers as a share of the region's talent stock
  double field_specialisation{};   // theta: weight of output shares (vs equal shares) in the field allocation

  // Technology proximity P (§4.4).
  double proximity_linked{};     // industries linked by an input
  double proximity_same_kind{};  // same kind, not linked
  double proximity_other{};      // any other pair

  // Absorptive capacity and its use (§4.3, §4.4).
  double absorption_rate{};         // kappa
  double cooperation_absorption{};  // chi: cooperation multiplies kappa by 1 + chi c
  double step_gain{};               // g: the innovation step's upper bound rises by up to this share
  double pool_half_saturation{};    // h: the pool at which its effect is half its maximum

  // Spin-offs (§4.2) and entry (§4.9).
  double leading_supplier_spillover{};  // extra knowledge leading enterprises pass to local suppliers
  double spinoff_rate{};           // lambda_s, firms per unit of shared basic knowledge per year
  double entry_knowledge_sensitivity{};  // psi_K
  double entry_talent_elasticity{};      // psi_H
};

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
