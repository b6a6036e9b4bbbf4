#include "sim/cli/progress.hpp"

#include <fmt/core.h>

namespace sim::cli {

ProgressLine::ProgressLine(bool enabled, std::FILE* stream, const char* item)
    : enabled_(enabled), stream_(stream), item_(item), start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressLine::update(long done, long total, long failed, long already) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // Redrawing more than ten times a second costs more than it tells.
  if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0.0 ? static_cast<double>(done - already) / elapsed : 0.0;
  const double left = rate > 0.0 ? static_cast<double>(total - done) / rate : 0.0;
  const std::string failures = failed > 0 ? fmt::format("  {} failed", failed) : std::string();
  fmt::print(stream_, "\r  {} {}/{}  {:.1f} {}s/s  {:.0f} s left{}   ", item_, done, total, rate, item_, left, failures);
  std::fflush(stream_);
  shown_ = true;
}

void ProgressLine::finish() {
  if (enabled_ && shown_) fmt::print(stream_, "\n");
  shown_ = false;
}

}  // namespace sim::cli
