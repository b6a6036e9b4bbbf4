#pragma once
// The local, derivative-free refinement of the best point (NLopt: Nelder-Mead, Subplex or BOBYQA) in the
// unit cube of the parameters. NLopt asks for one point at a time; the caller's objective runs that
// point's replicates in parallel.
#include <functional>
#include <string>
#include <vector>

#include "sim/calibrate/calibration_file.hpp"

namespace sim::calibrate {

struct LocalResult {
  std::vector<double> best;  // unit coordinates
  double loss = 0.0;
  int evaluations = 0;
  std::string stop_reason;   // NLopt's, in words
};

// Minimises `loss` over [0, 1]^d from `start` with the first step `initial_step` (a share of the range)
// until a step moves every coordinate less than settings.local_tolerance or settings.local_evaluations
// points were tried. An infinite loss (a failed run) counts as the worst value. Exceptions of `loss`
// (an interruption) propagate.
LocalResult local_search(const std::function<double(const std::vector<double>&)>& loss, const std::vector<double>& start,
                         double initial_step, const SearchSettings& settings);

}  // namespace sim::calibrate
