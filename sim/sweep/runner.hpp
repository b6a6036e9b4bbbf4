#pragma once
// Running a sweep: every (scenario, replicate) of a sweep file on a pool of threads, each run's results
// collected in memory and handed to one writer as it finishes, so memory holds at most a few runs
// whatever the size of the sweep. A run that fails is recorded with its error; the others go on. An
// interrupted sweep leaves OUTPUT.partial, which a resumed sweep continues with the runs it lacks.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "sim/run/model.hpp"
#include "sim/run/interruption.hpp"
#include "sim/run/run.hpp"
#include "sim/sweep/run_outcome.hpp"
#include "sim/sweep/sweep_file.hpp"

namespace sim::sweep {

struct SweepProgress {
  std::size_t done = 0;     // runs recorded in the file: failed ones and those of earlier sessions included
  std::size_t failed = 0;   // of which failed
  std::size_t total = 0;
  std::size_t resumed = 0;  // runs the resumed file recorded before this session (done or failed)
  double seconds = 0.0;     // since this session started
};

struct SweepResult {
  std::filesystem::path output;
  std::size_t runs = 0;     // every run of the sweep
  std::size_t failed = 0;   // failed runs in the file, earlier sessions' included
  std::size_t resumed = 0;  // runs recorded by earlier sessions and not run again
  double seconds = 0.0;
};

// Other processes (the ranks of a distributed sweep) that take runs from the same list as this
// process's threads. serve() hands out run indices obtained from `take` (std::nullopt once none is
// left) with the deflate level to compress at, waits at most a few milliseconds, and returns the
// outcomes that have arrived; stop() tells every other process that the sweep is over (after the last
// outcome, or on an error).
struct RemoteWorkers {
  std::function<std::vector<RunOutcome>(const std::function<std::optional<std::size_t>()>& take, int deflate_level)>
      serve;
  std::function<void()> stop;
};

// A signal (Ctrl-C, SIGTERM) stopped the sweep: the runs that were complete are in OUTPUT.partial, the
// runs in flight were abandoned (a resumed sweep runs them). The writer has closed the file: it is kept
// if it records a run, and removed if this process created it and it records none.
class SweepInterrupted : public Interrupted {
 public:
  SweepInterrupted(int signal, std::size_t saved, std::size_t total)
      : Interrupted(signal, -1, "sweep interrupted"), saved_(saved), total_(total) {}
  std::size_t saved() const { return saved_; }  // runs the file records, earlier sessions' included
  std::size_t total() const { return total_; }

 private:
  std::size_t saved_;
  std::size_t total_;
};

struct SweepSettings {
  int jobs = 1;                          // threads running runs in this process (at least one)
  bool resume = false;                   // continue OUTPUT.partial: run only the runs it does not record
  RunOptions run;                        // options of every run (identity checks); its notice hears of a
                                         // stale lock of the output taken over
  const RemoteWorkers* remote = nullptr;  // none: this process runs everything
};

// Runs the sweep into `output` (through output.partial, renamed when every run is recorded), holding
// the output's lock (output::OutputLock) throughout. Throws config::InputError for a `keep` name that is
// not a variable of the model's output, output::ResumeError when resuming finds no partial file or one
// written for another sweep, output::OutputInUse when another process holds the output, and
// SweepInterrupted when a signal stops it (interruption.hpp: the flag is checked between ticks and while
// waiting for runs). `progress` is called after each run recorded and, while runs are under way, about
// every 100 ms.
SweepResult run_sweep(const Model& model, const SweepSpec& spec, const std::filesystem::path& output,
                      const SweepSettings& settings, const std::function<void(const SweepProgress&)>& progress = {});

}  // namespace sim::sweep
