#pragma once
// Where the global search looks, in the unit cube of the parameters (u_p = (theta_p - low_p) / range_p):
// the first points of a Sobol sequence, then best-batch rounds around the best points so far (the
// sampler of black-it, Benedetti et al. 2022, with Gaussian rather than beta-binomial steps). Plain
// functions; deterministic in their arguments.
#include <cstdint>
#include <vector>

namespace sim::calibrate {

// The first `count` points of Boost's Sobol sequence of dimension `dimension` (without the all-zero
// point, so the first is the centre), each coordinate the engine's 64-bit integer x as x * 2^-64.
std::vector<std::vector<double>> sobol_points(std::size_t dimension, std::size_t count);

// One best-batch round: for each of `best` (the best points so far, best first) a new point, each
// coordinate the old one plus a normal step of standard deviation `spread`, reflected back into [0, 1].
// Draws from boost::random::mt19937_64 seeded with seed + round, points in order, coordinates in order.
std::vector<std::vector<double>> best_batch_points(const std::vector<std::vector<double>>& best, double spread,
                                                   std::uint64_t seed, int round);

// The spread of round r (0-based): 0.1 / 2^r of the range.
double best_batch_spread(int round);

}  // namespace sim::calibrate
