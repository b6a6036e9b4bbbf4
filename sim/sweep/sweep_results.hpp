#pragma once
// Reading a finished sweep file (layout: sim/output/sweep_writer.hpp): its time axis, swept parameters,
// run status and global attributes, and a time-series variable reduced to one number per run.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/output/h5_handle.hpp"

namespace sim::sweep {

// A problem with the file or the request (not a sweep file, unknown variable, a date outside the time
// axis): bad input, not a runtime failure.
class ResultsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Date = std::chrono::year_month_day;

// Which ticks a metric is taken at: the last tick on or before `at` (default: the last tick), or the mean
// over the ticks whose date lies within `window` (inclusive). At most one of the two.
struct TickSelection {
  std::optional<Date> at;
  std::optional<std::pair<Date, Date>> window;
};

// A metric per run: values[scenario * replicates + replicate].
struct RunValues {
  std::vector<double> values;
  std::vector<std::size_t> ticks;  // the ticks used (one for `at`, every tick of the window otherwise)
  std::string description;         // "gdp summed over region at 2023-12-31 (tick 3)"
};

struct SweptParameter {
  std::string key;             // e.g. "policy.rd_subsidy_rate"
  std::vector<double> values;  // one per scenario
};

class SweepResults {
 public:
  // Opens FILE read-only and reads its coordinates, parameters, run status and global attributes.
  // ResultsError if it cannot be opened or is not a sweep file (no scenario, replicate, time or
  // run_status dataset, or a time axis without "days since DATE" units).
  explicit SweepResults(const std::filesystem::path& file);

  const std::filesystem::path& file() const { return path_; }
  std::size_t scenarios() const { return scenarios_; }
  std::size_t replicates() const { return replicates_; }
  // The CF time coordinate (days since the start date) and the date of every tick.
  const std::vector<double>& time() const { return time_; }
  const std::vector<Date>& dates() const { return dates_; }
  // The swept parameters in the order of the sweep (the `coordinates` attribute of the time series).
  const std::vector<SweptParameter>& parameters() const { return parameters_; }
  // run_status of a run (0 not run, 1 done, 2 failed).
  std::int32_t status(std::size_t scenario, std::size_t replicate) const {
    return status_[scenario * replicates_ + replicate];
  }
  // A global attribute, if present (design, common_random_numbers, sweep, scenario, ...).
  std::optional<std::string> attribute(const std::string& name) const;
  // Names of the time-series variables (dimensions scenario, replicate, time, ...), sorted.
  const std::vector<std::string>& time_series() const { return time_series_; }

  // `name` reduced to one number per run: the sum over its non-time axes at the selected tick, or the
  // mean of that sum over the selected ticks. NaN for a run whose status is not done, and wherever an
  // element summed is NaN. ResultsError for an unknown variable (with a did-you-mean) or a selection
  // without a tick (naming the file's range of dates).
  RunValues metric(const std::string& name, const TickSelection& selection = {}) const;

  // The ticks a selection picks, with ResultsError as metric().
  std::vector<std::size_t> select_ticks(const TickSelection& selection) const;

 private:
  std::filesystem::path path_;
  std::string label_;
  output::h5::Handle file_;
  std::size_t scenarios_ = 0, replicates_ = 0;
  std::vector<double> time_;
  std::vector<Date> dates_;
  std::vector<SweptParameter> parameters_;
  std::vector<std::int32_t> status_;
  std::map<std::string, std::string> attributes_;
  std::vector<std::string> time_series_;
};

}  // namespace sim::sweep
