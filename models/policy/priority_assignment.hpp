#pragma once
// Staggered development: which industries each region makes a priority in a plan period.
//
// A region r and an industry k form a pair; the advantage matrix A (R x K, entries finite and >= 0,
// e.g. location quotients) scores region r in industry k. Only "plannable" industries (plannable[k])
// can be priorities; non-plannable columns are always 0 in the result. Three modes:
//   none         every_plannable: every region takes every plannable industry (homogeneous development).
//   comparative  comparative_priorities: each region independently takes its m best plannable
//                industries (decentralised; regions may all pick the same ones).
//   coordinated  coordinated_priorities: a national coordinator picks pairs with at most m per region and
//                at most c regions per industry, (1) as many pairs as possible, (2) among those, the
//                largest total advantage.
//
// coordinated_priorities is an exact maximum-weight maximum-cardinality bipartite b-matching, solved as a
// min-cost maximum flow: source -> region r (capacity m, cost 0) -> industry k (capacity 1, cost -A_rk,
// plannable k only) -> sink (capacity c, cost 0), by successive shortest augmenting paths found with
// Bellman-Ford (the residual graph has negative arcs but no negative cycles). Successive shortest paths
// keeps the flow of each value it passes through at minimum cost, so when no augmenting path is left the
// flow is a maximum flow of minimum cost among maximum flows, i.e. most pairs first, then the largest
// total advantage. The constraint matrix is totally unimodular (a network matrix), so the integral flow
// is optimal even against fractional plans (Ahuja, Magnanti and Orlin 1993, Network Flows, ch. 9:
// optimality conditions, integrality property, successive shortest path algorithm). Each augmentation
// carries one unit (region-industry arcs have capacity 1), so there are F <= min(R * m, K * c, R * K)
// of them, each a Bellman-Ford pass of O(V * E) with V = R + K + 2, E = R + R * K + K: O(F * V * E)
// (about 1 ms at 31 x 18, m = 3, c = 5).
//
// Floating point: a label is only lowered when it improves by more than eps = 1e-12 * max A, so rounding
// on zero-cost residual cycles cannot make the search cycle (each pass is also capped at V rounds); the
// flow stays eps-optimal, so its total advantage is within 6 * F * eps of the optimum (the cardinality is
// exact). Arcs are relaxed in a fixed order (source arcs, then region-industry arcs by region then
// industry, then sink arcs), so the same input always gives the same output; among equally good plans
// the one returned is whichever that order reaches first (not a lexicographic rule).
//
// Eligibility: the comparative and coordinated functions also take a matrix `eligible` (R x K) of the
// pairs that may become priorities at all (the staggered-development planner's minimum cluster size and
// pilots, staggered_development.hpp); an ineligible pair is treated exactly like a pair of a
// non-plannable industry. Without it every pair of a plannable industry is eligible.
//
// The functions throw std::invalid_argument on programming errors (each for the arguments it takes):
// m < 0, c < 0, regions < 0, plannable.size() != number of industries (columns of A), eligible not of
// A's shape, or an entry of A negative or not finite (every entry is checked, plannable or not).
#include <vector>

#include <Eigen/Dense>

namespace models {

// R x K, 1 where region r makes industry k a priority, else 0. Plain int rather than std::uint8_t:
// Eigen reductions keep the scalar type, so priorities.rowwise().sum() / .colwise().sum() / .sum() on a
// uint8 matrix would wrap at 255, and the matrix is tiny (31 x 18), so compactness does not matter.
using Priorities = Eigen::MatrixXi;

// R x K, true where the pair (r, k) may become a priority.
using Eligibility = Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>;

// Mode none: row r, column k is 1 exactly when plannable[k]. regions x plannable.size().
Priorities every_plannable(int regions, const std::vector<bool>& plannable);

// Mode comparative: for each region, the min(m, number plannable) plannable industries with the largest
// advantage; equal advantages are broken in favour of the lower industry index.
Priorities comparative_priorities(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable, int m);
// The same among the eligible pairs only: min(m, eligible plannable pairs of the region) per region.
Priorities comparative_priorities(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable,
                                  const Eligibility& eligible, int m);

// Mode coordinated: at most m industries per region, at most c regions per plannable industry; the most
// pairs possible, and among those the largest sum of advantage (exact; see above).
Priorities coordinated_priorities(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable, int m,
                                  int c);
// The same with arcs for the eligible pairs only: the most eligible pairs, then the largest advantage.
Priorities coordinated_priorities(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable,
                                  const Eligibility& eligible, int m, int c);

}  // namespace models
