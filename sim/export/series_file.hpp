#pragma once
// The time series of a run or sweep file, read for export: the variables whose first dimension is time
// (after scenario and replicate in a sweep file), their axes and labels, the dates of the time axis, and
// in a sweep file the swept parameters and which runs are done. Time series are in the root and, in a
// run file, in the groups of other axes (region_pairs, accounts); the firm panel (its group, or the
// variables along `firm_record` of earlier files) and the time bounds are not time series.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/output/h5_handle.hpp"

namespace sim::exporting {

// Bad input (no such file, not a run or sweep file, a name that is no time series): exit status 2.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SeriesVariable {
  std::string name;
  std::string path;                 // from the root: "gdp", "region_pairs/talent_flows"
  std::vector<std::string> axes;    // the dimensions after time: "region", "industry", ...
  std::vector<std::size_t> shape;   // time, then the length of each axis
  bool integer = false;             // stored as an integer type: exported as integers
  std::string units;                // the `units` attribute, "" without one
};

struct SweptKey {
  std::string key;             // "policy.openness"
  std::vector<double> values;  // one per scenario
};

class SeriesFile {
 public:
  // Opens FILE read-only. ExportError if it does not exist, is not HDF5, or has neither the layout of a
  // run file (a `time` axis) nor that of a sweep file (`scenario`, `replicate`, `time`, `run_status`).
  explicit SeriesFile(const std::filesystem::path& file);

  const std::string& label() const { return label_; }
  bool is_sweep() const { return sweep_; }
  std::size_t scenarios() const { return scenarios_; }    // 1 for a run file
  std::size_t replicates() const { return replicates_; }  // 1 for a run file
  // Whether run (scenario, replicate) is done (always, in a run file): only those are exported.
  bool done(std::size_t scenario, std::size_t replicate) const { return done_[scenario * replicates_ + replicate]; }
  const std::vector<std::chrono::sys_days>& dates() const { return dates_; }
  const std::vector<SweptKey>& swept_keys() const { return swept_keys_; }
  // The time series, in the order the file created them.
  const std::vector<SeriesVariable>& variables() const { return variables_; }
  // The labels of an axis of some time series (numbers formatted as text).
  const std::vector<std::string>& labels(const std::string& axis) const;

  // What `name` is when it is no time series, as a sentence for the message refusing it ("a column of
  // the firm panel ..."); "" when the file has no such dataset.
  std::string describe_other(const std::string& name) const;

  // The values of one run of `variable` (the whole file for a run file), time first, row-major. Integers
  // go to `integers`, reals to `reals` (the other is left empty).
  void read(const SeriesVariable& variable, std::size_t scenario, std::size_t replicate, std::vector<double>& reals,
            std::vector<std::int64_t>& integers) const;

 private:
  std::string label_;
  output::h5::Handle file_;
  bool sweep_ = false;
  std::size_t scenarios_ = 1, replicates_ = 1;
  std::vector<bool> done_{true};
  std::vector<std::chrono::sys_days> dates_;
  std::vector<SweptKey> swept_keys_;
  std::vector<SeriesVariable> variables_;
  std::map<std::string, std::vector<std::string>> labels_;
  std::map<std::string, std::vector<std::string>> other_datasets_;  // root datasets that are no time series: their dimensions
};

}  // namespace sim::exporting
