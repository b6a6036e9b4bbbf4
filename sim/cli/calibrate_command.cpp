#include "sim/cli/calibrate_command.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sim/calibrate/calibration_results.hpp"
#include "sim/calibrate/evaluation_journal.hpp"
#include "sim/calibrate/moment_statistics.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/cli/mpi_launcher.hpp"
#include "sim/cli/progress.hpp"
#include "sim/config/errors.hpp"
#include "sim/config/text.hpp"
#include "sim/export/csv_writer.hpp"
#include "sim/output/output_lock.hpp"
#include "sim/run/interruption.hpp"
#include "sim/sweep/sweep_file.hpp"
#ifdef CLUSTERSIM_WITH_MPI
#include "sim/mpi/mpi_calibrate.hpp"
#endif

namespace sim::cli {

CLI::App* add_calibrate_command(CLI::App& app, CalibrateOptions& options) {
  CLI::App* command = app.add_subcommand(
      "calibrate", "Estimate parameters from target moments by the method of simulated moments (docs/calibration.md)");
  command->add_option("calibration", options.file, "Calibration file (TOML, docs/calibration.md)")->required();
  command->add_option("-o,--output", options.output, "Results file (default results/CALIBRATION.h5)");
  command->add_option("-j,--jobs", options.settings.jobs, "Runs at the same time (threads)")->check(CLI::PositiveNumber);
  command->add_flag("--resume", options.settings.resume,
                    "Continue an interrupted calibration from OUTPUT.journal: its runs are not run again");
  command
      ->add_option("--set", options.overrides,
                   "Override a key of the calibration file (--set calibration.replicates=8) or of its scenario "
                   "(--set simulation.ticks=40); not an estimated key (repeatable)")
      ->type_name("KEY=VALUE");
  command->add_flag("-q,--quiet", options.quiet, "No progress lines and no table (the results file has everything)");
  return command;
}

CLI::App* add_moments_command(CLI::App& app, MomentsOptions& options) {
  CLI::App* command = app.add_subcommand(
      "moments",
      "A calibration file's moments at given parameter values, as a targets CSV: the value of the first replicate, "
      "the standard error over all (docs/calibration.md, Parameter recovery)");
  command->add_option("calibration", options.file, "Calibration file (TOML)")->required();
  command->add_option("--at", options.at, "Value of an estimated parameter (each one, once)")
      ->type_name("KEY=VALUE")
      ->required();
  command->add_option("--replicates", options.replicates, "Runs, each with its own replicate key")
      ->check(CLI::Range(2, 100000));
  command->add_option("--first-replicate", options.first_replicate, "Replicate key of the first run")
      ->check(CLI::Range(0L, 4000000000L));
  command->add_option("-j,--jobs", options.jobs, "Runs at the same time (threads)")->check(CLI::PositiveNumber);
  command->add_option("--set", options.overrides, "Override a key of the calibration file or its scenario")
      ->type_name("KEY=VALUE");
  command->add_option("-o,--output", options.output, "The CSV file (default: standard output)");
  return command;
}

namespace {

// The calibration on this process's threads, with `remote` processes running runs too when given.
int calibrate_here(const CalibrateOptions& options, const Model& model, const calibrate::CalibrationSpec& spec,
                   const calibrate::RemoteRuns* remote, const std::string& where) {
  const std::filesystem::path output = options.output;
  if (output.has_parent_path()) std::filesystem::create_directories(output.parent_path());
  const output::OutputLock lock = output::OutputLock::acquire(
      output, options.settings.resume ? output::LockPurpose::resume : output::LockPurpose::write);
  const std::filesystem::path journal_file = calibrate::journal_path(output);
  const std::string identity = calibrate::journal_identity(spec);
  calibrate::EvaluationJournal journal = options.settings.resume
                                             ? calibrate::EvaluationJournal::resume(journal_file, identity)
                                             : calibrate::EvaluationJournal::create(journal_file, identity);
  install_interrupt_handlers();
  if (!options.quiet && journal.replaced()) {
    fmt::print(stderr, "clustersim: note: replaced the journal of an interrupted calibration, {} (--resume continues "
                       "one instead)\n", journal_file.string());
  }
  if (!options.quiet && journal.resumed() > 0) {
    fmt::print(stderr, "clustersim: resuming with the {} runs recorded in {}\n", journal.resumed(), journal_file.string());
  }
  const ProgressStyle style = progress_style(options.quiet, default_progress_interval);
  auto last_line = std::chrono::steady_clock::now() - std::chrono::hours(1);
  std::string last_stage;
  const auto show = [&](const calibrate::CalibrationProgress& p) {
    if (style == ProgressStyle::off) return;
    const auto now = std::chrono::steady_clock::now();
    const std::string stage(calibrate::to_string(p.stage));
    if (stage == last_stage && now - last_line < std::chrono::seconds(style == ProgressStyle::terminal ? 1 : 10)) return;
    last_stage = stage;
    last_line = now;
    fmt::print(stderr, "clustersim: calibrate: {} stage, {} points evaluated, best loss {:.6g}; runs of this step {}/{}; "
               "{:.0f} s\n", stage, p.evaluations, p.best_loss, p.runs.runs_done, p.runs.runs_total, p.seconds);
  };
  calibrate::CalibrationSettings settings = options.settings;
  settings.remote = remote;
  calibrate::CalibrationResult result;
  try {
    result = calibrate::calibrate(model, spec, journal, settings, show);
  } catch (const Interrupted& stopped) {
    fmt::print(stderr, "clustersim: interrupted: {} runs saved in {}; the same command with --resume continues\n",
               journal.size(), journal_file.string());
    return stopped.exit_status();
  } catch (const std::exception& error) {
    fmt::print(stderr, "clustersim: error: {} (the {} runs so far stay in {}; --resume continues)\n", error.what(),
               journal.size(), journal_file.string());
    return exit_runtime_failure;
  }
  calibrate::write_calibration_results(output, model, spec, result);
  journal.remove();
  if (!options.quiet) {
    fmt::print("{}", calibrate::results_table(spec, result));
    fmt::print(stderr, "clustersim: {} points, {} runs ({} from the journal) in {:.1f} s {}, wrote {}\n",
               result.evaluations.size(), result.runs_run + result.runs_replayed, result.runs_replayed, result.seconds,
               where, output.string());
  }
  return 0;
}

}  // namespace

int run_calibrate_command(const CalibrateOptions& options, const Model& model) {
  const auto load = [&] { return calibrate::load_calibration(model, options.file, options.overrides); };
  const int jobs = options.settings.jobs;
  const std::string threads = fmt::format("with {} thread{}", jobs, jobs == 1 ? "" : "s");
  if (!under_mpi_launcher()) return calibrate_here(options, model, load(), nullptr, threads);
#ifdef CLUSTERSIM_WITH_MPI
  const mpi::Session session;
  if (session.rank() != 0) {
    // Every rank validates the file; rank 0 alone says what is wrong with it.
    calibrate::CalibrationSpec spec;
    try {
      spec = load();
    } catch (const std::exception&) {
      mpi::leave();
      return exit_bad_input;
    }
    install_interrupt_handlers();
    try {
      mpi::serve_runs(model, spec, options.settings.run);
    } catch (const Interrupted&) {
      return 0;  // rank 0 says what was saved; a non-zero status would make the launcher kill it first
    } catch (const std::exception& error) {
      fmt::print(stderr, "clustersim: rank {}: error: {}\n", session.rank(), error.what());
      return exit_runtime_failure;
    }
    return 0;
  }
  mpi::Coordinator coordinator(session.size());
  const calibrate::RemoteRuns remote = mpi::remote_runs(coordinator);
  int status = 0;
  try {
    status = calibrate_here(options, model, load(), &remote,
                            fmt::format("{} and {} other MPI rank{}", threads, session.size() - 1,
                                        session.size() == 2 ? "" : "s"));
  } catch (...) {
    coordinator.stop_all();
    throw;
  }
  coordinator.stop_all();
  return status;
#else
  fmt::print(stderr,
             "clustersim: started by an MPI launcher, but this build has no MPI support: install Open MPI "
             "(scripts/install-deps.sh) and build again, or calibrate without mpirun\n");
  return exit_bad_input;
#endif
}

int run_moments_command(const MomentsOptions& options, const Model& model) {
  const calibrate::CalibrationSpec spec = calibrate::load_calibration(model, options.file, options.overrides, false);
  // Every estimated parameter once, by its key.
  std::vector<double> point(spec.parameters.size(), std::nan(""));
  std::vector<config::Error> errors;
  for (const std::string& text : options.at) {
    const std::string key = sweep::override_key(text);
    const std::size_t equals = text.find('=');
    std::size_t p = 0;
    while (p < spec.parameters.size() && spec.parameters[p].key != key) ++p;
    char* end = nullptr;
    const std::string value = equals == std::string::npos ? std::string() : text.substr(equals + 1);
    const double number = std::strtod(value.c_str(), &end);
    if (p == spec.parameters.size()) {
      errors.push_back(config::Error{.source = config::Source{"--at", 0, 0}, .key = key, .expected = "a parameter of the calibration file",
                        .found = config::detail::quote(text)});
    } else if (value.empty() || *end != '\0' || !std::isfinite(number) || number < spec.parameters[p].low ||
               number > spec.parameters[p].high) {
      errors.push_back(config::Error{.source = config::Source{"--at", 0, 0}, .key = key,
                        .expected = fmt::format("a number within the bounds [{}, {}]", spec.parameters[p].low,
                                                spec.parameters[p].high),
                        .found = config::detail::quote(value)});
    } else if (!std::isnan(point[p])) {
      errors.push_back(config::Error{.source = config::Source{"--at", 0, 0}, .key = key,
                        .expected = "each estimated parameter once",
                        .found = fmt::format("a second value, {}", config::detail::quote(value))});
    } else {
      point[p] = number;
    }
  }
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    if (std::isnan(point[p]) && errors.empty()) {
      errors.push_back(config::Error{.source = config::Source{"--at", 0, 0}, .key = spec.parameters[p].key,
                        .expected = "a value for every estimated parameter", .found = "none"});
    }
  }
  if (!errors.empty()) throw config::InputError(std::move(errors));

  install_interrupt_handlers();
  const std::filesystem::path scratch =
      std::filesystem::temp_directory_path() / fmt::format("clustersim-moments-{}.journal", ::getpid());
  calibrate::EvaluationJournal journal = calibrate::EvaluationJournal::create(scratch, "moments");
  calibrate::Evaluator evaluator(model, spec, journal, options.jobs);
  std::vector<std::uint32_t> keys;
  for (int r = 0; r < options.replicates; ++r) keys.push_back(static_cast<std::uint32_t>(options.first_replicate + r));
  std::vector<calibrate::Evaluation> evaluated;
  try {
    evaluated = evaluator.evaluate({point}, {keys});
  } catch (const Interrupted& stopped) {
    journal.remove();
    fmt::print(stderr, "clustersim: interrupted; nothing written\n");
    return stopped.exit_status();
  }
  journal.remove();
  const calibrate::Evaluation& runs = evaluated.front();
  if (runs.failed > 0) {
    fmt::print(stderr, "clustersim: error: {} of {} runs failed: {}\n", runs.failed, keys.size(), runs.first_error);
    return exit_runtime_failure;
  }
  std::string at_text;
  for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
    at_text += fmt::format("{}{}={}", p == 0 ? "" : " ", spec.parameters[p].key, point[p]);
  }
  std::string csv = "moment,value,standard_error,source\n";
  for (std::size_t m = 0; m < spec.moments.size(); ++m) {
    std::vector<double> values;
    for (const std::vector<double>& run : runs.replicate_moments) values.push_back(run[m]);
    const double sd = calibrate::standard_deviation(values);
    if (!(sd > 0.0)) {
      fmt::print(stderr, "clustersim: error: moment '{}' is the same in all {} runs: a standard error of 0 cannot weigh "
                         "it\n", spec.moments[m].name, keys.size());
      return exit_runtime_failure;
    }
    csv += fmt::format("{},{:.17g},{:.17g},{}\n", exporting::csv_field(spec.moments[m].name), runs.replicate_moments.front()[m], sd,
                       exporting::csv_field(fmt::format("clustersim moments at {}: replicate {}; standard error over replicates "
                                             "{}..{}",
                                             at_text, keys.front(), keys.front(), keys.back())));
  }
  if (options.output.empty() || options.output == "-") {
    fmt::print("{}", csv);
    return 0;
  }
  const std::string partial = options.output + ".partial";
  {
    std::ofstream out(partial, std::ios::binary);
    out << csv;
    if (!out) {
      fmt::print(stderr, "clustersim: error: cannot write {}\n", partial);
      out.close();
      std::filesystem::remove(partial);
      return exit_runtime_failure;
    }
  }
  std::filesystem::rename(partial, options.output);
  return 0;
}

}  // namespace sim::cli
