#include "sim/output/sweep_resume.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/output/h5_open.hpp"
#include "sim/output/special_file.hpp"
#include "sim/output/h5_netcdf.hpp"

namespace sim::output {

namespace {

using h5::Handle;
using h5::Kind;

[[noreturn]] void refuse(const h5::File& file, std::string_view why) {
  throw ResumeError(fmt::format("cannot resume {}: {}", file.label, why));
}

std::vector<std::string_view> lines_of(const std::string& text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(text.data() + start, end - start);
    start = end + 1;
  }
  return lines;
}

// How `now` differs from `before`: both values, or for texts of several lines the first that differs.
std::string first_difference(const std::string& before, const std::string& now) {
  const std::vector<std::string_view> old_lines = lines_of(before);
  const std::vector<std::string_view> new_lines = lines_of(now);
  if (old_lines.size() == 1 && new_lines.size() == 1) return fmt::format("is '{}' in the file, '{}' now", before, now);
  std::size_t line = 0;
  while (line < old_lines.size() && line < new_lines.size() && old_lines[line] == new_lines[line]) ++line;
  const auto shown = [&](const std::vector<std::string_view>& lines) {
    return line < lines.size() ? fmt::format("'{}'", lines[line]) : std::string("no such line");
  };
  return fmt::format("differs at line {}: {} in the file, {} now", line + 1, shown(old_lines), shown(new_lines));
}

// Opens dataset `name`; refuses the file unless the dataset is there with shape `dims`.
Handle open_with_shape(const h5::File& file, const std::string& name, const std::vector<hsize_t>& dims,
                       hid_t access = H5P_DEFAULT) {
  if (H5Lexists(file.get(), name.c_str(), H5P_DEFAULT) <= 0) {
    refuse(file, fmt::format("it has no variable '{}', which this sweep writes", name));
  }
  const std::string what = fmt::format("dataset '{}'", name);
  Handle dataset = file.checked(H5Dopen2(file.get(), name.c_str(), access), Kind::dataset, "open " + what);
  const std::vector<hsize_t> found = h5::shape_of(file, dataset.get(), what);
  if (found != dims) {
    refuse(file, fmt::format("variable '{}' has shape ({}) in the file, this sweep's is ({})", name,
                             fmt::join(found, ", "), fmt::join(dims, ", ")));
  }
  return dataset;
}

// Refuses the file unless the 1-D float64 dataset `name` holds `expected` bit for bit.
void check_values(const h5::File& file, const std::string& name, const std::vector<double>& expected,
                  const std::string& what) {
  Handle dataset = open_with_shape(file, name, {expected.size()});
  std::vector<double> found(expected.size());
  file.check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, found.data()),
             fmt::format("read '{}'", name));
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (std::bit_cast<std::uint64_t>(found[i]) != std::bit_cast<std::uint64_t>(expected[i])) {
      refuse(file, fmt::format("{} {} is {} in the file, {} in this sweep", what, i, found[i], expected[i]));
    }
  }
}

// Refuses the file unless it has every global attribute of the layout, with the same value (but
// `created` and `history`, which keep the first session's time).
void check_same_global_attributes(const h5::File& file, const SweepLayout& layout) {
  for (const auto& [name, value] : layout.global_attributes) {
    if (name == "created" || name == "history") continue;
    if (H5Aexists(file.get(), name.c_str()) <= 0) {
      refuse(file, fmt::format("it has no global attribute '{}'; it was not written by this sweep", name));
    }
    const std::string stored = h5::read_string_attribute(file.get(), name, file.label);
    if (stored != value) {
      refuse(file, fmt::format("it was written for another sweep, scenario or program: global attribute '{}' {}; "
                               "run without --resume to start again",
                               name, first_difference(stored, value)));
    }
  }
}

std::vector<RunStatus> read_run_statuses(const h5::File& file, const SweepDatasets& datasets,
                                         const SweepLayout& layout) {
  std::vector<std::int32_t> recorded(layout.scenarios * layout.replicates);
  file.check(H5Dread(datasets.status.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, recorded.data()),
             "read 'run_status'");
  std::vector<RunStatus> statuses;
  for (std::int32_t value : recorded) {
    if (value < 0 || value > 2) refuse(file, fmt::format("'run_status' holds {}, which is not 0, 1 or 2", value));
    statuses.push_back(static_cast<RunStatus>(value));
  }
  return statuses;
}

// True if every time series has the chunk of run (scenario, replicate) in the file.
bool run_is_whole(const h5::File& file, const SweepDatasets& datasets, std::size_t scenario, std::size_t replicate) {
  for (const SweepSeries& s : datasets.series) {
    std::array<hsize_t, H5S_MAX_RANK> offset{};
    offset[0] = scenario;
    offset[1] = replicate;
    unsigned filter_mask = 0;
    haddr_t address = HADDR_UNDEF;
    hsize_t size = 0;
    file.check(H5Dget_chunk_info_by_coord(s.dataset.get(), offset.data(), &filter_mask, &address, &size),
               fmt::format("look up run ({}, {}) of {}", scenario, replicate, s.what));
    if (address == HADDR_UNDEF || size == 0) return false;
  }
  return true;
}

// Opens the partial file and every dataset of the layout, refusing a file of another layout; with
// `repair`, also runs again any run marked done whose chunks are not all there.
SweepDatasets open_existing(h5::File& file, const SweepLayout& layout, std::vector<RunStatus>& statuses, bool repair) {
  const Handle access = h5::flush_consistent_access_plist(file.label);
  std::string cause;
  file.handle = h5::open_file(file.partial, H5F_ACC_RDWR, cause, access.get());
  if (!file.handle) {
    refuse(file, fmt::format("HDF5 cannot open it ({}); delete it and run the sweep again without --resume", cause));
  }
  // A process killed while flushing may have written chunk-index entries that point past the end of
  // allocation recorded in the superblock, at chunks it did write: taking in everything up to the end of
  // the file makes those addresses valid again, and the runs they belong to are written anew.
  file.check(H5Fincrement_filesize(file.get(), 0), "extend the end of allocation to the end of the file");

  check_same_global_attributes(file, layout);
  check_values(file, time_name, layout.time_values, "time value of tick");
  for (const auto& [name, values] : layout.parameters) {
    check_values(file, name, values, fmt::format("'{}' of scenario", name));
  }

  SweepDatasets datasets;
  for (const Variable& variable : layout.variables) {
    if (variable.time_series) {
      const std::string what = fmt::format("dataset of variable '{}'", variable.name);
      Handle dataset = open_with_shape(file, variable.name, dims_of(layout, variable), series_access(file, what).get());
      datasets.series.push_back(series_of(file, layout, variable, std::move(dataset)));
    } else {
      datasets.statics.push_back(static_of(layout, variable, open_with_shape(file, variable.name, dims_of(layout, variable))));
    }
  }

  const std::vector<hsize_t> runs{layout.scenarios, layout.replicates};
  datasets.status = open_with_shape(file, status_name, runs);
  datasets.seed = open_with_shape(file, seed_name, runs);
  datasets.key = open_with_shape(file, key_name, runs);
  datasets.error = open_with_shape(file, error_name, runs);
  statuses = read_run_statuses(file, datasets, layout);
  // A run marked done whose chunks are not all there is run again (the writer flushes a run's status
  // after the run, so this takes a kill in the middle of HDF5's own flush).
  for (std::size_t run = 0; repair && run < statuses.size(); ++run) {
    if (statuses[run] == RunStatus::done &&
        !run_is_whole(file, datasets, run / layout.replicates, run % layout.replicates)) {
      statuses[run] = RunStatus::not_run;
    }
  }
  prepare_run_writing(file, datasets);
  return datasets;
}

}  // namespace

SweepDatasets resume_sweep_file(h5::File& file, const SweepLayout& layout, std::vector<RunStatus>& statuses) {
  if (const std::string special = special_file_kind(file.partial); !special.empty()) {
    refuse(file, fmt::format("it is {}, not a file a sweep wrote; nothing was read from it", special));
  }
  if (!std::filesystem::exists(file.partial)) refuse(file, "it does not exist (run the sweep without --resume)");
  return open_existing(file, layout, statuses, true);
}

SweepDatasets reopen_sweep_file(h5::File& file, const SweepLayout& layout, std::vector<RunStatus>& statuses) {
  return open_existing(file, layout, statuses, false);
}

}  // namespace sim::output
