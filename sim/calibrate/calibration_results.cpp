#include "sim/calibrate/calibration_results.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "sim/output/h5_errors.hpp"
#include "sim/output/h5_file.hpp"
#include "sim/output/h5_netcdf.hpp"

namespace sim::calibrate {

namespace {

using output::h5::Handle;

constexpr double z95 = 1.959963984540054;  // the normal quantile of 0.975

struct Text {
  std::string units;
  std::string long_name;
  std::string description;
};

struct Writer {
  output::h5::File& file;
  std::map<std::string, hid_t> scales;

  void write(const std::string& name, const std::vector<std::string>& dims, const std::vector<double>& values,
             const Text& text) {
    std::vector<hsize_t> shape;
    std::vector<hid_t> attached;
    for (const std::string& dim : dims) {
      attached.push_back(scales.at(dim));
      shape.push_back(output::h5::shape_of(file, scales.at(dim), dim).at(0));
    }
    const std::string what = fmt::format("variable '{}'", name);
    const double undefined = std::numeric_limits<double>::quiet_NaN();
    Handle dataset = output::h5::create_dataset(file, name, H5T_IEEE_F64LE, output::h5::fixed_shape(shape),
                                                {H5T_NATIVE_DOUBLE, &undefined}, H5P_DEFAULT, what);
    file.check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               fmt::format("write {}", what));
    if (!attached.empty()) output::h5::attach_scales(file, dataset.get(), attached, what);
    output::h5::write_variable_attributes(file, dataset.get(), {text.units, "", text.long_name, text.description}, true,
                                          what);
  }

  void write_matrix(const std::string& name, const std::vector<std::string>& dims, const Eigen::MatrixXd& matrix,
                    const Text& text) {
    std::vector<double> values(static_cast<std::size_t>(matrix.size()));
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        values.data(), matrix.rows(), matrix.cols()) = matrix;
    write(name, dims, values, text);
  }
};

std::vector<double> as_vector(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

output::Axis label_axis(std::string name, std::string long_name, std::string description, std::vector<std::string> labels) {
  return output::Axis{.name = std::move(name), .long_name = std::move(long_name), .description = std::move(description),
                      .labels = std::move(labels)};
}

std::string joined_warnings(const CalibrationResult& result) {
  std::string text;
  for (const std::string& warning : result.inference.warnings) text += (text.empty() ? "" : "\n") + warning;
  return text;
}

}  // namespace

void write_calibration_results(const std::filesystem::path& output, const Model& model, const CalibrationSpec& spec,
                               const CalibrationResult& result) {
  namespace h5 = output::h5;
  const h5::ErrorSilencer silencer;
  h5::File file = h5::file_for(output);
  try {
    file.handle = h5::create_netcdf_file(file.partial, file.label);
    file.created = true;
    auto attributes = provenance_attributes(model, fmt::format("clustersim calibrate {}", spec.file.filename().string()));
    attributes.insert(attributes.end(),
                      {{"calibration", spec.text},
                       {"scenario", spec.scenario_text},
                       {"weighting", spec.weighting == Weighting::diagonal ? "diagonal" : "efficient"},
                       {"replicates", fmt::format("{}", spec.replicates)},
                       {"common_random_numbers", spec.common_random_numbers ? "true" : "false"},
                       {"local_search_stop", result.local_stop},
                       {"warnings", joined_warnings(result)}});
    h5::write_global_attributes(file, attributes);

    std::vector<std::string> keys;
    for (const ParameterSpec& parameter : spec.parameters) keys.push_back(parameter.key);
    std::vector<std::string> names;
    std::vector<std::string> sources;
    std::vector<std::string> statistics;
    for (const MomentSpec& moment : spec.moments) {
      names.push_back(moment.name);
      sources.push_back(moment.source);
      statistics.push_back(std::string(to_string(moment.statistic)));
    }
    std::vector<std::string> evaluations;
    std::vector<std::string> stages;
    for (std::size_t i = 0; i < result.evaluations.size(); ++i) {
      evaluations.push_back(fmt::format("{}", i));
      stages.push_back(std::string(to_string(result.evaluations[i].stage)));
    }
    const EvaluatedPoint& best = result.evaluations[result.estimate_index];
    std::vector<std::string> replicates;
    for (std::uint32_t key : best.evaluation.replicates) replicates.push_back(fmt::format("{}", key));

    output::Axis moment_axis = label_axis("moment", "Moment", "target moment of the calibration", names);
    moment_axis.text_coordinates = {{"moment_source", "Source", "where the target's value comes from", sources},
                                    {"moment_statistic", "Statistic", "the statistic the moment takes of a run", statistics}};
    output::Axis evaluation_axis = label_axis("evaluation", "Evaluation", "an evaluated point, in the order evaluated", evaluations);
    evaluation_axis.text_coordinates = {{"evaluation_stage", "Stage",
                                         "global, batch, local, covariance, efficient_local or jacobian", stages}};
    std::vector<Handle> axes;
    Writer writer{file, {}};
    for (const output::Axis& axis :
         {label_axis("parameter", "Parameter", "estimated scenario key", keys),
          label_axis("parameter_column", "Parameter", "estimated scenario key (second axis of a matrix)", keys),
          moment_axis,
          label_axis("moment_column", "Moment", "target moment (second axis of a matrix)", names), evaluation_axis,
          label_axis("replicate", "Replicate key", "replicate key (simulation.replicate) of a run at the estimate",
                     replicates)}) {
      axes.push_back(h5::create_label_axis(file, axis));
      writer.scales[axis.name] = axes.back().get();
    }

    const Inference& in = result.inference;
    std::vector<double> low, high, interval_low, interval_high;
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
      low.push_back(spec.parameters[p].low);
      high.push_back(spec.parameters[p].high);
      const auto i = static_cast<Eigen::Index>(p);
      interval_low.push_back(result.estimate(i) - z95 * in.standard_errors(i));
      interval_high.push_back(result.estimate(i) + z95 * in.standard_errors(i));
    }
    writer.write("estimate", {"parameter"}, as_vector(result.estimate),
                 {"", "Estimate", "the estimated value of the parameter, in the unit of its scenario key"});
    writer.write("standard_error", {"parameter"}, as_vector(in.standard_errors),
                 {"", "Standard error", "sandwich standard error with the factor 1 + 1/R for simulation noise"});
    writer.write("interval_low", {"parameter"}, interval_low, {"", "95 % interval, low", "estimate - 1.96 standard errors"});
    writer.write("interval_high", {"parameter"}, interval_high, {"", "95 % interval, high", "estimate + 1.96 standard errors"});
    writer.write("bound_low", {"parameter"}, low, {"", "Lower bound", "lower bound of the search"});
    writer.write("bound_high", {"parameter"}, high, {"", "Upper bound", "upper bound of the search"});
    writer.write_matrix("parameter_covariance", {"parameter", "parameter_column"}, in.covariance,
                        {"", "Covariance of the estimates", "sandwich covariance of the estimates"});

    std::vector<double> targets, target_errors;
    for (const MomentSpec& moment : spec.moments) {
      targets.push_back(moment.target);
      target_errors.push_back(moment.target_standard_error);
    }
    writer.write("target", {"moment"}, targets, {"", "Target", "the observed value of the moment"});
    writer.write("target_standard_error", {"moment"}, target_errors,
                 {"", "Target's standard error", "the standard error given with the target"});
    writer.write("fitted", {"moment"}, best.evaluation.moments,
                 {"", "Fitted", "the moment simulated at the estimate: the mean of its R runs"});
    writer.write("t_ratio", {"moment"}, as_vector(in.t_ratios),
                 {"1", "t-ratio", "(fitted - target) / sqrt((1 + 1/R) S_jj)"});
    writer.write_matrix("jacobian", {"moment", "parameter"}, result.jacobian,
                        {"", "Jacobian", "d moment / d parameter by finite differences on common random numbers"});
    writer.write_matrix("scaled_jacobian", {"moment", "parameter"}, in.scaled_jacobian,
                        {"1", "Moment sensitivity",
                         "change of the moment, in its standard errors, when the parameter crosses its whole range"});
    writer.write_matrix("estimate_sensitivity", {"parameter", "moment"}, in.sensitivity,
                        {"", "Sensitivity of the estimates",
                         "-(G'WG)^-1 G'W (Andrews, Gentzkow and Shapiro 2017): first-order change of each estimate per "
                         "unit change of a moment's target"});
    writer.write_matrix("weighting_matrix", {"moment", "moment_column"}, result.weighting,
                        {"", "Weighting matrix", "W of the loss (fitted - target)' W (fitted - target)"});
    writer.write_matrix("moment_covariance", {"moment", "moment_column"}, result.moment_covariance,
                        {"", "Covariance of the moments", "S: covariance of the data moments (of one run's moments)"});

    const auto n = static_cast<Eigen::Index>(result.evaluations.size());
    const auto d = static_cast<Eigen::Index>(spec.parameters.size());
    const auto m = static_cast<Eigen::Index>(spec.moments.size());
    Eigen::MatrixXd points(n, d), moments(n, m);
    std::vector<double> loss, search_loss, trace, failed;
    double lowest = std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < n; ++i) {
      const EvaluatedPoint& e = result.evaluations[static_cast<std::size_t>(i)];
      for (Eigen::Index p = 0; p < d; ++p) points(i, p) = e.evaluation.point[static_cast<std::size_t>(p)];
      for (Eigen::Index j = 0; j < m; ++j) moments(i, j) = e.evaluation.moments[static_cast<std::size_t>(j)];
      const bool search = e.stage != Stage::covariance && e.stage != Stage::jacobian;
      loss.push_back(search ? e.loss : std::numeric_limits<double>::quiet_NaN());
      search_loss.push_back(e.search_loss);
      if (search) lowest = std::min(lowest, e.search_loss);
      trace.push_back(lowest);
      failed.push_back(e.evaluation.failed);
    }
    writer.write_matrix("evaluated_parameters", {"evaluation", "parameter"}, points,
                        {"", "Evaluated point", "the parameters of every evaluated point"});
    writer.write_matrix("evaluated_moments", {"evaluation", "moment"}, moments,
                        {"", "Simulated moments", "mean over the point's runs; NaN where a run failed"});
    writer.write("loss", {"evaluation"}, loss,
                 {"1", "Loss", "(moments - targets)' W (moments - targets) under the final weighting; NaN for the "
                               "covariance and Jacobian points"});
    writer.write("search_loss", {"evaluation"}, search_loss,
                 {"1", "Loss during the search", "the loss under the weighting of the point's stage; inf where a run failed"});
    writer.write("loss_trace", {"evaluation"}, trace,
                 {"1", "Best loss so far", "the lowest search loss up to and including this evaluation"});
    writer.write("failed_runs", {"evaluation"}, failed, {"1", "Failed runs", "runs of the point that failed"});
    Eigen::MatrixXd at_estimate(static_cast<Eigen::Index>(best.evaluation.replicates.size()), m);
    for (Eigen::Index r = 0; r < at_estimate.rows(); ++r) {
      for (Eigen::Index j = 0; j < m; ++j) {
        at_estimate(r, j) = best.evaluation.replicate_moments[static_cast<std::size_t>(r)][static_cast<std::size_t>(j)];
      }
    }
    writer.write_matrix("replicate_moments", {"replicate", "moment"}, at_estimate,
                        {"", "Moments of each run at the estimate", "the moments of each run at the estimate"});
    writer.write("j_statistic", {}, {in.j_statistic},
                 {"1", "J statistic", "g' [(1 + 1/R) S]^-1 g at the estimate, chi-squared with M - d degrees of freedom"});
    writer.write("j_degrees_of_freedom", {}, {static_cast<double>(in.degrees_of_freedom)},
                 {"1", "Degrees of freedom of J", "moments minus parameters"});
    writer.write("j_p_value", {}, {in.j_p_value},
                 {"1", "p-value of J", "P(chi-squared > J); NaN when exactly identified"});
    writer.write("loss_at_estimate", {}, {result.loss}, {"1", "Loss at the estimate", "the minimum loss found"});
    axes.clear();
    h5::publish(file);
  } catch (...) {
    h5::close_after_failure(file);
    h5::remove_unpublished(file);
    throw;
  }
}

std::string results_table(const CalibrationSpec& spec, const CalibrationResult& result) {
  const Inference& in = result.inference;
  std::size_t width = 9;
  for (const ParameterSpec& parameter : spec.parameters) width = std::max(width, parameter.key.size());
  std::string text = fmt::format("{:<{}}  {:>12}  {:>12}  {:>27}  {:>23}\n", "parameter", width, "estimate", "std. error",
                                 "95 % interval", "bounds");
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    const auto i = static_cast<Eigen::Index>(p);
    const double se = in.standard_errors(i);
    text += fmt::format("{:<{}}  {:>12.6g}  {:>12.4g}  [{:>11.6g}, {:>11.6g}]  [{:>9.4g}, {:>9.4g}]\n",
                        spec.parameters[p].key, width, result.estimate(i), se, result.estimate(i) - z95 * se,
                        result.estimate(i) + z95 * se, spec.parameters[p].low, spec.parameters[p].high);
  }
  std::size_t moment_width = 6;
  for (const MomentSpec& moment : spec.moments) moment_width = std::max(moment_width, moment.name.size());
  text += fmt::format("\n{:<{}}  {:>12}  {:>12}  {:>12}  {:>8}\n", "moment", moment_width, "target", "std. error",
                      "fitted", "t-ratio");
  const EvaluatedPoint& best = result.evaluations[result.estimate_index];
  for (std::size_t j = 0; j < spec.moments.size(); ++j) {
    const MomentSpec& moment = spec.moments[j];
    text += fmt::format("{:<{}}  {:>12.6g}  {:>12.4g}  {:>12.6g}  {:>8.2f}\n", moment.name, moment_width, moment.target,
                        moment.target_standard_error, best.evaluation.moments[j],
                        in.t_ratios(static_cast<Eigen::Index>(j)));
  }
  text += "\n";
  if (in.degrees_of_freedom > 0) {
    text += fmt::format("J = {:.4g} with {} degree{} of freedom, p = {:.4g}\n", in.j_statistic, in.degrees_of_freedom,
                        in.degrees_of_freedom == 1 ? "" : "s", in.j_p_value);
  } else {
    text += fmt::format("J = {:.4g}: exactly identified, no test of fit\n", in.j_statistic);
  }
  text += fmt::format("loss {:.6g} at evaluation {} of {} ({} runs, R = {}, {} weighting)\n", result.loss,
                      result.estimate_index, result.evaluations.size(), result.runs_run + result.runs_replayed,
                      spec.replicates, spec.weighting == Weighting::diagonal ? "diagonal" : "efficient");
  if (!result.local_stop.empty()) text += fmt::format("local search: {}\n", result.local_stop);
  for (const std::string& warning : in.warnings) text += fmt::format("warning: {}\n", warning);
  return text;
}

}  // namespace sim::calibrate
