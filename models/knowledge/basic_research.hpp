#pragma once
// Research institutes turn funding and researchers into basic knowledge (model brief §4.2).
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Share of a region's basic-research funding and researchers that goes to field k:
//   theta * output_rk / sum_j output_rj + (1 - theta) / K  (equal shares for a region without output).
Eigen::MatrixXd research_field_shares(const Eigen::MatrixXd& output, double specialisation);

// Basic knowledge produced per year by an institute: phi * funding^alpha * researchers^beta.
double basic_knowledge_inflow(const KnowledgeParameters& parameters, double funding, double researchers);

// Funding F_r = f * GDP_r, researchers Res_r = share * talent stock_r, and the field shares.
void update_research_inputs(Economy& economy);

// B_rk <- (1 - delta_B dt) B_rk + inflow(F_r s_rk, Res_r s_rk) dt.
void basic_research_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
