#pragma once
// The layout of a sweep file (see sweep_writer.hpp): its checks, its dimensions, creating every
// coordinate and dataset of a new file, and the open datasets a SweepWriter writes runs into, whether
// it created the file or resumes it.
#include <hdf5.h>

#include <cstddef>
#include <string>
#include <vector>

#include "sim/output/h5_file.hpp"
#include "sim/output/sweep_writer.hpp"

namespace sim::output {

inline constexpr const char* scenario_name = "scenario";
inline constexpr const char* replicate_name = "replicate";
inline constexpr const char* time_name = "time";
inline constexpr const char* status_name = "run_status";
inline constexpr const char* seed_name = "run_seed";
inline constexpr const char* key_name = "run_replicate_key";
inline constexpr const char* error_name = "run_error";

// A time series: one chunk per run.
struct SweepSeries {
  std::string name;
  h5::Handle dataset;
  h5::Handle memory_space;      // (1, 1, ticks, axis lengths...), reused for every run
  std::vector<hsize_t> count;   // (1, 1, ticks, axis lengths...)
  std::size_t values = 0;       // ticks x product of axis lengths
  std::string what;             // "dataset of variable 'gdp'", for messages
};

struct SweepStatic {
  std::string name;
  Storage storage = Storage::float64;
  h5::Handle dataset;
  std::size_t values = 0;  // product of axis lengths
  bool written = false;
  std::string what;
};

// The open datasets of a sweep file that runs and static variables are written into.
struct SweepDatasets {
  std::vector<SweepSeries> series;  // layout order
  std::vector<SweepStatic> statics;  // layout order
  h5::Handle status;
  h5::Handle seed;
  h5::Handle key;
  h5::Handle error;
  h5::Handle run_memory_space;  // (1, 1): one element of a run variable
  h5::Handle string_type;       // variable-length UTF-8, the memory and file type of run_error
};

// Validates the layout before anything is created (std::logic_error).
void check_layout(const SweepLayout& layout);

// The dimensions of `variable` in the file: (scenario, replicate, time, its axes...) for a time series,
// its axes for a static variable.
std::vector<hsize_t> dims_of(const SweepLayout& layout, const Variable& variable);

// Dataset access for a time series: a run is one chunk written whole, once, so no chunk cache (one per
// dataset would cost megabytes for every variable of the file).
h5::Handle series_access(const h5::File& file, const std::string& what);

// Keeps the open dataset of a variable with what writing into it needs.
SweepSeries series_of(const h5::File& file, const SweepLayout& layout, const Variable& variable, h5::Handle dataset);
SweepStatic static_of(const SweepLayout& layout, const Variable& variable, h5::Handle dataset);

// Adds the run variables' memory types and memory dataspace, once their datasets are open.
void prepare_run_writing(const h5::File& file, SweepDatasets& datasets);

// Creates the file (replacing a stale one) with every coordinate, swept parameter and dataset: time
// series and run variables as fill values, static variables to be written.
SweepDatasets create_sweep_file(h5::File& file, const SweepLayout& layout);

// Closes every dataset, checking each.
void close_sweep_datasets(const h5::File& file, SweepDatasets& datasets);

}  // namespace sim::output
