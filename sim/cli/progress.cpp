#include "sim/cli/progress.hpp"

#include <fmt/core.h>

namespace sim::cli {

ProgressLine::ProgressLine(bool enabled, std::FILE* stream)
    : enabled_(enabled), stream_(stream), start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressLine::update(int done, int total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // Redrawing more than ten times a second costs more than it tells.
  if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0.0 ? done / elapsed : 0.0;
  const double left = rate > 0.0 ? (total - done) / rate : 0.0;
  fmt::print(stream_, "\r  tick {}/{}  {:.1f} ticks/s  {:.0f} s left   ", done, total, rate, left);
  std::fflush(stream_);
  shown_ = true;
}

void ProgressLine::finish() {
  if (enabled_ && shown_) fmt::print(stream_, "\n");
  shown_ = false;
}

}  // namespace sim::cli
