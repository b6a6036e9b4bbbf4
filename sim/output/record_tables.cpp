#include "sim/output/record_tables.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "sim/output/declaration_checks.hpp"
#include "sim/output/h5_netcdf.hpp"

namespace sim::output {

namespace {

using h5::Handle;
using h5::Kind;

// A 1-D dataset along a table's dimension: empty, unlimited, chunked, shuffled and deflated like the
// time series.
Handle create_column_dataset(const h5::File& file, const std::string& name, hid_t file_type, hsize_t element_bytes,
                             const WriterOptions& options, const std::string& what) {
  const auto chunk = static_cast<hsize_t>(options.table_chunk);
  const h5::DatasetShape shape{
      .dims = {0}, .max_dims = {H5S_UNLIMITED}, .chunk = {chunk}, .deflate_level = options.deflate_level};
  return h5::create_dataset(file, name, file_type, shape, {}, h5::appending_access(file, chunk * element_bytes, what).get(),
                            what);
}

// Calls the sampler of `t` and checks and converts its rows into the snapshot buffers; writes nothing.
void sample(const h5::File& file, RecordTable& t, double time_value) {
  const std::size_t column_count = t.table.columns.size();
  t.values.resize(column_count);
  for (std::vector<double>& v : t.values) v.clear();
  t.table.sample(t.values);
  if (t.values.size() != column_count) {
    throw std::logic_error(fmt::format("output {} in {}: the sampler returned {} columns, expected {}", t.what,
                                       file.label, t.values.size(), column_count));
  }
  const std::size_t rows = t.values[0].size();
  for (std::size_t c = 1; c < column_count; ++c) {
    if (t.values[c].size() != rows) {
      throw std::logic_error(fmt::format(
          "output {} in {}: the sampler returned {} rows for column '{}' but {} for column '{}'", t.what, file.label,
          t.values[c].size(), t.table.columns[c].name, rows, t.table.columns[0].name));
    }
  }
  for (std::size_t c = 0; c < column_count; ++c) {
    if (t.table.columns[c].storage != Storage::int64) continue;
    h5::convert_to_int64(t.values[c], t.integers[c], t.column_whats[c], "snapshot row", file.label);
  }
  t.row_numbers.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) t.row_numbers[i] = static_cast<std::int64_t>(t.rows + i);
  t.times.assign(rows, time_value);
  t.snapshot_rows = rows;
}

// Grows the 1-D `dataset` from `old_rows` to `old_rows + n` and writes the `n` new elements from `buffer`.
void append_rows(const h5::File& file, hid_t dataset, hsize_t old_rows, hsize_t n, hid_t memory_type,
                 const void* buffer, const std::string& what) {
  const hsize_t extent[1] = {old_rows + n};
  h5::extend(file, dataset, extent, what);
  const hsize_t start[1] = {old_rows};
  const hsize_t count[1] = {n};
  Handle memory_space(H5Screate_simple(1, count, nullptr), Kind::dataspace);
  if (!memory_space) file.fail("create memory dataspace of " + what);
  h5::write_block(file, dataset, start, count, memory_space.get(), memory_type, buffer, what);
  if (memory_space.close() < 0) file.fail("close memory dataspace of " + what);
}

// Writes the rows sampled by sample().
void write(const h5::File& file, RecordTable& t) {
  const hsize_t n = t.snapshot_rows;
  append_rows(file, t.row.get(), t.rows, n, H5T_NATIVE_INT64, t.row_numbers.data(), t.row_what);
  append_rows(file, t.time.get(), t.rows, n, H5T_NATIVE_DOUBLE, t.times.data(), t.time_what);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const Storage storage = t.table.columns[c].storage;
    const void* buffer =
        storage == Storage::int64 ? static_cast<const void*>(t.integers[c].data()) : t.values[c].data();
    append_rows(file, t.columns[c].get(), t.rows, n, h5::memory_type_of(storage), buffer, t.column_whats[c]);
  }
  t.rows += n;
}

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

void check_tables(const std::vector<Table>& tables, std::set<std::string>& names) {
  for (const Table& table : tables) {
    h5::check_name(table.dimension, "table dimension");
    if (table.columns.empty()) throw std::logic_error(fmt::format("output table '{}' has no columns", table.dimension));
    if (!table.sample) throw std::logic_error(fmt::format("output table '{}' has no sampler", table.dimension));
    const std::string what = fmt::format("table '{}': name", table.dimension);
    const std::string_view clash = "an axis, the time axis, a variable or another table name";
    claim_name(names, table.dimension, what, clash);
    claim_name(names, table_time_name(table), what, clash);
    for (const Column& column : table.columns) {
      h5::check_name(column.name, fmt::format("column of table '{}'", table.dimension));
      check_column_text(column, table.dimension);
      claim_name(names, column.name, what, clash);
    }
  }
  std::set<std::string> groups;  // tables may share a group
  for (const Table& table : tables) {
    if (table.group.empty() || !groups.insert(table.group).second) continue;
    h5::check_name(table.group, fmt::format("group of table '{}'", table.dimension));
    claim_name(names, table.group, fmt::format("table '{}': group", table.dimension),
               "an axis, the time axis, a variable or a table's name");
  }
}

RecordTable create_record_table(const h5::File& file, const Table& table, const TimeAxis& time_axis,
                                const WriterOptions& options) {
  RecordTable t;
  t.table = table;
  t.time_name = table_time_name(table);
  t.what = fmt::format("table '{}'", table.dimension);
  t.row_what = fmt::format("dataset '{}' of {}", table.dimension, t.what);
  // Datasets are created by their path from the root ("firm_panel/firm_id"); the group's handle only
  // marks it as in use until the table is closed.
  const std::string prefix = table.group.empty() ? "" : table.group + "/";
  if (!table.group.empty()) t.group = h5::open_or_create_group(file, table.group, t.what);
  t.row = create_column_dataset(file, prefix + table.dimension, H5T_STD_I64LE, 8, options, t.row_what);
  h5::make_scale(file, t.row.get(), table.dimension, t.row_what);
  h5::write_labels(file, t.row.get(), table.long_name,
                   "row number of the record, counted over every snapshot of the run");
  const hid_t dimension[1] = {t.row.get()};

  t.time_what = fmt::format("dataset '{}' of {}", t.time_name, t.what);
  t.time = create_column_dataset(file, prefix + t.time_name, H5T_IEEE_F64LE, 8, options, t.time_what);
  h5::attach_scales(file, t.time.get(), dimension, t.time_what);
  h5::write_time_units(file, t.time.get(), time_axis);
  h5::write_labels(file, t.time.get(), "Snapshot time", "time of the snapshot the record belongs to (end of tick)");

  for (const Column& column : table.columns) {
    const std::string what = fmt::format("column '{}' of {}", column.name, t.what);
    Handle dataset = create_column_dataset(file, prefix + column.name, h5::file_type_of(column.storage),
                                           8, options, what);
    h5::attach_scales(file, dataset.get(), dimension, what);
    h5::write_variable_attributes(file, dataset.get(), h5::text_of(column), false, what);
    t.columns.push_back(std::move(dataset));
    t.column_whats.push_back(what);
  }
  t.values.resize(table.columns.size());
  t.integers.resize(table.columns.size());
  return t;
}

void append_records(h5::File& file, std::vector<RecordTable>& tables, double time_value) {
  // Sample and check every table first: a sampler that throws or returns ragged columns leaves every
  // table as it was.
  for (RecordTable& t : tables) sample(file, t, time_value);

  file.broken = true;  // until every table has its new rows
  for (RecordTable& t : tables) {
    if (t.snapshot_rows > 0) write(file, t);
  }
  file.broken = false;

  for (RecordTable& t : tables) {
    for (auto& v : t.values) release_if_oversized(v);
    for (auto& v : t.integers) release_if_oversized(v);
    release_if_oversized(t.row_numbers);
    release_if_oversized(t.times);
  }
}

void close_record_table(const h5::File& file, RecordTable& t) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    t.columns[c].close_checked(file.label, "close dataset of " + t.column_whats[c]);
  }
  t.time.close_checked(file.label, "close " + t.time_what);
  t.row.close_checked(file.label, "close " + t.row_what);
  if (t.group) t.group.close_checked(file.label, fmt::format("close group '{}' of {}", t.table.group, t.what));
}

}  // namespace sim::output
