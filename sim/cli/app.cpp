#include "sim/cli/app.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>

#include "sim/cli/analysis_commands.hpp"
#include "sim/cli/exit_status.hpp"
#include "sim/cli/export_command.hpp"
#include "sim/cli/info_command.hpp"
#include "sim/cli/progress.hpp"
#include "sim/config/config.hpp"
#include "sim/output/h5_errors.hpp"
#include "sim/parallel.hpp"
#include "sim/output/output_lock.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/output/sweep_writer.hpp"
#include "sim/run/interruption.hpp"
#include "sim/run/run.hpp"
#include "sim/state/state_file.hpp"
#include "sim/cli/calibrate_command.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/calibrate/calibration_file.hpp"
#include "sim/sweep/sweep_file.hpp"
#include "sim/version.hpp"

namespace sim::cli {

namespace {

constexpr const char* examples = R"(Examples:
  clustersim run configs/baseline.toml                      writes results/baseline.h5
  clustersim run configs/baseline.toml -o out.h5 --seed 7 --set policy.rd_subsidy_rate=0.2
  clustersim run --check configs/baseline.toml              also checks the accounting identities every tick
  clustersim run configs/baseline.toml --stop-at 40 -o first.h5 --save-state at40.h5
  clustersim run configs/baseline.toml --from-state at40.h5 -o rest.h5
                                                            the same run's ticks 40 to 79, bit for bit
  clustersim validate configs/my.toml                       checks a scenario, runs nothing
  clustersim sweep configs/sweeps/rd_subsidy_openness.toml -o sweep.h5 -j 2
                                                            every scenario and replicate of a sweep, one file
  clustersim sweep configs/sweeps/rd_subsidy_openness.toml -o sweep.h5 -j 2 --resume
                                                            continues an interrupted sweep
  clustersim calibrate configs/calibration/recovery.toml -o results/recovery.h5 -j 2
                                                            estimates with standard errors and a J test
  clustersim calibrate configs/calibration/recovery.toml -o results/recovery.h5 -j 2 --resume
                                                            continues an interrupted calibration
  mpirun -n 8 clustersim sweep configs/sweeps/knowledge_sobol.toml -o sobol.h5
                                                            the same across the ranks of an MPI job
  clustersim compare sweep.h5 --baseline 0 --at 2035-12-31 --csv compare.csv
                                                            each scenario minus the baseline, with intervals
                                                            (welfare_total unless --metric names another)
  clustersim compare sweep.h5 --baseline policy.rd_subsidy_rate=0,policy.openness=0.5 --metric real_gdp_total
                                                            the baseline by its swept values; real GDP at common prices
  clustersim sensitivity sweep.h5 --metric real_gdp_total --csv sobol.csv
                                                            Sobol indices of a sweep with a sobol design
  clustersim export results/baseline.h5 -o baseline.csv     the time series as a tidy long table (CSV; .dta: Stata)
  clustersim info results/baseline.h5                       provenance (version, seed, start) and variables
  clustersim info results/baseline.h5 --scenario            the resolved scenario of a run, as TOML
  clustersim config-reference                               every scenario key with default, unit, range
  clustersim config-reference --sweep                       every key of sweep files

Exit status: 0 success, 1 runtime failure, 2 bad input (every problem of the scenario is listed, or the
output is in use by another process), 130 interrupted (Ctrl-C; 143 for SIGTERM).
Output files are written as NAME.partial and renamed to NAME when the run is complete; NAME.lock beside
them names the process writing them, and a second process given the same output is refused. Ctrl-C stops
a run without leaving anything under NAME, and a sweep keeping its complete runs for --resume.
Without a terminal (a batch log), progress is a line every --progress-interval seconds.)";

struct ScenarioOptions {
  std::string scenario;
  std::vector<std::string> overrides;
  std::int64_t seed = -1;
};

void add_scenario_options(CLI::App& command, ScenarioOptions& options) {
  command.add_option("scenario", options.scenario, "Scenario file (TOML)")->required();
  command.add_option("--set", options.overrides,
                     "Override a scenario key, validated like the file: --set policy.openness=0.8 (repeatable)")
      ->type_name("KEY=VALUE");
}

config::Config load_scenario(const Model& model, const config::Schema& schema, const ScenarioOptions& options) {
  std::vector<std::string> overrides = options.overrides;
  if (options.seed >= 0) overrides.push_back(fmt::format("simulation.seed={}", options.seed));
  config::Config config = config::load(schema, options.scenario, overrides);
  const RunSettings settings = read_run_settings(config);  // its own checks (start date) belong to validation too
  model.check(config, settings);
  return config;
}

// True for an HDF5 file (an output or state passed where a scenario is expected); reads 8 bytes.
bool is_hdf5_file(const std::string& path) {
  static constexpr char signature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;  // opening a FIFO would wait for a writer
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  char head[8] = {};
  const std::size_t read = std::fread(head, 1, sizeof head, file);
  std::fclose(file);
  return read == sizeof head && std::equal(head, head + 8, signature);
}

std::string default_output(const std::string& scenario) {
  return (std::filesystem::path("results") / std::filesystem::path(scenario).stem()).string() + ".h5";
}

}  // namespace

int main(int argc, char** argv, const Model& model) {
  output::h5::prepare_library();  // before any other HDF5 call
  CLI::App app{fmt::format("clustersim {}: agent-based simulation of regional clusters of strategic emerging and "
                           "future industries",
                           program_version)};
  app.footer(examples);
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", fmt::format("clustersim {} (git {})", program_version, git_revision));

  ScenarioOptions run_options;
  std::string output;
  bool quiet = false;
  CLI::App* run = app.add_subcommand("run", "Run a scenario and write its time series to an HDF5 file");
  add_scenario_options(*run, run_options);
  run->add_option("-o,--output", output, "Output file (default results/SCENARIO.h5)");
  // Compared as an integer: as a double, 9000000000000000001 would pass as 9e18.
  run->add_option("--seed", run_options.seed, "Seed of the random streams (overrides simulation.seed)")
      ->check(CLI::Range(std::int64_t{0}, max_seed));
  run->add_flag("-q,--quiet", quiet, "No progress line");
  double progress_interval = default_progress_interval;
  add_progress_interval_option(*run, progress_interval);
  RunOptions run_flags;
  run->add_flag("--check", run_flags.check_identities,
                "Check the accounting identities (talent, money) after every tick; stop at the first violation");
  StartOptions run_start;
  run->add_option("--save-state", run_flags.save_state,
                  "Also write the model's whole state at the end of the run to this HDF5 file")
      ->type_name("STATE.h5");
  run->add_option("--from-state", run_start.from_state,
                  "Go on from a saved state: run the scenario's ticks after the saved one (the output holds those)")
      ->type_name("STATE.h5");
  run->add_option("--stop-at", run_flags.stop_at,
                  "Stop once N ticks of the scenario have run (with --save-state: a state to go on from; "
                  "--stop-at 0 --save-state writes the state the scenario starts from and no output)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  run->add_option("--checkpoint-every", run_flags.checkpoint_every,
                  "Keep the state every N ticks in OUTPUT.checkpoint.h5 beside the output (restart with --from-state)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  int run_threads = 1;
  run->add_option("--threads", run_threads,
                  "Threads of this run's loops over firms and clusters (default 1); the output is the same bits "
                  "whatever the number")
      ->type_name("N")
      ->check(CLI::Range(1, 1024));
  run->footer(examples);

  ScenarioOptions validate_options;
  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file and its overrides without running it");
  add_scenario_options(*validate, validate_options);

  SweepOptions sweep_options;
  CLI::App* sweep_command = add_sweep_command(app, sweep_options);
  sweep_command->footer(examples);

  CalibrateOptions calibrate_options;
  CLI::App* calibrate_command = add_calibrate_command(app, calibrate_options);
  calibrate_command->footer(examples);
  MomentsOptions moments_options;
  CLI::App* moments_command = add_moments_command(app, moments_options);

  CompareOptions compare_options;
  compare_options.metric = model.default_metric;
  CLI::App* compare = add_compare_command(app, compare_options);
  compare->footer(examples);
  SensitivityOptions sensitivity_options;
  sensitivity_options.metric = model.default_metric;
  CLI::App* sensitivity = add_sensitivity_command(app, sensitivity_options);
  sensitivity->footer(examples);

  InfoOptions info_options;
  CLI::App* info = add_info_command(app, info_options);
  ExportOptions export_options;
  CLI::App* export_command = add_export_command(app, export_options);

  CLI::App* reference =
      app.add_subcommand("config-reference", "Print the reference of every scenario key as Markdown");
  bool sweep_reference = false;
  reference->add_flag("--sweep", sweep_reference, "The keys of sweep files instead (docs/sweeps.md)");
  bool calibration_reference = false;
  reference->add_flag("--calibration", calibration_reference,
                      "The keys of calibration files instead (docs/calibration.md)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : exit_bad_input;
  }

  const config::Schema schema = scenario_schema(model);
  try {
    if (*run) {
      const config::Config config = load_scenario(model, schema, run_options);
      if (output.empty()) output = default_output(run_options.scenario);
      install_interrupt_handlers();
      ProgressLine progress(progress_style(quiet, progress_interval), progress_interval, stderr);
      run_flags.notice = [&](const std::string& note) {
        progress.finish();
        fmt::print(stderr, "clustersim: note: {}\n", note);
      };
      RunResult result;
      const parallel::ThreadScope thread_scope(run_threads);
      try {
        result = run_scenario(model, config, run_options.scenario, output,
                              [&](int done, int total) { progress.update(done, total); }, run_flags, run_start);
      } catch (const Interrupted& stopped) {
        progress.finish();
        fmt::print(stderr, "clustersim: interrupted at tick {}; nothing written under {}\n", stopped.tick(), output);
        return stopped.exit_status();
      }
      progress.finish();
      if (!quiet && result.output.empty()) {
        fmt::print(stderr, "clustersim: wrote the starting state to {} in {:.2f} s (state hash {})\n",
                   run_flags.save_state.string(), result.seconds, result.state_hash);
      } else if (!quiet) {
        fmt::print(stderr, "clustersim: {} ticks in {:.2f} s, wrote {}\n", result.ticks, result.seconds,
                   result.output.string());
        if (!result.state_hash.empty()) {
          fmt::print(stderr, "clustersim: saved the state to {} (state hash {})\n", run_flags.save_state.string(),
                     result.state_hash);
        }
      }
    } else if (*sweep_command) {
      if (sweep_options.output.empty()) sweep_options.output = default_output(sweep_options.file);
      return run_sweep_command(sweep_options, model);
    } else if (*calibrate_command) {
      if (calibrate_options.output.empty()) calibrate_options.output = default_output(calibrate_options.file);
      return run_calibrate_command(calibrate_options, model);
    } else if (*moments_command) {
      return run_moments_command(moments_options, model);
    } else if (*compare) {
      return run_compare(compare_options);
    } else if (*sensitivity) {
      return run_sensitivity(sensitivity_options, model);
    } else if (*info) {
      return run_info(info_options);
    } else if (*export_command) {
      return run_export(export_options);
    } else if (*validate) {
      if (is_hdf5_file(validate_options.scenario)) {
        fmt::print(stderr, "clustersim: {} is an HDF5 file, not a scenario; `clustersim info {} --scenario` prints "
                   "the scenario it was run with\n", validate_options.scenario, validate_options.scenario);
        return exit_bad_input;
      }
      const config::Config config = load_scenario(model, schema, validate_options);
      const std::string summary = model.summary != nullptr ? model.summary(config) + ", " : "";
      const RunSettings settings = read_run_settings(config);
      // A state to start from is read as well: a file that is no state would pass here and fail the run.
      if (!settings.initial_state.empty()) (void)state::read_state_file(settings.initial_state);
      fmt::print("{}: valid ({}{} ticks)\n", validate_options.scenario, summary, settings.ticks);
    } else if (*reference) {
      fmt::print("{}", config::reference_markdown(sweep_reference         ? sweep::sweep_schema()
                                                  : calibration_reference ? calibrate::calibration_schema()
                                                                          : schema));
    } else {
      fmt::print("{}", app.help());
    }
  } catch (const config::InputError& e) {
    fmt::print(stderr, "{}\n", config::report(e.errors()));
    // Sweeps and calibrations report their own files' errors and their scenario's together.
    const char* input = *sweep_command ? "in the sweep or its scenario"
                        : (*calibrate_command || *moments_command) ? "in the calibration or its scenario"
                                                                    : "in the scenario";
    fmt::print(stderr, "clustersim: {} error{} {}; nothing was run\n", e.errors().size(),
               e.errors().size() == 1 ? "" : "s", input);
    return exit_bad_input;
  } catch (const calibrate::JournalError& e) {
    fmt::print(stderr, "clustersim: {}\n", e.what());
    return exit_bad_input;
  } catch (const output::ResumeError& e) {
    fmt::print(stderr, "clustersim: {}\n", e.what());
    return exit_bad_input;
  } catch (const output::OutputInUse& e) {
    fmt::print(stderr, "clustersim: {}\n", e.what());
    return exit_bad_input;
  } catch (const state::StateError& e) {
    fmt::print(stderr, "clustersim: {}\n", e.what());
    return exit_bad_input;
  } catch (const std::exception& e) {
    fmt::print(stderr, "clustersim: error: {}\n", e.what());
    return exit_runtime_failure;
  }
  return 0;
}

}  // namespace sim::cli
