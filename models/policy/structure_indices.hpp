#pragma once
// Regional-structure indices used to measure homogeneous development (regions converging on the same
// industry mix) and duplicated investment (many regions building up the same industry).
//
// Definitions:
//   Structural similarity coefficient: the cosine of two regions' industry-share vectors (the
//     similarity coefficient of UNIDO, 1979), the usual measure of structural convergence.
//   Specialisation index K_ij = sum_k |s_ik - s_jk|: Krugman, P. (1991), Geography and Trade, MIT Press
//     (his index of regional divergence).
//   Location quotient: the standard definition. Plant Herfindahl: as in Ellison and Glaeser (below).
//   Agglomeration index gamma: Ellison, G. and E. L. Glaeser (1997), "Geographic Concentration in U.S.
//     Manufacturing Industries: A Dartboard Approach", Journal of Political Economy 105(5), 889-927.
//
// Matrices have regions in rows (r = 0..R-1) and industries in columns (k = 0..K-1). Output must be
// non-negative. Undefined pairwise or per-industry values are NaN rather than 0, so that averages over
// regions or industries can skip them instead of being dragged towards a value that means "identical"
// or "no concentration".
#include <Eigen/Dense>
#include <cstdint>
#include <span>

namespace models {

// s_rk = X_rk / sum_k X_rk; a region with no output has a row of zeros, which the pairwise indices
// below recognise as "no structure".
Eigen::MatrixXd industry_shares(const Eigen::MatrixXd& output);

// S_ij = sum_k s_ik s_jk / sqrt(sum_k s_ik^2 sum_k s_jk^2): R x R, symmetric, 1 = identical structures,
// 0 = no industry in common. NaN in the row and column of a region without output (including its
// diagonal entry), since a region with no structure is neither like nor unlike another.
Eigen::MatrixXd structural_similarity(const Eigen::MatrixXd& shares);

// K_ij = sum_k |s_ik - s_jk|: R x R, symmetric, 0 = identical structures, 2 = disjoint. NaN in the row
// and column of a region without output, for the same reason as structural_similarity.
Eigen::MatrixXd krugman_specialisation(const Eigen::MatrixXd& shares);

// Mean of the finite entries above the diagonal (i < j) of a square symmetric pairwise matrix; NaN when
// there are none. The diagonal is skipped because a region compared with itself says nothing about
// convergence between regions.
double mean_over_pairs(const Eigen::MatrixXd& pairwise);

// LQ_rk = (X_rk / X_r) / (X_k / X). Where the region or the industry has no output the quotient is
// 0/0; it is reported as 0 (not NaN) because such a cell is certainly not a specialisation, so it must
// count as "LQ <= 1" in duplication_counts and in any sum over cells.
Eigen::MatrixXd location_quotients(const Eigen::MatrixXd& output);

// Per industry, the number of regions with LQ > 1 (strictly: a region exactly at the national share
// is not specialised). Counts are returned as doubles so they can be written like any other series.
Eigen::VectorXd duplication_counts(const Eigen::MatrixXd& location_quotients);

// Plant Herfindahl per industry, H_k = sum_i z_i^2 with z_i firm i's share of industry k's output.
// firm_industry[i] must lie in [0, industries) and firm_output[i] >= 0; the spans must have equal
// length (std::out_of_range / std::invalid_argument otherwise). Industries without output get NaN.
// One pass over the firms; allocates only per industry, never per firm.
Eigen::VectorXd plant_herfindahl(std::span<const std::int32_t> firm_industry, std::span<const double> firm_output,
                                 int industries);

// Ellison-Glaeser index per industry,
//   gamma_k = (G_k - (1 - sum_r x_r^2) H_k) / ((1 - sum_r x_r^2)(1 - H_k)),
//   G_k = sum_r (s_rk - x_r)^2,
// s_rk = region r's share of industry k's output, x_r = region r's share of total output, H_k the plant
// Herfindahl (size K, else std::invalid_argument). gamma ~ 0 is what independent "dartboard" location of
// the plants would give; gamma > 0 means more concentration than that. NaN where undefined: no output in
// industry k, H_k >= 1 (a single plant cannot be more or less concentrated than chance), or fewer than
// two regions with output (1 - sum x_r^2 = 0).
Eigen::VectorXd ellison_glaeser(const Eigen::MatrixXd& output, const Eigen::VectorXd& herfindahl);

}  // namespace models
