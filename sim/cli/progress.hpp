#pragma once
// A one-line progress display on a terminal: ticks done, ticks per second, time left.
#include <chrono>
#include <cstdio>

namespace sim::cli {

class ProgressLine {
 public:
  // Shows nothing unless `enabled` (the caller decides: a terminal and not --quiet).
  ProgressLine(bool enabled, std::FILE* stream = stderr);
  void update(int done, int total);
  ~ProgressLine() { finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  void finish();  // ends the line (once), so that later messages start on a line of their own

 private:
  bool enabled_;
  std::FILE* stream_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

}  // namespace sim::cli
