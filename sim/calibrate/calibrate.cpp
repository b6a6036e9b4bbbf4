#include "sim/calibrate/calibrate.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "sim/calibrate/local_search.hpp"
#include "sim/calibrate/search_points.hpp"
#include "sim/version.hpp"

namespace sim::calibrate {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// The first step of a local search, as a share of each parameter's range.
constexpr double local_first_step = 0.1;

double loss_of(const std::vector<double>& moments, const Eigen::VectorXd& targets, const Eigen::MatrixXd& weighting) {
  Eigen::VectorXd residual(targets.size());
  for (Eigen::Index m = 0; m < targets.size(); ++m) {
    if (!std::isfinite(moments[static_cast<std::size_t>(m)])) return infinity;
    residual(m) = moments[static_cast<std::size_t>(m)] - targets(m);
  }
  return residual.dot(weighting * residual);
}

class Search {
 public:
  Search(const CalibrationSpec& spec, Evaluator& evaluator, CalibrationResult& result,
         const std::function<void(const CalibrationProgress&)>& progress)
      : spec_(spec), evaluator_(evaluator), result_(result), progress_(progress), started_(std::chrono::steady_clock::now()) {
    const auto d = static_cast<Eigen::Index>(spec.parameters.size());
    const auto m = static_cast<Eigen::Index>(spec.moments.size());
    low_.resize(d);
    width_.resize(d);
    for (Eigen::Index p = 0; p < d; ++p) {
      low_(p) = spec.parameters[static_cast<std::size_t>(p)].low;
      width_(p) = spec.parameters[static_cast<std::size_t>(p)].high - low_(p);
    }
    targets_.resize(m);
    Eigen::VectorXd variance(m);
    for (Eigen::Index j = 0; j < m; ++j) {
      targets_(j) = spec.moments[static_cast<std::size_t>(j)].target;
      const double se = spec.moments[static_cast<std::size_t>(j)].target_standard_error;
      variance(j) = se * se;
    }
    covariance_ = variance.asDiagonal();
    weighting_ = variance.cwiseInverse().asDiagonal();
  }

  std::vector<double> to_point(const std::vector<double>& unit) const {
    std::vector<double> point(unit.size());
    for (std::size_t p = 0; p < unit.size(); ++p) {
      const auto i = static_cast<Eigen::Index>(p);
      point[p] = std::clamp(unit[p], 0.0, 1.0) * width_(i) + low_(i);
      point[p] = std::min(point[p], spec_.parameters[p].high);  // the rounding of low + width may pass it
    }
    return point;
  }
  std::vector<double> to_unit(const std::vector<double>& point) const {
    std::vector<double> unit(point.size());
    for (std::size_t p = 0; p < point.size(); ++p) {
      const auto i = static_cast<Eigen::Index>(p);
      unit[p] = (point[p] - low_(i)) / width_(i);
    }
    return unit;
  }

  // The replicate keys of the next evaluation: the same for every point with common random numbers,
  // new ones for each evaluation without.
  std::vector<std::uint32_t> next_keys(std::size_t offset) const {
    std::vector<std::uint32_t> keys(static_cast<std::size_t>(spec_.replicates));
    const std::size_t base = spec_.common_random_numbers
                                 ? 0
                                 : (result_.evaluations.size() + offset) * static_cast<std::size_t>(spec_.replicates);
    for (std::size_t j = 0; j < keys.size(); ++j) keys[j] = spec_.first_replicate + static_cast<std::uint32_t>(base + j);
    return keys;
  }

  // Evaluates points (parameter values) with the given keys and appends them to the results.
  std::vector<std::size_t> evaluate(const std::vector<std::vector<double>>& points,
                                    std::vector<std::vector<std::uint32_t>> keys, Stage stage) {
    stage_ = stage;
    std::vector<Evaluation> done = evaluator_.evaluate(points, keys, [&](const EvaluatorProgress& runs) {
      report(runs);
    });
    std::vector<std::size_t> indices;
    for (Evaluation& evaluation : done) {
      EvaluatedPoint evaluated;
      evaluated.stage = stage;
      evaluated.search_loss = loss_of(evaluation.moments, targets_, weighting_);
      evaluated.evaluation = std::move(evaluation);
      indices.push_back(result_.evaluations.size());
      result_.evaluations.push_back(std::move(evaluated));
      best_loss_ = std::min(best_loss_, result_.evaluations.back().search_loss);
    }
    report({});
    return indices;
  }

  std::vector<std::size_t> evaluate_units(const std::vector<std::vector<double>>& units, Stage stage) {
    std::vector<std::vector<double>> points;
    std::vector<std::vector<std::uint32_t>> keys;
    for (std::size_t i = 0; i < units.size(); ++i) {
      points.push_back(to_point(units[i]));
      keys.push_back(next_keys(i));
    }
    return evaluate(points, std::move(keys), stage);
  }

  // The evaluations of the search proper (not the covariance or Jacobian runs), best first under W;
  // ties go to the earlier evaluation.
  std::vector<std::size_t> ranking() const {
    std::vector<std::size_t> order;
    std::vector<double> losses(result_.evaluations.size(), infinity);
    for (std::size_t i = 0; i < result_.evaluations.size(); ++i) {
      const Stage stage = result_.evaluations[i].stage;
      if (stage == Stage::covariance || stage == Stage::jacobian) continue;
      losses[i] = loss_of(result_.evaluations[i].evaluation.moments, targets_, weighting_);
      if (std::isfinite(losses[i])) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return losses[a] < losses[b]; });
    return order;
  }

  void global() {
    const std::size_t d = spec_.parameters.size();
    evaluate_units(sobol_points(d, static_cast<std::size_t>(spec_.search.global_points)), Stage::global);
    if (ranking().empty()) {
      // Say why: the error of the first run that failed or, when the runs ended, that the loss overflowed.
      const auto failed = std::ranges::find_if(
          result_.evaluations, [](const EvaluatedPoint& point) { return !point.evaluation.first_error.empty(); });
      if (failed == result_.evaluations.end()) {
        throw std::runtime_error(
            "no point of the global search has a finite loss, though its runs ended: the targets' values and "
            "standard errors make the weighted squared distance of the moments from them overflow");
      }
      throw std::runtime_error(fmt::format("every point of the global search failed; the first run's error: {}",
                                           failed->evaluation.first_error));
    }
    for (int round = 0; round < spec_.search.batch_rounds; ++round) {
      const std::vector<std::size_t> order = ranking();
      std::vector<std::vector<double>> best;
      for (std::size_t i = 0; i < order.size() && best.size() < static_cast<std::size_t>(spec_.search.batch_size); ++i) {
        best.push_back(to_unit(result_.evaluations[order[i]].evaluation.point));
      }
      evaluate_units(best_batch_points(best, best_batch_spread(round), spec_.search.seed, round), Stage::batch);
    }
  }

  void local(Stage stage) {
    if (spec_.search.local_evaluations == 0) return;
    const std::vector<double> start = to_unit(result_.evaluations[ranking().front()].evaluation.point);
    const LocalResult local = local_search(
        [&](const std::vector<double>& unit) {
          const std::size_t index = evaluate_units({unit}, stage).front();
          return result_.evaluations[index].search_loss;
        },
        start, local_first_step, spec_.search);
    result_.local_stop = local.stop_reason;
  }

  // Efficient weighting: S from the runs of many replicates at the first-stage estimate.
  void estimate_covariance() {
    const std::vector<double> at = result_.evaluations[ranking().front()].evaluation.point;
    std::vector<std::uint32_t> keys;
    for (int j = 0; j < spec_.covariance_replicates; ++j) {
      keys.push_back(spec_.first_replicate + static_cast<std::uint32_t>(spec_.replicates + j));
    }
    const std::size_t index = evaluate({at}, {keys}, Stage::covariance).front();
    const Evaluation& runs = result_.evaluations[index].evaluation;
    if (runs.failed > 0) {
      throw std::runtime_error(fmt::format("{} of the {} runs that estimate the moments' covariance failed: {}",
                                           runs.failed, keys.size(), runs.first_error));
    }
    const auto m = static_cast<Eigen::Index>(spec_.moments.size());
    const auto n = static_cast<Eigen::Index>(keys.size());
    Eigen::MatrixXd values(n, m);
    for (Eigen::Index r = 0; r < n; ++r) {
      for (Eigen::Index j = 0; j < m; ++j) values(r, j) = runs.replicate_moments[static_cast<std::size_t>(r)][static_cast<std::size_t>(j)];
    }
    const Eigen::MatrixXd centred = values.rowwise() - values.colwise().mean();
    covariance_ = centred.transpose() * centred / static_cast<double>(n - 1);
    const Eigen::LLT<Eigen::MatrixXd> root(covariance_);
    if (root.info() != Eigen::Success || covariance_.diagonal().minCoeff() <= 0.0) {
      throw std::runtime_error(fmt::format(
          "the moments' covariance over {} runs at the first-stage estimate is singular (a moment that does not vary "
          "between runs, or moments that move together exactly): use weighting = \"diagonal\" or drop the moment",
          n));
    }
    weighting_ = root.solve(Eigen::MatrixXd::Identity(m, m));
    weighting_ = (weighting_ + weighting_.transpose()) / 2.0;  // symmetric to the last bit
    best_loss_ = infinity;
  }

  // Central differences around the estimate (one-sided at a bound), on the estimate's replicate keys.
  void jacobian() {
    const EvaluatedPoint& at = result_.evaluations[result_.estimate_index];
    const std::vector<double> centre = at.evaluation.point;
    const std::vector<std::uint32_t> keys = at.evaluation.replicates;
    const std::vector<double> unit = to_unit(centre);
    const std::size_t d = centre.size();
    std::vector<std::vector<double>> points;
    for (std::size_t p = 0; p < d; ++p) {
      const double h = spec_.jacobian_step;
      std::vector<double> up = unit;
      std::vector<double> down = unit;
      up[p] = std::min(1.0, unit[p] + h);
      down[p] = std::max(0.0, unit[p] - h);
      points.push_back(to_point(up));
      points.push_back(to_point(down));
    }
    const std::vector<std::size_t> indices =
        evaluate(points, std::vector<std::vector<std::uint32_t>>(points.size(), keys), Stage::jacobian);
    const auto m = static_cast<Eigen::Index>(spec_.moments.size());
    result_.jacobian = Eigen::MatrixXd::Constant(m, static_cast<Eigen::Index>(d), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t p = 0; p < d; ++p) {
      const Evaluation& up = result_.evaluations[indices[2 * p]].evaluation;
      const Evaluation& down = result_.evaluations[indices[2 * p + 1]].evaluation;
      const double distance = up.point[p] - down.point[p];
      for (Eigen::Index j = 0; j < m; ++j) {
        const auto jj = static_cast<std::size_t>(j);
        result_.jacobian(j, static_cast<Eigen::Index>(p)) = (up.moments[jj] - down.moments[jj]) / distance;
      }
    }
  }

  void finish() {
    for (EvaluatedPoint& evaluated : result_.evaluations) {
      evaluated.loss = loss_of(evaluated.evaluation.moments, targets_, weighting_);
    }
    result_.estimate_index = ranking().front();
    const EvaluatedPoint& best = result_.evaluations[result_.estimate_index];
    result_.estimate = Eigen::Map<const Eigen::VectorXd>(best.evaluation.point.data(),
                                                         static_cast<Eigen::Index>(best.evaluation.point.size()));
    result_.loss = best.loss;
    result_.weighting = weighting_;
    result_.moment_covariance = covariance_;
  }

  void infer_at_estimate() {
    const EvaluatedPoint& best = result_.evaluations[result_.estimate_index];
    InferenceInput input;
    for (const ParameterSpec& parameter : spec_.parameters) input.parameters.push_back(parameter.key);
    for (const MomentSpec& moment : spec_.moments) input.moments.push_back(moment.name);
    input.estimate = result_.estimate;
    input.low = low_;
    input.high = low_ + width_;
    input.targets = targets_;
    input.fitted = Eigen::Map<const Eigen::VectorXd>(best.evaluation.moments.data(), targets_.size());
    input.weighting = weighting_;
    input.moment_covariance = covariance_;
    input.replicates = spec_.replicates;
    if (!result_.jacobian.allFinite()) {
      // A run of the Jacobian failed: report the fit without standard errors.
      input.jacobian = Eigen::MatrixXd::Zero(targets_.size(), result_.estimate.size());
      result_.inference = infer(input);
      result_.inference.standard_errors.setConstant(std::numeric_limits<double>::quiet_NaN());
      result_.inference.warnings.insert(result_.inference.warnings.begin(),
                                        "a run of the finite-difference Jacobian failed: no standard errors");
      return;
    }
    input.jacobian = result_.jacobian;
    result_.inference = infer(input);
  }

 private:
  void report(const EvaluatorProgress& runs) {
    if (!progress_) return;
    progress_({stage_, result_.evaluations.size(), best_loss_, runs,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count()});
  }

  const CalibrationSpec& spec_;
  Evaluator& evaluator_;
  CalibrationResult& result_;
  const std::function<void(const CalibrationProgress&)>& progress_;
  std::chrono::steady_clock::time_point started_;
  Eigen::VectorXd low_, width_, targets_;
  Eigen::MatrixXd weighting_, covariance_;
  Stage stage_ = Stage::global;
  double best_loss_ = infinity;
};

}  // namespace

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::global: return "global";
    case Stage::batch: return "batch";
    case Stage::local: return "local";
    case Stage::covariance: return "covariance";
    case Stage::efficient_local: return "efficient_local";
    case Stage::jacobian: return "jacobian";
  }
  return "unknown";
}

std::filesystem::path journal_path(const std::filesystem::path& output) {
  return std::filesystem::path(output.string() + ".journal");
}

std::string journal_identity(const CalibrationSpec& spec) {
  std::string identity = fmt::format("clustersim {}\n", program_version);
  identity += spec.text;
  identity += "\n# scenario\n";
  identity += spec.scenario_text;
  return identity;
}

CalibrationResult calibrate(const Model& model, const CalibrationSpec& spec, EvaluationJournal& journal,
                            const CalibrationSettings& settings,
                            const std::function<void(const CalibrationProgress&)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  CalibrationResult result;
  result.journal_replaced = journal.replaced();
  Evaluator evaluator(model, spec, journal, settings.jobs, settings.run, settings.remote);
  Search search(spec, evaluator, result, progress);
  search.global();
  search.local(Stage::local);
  if (spec.weighting == Weighting::efficient) {
    search.estimate_covariance();
    search.local(Stage::efficient_local);
  }
  search.finish();
  search.jacobian();
  search.infer_at_estimate();
  result.runs_run = evaluator.runs_run();
  result.runs_replayed = evaluator.runs_replayed();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace sim::calibrate
