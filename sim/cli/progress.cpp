#include "sim/cli/progress.hpp"

#include <unistd.h>

#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include <string>

namespace sim::cli {

void add_progress_interval_option(CLI::App& command, double& seconds) {
  command
      .add_option("--progress-interval", seconds,
                  fmt::format("Without a terminal (a batch log, a pipe): a progress line every SECONDS "
                              "(default {}; 0: none). On a terminal the line is redrawn in place instead",
                              default_progress_interval))
      ->type_name("SECONDS")
      ->check(CLI::NonNegativeNumber);
}

ProgressStyle progress_style(bool quiet, double interval_seconds, std::FILE* stream) {
  if (quiet) return ProgressStyle::off;
  if (::isatty(::fileno(stream))) return ProgressStyle::terminal;
  return interval_seconds > 0.0 ? ProgressStyle::log : ProgressStyle::off;
}

ProgressLine::ProgressLine(ProgressStyle style, double interval_seconds, std::FILE* stream, const char* item)
    : style_(style),
      // Redrawing more than ten times a second costs more than it tells.
      interval_(style == ProgressStyle::terminal ? 0.1 : interval_seconds),
      stream_(stream),
      item_(item),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressLine::update(long done, long total, long failed, long already) {
  if (style_ == ProgressStyle::off) return;
  const auto now = std::chrono::steady_clock::now();
  // The terminal line shows the last item too; a log ends with the command's own summary instead.
  const bool last = style_ == ProgressStyle::terminal && done >= total;
  if (!last && now - last_ < interval_) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0.0 ? static_cast<double>(done - already) / elapsed : 0.0;
  const double left = rate > 0.0 ? static_cast<double>(total - done) / rate : 0.0;
  const std::string failures = failed > 0 ? fmt::format("  {} failed", failed) : std::string();
  if (style_ == ProgressStyle::terminal) {
    fmt::print(stream_, "\r  {} {}/{}  {:.1f} {}s/s  {:.0f} s left{}   ", item_, done, total, rate, item_, left,
               failures);
    shown_ = true;
  } else {
    const std::string time_left = rate > 0.0 ? fmt::format("{:.0f} s left", left) : std::string("time left unknown");
    fmt::print(stream_, "clustersim: {} {}/{} after {:.0f} s, {:.2f} {}s/s, {}{}\n", item_, done, total, elapsed, rate,
               item_, time_left, failures);
  }
  std::fflush(stream_);
}

void ProgressLine::finish() {
  if (style_ == ProgressStyle::terminal && shown_) fmt::print(stream_, "\n");
  shown_ = false;
}

}  // namespace sim::cli
