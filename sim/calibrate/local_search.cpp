#include "sim/calibrate/local_search.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <nlopt.hpp>

namespace sim::calibrate {

namespace {

nlopt::algorithm algorithm_of(LocalAlgorithm local) {
  switch (local) {
    case LocalAlgorithm::sbplx: return nlopt::LN_SBPLX;
    case LocalAlgorithm::bobyqa: return nlopt::LN_BOBYQA;
    case LocalAlgorithm::neldermead: break;
  }
  return nlopt::LN_NELDERMEAD;
}

std::string reason(nlopt::result result) {
  switch (result) {
    case nlopt::XTOL_REACHED: return "a step moved every parameter by less than the tolerance";
    case nlopt::FTOL_REACHED: return "the loss changed by less than the tolerance";
    case nlopt::MAXEVAL_REACHED: return "the local search's budget of evaluations was spent";
    case nlopt::STOPVAL_REACHED: return "the loss reached its floor";
    case nlopt::SUCCESS: return "NLopt reported success";
    default: return "NLopt stopped";
  }
}

struct Context {
  const std::function<double(const std::vector<double>&)>* loss = nullptr;
  std::exception_ptr failure;
  int evaluations = 0;
  std::vector<double> best;
  double best_loss = std::numeric_limits<double>::infinity();
};

double objective(unsigned n, const double* x, double* /*gradient*/, void* data) {
  auto& context = *static_cast<Context*>(data);
  const std::vector<double> point(x, x + n);
  double value = std::numeric_limits<double>::infinity();
  try {
    value = (*context.loss)(point);
  } catch (...) {
    // NLopt is C: an exception must not cross it. Stop it, and rethrow after.
    context.failure = std::current_exception();
    throw nlopt::forced_stop();
  }
  ++context.evaluations;
  if (value < context.best_loss || context.best.empty()) {
    context.best_loss = value;
    context.best = point;
  }
  // NLopt's simplex methods compare values; a huge finite one keeps their arithmetic finite.
  return std::isfinite(value) ? value : std::numeric_limits<double>::max() / 4;
}

}  // namespace

LocalResult local_search(const std::function<double(const std::vector<double>&)>& loss, const std::vector<double>& start,
                         double initial_step, const SearchSettings& settings) {
  const auto d = static_cast<unsigned>(start.size());
  nlopt::opt optimiser(algorithm_of(settings.local), d);
  optimiser.set_lower_bounds(std::vector<double>(d, 0.0));
  optimiser.set_upper_bounds(std::vector<double>(d, 1.0));
  optimiser.set_xtol_abs(settings.local_tolerance);
  optimiser.set_maxeval(settings.local_evaluations);
  // A first step that stays inside the box on at least one side of the start.
  std::vector<double> step(d);
  for (unsigned p = 0; p < d; ++p) step[p] = std::min(initial_step, std::max(start[p], 1.0 - start[p]));
  optimiser.set_initial_step(step);
  Context context;
  context.loss = &loss;
  optimiser.set_min_objective(objective, &context);
  std::vector<double> x = start;
  double value = 0.0;
  LocalResult result;
  try {
    result.stop_reason = reason(optimiser.optimize(x, value));
  } catch (const nlopt::forced_stop&) {
    if (context.failure) std::rethrow_exception(context.failure);
    result.stop_reason = "stopped";
  } catch (const nlopt::roundoff_limited&) {
    result.stop_reason = "NLopt's arithmetic reached its round-off limit";
  }
  if (context.failure) std::rethrow_exception(context.failure);
  result.best = context.best.empty() ? start : context.best;
  result.loss = context.best_loss;
  result.evaluations = context.evaluations;
  return result;
}

}  // namespace sim::calibrate
