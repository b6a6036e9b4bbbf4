#include "sim/output/run_writer.hpp"

#include <hdf5_hl.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <system_error>

#include "sim/output/h5_handle.hpp"
#include "sim/output/h5_netcdf.hpp"

namespace sim::output {

namespace {

using h5::check;
using h5::check_name;
using h5::Handle;
using h5::Kind;
using h5::to_int32;

constexpr const char* time_name = "time";
constexpr hsize_t min_chunk_cache_bytes = hsize_t{1} << 20;  // HDF5's default per-dataset cache

// Validates the declarations before anything is created; every failure is a programming or
// configuration error (std::logic_error), not a runtime failure.
void validate(const TimeAxis& time_axis, const std::vector<Axis>& axes, const Registry& registry,
              const std::vector<std::pair<std::string, std::string>>& global_attributes,
              const WriterOptions& options) {
  if (time_axis.units.empty()) throw std::logic_error("output time axis without units");
  if (options.time_chunk < 1) {
    throw std::logic_error(fmt::format("output time_chunk must be >= 1, got {}", options.time_chunk));
  }
  if (options.deflate_level < 0 || options.deflate_level > 9) {
    throw std::logic_error(fmt::format("output deflate_level must be 0..9, got {}", options.deflate_level));
  }
  if (options.table_chunk < 1) {
    throw std::logic_error(fmt::format("output table_chunk must be >= 1, got {}", options.table_chunk));
  }
  std::set<std::string> names{time_name};
  for (const Axis& axis : axes) {
    check_name(axis.name, "axis");
    if (!names.insert(axis.name).second) {
      throw std::logic_error(fmt::format("output axis '{}' declared twice or named like the time axis", axis.name));
    }
    if (axis.labels.empty()) throw std::logic_error(fmt::format("output axis '{}' has no labels", axis.name));
  }
  for (const Variable& variable : registry.variables()) {
    check_name(variable.name, "variable");
    if (!names.insert(variable.name).second) {
      throw std::logic_error(fmt::format(
          "output variable '{}' clashes with an axis, the time axis or another variable", variable.name));
    }
    if (!variable.sample) {
      throw std::logic_error(fmt::format("output variable '{}' has no sampler", variable.name));
    }
    if (variable.axes.size() + 1 > H5S_MAX_RANK) {
      throw std::logic_error(fmt::format("output variable '{}' has too many axes", variable.name));
    }
    std::set<std::string> seen;
    for (const std::string& axis_name : variable.axes) {
      const bool known = std::any_of(axes.begin(), axes.end(), [&](const Axis& a) { return a.name == axis_name; });
      if (!known) {
        throw std::logic_error(
            fmt::format("output variable '{}' uses unknown axis '{}'", variable.name, axis_name));
      }
      if (!seen.insert(axis_name).second) {
        throw std::logic_error(
            fmt::format("output variable '{}' uses axis '{}' twice", variable.name, axis_name));
      }
    }
  }
  for (const Table& table : registry.tables()) {
    check_name(table.dimension, "table dimension");
    if (table.columns.empty()) throw std::logic_error(fmt::format("output table '{}' has no columns", table.dimension));
    if (!table.sample) throw std::logic_error(fmt::format("output table '{}' has no sampler", table.dimension));
    std::vector<std::string> table_names{table.dimension, table_time_name(table)};
    for (const Column& column : table.columns) {
      check_name(column.name, fmt::format("column of table '{}'", table.dimension));
      table_names.push_back(column.name);
    }
    for (const std::string& name : table_names) {
      if (!names.insert(name).second) {
        throw std::logic_error(fmt::format(
            "output table '{}': name '{}' clashes with an axis, the time axis, a variable or another table name",
            table.dimension, name));
      }
    }
  }
  std::set<std::string> attribute_names;
  for (const auto& [name, value] : global_attributes) {
    if (name.empty()) throw std::logic_error("output global attribute with an empty name");
    if (!attribute_names.insert(name).second) {
      throw std::logic_error(fmt::format("output global attribute '{}' given twice", name));
    }
  }
}

hid_t file_type_of(Storage storage) { return storage == Storage::int32 ? H5T_STD_I32LE : H5T_IEEE_F64LE; }
hid_t memory_type_of(Storage storage) { return storage == Storage::int32 ? H5T_NATIVE_INT32 : H5T_NATIVE_DOUBLE; }

}  // namespace

struct RunWriter::Impl {
  struct Series {
    Variable variable;             // copy of the declaration (the sampler is called at every append)
    Handle dataset;
    Handle memory_space;           // (1, axis lengths...), reused for every tick
    std::vector<hsize_t> extent;   // (ticks, axis lengths...)
    std::vector<double> values;    // reusable sample buffer
    std::vector<std::int32_t> integers;  // reusable conversion buffer (int32 storage)
    std::string what;              // "dataset of variable 'gdp'", for messages
  };

  std::filesystem::path final_path;
  std::filesystem::path partial;
  std::string label;  // the partial path, for messages
  WriterOptions options;

  Handle file;
  Handle time;
  Handle time_memory_space;
  std::vector<hsize_t> time_extent{0};
  std::vector<Series> series;
  std::vector<const void*> buffers;  // per-append sample buffers, reused
  hsize_t ticks = 0;

  // A table: its datasets and the buffers of one snapshot (sized to the current snapshot).
  struct TableSeries {
    Table table;                   // copy of the declaration (the sampler is called at every snapshot)
    std::string time_name;         // "<dimension>_time"
    Handle row;                    // coordinate `dimension`: int64 row number, the dimension scale
    Handle time;                   // "<dimension>_time"
    std::vector<Handle> columns;   // same order as table.columns
    std::vector<std::string> column_whats;  // "column 'age' of table 'firm_record'", for messages
    std::string what;              // "table 'firm_record'"
    hsize_t rows = 0;              // rows written so far
    std::vector<std::vector<double>> values;          // sampler output, one vector per column
    std::vector<std::vector<std::int32_t>> integers;  // conversion buffers (int32 columns; empty otherwise)
    std::vector<std::int64_t> row_numbers;            // rows .. rows + n - 1
    std::vector<double> times;                        // n copies of the snapshot time
  };
  std::vector<TableSeries> tables;
  std::vector<std::size_t> snapshot_rows;  // rows of each table in the snapshot being appended

  bool created = false;   // the .partial file exists because we created it
  bool finished = false;  // finish() succeeded: nothing to clean up
  bool broken = false;    // an HDF5 failure left the file in an unknown state

  ~Impl() {
    if (finished || !created) return;
    // Runtime failure or abandoned run: close everything (ignoring failures) and remove the file.
    close_all_noexcept();
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
  }

  void close_all_noexcept() noexcept {
    for (Series& s : series) {
      s.memory_space.reset();
      s.dataset.reset();
    }
    for (TableSeries& t : tables) {
      for (Handle& column : t.columns) column.reset();
      t.time.reset();
      t.row.reset();
    }
    time_memory_space.reset();
    time.reset();
    file.reset();
  }

  [[noreturn]] void fail(std::string_view operation) { h5::fail(label, operation); }
  void check(herr_t status, std::string_view operation) { h5::check(status, label, operation); }
  Handle checked(hid_t id, Kind kind, std::string_view operation) {
    return Handle::checked(id, kind, label, operation);
  }

  Handle create_file() { return h5::create_netcdf_file(partial, label); }

  Handle dataset_creation_plist() { return h5::dataset_creation_plist(label); }

  void write_attribute(hid_t object, const std::string& name, const std::string& value) {
    h5::write_string_attribute(object, name, value, label);
  }

  void create_time(const TimeAxis& time_axis) {
    const hsize_t dims[1] = {0};
    const hsize_t max_dims[1] = {H5S_UNLIMITED};
    const hsize_t chunk[1] = {static_cast<hsize_t>(options.time_chunk)};
    Handle space = checked(H5Screate_simple(1, dims, max_dims), Kind::dataspace, "create time dataspace");
    Handle dcpl = dataset_creation_plist();
    check(H5Pset_chunk(dcpl.get(), 1, chunk), "set time chunking");
    time = checked(H5Dcreate2(file.get(), time_name, H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, dcpl.get(),
                              H5P_DEFAULT),
                   Kind::dataset, "create dataset 'time'");
    check(H5DSset_scale(time.get(), time_name), "make 'time' a dimension scale");
    write_attribute(time.get(), "units", time_axis.units);
    if (!time_axis.calendar.empty()) write_attribute(time.get(), "calendar", time_axis.calendar);
    write_attribute(time.get(), "long_name", "time (end of tick)");
    write_attribute(time.get(), "standard_name", "time");
    write_attribute(time.get(), "axis", "T");
    const hsize_t one[1] = {1};
    time_memory_space = checked(H5Screate_simple(1, one, nullptr), Kind::dataspace, "create time memory dataspace");
  }

  Handle create_axis(const Axis& axis) { return h5::create_label_axis(file.get(), axis, label); }

  // Samples `variable` into `values` (pre-filled with NaN so an unfilled element cannot pass as data)
  // and, for int32 storage, converts into `integers`. Returns the buffer to write.
  const void* sample(const Variable& variable, std::vector<double>& values, std::vector<std::int32_t>& integers) {
    std::fill(values.begin(), values.end(), std::numeric_limits<double>::quiet_NaN());
    variable.sample(std::span<double>(values));
    if (variable.storage == Storage::float64) return values.data();
    integers.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!to_int32(values[i], integers[i])) {
        throw OutputError(fmt::format(
            "output variable '{}' (int32) in {}: element {} has value {}, which is not finite or out of int32 range",
            variable.name, label, i, values[i]));
      }
    }
    return integers.data();
  }

  void create_variable(const Variable& variable, const std::map<std::string, const Axis*>& axes_by_name,
                       const std::map<std::string, Handle>& scales) {
    const std::string what = fmt::format("variable '{}'", variable.name);
    std::vector<hsize_t> axis_lengths;
    std::size_t count = 1;
    for (const std::string& axis_name : variable.axes) {
      axis_lengths.push_back(axes_by_name.at(axis_name)->labels.size());
      count *= axis_lengths.back();
    }
    Handle dcpl = dataset_creation_plist();
    Handle dapl = checked(H5Pcreate(H5P_DATASET_ACCESS), Kind::property_list, "create dataset access property list");
    std::vector<hsize_t> dims;
    std::vector<hsize_t> max_dims;
    if (variable.time_series) {
      dims.push_back(0);
      max_dims.push_back(H5S_UNLIMITED);
    }
    dims.insert(dims.end(), axis_lengths.begin(), axis_lengths.end());
    max_dims.insert(max_dims.end(), axis_lengths.begin(), axis_lengths.end());
    const int rank = static_cast<int>(dims.size());

    if (variable.time_series) {
      std::vector<hsize_t> chunk = dims;
      chunk[0] = static_cast<hsize_t>(options.time_chunk);
      check(H5Pset_chunk(dcpl.get(), rank, chunk.data()), "set chunking of " + what);
      if (options.deflate_level > 0) {
        check(H5Pset_shuffle(dcpl.get()), "set shuffle filter of " + what);
        check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(options.deflate_level)),
              "set deflate filter of " + what);
      }
      // The cache holds at least one whole chunk, so appending a tick does not recompress the chunk
      // being filled; memory stays bounded by the chunk size whatever the number of ticks.
      const hsize_t chunk_bytes = static_cast<hsize_t>(options.time_chunk) * count * 8;
      const std::size_t cache_bytes = static_cast<std::size_t>(std::max(min_chunk_cache_bytes, 2 * chunk_bytes));
      check(H5Pset_chunk_cache(dapl.get(), 521, cache_bytes, 1.0), "set chunk cache of " + what);
    }

    const double undefined = std::numeric_limits<double>::quiet_NaN();
    if (variable.may_be_undefined) {
      if (variable.storage != Storage::float64) throw std::logic_error(what + ": only float64 can be undefined");
      check(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &undefined), "set fill value of " + what);
    }
    Handle space = checked(rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, dims.data(), max_dims.data()),
                           Kind::dataspace, "create dataspace of " + what);
    Handle dataset = checked(H5Dcreate2(file.get(), variable.name.c_str(), file_type_of(variable.storage),
                                        space.get(), H5P_DEFAULT, dcpl.get(), dapl.get()),
                             Kind::dataset, "create dataset of " + what);
    unsigned index = 0;
    if (variable.time_series) {
      check(H5DSattach_scale(dataset.get(), time.get(), index++), "attach dimension 'time' to " + what);
    }
    for (const std::string& axis_name : variable.axes) {
      check(H5DSattach_scale(dataset.get(), scales.at(axis_name).get(), index++),
            fmt::format("attach dimension '{}' to {}", axis_name, what));
    }
    write_attribute(dataset.get(), "units", variable.units);
    write_attribute(dataset.get(), "long_name", variable.long_name);
    if (variable.may_be_undefined) h5::write_nan_fill_value_attribute(dataset.get(), what, label);

    std::vector<double> values(count);
    std::vector<std::int32_t> integers;
    if (!variable.time_series) {
      const void* buffer = sample(variable, values, integers);
      check(H5Dwrite(dataset.get(), memory_type_of(variable.storage), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer),
            "write " + what);
      dataset.close_checked(label, "close dataset of " + what);
      return;
    }
    std::vector<hsize_t> memory_dims = dims;
    memory_dims[0] = 1;
    Series s;
    s.variable = variable;
    s.what = "dataset of " + what;
    s.memory_space = checked(H5Screate_simple(rank, memory_dims.data(), nullptr), Kind::dataspace,
                             "create memory dataspace of " + what);
    s.dataset = std::move(dataset);
    s.extent = std::move(dims);
    s.values = std::move(values);
    if (variable.storage == Storage::int32) s.integers.resize(count);
    series.push_back(std::move(s));
  }

  // Extends `dataset` to `extent` and writes the last row along time from `buffer`. Called every
  // tick: allocates nothing, and builds messages only on failure.
  void write_row(hid_t dataset, const std::vector<hsize_t>& extent, hid_t memory_space, hid_t memory_type,
                 const void* buffer, const std::string& what) {
    if (H5Dset_extent(dataset, extent.data()) < 0) fail("extend " + what);
    Handle file_space(H5Dget_space(dataset), Kind::dataspace);
    if (!file_space) fail("get dataspace of " + what);
    std::array<hsize_t, H5S_MAX_RANK> start{};
    std::array<hsize_t, H5S_MAX_RANK> count{};
    std::copy(extent.begin(), extent.end(), count.begin());
    start[0] = extent[0] - 1;
    count[0] = 1;
    if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0) {
      fail("select last tick of " + what);
    }
    if (H5Dwrite(dataset, memory_type, memory_space, file_space.get(), H5P_DEFAULT, buffer) < 0) fail("write " + what);
    if (file_space.close() < 0) fail("close dataspace of " + what);
  }

  // A 1-D dataset along a table's dimension: empty, unlimited, chunked, shuffled and deflated like the
  // time series.
  Handle create_table_dataset(const std::string& name, hid_t file_type, std::size_t element_bytes,
                              const std::string& what) {
    const hsize_t dims[1] = {0};
    const hsize_t max_dims[1] = {H5S_UNLIMITED};
    const hsize_t chunk[1] = {static_cast<hsize_t>(options.table_chunk)};
    Handle space = checked(H5Screate_simple(1, dims, max_dims), Kind::dataspace, "create dataspace of " + what);
    Handle dcpl = dataset_creation_plist();
    check(H5Pset_chunk(dcpl.get(), 1, chunk), "set chunking of " + what);
    if (options.deflate_level > 0) {
      check(H5Pset_shuffle(dcpl.get()), "set shuffle filter of " + what);
      check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(options.deflate_level)), "set deflate filter of " + what);
    }
    Handle dapl = checked(H5Pcreate(H5P_DATASET_ACCESS), Kind::property_list, "create dataset access property list");
    const hsize_t chunk_bytes = chunk[0] * element_bytes;
    const std::size_t cache_bytes = static_cast<std::size_t>(std::max(min_chunk_cache_bytes, 2 * chunk_bytes));
    check(H5Pset_chunk_cache(dapl.get(), 521, cache_bytes, 1.0), "set chunk cache of " + what);
    return checked(H5Dcreate2(file.get(), name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), dapl.get()),
                   Kind::dataset, "create " + what);
  }

  void create_table(const Table& table, const TimeAxis& time_axis) {
    TableSeries t;
    t.table = table;
    t.time_name = table_time_name(table);
    t.what = fmt::format("table '{}'", table.dimension);
    const std::string row_what = fmt::format("dataset '{}' of {}", table.dimension, t.what);
    t.row = create_table_dataset(table.dimension, H5T_STD_I64LE, 8, row_what);
    check(H5DSset_scale(t.row.get(), table.dimension.c_str()), "make " + row_what + " a dimension scale");
    write_attribute(t.row.get(), "long_name", table.long_name);

    const std::string time_what = fmt::format("dataset '{}' of {}", t.time_name, t.what);
    t.time = create_table_dataset(t.time_name, H5T_IEEE_F64LE, 8, time_what);
    check(H5DSattach_scale(t.time.get(), t.row.get(), 0), fmt::format("attach dimension to {}", time_what));
    write_attribute(t.time.get(), "units", time_axis.units);
    if (!time_axis.calendar.empty()) write_attribute(t.time.get(), "calendar", time_axis.calendar);
    write_attribute(t.time.get(), "long_name", "time of the snapshot the record belongs to (end of tick)");

    for (const Column& column : table.columns) {
      const std::string what = fmt::format("column '{}' of {}", column.name, t.what);
      Handle dataset = create_table_dataset(column.name, file_type_of(column.storage),
                                            column.storage == Storage::int32 ? 4 : 8, "dataset of " + what);
      check(H5DSattach_scale(dataset.get(), t.row.get(), 0), "attach dimension to " + what);
      write_attribute(dataset.get(), "units", column.units);
      write_attribute(dataset.get(), "long_name", column.long_name);
      t.columns.push_back(std::move(dataset));
      t.column_whats.push_back("dataset of " + what);
    }
    t.values.resize(table.columns.size());
    t.integers.resize(table.columns.size());
    tables.push_back(std::move(t));
  }

  // Calls the sampler of `t` and checks and converts its rows; writes nothing. Returns the number of
  // rows of this snapshot.
  std::size_t sample_table(TableSeries& t, double time_value) {
    const std::size_t column_count = t.table.columns.size();
    t.values.resize(column_count);
    for (std::vector<double>& v : t.values) v.clear();
    t.table.sample(t.values);
    if (t.values.size() != column_count) {
      throw std::logic_error(fmt::format("output {} in {}: the sampler returned {} columns, expected {}", t.what,
                                         label, t.values.size(), column_count));
    }
    const std::size_t rows = t.values[0].size();
    for (std::size_t c = 1; c < column_count; ++c) {
      if (t.values[c].size() != rows) {
        throw std::logic_error(fmt::format(
            "output {} in {}: the sampler returned {} rows for column '{}' but {} for column '{}'", t.what, label,
            t.values[c].size(), t.table.columns[c].name, rows, t.table.columns[0].name));
      }
    }
    for (std::size_t c = 0; c < column_count; ++c) {
      if (t.table.columns[c].storage != Storage::int32) continue;
      std::vector<std::int32_t>& integers = t.integers[c];
      integers.resize(rows);
      for (std::size_t i = 0; i < rows; ++i) {
        if (!to_int32(t.values[c][i], integers[i])) {
          throw OutputError(fmt::format(
              "output column '{}' (int32) of {} in {}: row {} of the snapshot has value {}, which is not finite "
              "or out of int32 range",
              t.table.columns[c].name, t.what, label, i, t.values[c][i]));
        }
      }
    }
    t.row_numbers.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) t.row_numbers[i] = static_cast<std::int64_t>(t.rows + i);
    t.times.assign(rows, time_value);
    return rows;
  }

  // Extends the 1-D `dataset` from `old_rows` to `old_rows + n` and writes `n` elements from `buffer`.
  void write_rows(hid_t dataset, hsize_t old_rows, hsize_t n, hid_t memory_type, const void* buffer,
                  const std::string& what) {
    const hsize_t extent[1] = {old_rows + n};
    if (H5Dset_extent(dataset, extent) < 0) fail("extend " + what);
    Handle file_space(H5Dget_space(dataset), Kind::dataspace);
    if (!file_space) fail("get dataspace of " + what);
    const hsize_t start[1] = {old_rows};
    const hsize_t count[1] = {n};
    if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0) {
      fail("select new rows of " + what);
    }
    Handle memory_space(H5Screate_simple(1, count, nullptr), Kind::dataspace);
    if (!memory_space) fail("create memory dataspace of " + what);
    if (H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, buffer) < 0) {
      fail("write " + what);
    }
    if (memory_space.close() < 0) fail("close memory dataspace of " + what);
    if (file_space.close() < 0) fail("close dataspace of " + what);
  }

  // Writes the rows sampled by sample_table.
  void write_table(TableSeries& t, std::size_t rows) {
    const hsize_t n = rows;
    write_rows(t.row.get(), t.rows, n, H5T_NATIVE_INT64, t.row_numbers.data(),
               fmt::format("dataset '{}' of {}", t.table.dimension, t.what));
    write_rows(t.time.get(), t.rows, n, H5T_NATIVE_DOUBLE, t.times.data(),
               fmt::format("dataset '{}' of {}", t.time_name, t.what));
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const bool integer = t.table.columns[c].storage == Storage::int32;
      const void* buffer = integer ? static_cast<const void*>(t.integers[c].data()) : t.values[c].data();
      write_rows(t.columns[c].get(), t.rows, n, memory_type_of(t.table.columns[c].storage), buffer,
                 t.column_whats[c]);
    }
    t.rows += n;
  }

  // Creates the .partial file with global attributes, dimension scales, and every variable (static
  // ones written now).
  void create(std::filesystem::path final_path_in, const TimeAxis& time_axis, const std::vector<Axis>& axes,
              const Registry& registry, const std::vector<std::pair<std::string, std::string>>& global_attributes,
              const WriterOptions& options_in) {
    final_path = std::move(final_path_in);
    partial = h5::partial_path_of(final_path);
    label = partial.string();
    options = options_in;

    // From here on a failure leaves a .partial file, which ~Impl removes.
    created = true;
    file = create_file();

    const bool has_conventions = std::any_of(global_attributes.begin(), global_attributes.end(),
                                             [](const auto& a) { return a.first == "Conventions"; });
    if (!has_conventions) write_attribute(file.get(), "Conventions", "CF-1.8");
    for (const auto& [name, value] : global_attributes) write_attribute(file.get(), name, value);

    create_time(time_axis);

    std::map<std::string, const Axis*> axes_by_name;
    std::map<std::string, Handle> scales;
    for (const Axis& axis : axes) {
      axes_by_name.emplace(axis.name, &axis);
      scales.emplace(axis.name, create_axis(axis));
    }
    for (const Variable& variable : registry.variables()) create_variable(variable, axes_by_name, scales);
    for (const Table& table : registry.tables()) create_table(table, time_axis);
    for (auto& [name, scale] : scales) scale.close_checked(label, fmt::format("close dataset of axis '{}'", name));
    check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), "flush file");
  }
};

RunWriter::RunWriter(std::filesystem::path final_path, TimeAxis time_axis, std::vector<Axis> axes,
                     const Registry& registry, std::vector<std::pair<std::string, std::string>> global_attributes,
                     WriterOptions options)
    : impl_(std::make_unique<Impl>()) {
  validate(time_axis, axes, registry, global_attributes, options);

  const h5::ErrorSilencer silencer;
  try {
    impl_->create(std::move(final_path), time_axis, axes, registry, global_attributes, options);
  } catch (...) {
    impl_.reset();  // closes and removes the .partial file while HDF5 printing is still off
    throw;
  }
}

RunWriter::~RunWriter() {
  // ~Impl closes and removes the .partial file unless finished; failures there are not printed.
  const h5::ErrorSilencer silencer;
  impl_.reset();
}

void RunWriter::append(double time_value) {
  Impl& im = *impl_;
  if (im.finished) throw std::logic_error(fmt::format("RunWriter::append after finish() ({})", im.final_path.string()));
  if (im.broken) {
    throw OutputError(fmt::format("output file {} is unusable after an earlier HDF5 failure", im.label));
  }
  if (!std::isfinite(time_value)) {
    throw std::invalid_argument(fmt::format("RunWriter::append: time value {} is not finite", time_value));
  }

  const h5::ErrorSilencer silencer;
  // Sample everything first: a sampler that throws (or an int32 conversion failure) leaves the file as
  // it was, with every dataset at the same length.
  im.buffers.clear();
  for (Impl::Series& s : im.series) im.buffers.push_back(im.sample(s.variable, s.values, s.integers));

  im.broken = true;  // until every dataset has its new row
  static const std::string time_what = "dataset 'time'";
  const hsize_t tick = im.ticks + 1;
  im.time_extent[0] = tick;
  im.write_row(im.time.get(), im.time_extent, im.time_memory_space.get(), H5T_NATIVE_DOUBLE, &time_value, time_what);
  for (std::size_t i = 0; i < im.series.size(); ++i) {
    Impl::Series& s = im.series[i];
    s.extent[0] = tick;
    im.write_row(s.dataset.get(), s.extent, s.memory_space.get(), memory_type_of(s.variable.storage), im.buffers[i],
                 s.what);
  }
  im.ticks = tick;
  im.broken = false;
}

namespace {

// Keeps a snapshot buffer from holding on to the memory of a much larger earlier snapshot.
template <typename T>
void release_if_oversized(std::vector<T>& buffer) {
  constexpr std::size_t keep = 4096;
  if (buffer.capacity() > keep && buffer.capacity() > 2 * buffer.size()) {
    buffer.clear();
    buffer.shrink_to_fit();
  }
}

}  // namespace

void RunWriter::append_snapshot(double time_value) {
  Impl& im = *impl_;
  if (im.finished) {
    throw std::logic_error(fmt::format("RunWriter::append_snapshot after finish() ({})", im.final_path.string()));
  }
  if (im.broken) {
    throw OutputError(fmt::format("output file {} is unusable after an earlier HDF5 failure", im.label));
  }
  if (!std::isfinite(time_value)) {
    throw std::invalid_argument(fmt::format("RunWriter::append_snapshot: time value {} is not finite", time_value));
  }

  const h5::ErrorSilencer silencer;
  // Sample and check every table first: a sampler that throws or returns ragged columns leaves every
  // table as it was.
  std::vector<std::size_t>& rows = im.snapshot_rows;
  rows.clear();
  for (Impl::TableSeries& t : im.tables) rows.push_back(im.sample_table(t, time_value));

  im.broken = true;  // until every table has its new rows
  for (std::size_t k = 0; k < im.tables.size(); ++k) {
    if (rows[k] > 0) im.write_table(im.tables[k], rows[k]);
  }
  im.broken = false;

  for (Impl::TableSeries& t : im.tables) {
    for (auto& v : t.values) release_if_oversized(v);
    for (auto& v : t.integers) release_if_oversized(v);
    release_if_oversized(t.row_numbers);
    release_if_oversized(t.times);
  }
}

std::filesystem::path RunWriter::finish() {
  Impl& im = *impl_;
  if (im.finished) throw std::logic_error(fmt::format("RunWriter::finish called twice ({})", im.final_path.string()));
  if (im.broken) {
    throw OutputError(fmt::format("output file {} is unusable after an earlier HDF5 failure", im.label));
  }
  const h5::ErrorSilencer silencer;
  im.broken = true;  // until the file is closed and renamed
  for (Impl::Series& s : im.series) {
    s.memory_space.close_checked(im.label, "close memory dataspace");
    s.dataset.close_checked(im.label, fmt::format("close dataset of variable '{}'", s.variable.name));
  }
  for (Impl::TableSeries& t : im.tables) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      t.columns[c].close_checked(im.label, "close " + t.column_whats[c]);
    }
    t.time.close_checked(im.label, fmt::format("close dataset '{}' of {}", t.time_name, t.what));
    t.row.close_checked(im.label, fmt::format("close dataset '{}' of {}", t.table.dimension, t.what));
  }
  im.time_memory_space.close_checked(im.label, "close memory dataspace");
  im.time.close_checked(im.label, "close dataset 'time'");
  const ssize_t open_objects = H5Fget_obj_count(im.file.get(), H5F_OBJ_ALL | H5F_OBJ_LOCAL);
  if (open_objects != 1) {
    throw OutputError(fmt::format("output file {}: {} HDF5 objects still open at finish", im.label, open_objects - 1));
  }
  im.file.close_checked(im.label, "close file");
  h5::publish_partial(im.partial, im.final_path);
  im.broken = false;
  im.finished = true;
  return im.final_path;
}

const std::filesystem::path& RunWriter::partial_path() const { return impl_->partial; }

}  // namespace sim::output
