#pragma once
// Writes a whole parameter sweep (scenarios x replicates runs of one model) as ONE self-describing
// HDF5 file that netCDF-4 readers (xarray with the netcdf4 and h5netcdf engines, ncdump) open as it is.
//
// Layout: dimension scales `scenario` (int64 0..S-1), `replicate` (int32 0..R-1), `time` (float64, CF
// units and calendar, fixed length) and each Axis (string labels). Every time-series variable has
// dimensions (scenario, replicate, time, its axes...), is stored as float64 with fill value NaN
// (`_FillValue` NaN: a run not written reads as missing), and is chunked one run per chunk (1, 1,
// ticks, axes...), shuffled and deflated; its attribute `coordinates` names the swept parameters. A
// static variable has its axes only. Each swept key is a float64 variable along `scenario`, named like
// the key. Per run: `run_status` (int32: 0 not run, 1 done, 2 failed), `run_seed` (uint64),
// `run_replicate_key` (int64) and `run_error` (string, "" unless failed), along (scenario, replicate).
//
// Runs may be written in any order (the file's contents do not depend on it), each once or again
// (the last write wins). Memory holds no run data once a run is written. The file is created as
// PATH.partial and renamed to PATH only by finish().
//
// Interruption: each run is flushed with its run_status written last, and HDF5 writes file metadata
// only at those flushes, so a process killed at any moment (SIGKILL, Ctrl-C, a lost node) leaves a
// PATH.partial that holds every run flushed before, and OpenMode::resume continues it. A writer
// destroyed without finish() keeps PATH.partial for the same reason once it holds a run, and removes
// it otherwise.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/output/run_codec.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/output/variable.hpp"

namespace sim::output {

struct SweepLayout {
  TimeAxis time_axis;               // units, calendar (as RunWriter)
  std::vector<double> time_values;  // the time coordinate of every tick (all runs share it); at least one
  std::vector<Axis> axes;           // region, industry, ... (as RunWriter)
  // Declarations (name, axes, units, long_name, time_series, storage, may_be_undefined); samplers are
  // neither needed nor called. Time series are stored as float64 whatever their storage; a static
  // variable keeps its storage (int32 values are rounded and range-checked as in RunWriter).
  std::vector<Variable> variables;
  std::size_t scenarios = 0;   // at least one
  std::size_t replicates = 0;  // at least one
  // Swept key -> its value in every scenario (size `scenarios`), e.g. "policy.rd_subsidy_rate".
  std::vector<std::pair<std::string, std::vector<double>>> parameters;
  std::vector<std::pair<std::string, std::string>> global_attributes;  // "Conventions" defaults to CF-1.8
  WriterOptions options;  // deflate_level (time_chunk and table_chunk are unused: one run is one chunk)
};

// Values of `run_status`.
enum class RunStatus : std::int32_t { not_run = 0, done = 1, failed = 2 };

enum class OpenMode {
  create,  // a new PATH.partial, replacing a stale one
  resume,  // continue the PATH.partial of an interrupted writer with the same layout
};

// OpenMode::resume found no PATH.partial, or one that cannot be continued: unreadable, or written for
// another layout (another sweep, scenario or program version). The message says which and why.
class ResumeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SweepWriter {
 public:
  // Validates the layout (std::logic_error). OpenMode::create: creates PATH.partial (replacing a stale
  // one) with every coordinate, parameter and dataset; time-series and run datasets start as fill
  // values. OpenMode::resume: opens PATH.partial and checks that it was created for this layout: every
  // global attribute but `created` (which keeps the first session's time), the dimensions, time values
  // and swept parameter values; ResumeError if not. Its recorded runs stay; static variables are to be
  // written again.
  SweepWriter(std::filesystem::path final_path, SweepLayout layout, OpenMode mode = OpenMode::create);
  ~SweepWriter();  // without finish(): closes; keeps PATH.partial if it holds a run, else deletes it
  SweepWriter(const SweepWriter&) = delete;
  SweepWriter& operator=(const SweepWriter&) = delete;

  // Writes the static (time_series == false) variable `name`: row-major over its axes.
  void write_static(const std::string& name, std::span<const double> values);

  // One finished run: `series` holds, for each time-series variable in layout order, ticks x (product
  // of its axis lengths) values, row-major (time first). Sets run_status done and run_error "".
  // std::out_of_range for an index outside the layout, std::invalid_argument for a wrong shape
  // (checked before anything is written).
  void write_run(std::size_t scenario, std::size_t replicate, std::uint64_t seed, std::uint32_t replicate_key,
                 const std::vector<std::vector<double>>& series);

  // Same, from series encoded by encode_run with the layout's deflate level: the chunks are written
  // as they are (H5Dwrite_chunk). std::invalid_argument for a wrong number of series or of values.
  void write_encoded_run(std::size_t scenario, std::size_t replicate, std::uint64_t seed, std::uint32_t replicate_key,
                         const std::vector<EncodedSeries>& series);

  // One failed run: run_status failed, run_error `message`; its series read as NaN (rewritten as NaN
  // if the run had been written as done before).
  void write_failure(std::size_t scenario, std::size_t replicate, std::uint64_t seed, std::uint32_t replicate_key,
                     std::string_view message);

  // Flushes, closes and renames PATH.partial to PATH. Returns the final path. std::logic_error (file
  // left open, still usable) if a static variable was never written.
  std::filesystem::path finish();

  const std::filesystem::path& partial_path() const;

  // The status of every run as the file records it, scenario-major (index scenario * replicates +
  // replicate): all not_run in a new file, the earlier sessions' runs in a resumed one.
  const std::vector<RunStatus>& run_statuses() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sim::output
