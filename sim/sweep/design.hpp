#pragma once
// Experimental designs for parameter sweeps: which scenarios to run. Plain functions, no I/O; the
// sweep-file loader builds a Design and turns the std::invalid_argument thrown here into file:line
// errors. A design is deterministic: its points depend only on the Design value (kind, parameters in
// order, samples, seed), never on the platform's standard library.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sim::sweep {

// One swept parameter: a scenario key and how it varies.
struct Parameter {
  std::string key;             // e.g. "policy.rd_subsidy_rate"; non-empty, unique within a design
  std::vector<double> values;  // grid and list designs; ignored by sampled designs
  double low = 0, high = 0;    // random, latin_hypercube, sobol: uniform on [low, high]; ignored otherwise
  bool integer = false;        // sampled designs round each value to the nearest integer (halves away
                               // from zero); grid and list designs require every value to be an integer
};

enum class DesignKind {
  grid,             // Cartesian product of the values, the last parameter varying fastest
  list,             // row i takes values[i] of every parameter (all lists of one length)
  random,           // `samples` independent uniform points
  latin_hypercube,  // `samples` points, each of the `samples` strata of every parameter hit once
  sobol,            // Saltelli's scheme for first-order and total Sobol indices, `samples` base points
};

// "grid", "list", "random", "latin_hypercube", "sobol".
std::string_view to_string(DesignKind kind);

struct Design {
  DesignKind kind = DesignKind::grid;
  std::vector<Parameter> parameters;
  std::int64_t samples = 0;  // random, latin_hypercube: points; sobol: base points N; ignored otherwise
  std::uint64_t seed = 0;    // random, latin_hypercube; sobol and the value designs draw nothing
};

// Where a row of a Saltelli design comes from: matrix A, matrix B, or A_B^(i) (A with column i from B).
enum class SaltelliMatrix { a, b, ab };

struct SaltelliRole {
  SaltelliMatrix matrix = SaltelliMatrix::a;
  std::int64_t sample = 0;      // base sample j in [0, N)
  std::int64_t parameter = -1;  // i in [0, d) for ab; -1 for a and b
  friend bool operator==(const SaltelliRole&, const SaltelliRole&) = default;
};

// The scenarios of a design: one row per scenario, one column per parameter (in parameter order).
struct Points {
  std::vector<std::string> keys;          // the parameters' keys, in order
  std::vector<std::vector<double>> rows;  // rows[r][p]: value of keys[p] in scenario r
  std::vector<SaltelliRole> roles;        // sobol: one per row; empty for every other kind
};

// A design larger than this is refused (a mistyped `samples` should not exhaust memory).
inline constexpr std::int64_t max_points = 10'000'000;

// Checks the design and returns its number of scenarios without generating them:
// grid: the product of the value counts; list: the common length; random, latin_hypercube: samples;
// sobol: samples * (d + 2). Throws std::invalid_argument (naming the parameter's key where there is one)
// for: no parameters; an empty or repeated key; a grid or list parameter without values, a non-finite
// value, or a non-integer value of an integer parameter; list lengths differing; for sampled designs
// samples < 1, low or high not finite, low >= high; for sobol 2d above Boost's Sobol dimension limit
// (3667); more than max_points scenarios.
std::int64_t point_count(const Design& design);

// The design's points. Checks as point_count does. Draws and layouts:
//
// random: boost::random::mt19937_64 seeded with `seed`; points in row order, within a row parameters in
//   order, each value from boost::random::uniform_real_distribution<double>(low, high), so [low, high).
//   A design with more samples extends one with fewer (same seed): its first rows are the same.
// latin_hypercube: boost::random::mt19937_64 seeded with `seed`; for each parameter in order, first a
//   permutation pi of 0..n-1 (Fisher-Yates, swapping k with boost::random::uniform_int_distribution on
//   [0, k] for k = n-1 down to 1), then for rows r = 0..n-1 a position u_r from
//   uniform_real_distribution<double>(0, 1); row r gets a + u_r (b - a) in the stratum pi[r], where
//   stratum k is [a, b) with a = low + (k / n)(high - low), b = low + ((k + 1) / n)(high - low),
//   computed exactly so (a value that rounds up to b is moved to the double just below b).
// sobol: the first N points of boost::random::sobol of dimension 2d (Boost's engine already omits the
//   all-zero point, so the first point is (1/2, ..., 1/2)), each coordinate the engine's 64-bit integer
//   x as u = x * 2^-64; A = the first d coordinates, B = the last d, a coordinate of parameter p scaled
//   to low + u (high - low). Rows come in blocks of d + 2 per base sample j = 0..N-1: A_j, B_j, then
//   A_B^(i)_j for i = 0..d-1 (A_j with column i from B_j); `roles` labels every row. A design with a
//   larger N extends one with a smaller N. The sequence is not scrambled: `seed` is unused. Sobol
//   sequences are best balanced when N is a power of two. Unscrambled, A_j and B_j share a coordinate
//   now and then (A_0 = B_0 = the midpoint), so some A_B^(i) rows equal A_j (e.g. 55 of 5120 for
//   N = 1024, d = 5): valid nodes of the estimators, whose model runs a runner may reuse.
// integer parameters of sampled designs are rounded after scaling (so in LHS, rounding may move a value
// out of its stratum, and in random designs `high` itself may appear).
Points generate(const Design& design);

}  // namespace sim::sweep
