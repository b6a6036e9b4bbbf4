#include "sim/cli/sweep_command.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <optional>

#include "sim/cli/exit_status.hpp"
#include "sim/cli/mpi_launcher.hpp"
#include "sim/cli/progress.hpp"
#include "sim/config/config.hpp"
#include "sim/output/output_lock.hpp"
#include "sim/run/interruption.hpp"
#include "sim/sweep/sweep_file.hpp"
#ifdef CLUSTERSIM_WITH_MPI
#include "sim/mpi/mpi_sweep.hpp"
#endif

namespace sim::cli {

namespace {

void report(const sweep::SweepResult& result, const SweepOptions& options, const std::string& where) {
  if (options.quiet) return;
  const std::string resumed = result.resumed > 0 ? fmt::format(", {} recorded before", result.resumed) : std::string();
  fmt::print(stderr, "clustersim: {} runs ({} failed{}) in {:.2f} s {}, wrote {}\n", result.runs, result.failed,
             resumed, result.seconds, where, result.output.string());
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepOptions& options) {
  CLI::App* command =
      app.add_subcommand("sweep", "Run every scenario and replicate of a sweep file into one HDF5 file");
  command->add_option("sweep", options.file, "Sweep file (TOML, docs/sweeps.md)")->required();
  command->add_option("-o,--output", options.output, "Output file (default results/SWEEP.h5)");
  command->add_option("-j,--jobs", options.settings.jobs,
                      "Runs at the same time (threads; under MPI, rank 0's threads beside its writing)")
      ->check(CLI::PositiveNumber);
  command->add_flag("--resume", options.settings.resume,
                    "Continue the OUTPUT.partial of an interrupted sweep: run only the runs it lacks");
  command
      ->add_option("--set", options.overrides,
                   "Override a key of the sweep file (--set sweep.replicates=8) or of its base scenario "
                   "(--set simulation.ticks=40), validated like the files; not a swept key (repeatable)")
      ->type_name("KEY=VALUE");
  command->add_flag("-q,--quiet", options.quiet, "No progress line");
  add_progress_interval_option(*command, options.progress_interval);
  command->add_flag("--check", options.settings.run.check_identities,
                    "Check the accounting identities in every run; a run that violates one is recorded as failed");
  return command;
}

int run_sweep_command(const SweepOptions& options, const Model& model) {
  const auto load = [&] { return sweep::load_sweep(model, options.file, options.overrides); };
  install_interrupt_handlers();
  ProgressLine progress(progress_style(options.quiet, options.progress_interval), options.progress_interval, stderr,
                        "run");
  sweep::SweepSettings settings = options.settings;
  settings.run.notice = [&](const std::string& note) {
    progress.finish();
    fmt::print(stderr, "clustersim: note: {}\n", note);
  };
  const std::filesystem::path partial = options.output + ".partial";
  const auto show = [&](const sweep::SweepProgress& p) {
    progress.update(static_cast<long>(p.done), static_cast<long>(p.total), static_cast<long>(p.failed),
                    static_cast<long>(p.resumed));
  };
  std::optional<sweep::SweepResult> result;
  std::string where = fmt::format("with {} thread{}", options.settings.jobs, options.settings.jobs == 1 ? "" : "s");
  try {
    if (under_mpi_launcher()) {
#ifdef CLUSTERSIM_WITH_MPI
      const mpi::Session session;
      try {
        result = mpi::run_distributed_sweep(session, model, load, options.output, settings, show);
      } catch (const config::InputError&) {
        if (session.rank() != 0) return exit_bad_input;  // rank 0 says what is wrong, once
        throw;
      } catch (const Interrupted& stopped) {
        // Rank 0 says what was saved and ends with the signal's status; a worker's non-zero status would
        // make the launcher kill rank 0 before it has written the runs that are complete.
        if (session.rank() != 0) return 0;
        throw;
      } catch (const std::exception& error) {
        if (session.rank() != 0) {
          fmt::print(stderr, "clustersim: rank {}: error: {}\n", session.rank(), error.what());
          return exit_runtime_failure;
        }
        throw;
      }
      if (!result) return 0;  // a worker rank: rank 0 reports
      where = fmt::format("on {} MPI rank{}", session.size(), session.size() == 1 ? "" : "s");
#else
      fmt::print(stderr,
                 "clustersim: started by an MPI launcher, but this build has no MPI support: install Open MPI "
                 "(scripts/install-deps.sh) and build again, or run the sweep without mpirun\n");
      return exit_bad_input;
#endif
    } else {
      result = sweep::run_sweep(model, load(), options.output, settings, show);
    }
  } catch (const config::InputError&) {
    throw;
  } catch (const output::ResumeError&) {
    throw;
  } catch (const output::OutputInUse&) {
    throw;  // the .partial file, if any, is the other process's: nothing to say about it
  } catch (const sweep::SweepInterrupted& stopped) {
    progress.finish();
    if (std::filesystem::exists(partial)) {
      fmt::print(stderr, "clustersim: interrupted: {} of {} runs saved in {}; continue with --resume\n",
                 stopped.saved(), stopped.total(), partial.string());
    } else {
      fmt::print(stderr, "clustersim: interrupted: {} of {} runs saved; nothing written under {}\n", stopped.saved(),
                 stopped.total(), options.output);
    }
    return stopped.exit_status();
  } catch (const Interrupted& stopped) {
    progress.finish();  // before the first run: while loading or during the burn-in of the prototype
    if (std::filesystem::exists(partial)) {
      fmt::print(stderr, "clustersim: interrupted before any run of this session; the runs recorded earlier stay in "
                         "{}; continue with --resume\n",
                 partial.string());
    } else {
      fmt::print(stderr, "clustersim: interrupted before any run was saved; nothing written under {}\n",
                 options.output);
    }
    return stopped.exit_status();
  } catch (const std::exception& error) {
    progress.finish();
    // One line, as for every runtime failure: scripts show a failed sweep by its first line.
    if (std::filesystem::exists(partial)) {
      fmt::print(stderr, "clustersim: error: {} (the runs recorded so far stay in {}; the same command with --resume "
                         "continues it)\n",
                 error.what(), partial.string());
    } else {
      fmt::print(stderr, "clustersim: error: {}\n", error.what());
    }
    return exit_runtime_failure;
  }
  progress.finish();
  report(*result, options, where);
  return result->failed > 0 ? exit_runtime_failure : 0;
}

}  // namespace sim::cli
