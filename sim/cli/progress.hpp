#pragma once
// A one-line progress display on a terminal: items (ticks of a run, runs of a sweep) done, per second,
// time left, and failures if any.
#include <chrono>
#include <cstdio>

namespace sim::cli {

class ProgressLine {
 public:
  // Shows nothing unless `enabled` (the caller decides: a terminal and not --quiet).
  ProgressLine(bool enabled, std::FILE* stream = stderr, const char* item = "tick");
  // `already`: items done before this process started (a resumed sweep), left out of the rate.
  void update(long done, long total, long failed = 0, long already = 0);
  ~ProgressLine() { finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  void finish();  // ends the line (once), so that later messages start on a line of their own

 private:
  bool enabled_;
  std::FILE* stream_;
  const char* item_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

}  // namespace sim::cli
