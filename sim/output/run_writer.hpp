#pragma once
// Writes one run as a self-describing HDF5 file that netCDF-4 readers (xarray with the netcdf4 and
// h5netcdf engines, ncdump, R, MATLAB) open as it is.
//
// Layout: one dimension scale per axis (time, then each Axis), every variable with `units` and
// `long_name`, time series chunked along time, shuffled and deflated, appended one tick at a time
// (memory does not grow with the number of ticks). The file is created as PATH.partial and renamed to
// PATH only by finish(): an interrupted run never leaves a file under the final name.
//
// Tables (Registry::add_table) are stored in long format, one unlimited dimension per table: a
// coordinate `<dimension>` (int64 row number, a dimension scale), `<dimension>_time` (float64, the
// time axis' units and calendar) and one 1-D dataset per column, all chunked along the dimension
// (`table_chunk` rows), shuffled and deflated, appended one snapshot at a time (memory bounded by the
// largest snapshot, not by their number).
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/output/variable.hpp"

namespace sim::output {

struct TimeAxis {
  std::string units;     // CF time units, e.g. "days since 2023-01-01 00:00:00"
  std::string calendar;  // "proleptic_gregorian"
  // The start of the first tick in `units`. When finite, a run file gets CF time bounds, `time_bnds`
  // (time, nv): each tick from the end of the one before (or `origin`) to its own end.
  double origin = std::numeric_limits<double>::quiet_NaN();
};

struct WriterOptions {
  int time_chunk = 16;        // ticks per chunk along time
  int deflate_level = 1;      // 0..9
  int table_chunk = 4096;     // rows per chunk along the dimension of a table
};

// Thrown on any HDF5 failure, naming the file and the operation; a runtime failure (exit status 1).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RunWriter {
 public:
  // Creates PATH.partial (replacing a stale one), writes axes, static variables and global attributes.
  RunWriter(std::filesystem::path final_path, TimeAxis time_axis, std::vector<Axis> axes,
            const Registry& registry, std::vector<std::pair<std::string, std::string>> global_attributes,
            WriterOptions options = {});
  ~RunWriter();  // without finish(): closes and deletes the .partial file
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  // Samples every time-series variable of the registry and appends it at time coordinate `time_value`.
  void append(double time_value);

  // Samples every table of the registry and appends its rows, each with `<dimension>_time` =
  // `time_value` (same encoding as the time axis). Independent of append(): snapshots may be taken at
  // any subset of ticks. All or nothing: a sampler that throws, returns the wrong number of columns
  // (std::logic_error) or columns of different lengths (std::logic_error), or an int32 value that is
  // not finite or out of range (OutputError), leaves every table as it was.
  void append_snapshot(double time_value);

  // Flushes, closes and renames PATH.partial to PATH. Returns the final path.
  std::filesystem::path finish();

  const std::filesystem::path& partial_path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sim::output
