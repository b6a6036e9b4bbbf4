#pragma once
// Progress of a command: items (ticks of a run, runs of a sweep) done, per second, time left, and
// failures if any. On a terminal, one line redrawn in place; elsewhere (a batch job's log, a pipe), a
// line of its own every few seconds, since a redrawn line there is either invisible until the end or
// thousands of lines.
#include <chrono>
#include <cstdio>

namespace CLI {
class App;
}

namespace sim::cli {

// Seconds between progress lines without a terminal, unless --progress-interval says otherwise.
constexpr double default_progress_interval = 10.0;

// --progress-interval SECONDS on `command`, into `seconds` (0: no progress lines without a terminal).
void add_progress_interval_option(CLI::App& command, double& seconds);

enum class ProgressStyle {
  off,
  terminal,  // one line, redrawn at most ten times a second
  log,       // a new line every interval
};

// The style for a command: off with --quiet; a redrawn line when `stream` is a terminal; otherwise a
// line every `interval_seconds`, or off when that is 0.
ProgressStyle progress_style(bool quiet, double interval_seconds, std::FILE* stream = stderr);

class ProgressLine {
 public:
  ProgressLine(ProgressStyle style, double interval_seconds, std::FILE* stream = stderr, const char* item = "tick");
  // `already`: items done before this process started (a resumed sweep), left out of the rate. May be
  // called often: it prints only when its style's interval has passed (or, on a terminal, at the end).
  void update(long done, long total, long failed = 0, long already = 0);
  ~ProgressLine() { finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  void finish();  // ends a redrawn line (once), so that later messages start on a line of their own

 private:
  ProgressStyle style_;
  std::chrono::duration<double> interval_;
  std::FILE* stream_;
  const char* item_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

}  // namespace sim::cli
