#pragma once
// Random draws whose parameters are checked before the distribution sees them. Boost's distributions
// assume valid parameters: a NaN Poisson mean makes poisson_distribution loop forever, a mean past the
// integer range returns garbage, and a Beta shape of 1e308 never finishes its rejection loop. Each draw
// here throws sim::ModelFailure instead, naming the draw through `where()` (called only on failure),
// e.g. "entrants of Beijing, new_energy".
#include <fmt/format.h>

#include <boost/random/beta_distribution.hpp>
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <string>

#include "sim/random_stream.hpp"
#include "sim/run/model_failure.hpp"

namespace sim {

// Means above this are far past any count the model makes in one tick, and near where Boost's Poisson
// sampler (PTRD) loses precision in double arithmetic.
inline constexpr double max_poisson_mean = 1.0e12;
// The Beta sampler draws two Gamma variates; shapes outside this band take it into underflow or into
// rejection loops that do not end in reasonable time.
inline constexpr double min_beta_shape = 1.0e-3;
inline constexpr double max_beta_shape = 1.0e6;

template <class Where>
std::int64_t draw_poisson(double mean, RandomStream& stream, Where&& where) {
  if (!(mean >= 0.0 && mean <= max_poisson_mean)) {
    throw ModelFailure(fmt::format("{}: a Poisson mean of {} (expected a finite number in [0, {:g}])", where(), mean,
                                   max_poisson_mean));
  }
  if (mean == 0.0) return 0;
  return boost::random::poisson_distribution<std::int64_t, double>(mean)(stream);
}

template <class Where>
std::int64_t draw_binomial(std::int64_t trials, double probability, RandomStream& stream, Where&& where) {
  if (trials < 0 || !(probability >= 0.0 && probability <= 1.0)) {
    throw ModelFailure(fmt::format("{}: a binomial draw of {} trials with probability {} (expected trials >= 0 and "
                                   "a probability in [0, 1])",
                                   where(), trials, probability));
  }
  if (trials == 0 || probability == 0.0) return 0;
  if (probability == 1.0) return trials;
  return boost::random::binomial_distribution<std::int64_t, double>(trials, probability)(stream);
}

template <class Where>
double draw_beta(double a, double b, RandomStream& stream, Where&& where) {
  if (!(a >= min_beta_shape && a <= max_beta_shape && b >= min_beta_shape && b <= max_beta_shape)) {
    throw ModelFailure(fmt::format("{}: a Beta draw with shapes {} and {} (expected each in [{:g}, {:g}])", where(), a,
                                   b, min_beta_shape, max_beta_shape));
  }
  // A fresh distribution per draw: no state may carry over from one stream to another.
  return boost::random::beta_distribution<double>(a, b)(stream);
}

}  // namespace sim
