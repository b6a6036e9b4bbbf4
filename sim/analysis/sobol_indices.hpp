#pragma once
// Variance-based sensitivity (Sobol) indices from a Saltelli design.
//
// Design: A and B are two independent N x k matrices of parameter draws (rows = base samples j,
// columns = parameters i); AB^(i) is A with its column i taken from B. The model is run on every row
// of A, B and each AB^(i), N (k + 2) runs in all.
//
// Estimators, with V the variance of f over the 2N values of f(A) and f(B) together (divided by 2N,
// as in SALib; the difference from 2N - 1 is immaterial at the sample sizes these are used with):
//   first order  S_i = (1/N) sum_j f(B)_j (f(AB^(i))_j - f(A)_j) / V
//     Saltelli, A., P. Annoni, I. Azzini, F. Campolongo, M. Ratto and S. Tarantola (2010),
//     "Variance based sensitivity analysis of model output. Design and estimator for the total
//     sensitivity index", Computer Physics Communications 181, 259-270 (Table 2, (b)).
//   total        T_i = (1/(2N)) sum_j (f(A)_j - f(AB^(i))_j)^2 / V
//     Jansen, M. J. W. (1999), "Analysis of variance designs for model output", Computer Physics
//     Communications 117, 35-43 (Saltelli et al. 2010, Table 2, (f)).
// In S_i, f is first centred by its mean over A and B (f(B)_j becomes f(B)_j - mean, as SALib does).
// This leaves the expectation of the numerator unchanged (the mean of f(AB^(i)) - f(A) is 0) but
// removes the noise mean(f) * (f(AB^(i)) - f(A)), which makes the uncentred estimator useless for
// outputs whose mean is large relative to their spread (levels such as GDP). T_i needs no centring.
// With finite N, S_i can be slightly negative and S_i or T_i can exceed 1.
//
// Confidence intervals: bootstrap over base samples. Each resample draws N indices j with
// replacement (the same indices for every parameter, so A, B and every AB^(i) stay aligned) and
// recomputes V, S_i and T_i from them; the interval is the (1-level)/2 and (1+level)/2 percentiles of
// the resampled values (linear interpolation between order statistics, type 7 of Hyndman and Fan
// 1996, numpy's default). The draws come from boost::random::mt19937_64 seeded with `seed` and
// boost::random::uniform_int_distribution, so they are the same on every platform and standard
// library. Resamples whose index is not finite (V = 0 in that resample) are left out of the percentiles.
//
// Missing values: a base sample j with a NaN in f(A)_j, f(B)_j or any f(AB^(i))_j is dropped from
// every index (so all indices use the same samples). If fewer than 2 samples remain, or V = 0, the
// indices are NaN. resamples = 0 gives NaN intervals.
#include <cstdint>
#include <string>
#include <vector>

namespace sim::analysis {

// Results of the Saltelli blocks: for base sample j, f(A_j), f(B_j), and f(AB^(i)_j) for each
// parameter i.
struct SaltelliResults {
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab;  // ab[i][j]
};

struct SobolIndex {
  double first_order, first_low, first_high, total, total_low, total_high;
};

// One entry per parameter (results.ab.size()). a, b and every ab[i] must have the same length,
// resamples >= 0 and 0 < level < 1 (std::invalid_argument otherwise).
std::vector<SobolIndex> sobol_indices(const SaltelliResults& results, int resamples = 1000, double level = 0.95,
                                      std::uint64_t seed = 1);

// Whether the indices are stable enough to read, judged from their bootstrap intervals: one sentence per
// problem found (empty: none), naming the parameter. The rule:
//   - an interval (first-order or total) wider than `widest` (default 0.1): the index is not known to
//     +-0.05, so parameters whose indices differ by less than that cannot be ranked, and the point
//     estimate can move by that much with another sample;
//   - an interval lying wholly below 0 or above 1: the estimator is off by more than its own noise
//     suggests (true indices lie in [0, 1]), which happens when a few base samples dominate the variance;
//   - an index or interval that is NaN (no variance, too few samples, or no resamples): nothing to judge by.
// The interval's width shrinks like 1 / sqrt(N) in the base samples N, so a warning says how many more
// are needed: about N (width / widest)^2.
std::vector<std::string> stability_problems(const std::vector<SobolIndex>& indices,
                                            const std::vector<std::string>& parameters, double widest = 0.1);

}  // namespace sim::analysis
