#include "sim/output/sweep_writer.hpp"

#include <hdf5_hl.h>
#include <zlib.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cmath>
#include <limits>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <system_error>

#include "sim/output/h5_handle.hpp"
#include "sim/output/h5_netcdf.hpp"

namespace sim::output {

namespace {

using h5::Handle;
using h5::Kind;

constexpr const char* scenario_name = "scenario";
constexpr const char* replicate_name = "replicate";
constexpr const char* time_name = "time";
constexpr const char* status_name = "run_status";
constexpr const char* seed_name = "run_seed";
constexpr const char* key_name = "run_replicate_key";
constexpr const char* error_name = "run_error";
constexpr hsize_t max_chunk_bytes = (hsize_t{1} << 32) - 1;  // HDF5's limit on one chunk

std::size_t axis_length(const std::vector<Axis>& axes, const std::string& name) {
  for (const Axis& axis : axes) {
    if (axis.name == name) return axis.labels.size();
  }
  return 0;
}

// Validates the layout before anything is created; every failure is a programming or configuration
// error (std::logic_error), not a runtime failure.
void validate(const SweepLayout& layout) {
  if (layout.time_axis.units.empty()) throw std::logic_error("sweep output time axis without units");
  if (layout.time_values.empty()) throw std::logic_error("sweep output without ticks (time_values is empty)");
  for (std::size_t t = 0; t < layout.time_values.size(); ++t) {
    if (!std::isfinite(layout.time_values[t])) {
      throw std::logic_error(
          fmt::format("sweep output time value {} of tick {} is not finite", layout.time_values[t], t));
    }
  }
  if (layout.scenarios == 0) throw std::logic_error("sweep output without scenarios");
  if (layout.replicates == 0) throw std::logic_error("sweep output without replicates");
  if (layout.options.deflate_level < 0 || layout.options.deflate_level > 9) {
    throw std::logic_error(fmt::format("output deflate_level must be 0..9, got {}", layout.options.deflate_level));
  }
  std::set<std::string> names{scenario_name, replicate_name, time_name, status_name, seed_name, key_name, error_name};
  for (const Axis& axis : layout.axes) {
    h5::check_name(axis.name, "axis");
    if (!names.insert(axis.name).second) {
      throw std::logic_error(fmt::format(
          "sweep output axis '{}' declared twice or named like a sweep dimension or run variable", axis.name));
    }
    if (axis.labels.empty()) throw std::logic_error(fmt::format("output axis '{}' has no labels", axis.name));
  }
  for (const auto& [key, values] : layout.parameters) {
    h5::check_name(key, "swept parameter");
    if (std::any_of(key.begin(), key.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; })) {
      throw std::logic_error(fmt::format("sweep output parameter '{}' contains white space", key));
    }
    if (!names.insert(key).second) {
      throw std::logic_error(fmt::format("sweep output parameter '{}' given twice or clashes with another name", key));
    }
    if (values.size() != layout.scenarios) {
      throw std::logic_error(fmt::format("sweep output parameter '{}' has {} values for {} scenarios", key,
                                         values.size(), layout.scenarios));
    }
  }
  for (const Variable& variable : layout.variables) {
    h5::check_name(variable.name, "variable");
    if (!names.insert(variable.name).second) {
      throw std::logic_error(fmt::format(
          "sweep output variable '{}' clashes with an axis, a sweep dimension, a parameter, a run variable or "
          "another variable",
          variable.name));
    }
    const std::size_t leading = variable.time_series ? 3 : 0;  // scenario, replicate, time
    if (variable.axes.size() + leading > H5S_MAX_RANK) {
      throw std::logic_error(fmt::format("output variable '{}' has too many axes", variable.name));
    }
    if (!variable.time_series && variable.may_be_undefined && variable.storage != Storage::float64) {
      throw std::logic_error(fmt::format("variable '{}': only float64 can be undefined", variable.name));
    }
    std::set<std::string> seen;
    hsize_t bytes = 8 * layout.time_values.size();
    for (const std::string& axis_name : variable.axes) {
      const std::size_t length = axis_length(layout.axes, axis_name);
      if (length == 0) {
        throw std::logic_error(fmt::format("output variable '{}' uses unknown axis '{}'", variable.name, axis_name));
      }
      if (!seen.insert(axis_name).second) {
        throw std::logic_error(fmt::format("output variable '{}' uses axis '{}' twice", variable.name, axis_name));
      }
      bytes *= length;
      if (variable.time_series && bytes > max_chunk_bytes) {
        throw std::logic_error(
            fmt::format("sweep output variable '{}': one run does not fit in one HDF5 chunk (4 GiB)", variable.name));
      }
    }
  }
  std::set<std::string> attribute_names;
  for (const auto& [name, value] : layout.global_attributes) {
    if (name.empty()) throw std::logic_error("output global attribute with an empty name");
    if (!attribute_names.insert(name).second) {
      throw std::logic_error(fmt::format("output global attribute '{}' given twice", name));
    }
  }
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

}  // namespace

struct SweepWriter::Impl {
  struct Series {
    std::string name;
    Handle dataset;
    Handle memory_space;          // (1, 1, ticks, axis lengths...), reused for every run
    std::vector<hsize_t> count;   // (1, 1, ticks, axis lengths...)
    std::size_t values = 0;       // ticks x product of axis lengths
    std::string what;             // "dataset of variable 'gdp'", for messages
  };
  struct Static {
    std::string name;
    Storage storage = Storage::float64;
    Handle dataset;
    std::size_t values = 0;  // product of axis lengths
    bool written = false;
    std::string what;
  };

  std::filesystem::path final_path;
  std::filesystem::path partial;
  std::string label;  // the partial path, for messages
  std::size_t scenarios = 0;
  std::size_t replicates = 0;

  Handle file;
  std::vector<Series> series;
  std::vector<Static> statics;
  Handle status;
  Handle seed;
  Handle key;
  Handle error;
  Handle run_memory_space;  // (1, 1): one element of a run variable
  Handle string_type;       // variable-length UTF-8, the memory and file type of run_error

  std::vector<RunStatus> statuses;  // of every run, scenario-major, as the file records them
  SweepLayout layout;                // to open the file again
  std::size_t runs_since_open = 0;
  static constexpr std::size_t runs_per_open = 64;

  bool created = false;   // the .partial file exists because we created it
  bool finished = false;  // finish() succeeded: nothing to clean up
  bool broken = false;    // an HDF5 failure left the file in an unknown state

  ~Impl() {
    if (finished) return;
    close_all_noexcept();
    // A file that holds runs is kept for --resume; only a file of our own without any is removed.
    const bool holds_runs = std::any_of(statuses.begin(), statuses.end(),
                                        [](RunStatus status) { return status != RunStatus::not_run; });
    if (!created || holds_runs) return;
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
  }

  void close_all_noexcept() noexcept {
    for (Series& s : series) {
      s.memory_space.reset();
      s.dataset.reset();
    }
    for (Static& s : statics) s.dataset.reset();
    for (Handle* h : {&status, &seed, &key, &error, &run_memory_space, &string_type}) h->reset();
    file.reset();
  }

  [[noreturn]] void fail(std::string_view operation) { h5::fail(label, operation); }
  void check(herr_t status_value, std::string_view operation) { h5::check(status_value, label, operation); }
  Handle checked(hid_t id, Kind kind, std::string_view operation) {
    return Handle::checked(id, kind, label, operation);
  }
  void write_attribute(hid_t object, const std::string& name, const std::string& value) {
    h5::write_string_attribute(object, name, value, label);
  }

  // A fixed-size dataset without filters (coordinates, parameters, run variables, static variables).
  Handle create_plain(const std::string& name, hid_t file_type, const std::vector<hsize_t>& dims, hid_t fill_type,
                      const void* fill, const std::string& what) {
    Handle dcpl = h5::dataset_creation_plist(label);
    if (fill) check(H5Pset_fill_value(dcpl.get(), fill_type, fill), fmt::format("set fill value of {}", what));
    const int rank = static_cast<int>(dims.size());
    Handle space = checked(rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, dims.data(), nullptr),
                           Kind::dataspace, fmt::format("create dataspace of {}", what));
    return checked(H5Dcreate2(file.get(), name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                   Kind::dataset, fmt::format("create {}", what));
  }

  // A 1-D numeric coordinate that is its own dimension scale.
  Handle create_coordinate(const char* name, hid_t file_type, hid_t memory_type, hsize_t length, const void* values,
                           const std::string& long_name) {
    const std::string what = fmt::format("coordinate '{}'", name);
    Handle dataset = create_plain(name, file_type, {length}, H5T_NATIVE_INT, nullptr, what);
    check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), fmt::format("write {}", what));
    check(H5DSset_scale(dataset.get(), name), fmt::format("make {} a dimension scale", what));
    write_attribute(dataset.get(), "long_name", long_name);
    return dataset;
  }

  void attach(hid_t dataset, hid_t scale, unsigned index, const std::string& what) {
    check(H5DSattach_scale(dataset, scale, index), fmt::format("attach dimension {} to {}", index, what));
  }

  // The dimensions of `variable` in the file: (scenario, replicate, time, its axes...) for a time series,
  // its axes for a static variable.
  std::vector<hsize_t> dims_of(const Variable& variable) const {
    std::vector<hsize_t> dims;
    if (variable.time_series) dims = {scenarios, replicates, layout.time_values.size()};
    for (const std::string& axis_name : variable.axes) dims.push_back(axis_length(layout.axes, axis_name));
    return dims;
  }

  // A run is one chunk written whole, once: no chunk cache, so the writer holds no run after writing
  // it (a cache per dataset would cost megabytes for every variable of the file).
  Handle series_access(const std::string& what) {
    Handle dapl = checked(H5Pcreate(H5P_DATASET_ACCESS), Kind::property_list, "create dataset access property list");
    check(H5Pset_chunk_cache(dapl.get(), 0, 0, 1.0), fmt::format("set chunk cache of {}", what));
    return dapl;
  }

  // Keeps the open dataset of a time series with what writing a run into it needs.
  void add_series(const Variable& variable, Handle dataset) {
    Series s;
    s.name = variable.name;
    s.what = fmt::format("dataset of variable '{}'", variable.name);
    s.count = dims_of(variable);
    s.count[0] = 1;  // one run: (1, 1, ticks, axes...)
    s.count[1] = 1;
    s.values = std::accumulate(s.count.begin(), s.count.end(), std::size_t{1}, std::multiplies<>());
    s.memory_space = checked(H5Screate_simple(static_cast<int>(s.count.size()), s.count.data(), nullptr),
                             Kind::dataspace, fmt::format("create memory dataspace of {}", s.what));
    s.dataset = std::move(dataset);
    series.push_back(std::move(s));
  }

  // Keeps the open dataset of a static variable.
  void add_static(const Variable& variable, Handle dataset) {
    const std::vector<hsize_t> dims = dims_of(variable);
    Static s;
    s.name = variable.name;
    s.storage = variable.storage;
    s.values = std::accumulate(dims.begin(), dims.end(), std::size_t{1}, std::multiplies<>());
    s.what = fmt::format("dataset of variable '{}'", variable.name);
    s.dataset = std::move(dataset);
    statics.push_back(std::move(s));
  }

  void create_series(const Variable& variable, const std::vector<hid_t>& leading_scales,
                     const std::map<std::string, Handle>& scales, const std::string& coordinates, int deflate_level) {
    const std::string what = fmt::format("variable '{}'", variable.name);
    const std::vector<hsize_t> dims = dims_of(variable);
    std::vector<hsize_t> chunk = dims;
    chunk[0] = 1;
    chunk[1] = 1;
    const int rank = static_cast<int>(dims.size());
    const double undefined = std::numeric_limits<double>::quiet_NaN();
    Handle dcpl = h5::dataset_creation_plist(label);
    check(H5Pset_chunk(dcpl.get(), rank, chunk.data()), fmt::format("set chunking of {}", what));
    if (deflate_level > 0) {
      check(H5Pset_shuffle(dcpl.get()), fmt::format("set shuffle filter of {}", what));
      check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(deflate_level)),
            fmt::format("set deflate filter of {}", what));
    }
    check(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &undefined), fmt::format("set fill value of {}", what));
    Handle space = checked(H5Screate_simple(rank, dims.data(), nullptr), Kind::dataspace,
                           fmt::format("create dataspace of {}", what));
    Handle dataset = checked(H5Dcreate2(file.get(), variable.name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                        dcpl.get(), series_access(what).get()),
                             Kind::dataset, fmt::format("create dataset of {}", what));
    unsigned index = 0;
    for (hid_t scale : leading_scales) attach(dataset.get(), scale, index++, what);
    for (const std::string& axis_name : variable.axes) attach(dataset.get(), scales.at(axis_name).get(), index++, what);
    write_attribute(dataset.get(), "units", variable.units);
    write_attribute(dataset.get(), "long_name", variable.long_name);
    h5::write_nan_fill_value_attribute(dataset.get(), what, label);
    if (!coordinates.empty()) write_attribute(dataset.get(), "coordinates", coordinates);
    add_series(variable, std::move(dataset));
  }

  void create_static(const Variable& variable, const std::map<std::string, Handle>& scales) {
    const std::string what = fmt::format("variable '{}'", variable.name);
    const double undefined = std::numeric_limits<double>::quiet_NaN();
    const bool integer = variable.storage == Storage::int32;
    Handle dataset = create_plain(variable.name, integer ? H5T_STD_I32LE : H5T_IEEE_F64LE, dims_of(variable),
                                  H5T_NATIVE_DOUBLE, variable.may_be_undefined ? &undefined : nullptr,
                                  fmt::format("dataset of {}", what));
    unsigned index = 0;
    for (const std::string& axis_name : variable.axes) attach(dataset.get(), scales.at(axis_name).get(), index++, what);
    write_attribute(dataset.get(), "units", variable.units);
    write_attribute(dataset.get(), "long_name", variable.long_name);
    if (variable.may_be_undefined) h5::write_nan_fill_value_attribute(dataset.get(), what, label);
    add_static(variable, std::move(dataset));
  }

  // A per-run variable along (scenario, replicate).
  Handle create_run_variable(const char* name, hid_t file_type, hid_t fill_type, const void* fill,
                             const std::string& long_name, hid_t scenario_scale, hid_t replicate_scale) {
    const std::string what = fmt::format("variable '{}'", name);
    Handle dataset =
        create_plain(name, file_type, {scenarios, replicates}, fill_type, fill, fmt::format("dataset of {}", what));
    attach(dataset.get(), scenario_scale, 0, what);
    attach(dataset.get(), replicate_scale, 1, what);
    write_attribute(dataset.get(), "units", "1");
    write_attribute(dataset.get(), "long_name", long_name);
    return dataset;
  }

  void create(std::filesystem::path final_path_in, const SweepLayout& layout_in) {
    layout = layout_in;
    final_path = std::move(final_path_in);
    partial = h5::partial_path_of(final_path);
    label = partial.string();
    scenarios = layout.scenarios;
    replicates = layout.replicates;
    const hsize_t ticks = layout.time_values.size();

    // From here on a failure leaves a .partial file, which ~Impl removes.
    created = true;
    statuses.assign(scenarios * replicates, RunStatus::not_run);
    file = h5::create_netcdf_file(partial, label, h5::flush_consistent_access_plist(label).get());

    const bool has_conventions = std::any_of(layout.global_attributes.begin(), layout.global_attributes.end(),
                                             [](const auto& a) { return a.first == "Conventions"; });
    if (!has_conventions) write_attribute(file.get(), "Conventions", "CF-1.8");
    for (const auto& [name, value] : layout.global_attributes) write_attribute(file.get(), name, value);

    // Dimension scales, in the order of the dimensions of a time series.
    std::vector<std::int64_t> scenario_values(scenarios);
    for (std::size_t s = 0; s < scenarios; ++s) scenario_values[s] = static_cast<std::int64_t>(s);
    Handle scenario = create_coordinate(scenario_name, H5T_STD_I64LE, H5T_NATIVE_INT64, scenarios,
                                        scenario_values.data(), "scenario (point of the sweep design)");
    std::vector<std::int32_t> replicate_values(replicates);
    for (std::size_t r = 0; r < replicates; ++r) replicate_values[r] = static_cast<std::int32_t>(r);
    Handle replicate = create_coordinate(replicate_name, H5T_STD_I32LE, H5T_NATIVE_INT32, replicates,
                                         replicate_values.data(), "replicate (independent random streams)");
    Handle time = create_coordinate(time_name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, ticks, layout.time_values.data(),
                                    "time (end of tick)");
    write_attribute(time.get(), "units", layout.time_axis.units);
    if (!layout.time_axis.calendar.empty()) write_attribute(time.get(), "calendar", layout.time_axis.calendar);
    write_attribute(time.get(), "standard_name", "time");
    write_attribute(time.get(), "axis", "T");
    std::map<std::string, Handle> scales;
    for (const Axis& axis : layout.axes) scales.emplace(axis.name, h5::create_label_axis(file.get(), axis, label));

    // Swept parameters: coordinates along scenario, named like their keys.
    std::string coordinates;
    for (const auto& [name, values] : layout.parameters) {
      const std::string what = fmt::format("swept parameter '{}'", name);
      Handle dataset = create_plain(name, H5T_IEEE_F64LE, {scenarios}, H5T_NATIVE_DOUBLE, nullptr, what);
      check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
            fmt::format("write {}", what));
      attach(dataset.get(), scenario.get(), 0, what);
      write_attribute(dataset.get(), "long_name", fmt::format("swept scenario key {}", name));
      dataset.close_checked(label, fmt::format("close {}", what));
      if (!coordinates.empty()) coordinates += ' ';
      coordinates += name;
    }

    const std::vector<hid_t> leading{scenario.get(), replicate.get(), time.get()};
    for (const Variable& variable : layout.variables) {
      if (variable.time_series) {
        create_series(variable, leading, scales, coordinates, layout.options.deflate_level);
      } else {
        create_static(variable, scales);
      }
    }

    const std::int32_t not_run = static_cast<std::int32_t>(RunStatus::not_run);
    status = create_run_variable(status_name, H5T_STD_I32LE, H5T_NATIVE_INT32, &not_run,
                                 "status of the run: 0 not run, 1 done, 2 failed", scenario.get(), replicate.get());
    {
      const std::array<std::int32_t, 3> flags{0, 1, 2};
      const hsize_t n[1] = {flags.size()};
      Handle space = checked(H5Screate_simple(1, n, nullptr), Kind::dataspace, "create dataspace of flag_values");
      Handle attribute = checked(H5Acreate2(status.get(), "flag_values", H5T_STD_I32LE, space.get(), H5P_DEFAULT,
                                            H5P_DEFAULT),
                                 Kind::attribute, "create flag_values of 'run_status'");
      check(H5Awrite(attribute.get(), H5T_NATIVE_INT32, flags.data()), "write flag_values of 'run_status'");
      attribute.close_checked(label, "close flag_values of 'run_status'");
      write_attribute(status.get(), "flag_meanings", "not_run done failed");
    }
    seed = create_run_variable(seed_name, H5T_STD_U64LE, H5T_NATIVE_INT, nullptr, "random seed of the run",
                               scenario.get(), replicate.get());
    key = create_run_variable(key_name, H5T_STD_I64LE, H5T_NATIVE_INT, nullptr,
                              "replicate key of the run's random streams", scenario.get(), replicate.get());
    string_type = h5::vlen_utf8_type(label);
    const char* empty = "";
    error = create_run_variable(error_name, string_type.get(), string_type.get(), &empty,
                                "error message of a failed run (empty unless failed)", scenario.get(),
                                replicate.get());
    const hsize_t one[2] = {1, 1};
    run_memory_space = checked(H5Screate_simple(2, one, nullptr), Kind::dataspace, "create run memory dataspace");

    for (auto& [name, scale] : scales) scale.close_checked(label, fmt::format("close dataset of axis '{}'", name));
    time.close_checked(label, "close coordinate 'time'");
    replicate.close_checked(label, "close coordinate 'replicate'");
    scenario.close_checked(label, "close coordinate 'scenario'");
    check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), "flush file");
  }

  [[noreturn]] void refuse(std::string_view why) const {
    throw ResumeError(fmt::format("cannot resume {}: {}", label, why));
  }

  // Opens dataset `name` of a file being resumed; refuses it unless its shape is `dims`.
  Handle open_with_shape(const std::string& name, const std::vector<hsize_t>& dims, hid_t access = H5P_DEFAULT) {
    if (H5Lexists(file.get(), name.c_str(), H5P_DEFAULT) <= 0) {
      refuse(fmt::format("it has no variable '{}', which this sweep writes", name));
    }
    Handle dataset =
        checked(H5Dopen2(file.get(), name.c_str(), access), Kind::dataset, fmt::format("open dataset '{}'", name));
    Handle space =
        checked(H5Dget_space(dataset.get()), Kind::dataspace, fmt::format("get dataspace of '{}'", name));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) fail(fmt::format("get rank of '{}'", name));
    std::vector<hsize_t> found(static_cast<std::size_t>(rank));
    if (H5Sget_simple_extent_dims(space.get(), found.data(), nullptr) < 0) fail(fmt::format("get shape of '{}'", name));
    if (found != dims) {
      refuse(fmt::format("variable '{}' has shape ({}) in the file, this sweep's is ({})", name,
                         fmt::join(found, ", "), fmt::join(dims, ", ")));
    }
    return dataset;
  }

  // Refuses a 1-D float64 dataset whose values are not bit for bit `expected`.
  void check_values(const std::string& name, const std::vector<double>& expected, const std::string& what) {
    Handle dataset = open_with_shape(name, {expected.size()});
    std::vector<double> found(expected.size());
    check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, found.data()),
          fmt::format("read '{}'", name));
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (std::bit_cast<std::uint64_t>(found[i]) != std::bit_cast<std::uint64_t>(expected[i])) {
        refuse(fmt::format("{} {} is {} in the file, {} in this sweep", what, i, found[i], expected[i]));
      }
    }
  }

  void open_for_resume(std::filesystem::path final_path_in, const SweepLayout& layout_in) {
    final_path = std::move(final_path_in);
    partial = h5::partial_path_of(final_path);
    label = partial.string();
    layout = layout_in;
    scenarios = layout.scenarios;
    replicates = layout.replicates;
    if (!std::filesystem::exists(partial)) refuse("it does not exist (run the sweep without --resume)");
    open_existing(true);
  }

  // Opens the partial file and every dataset of the layout, refusing a file of another layout; with
  // `check_runs`, also runs again any run marked done whose chunks are not all there.
  void open_existing(bool check_runs) {
    const Handle access = h5::flush_consistent_access_plist(label);
    file = Handle(H5Fopen(partial.c_str(), H5F_ACC_RDWR, access.get()), Kind::file);
    if (!file) {
      refuse("HDF5 cannot open it (not an HDF5 file, or cut short while a run was being flushed); delete it and "
             "run the sweep again without --resume");
    }
    // A process killed while flushing may have written chunk-index entries that point past the end of
    // allocation recorded in the superblock, at chunks it did write: taking in everything up to the end of
    // the file makes those addresses valid again, and the runs they belong to are written anew.
    check(H5Fincrement_filesize(file.get(), 0), "extend the end of allocation to the end of the file");

    for (const auto& [name, value] : layout.global_attributes) {
      if (name == "created") continue;  // the first session's creation time stays
      if (H5Aexists(file.get(), name.c_str()) <= 0) {
        refuse(fmt::format("it has no global attribute '{}'; it was not written by this sweep", name));
      }
      const std::string stored = h5::read_string_attribute(file.get(), name, label);
      if (stored != value) {
        refuse(fmt::format("it was written for another sweep, scenario or program: global attribute '{}' {}; run "
                           "without --resume to start again",
                           name, first_difference(stored, value)));
      }
    }
    check_values(time_name, layout.time_values, "time value of tick");
    for (const auto& [name, values] : layout.parameters) check_values(name, values, fmt::format("'{}' of scenario", name));

    for (const Variable& variable : layout.variables) {
      if (variable.time_series) {
        const std::string what = fmt::format("dataset of variable '{}'", variable.name);
        add_series(variable, open_with_shape(variable.name, dims_of(variable), series_access(what).get()));
      } else {
        add_static(variable, open_with_shape(variable.name, dims_of(variable)));
      }
    }

    const std::vector<hsize_t> runs{scenarios, replicates};
    status = open_with_shape(status_name, runs);
    seed = open_with_shape(seed_name, runs);
    key = open_with_shape(key_name, runs);
    error = open_with_shape(error_name, runs);
    std::vector<std::int32_t> recorded(scenarios * replicates);
    check(H5Dread(status.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, recorded.data()),
          "read 'run_status'");
    statuses.clear();
    for (std::int32_t value : recorded) {
      if (value < 0 || value > 2) refuse(fmt::format("'run_status' holds {}, which is not 0, 1 or 2", value));
      statuses.push_back(static_cast<RunStatus>(value));
    }
    // A run marked done whose chunks are not all there is run again (write_run_record flushes the status
    // after the run, so this takes a kill in the middle of HDF5's own flush).
    for (std::size_t run = 0; check_runs && run < statuses.size(); ++run) {
      if (statuses[run] == RunStatus::done && !run_is_whole(run / replicates, run % replicates)) {
        statuses[run] = RunStatus::not_run;
      }
    }
    string_type = h5::vlen_utf8_type(label);
    const hsize_t one[2] = {1, 1};
    run_memory_space = checked(H5Screate_simple(2, one, nullptr), Kind::dataspace, "create run memory dataspace");
  }

  // Closes every handle and then the file, checking each; `when` names the moment in messages.
  void close_file(std::string_view when) {
    for (Series& s : series) {
      s.memory_space.close_checked(label, "close memory dataspace");
      s.dataset.close_checked(label, fmt::format("close {}", s.what));
    }
    for (Static& s : statics) s.dataset.close_checked(label, fmt::format("close {}", s.what));
    run_memory_space.close_checked(label, "close run memory dataspace");
    status.close_checked(label, "close dataset 'run_status'");
    seed.close_checked(label, "close dataset 'run_seed'");
    key.close_checked(label, "close dataset 'run_replicate_key'");
    error.close_checked(label, "close dataset 'run_error'");
    string_type.close_checked(label, "close string datatype");
    const ssize_t open_objects = H5Fget_obj_count(file.get(), H5F_OBJ_ALL | H5F_OBJ_LOCAL);
    if (open_objects != 1) {
      throw OutputError(fmt::format("output file {}: {} HDF5 objects still open at {}", label, open_objects - 1, when));
    }
    file.close_checked(label, "close file");
  }

  // With evictions off HDF5 keeps every metadata entry the file has touched (the chunk indices: about 20
  // kilobytes of memory per run); closing the file and opening it again lets go of them, so the writer's
  // memory stays bounded whatever the size of the sweep.
  void reopen() {
    std::vector<bool> written;
    for (const Static& s : statics) written.push_back(s.written);
    close_file("reopening");
    series.clear();
    statics.clear();
    open_existing(false);
    for (std::size_t i = 0; i < statics.size(); ++i) statics[i].written = written[i];
    runs_since_open = 0;
  }

  void check_usable(std::string_view function) const {
    if (finished) {
      throw std::logic_error(fmt::format("SweepWriter::{} after finish() ({})", function, final_path.string()));
    }
    if (broken) throw OutputError(fmt::format("output file {} is unusable after an earlier HDF5 failure", label));
  }

  void check_run(std::string_view function, std::size_t scenario, std::size_t replicate) const {
    if (scenario >= scenarios || replicate >= replicates) {
      throw std::out_of_range(fmt::format("SweepWriter::{}: run ({}, {}) outside {} scenarios x {} replicates in {}",
                                          function, scenario, replicate, scenarios, replicates, label));
    }
  }

  // Selects run (scenario, replicate) of a time series in a new file dataspace.
  Handle select_run(const Series& s, std::size_t scenario, std::size_t replicate) {
    Handle file_space(H5Dget_space(s.dataset.get()), Kind::dataspace);
    if (!file_space) fail(fmt::format("get dataspace of {}", s.what));
    std::array<hsize_t, H5S_MAX_RANK> start{};
    start[0] = scenario;
    start[1] = replicate;
    if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, s.count.data(), nullptr) < 0) {
      fail(fmt::format("select run ({}, {}) of {}", scenario, replicate, s.what));
    }
    return file_space;
  }

  void write_series(const Series& s, std::size_t scenario, std::size_t replicate, const double* values) {
    Handle file_space = select_run(s, scenario, replicate);
    if (H5Dwrite(s.dataset.get(), H5T_NATIVE_DOUBLE, s.memory_space.get(), file_space.get(), H5P_DEFAULT, values) < 0) {
      fail(fmt::format("write run ({}, {}) of {}", scenario, replicate, s.what));
    }
  }

  // Selects element (scenario, replicate) of a run variable in a new file dataspace.
  Handle select_element(hid_t dataset, std::size_t scenario, std::size_t replicate, const char* name) {
    Handle file_space(H5Dget_space(dataset), Kind::dataspace);
    if (!file_space) fail(fmt::format("get dataspace of '{}'", name));
    const hsize_t start[2] = {scenario, replicate};
    const hsize_t count[2] = {1, 1};
    if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0) {
      fail(fmt::format("select run ({}, {}) of '{}'", scenario, replicate, name));
    }
    return file_space;
  }

  void write_element(hid_t dataset, hid_t memory_type, const void* value, std::size_t scenario,
                     std::size_t replicate, const char* name) {
    Handle file_space = select_element(dataset, scenario, replicate, name);
    if (H5Dwrite(dataset, memory_type, run_memory_space.get(), file_space.get(), H5P_DEFAULT, value) < 0) {
      fail(fmt::format("write run ({}, {}) of '{}'", scenario, replicate, name));
    }
  }

  // The run variables, status last and on its own: the run's chunks and variables reach the disk in one
  // flush, its status in the next, so a process killed at any moment leaves a status that says done
  // only over a run that is whole on disk.
  void write_run_record(std::size_t scenario, std::size_t replicate, std::uint64_t seed_value,
                        std::uint32_t replicate_key, const std::string& message, RunStatus run_status) {
    write_element(seed.get(), H5T_NATIVE_UINT64, &seed_value, scenario, replicate, seed_name);
    const auto key_value = static_cast<std::int64_t>(replicate_key);
    write_element(key.get(), H5T_NATIVE_INT64, &key_value, scenario, replicate, key_name);
    const char* text = message.c_str();
    write_element(error.get(), string_type.get(), &text, scenario, replicate, error_name);
    check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), "flush file");
    const auto status_value = static_cast<std::int32_t>(run_status);
    write_element(status.get(), H5T_NATIVE_INT32, &status_value, scenario, replicate, status_name);
    check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), "flush file");
    statuses[scenario * replicates + replicate] = run_status;
    if (++runs_since_open == runs_per_open) reopen();
  }

  // True if every time series has the chunk of run (scenario, replicate) in the file.
  bool run_is_whole(std::size_t scenario, std::size_t replicate) {
    for (const Series& s : series) {
      std::array<hsize_t, H5S_MAX_RANK> offset{};
      offset[0] = scenario;
      offset[1] = replicate;
      unsigned filter_mask = 0;
      haddr_t address = HADDR_UNDEF;
      hsize_t size = 0;
      check(H5Dget_chunk_info_by_coord(s.dataset.get(), offset.data(), &filter_mask, &address, &size),
            fmt::format("look up run ({}, {}) of {}", scenario, replicate, s.what));
      if (address == HADDR_UNDEF || size == 0) return false;
    }
    return true;
  }
};

SweepWriter::SweepWriter(std::filesystem::path final_path, SweepLayout layout, OpenMode mode)
    : impl_(std::make_unique<Impl>()) {
  validate(layout);
  const h5::ErrorSilencer silencer;
  try {
    if (mode == OpenMode::resume) {
      impl_->open_for_resume(std::move(final_path), layout);
    } else {
      impl_->create(std::move(final_path), layout);
    }
  } catch (...) {
    impl_.reset();  // closes (removing a .partial file it created) while HDF5 printing is still off
    throw;
  }
}

SweepWriter::~SweepWriter() {
  const h5::ErrorSilencer silencer;
  impl_.reset();
}

void SweepWriter::write_static(const std::string& name, std::span<const double> values) {
  Impl& im = *impl_;
  im.check_usable("write_static");
  const auto it =
      std::find_if(im.statics.begin(), im.statics.end(), [&](const Impl::Static& s) { return s.name == name; });
  if (it == im.statics.end()) {
    throw std::invalid_argument(
        fmt::format("SweepWriter::write_static: '{}' is not a static variable of {}", name, im.label));
  }
  if (values.size() != it->values) {
    throw std::invalid_argument(fmt::format("SweepWriter::write_static: '{}' has {} values, expected {}", name,
                                            values.size(), it->values));
  }
  std::vector<std::int32_t> integers;
  const void* buffer = values.data();
  hid_t memory_type = H5T_NATIVE_DOUBLE;
  if (it->storage == Storage::int32) {
    integers.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!h5::to_int32(values[i], integers[i])) {
        throw OutputError(fmt::format(
            "output variable '{}' (int32) in {}: element {} has value {}, which is not finite or out of int32 range",
            name, im.label, i, values[i]));
      }
    }
    buffer = integers.data();
    memory_type = H5T_NATIVE_INT32;
  }
  const h5::ErrorSilencer silencer;
  im.broken = true;
  if (H5Dwrite(it->dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer) < 0) {
    im.fail(fmt::format("write {}", it->what));
  }
  im.broken = false;
  it->written = true;
}

void SweepWriter::write_run(std::size_t scenario, std::size_t replicate, std::uint64_t seed,
                            std::uint32_t replicate_key, const std::vector<std::vector<double>>& series) {
  Impl& im = *impl_;
  im.check_usable("write_run");
  im.check_run("write_run", scenario, replicate);
  if (series.size() != im.series.size()) {
    throw std::invalid_argument(fmt::format("SweepWriter::write_run: {} series given, the layout has {} time series",
                                            series.size(), im.series.size()));
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].size() != im.series[i].values) {
      throw std::invalid_argument(fmt::format("SweepWriter::write_run: series of '{}' has {} values, expected {}",
                                              im.series[i].name, series[i].size(), im.series[i].values));
    }
  }
  const h5::ErrorSilencer silencer;
  im.broken = true;  // until every dataset has the run
  for (std::size_t i = 0; i < series.size(); ++i) im.write_series(im.series[i], scenario, replicate, series[i].data());
  im.write_run_record(scenario, replicate, seed, replicate_key, std::string(), RunStatus::done);
  im.broken = false;
}

std::vector<EncodedSeries> encode_run(int deflate_level, const std::vector<std::vector<double>>& series) {
  std::vector<EncodedSeries> encoded(series.size());
  std::vector<unsigned char> shuffled;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::vector<double>& values = series[i];
    const std::size_t n = values.size();
    const auto* raw = reinterpret_cast<const unsigned char*>(values.data());
    encoded[i].values = n;
    if (deflate_level == 0) {
      encoded[i].bytes.assign(raw, raw + n * sizeof(double));
      continue;
    }
    // HDF5's shuffle filter: byte b of every element together, then byte b + 1, ...
    shuffled.resize(n * sizeof(double));
    for (std::size_t e = 0; e < n; ++e) {
      for (std::size_t b = 0; b < sizeof(double); ++b) shuffled[b * n + e] = raw[e * sizeof(double) + b];
    }
    // HDF5's deflate filter: a zlib stream of the shuffled bytes.
    uLongf size = compressBound(static_cast<uLong>(shuffled.size()));
    encoded[i].bytes.resize(size);
    if (compress2(encoded[i].bytes.data(), &size, shuffled.data(), static_cast<uLong>(shuffled.size()), deflate_level) !=
        Z_OK) {
      throw OutputError(fmt::format("compressing series {} of a run failed", i));
    }
    encoded[i].bytes.resize(size);
  }
  return encoded;
}

void SweepWriter::write_encoded_run(std::size_t scenario, std::size_t replicate, std::uint64_t seed,
                                    std::uint32_t replicate_key, const std::vector<EncodedSeries>& series) {
  Impl& im = *impl_;
  im.check_usable("write_encoded_run");
  im.check_run("write_encoded_run", scenario, replicate);
  if (series.size() != im.series.size()) {
    throw std::invalid_argument(fmt::format(
        "SweepWriter::write_encoded_run: {} series given, the layout has {} time series", series.size(), im.series.size()));
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].values != im.series[i].values) {
      throw std::invalid_argument(fmt::format("SweepWriter::write_encoded_run: series of '{}' has {} values, expected {}",
                                              im.series[i].name, series[i].values, im.series[i].values));
    }
  }
  const h5::ErrorSilencer silencer;
  im.broken = true;  // until every dataset has the run
  for (std::size_t i = 0; i < series.size(); ++i) {
    const Impl::Series& s = im.series[i];
    std::array<hsize_t, H5S_MAX_RANK> offset{};  // the run's chunk starts at (scenario, replicate, 0, ...)
    offset[0] = scenario;
    offset[1] = replicate;
    if (H5Dwrite_chunk(s.dataset.get(), H5P_DEFAULT, 0, offset.data(), series[i].bytes.size(), series[i].bytes.data()) < 0) {
      im.fail(fmt::format("write run ({}, {}) of {}", scenario, replicate, s.what));
    }
  }
  im.write_run_record(scenario, replicate, seed, replicate_key, std::string(), RunStatus::done);
  im.broken = false;
}

void SweepWriter::write_failure(std::size_t scenario, std::size_t replicate, std::uint64_t seed,
                                std::uint32_t replicate_key, std::string_view message) {
  Impl& im = *impl_;
  im.check_usable("write_failure");
  im.check_run("write_failure", scenario, replicate);
  const std::string text(message);
  const h5::ErrorSilencer silencer;
  im.broken = true;
  if (im.statuses[scenario * im.replicates + replicate] == RunStatus::done) {
    // The run's earlier values are replaced by NaN, as if never written.
    std::size_t largest = 0;
    for (const Impl::Series& s : im.series) largest = std::max(largest, s.values);
    const std::vector<double> undefined(largest, std::numeric_limits<double>::quiet_NaN());
    for (const Impl::Series& s : im.series) im.write_series(s, scenario, replicate, undefined.data());
  }
  im.write_run_record(scenario, replicate, seed, replicate_key, text, RunStatus::failed);
  im.broken = false;
}

std::filesystem::path SweepWriter::finish() {
  Impl& im = *impl_;
  if (im.finished) throw std::logic_error(fmt::format("SweepWriter::finish called twice ({})", im.final_path.string()));
  if (im.broken) throw OutputError(fmt::format("output file {} is unusable after an earlier HDF5 failure", im.label));
  for (const Impl::Static& s : im.statics) {
    if (!s.written) {
      throw std::logic_error(
          fmt::format("SweepWriter::finish: static variable '{}' was never written ({})", s.name, im.label));
    }
  }
  const h5::ErrorSilencer silencer;
  im.broken = true;  // until the file is closed and renamed
  im.close_file("finish");
  h5::publish_partial(im.partial, im.final_path);
  im.broken = false;
  im.finished = true;
  return im.final_path;
}

const std::filesystem::path& SweepWriter::partial_path() const { return impl_->partial; }

const std::vector<RunStatus>& SweepWriter::run_statuses() const { return impl_->statuses; }

}  // namespace sim::output
