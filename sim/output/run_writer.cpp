#include "sim/output/run_writer.hpp"

#include <fmt/format.h>
#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <future>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "sim/output/declaration_checks.hpp"
#include "sim/output/h5_file.hpp"
#include "sim/output/h5_netcdf.hpp"
#include "sim/output/record_tables.hpp"
#include "sim/output/run_codec.hpp"
#include "sim/parallel.hpp"

namespace sim::output {

namespace {

using h5::Handle;
using h5::Kind;

constexpr const char* time_name = "time";
// The group of `time_bnds`: in the root, its dimension `nv` would be crossed with every other by a reader
// turning the root into one table.
constexpr const char* bounds_group = "time_bounds";

// Validates the declarations before anything is created.
void validate(const TimeAxis& time_axis, const std::vector<Axis>& axes, const Registry& registry,
              const std::vector<std::pair<std::string, std::string>>& global_attributes,
              const WriterOptions& options) {
  check_time_axis(time_axis);
  if (options.time_chunk < 1) {
    throw std::logic_error(fmt::format("output time_chunk must be >= 1, got {}", options.time_chunk));
  }
  check_deflate_level(options.deflate_level);
  if (options.table_chunk < 1) {
    throw std::logic_error(fmt::format("output table_chunk must be >= 1, got {}", options.table_chunk));
  }
  std::set<std::string> names{time_name};
  if (std::isfinite(time_axis.origin)) names.insert({"time_bnds", "nv", bounds_group});
  check_axes(axes, names, "the time axis");
  for (const Axis& axis : axes) {
    if (axis.group.empty() || names.contains(axis.group)) continue;
    h5::check_name(axis.group, fmt::format("group of axis '{}'", axis.name));
    claim_name(names, axis.group, fmt::format("axis '{}': group", axis.name), "an axis or the time axis");
  }
  for (const Variable& variable : registry.variables()) {
    h5::check_name(variable.name, "variable");
    claim_name(names, variable.name, "variable", "an axis, the time axis or another variable");
    if (!variable.sample) {
      throw std::logic_error(fmt::format("output variable '{}' has no sampler", variable.name));
    }
    check_variable_axes(variable, axes, 1);
    group_of(variable, axes);  // throws for axes of two groups
    check_undefined_is_float64(variable);
    check_final_scale(variable);
    check_variable_text(variable);
  }
  check_tables(registry.tables(), names);
  check_global_attributes(global_attributes);
}

// Names the time step being written in the messages of `file` while alive ("cannot write dataset of
// variable 'gdp' at time step 12: No space left on device").
class TimeStep {
 public:
  TimeStep(h5::File& file, std::string moment) : file_(file) { file_.moment = std::move(moment); }
  ~TimeStep() { file_.moment.clear(); }
  TimeStep(const TimeStep&) = delete;
  TimeStep& operator=(const TimeStep&) = delete;

 private:
  h5::File& file_;
};

// Puts the calling thread (the encoding thread) on the cores' idle time: a run's loops keep both cores
// while they run in parallel, and the encoder takes what they leave between them (the serial parts of
// a tick). When they leave nothing, the run waits for the encoder at the next chunk, and gives it a core.
void run_when_idle() {
#ifdef __linux__
  const sched_param none{};
  pthread_setschedparam(pthread_self(), SCHED_IDLE, &none);  // a refusal only costs speed
#endif
}

void check_appendable(const h5::File& file, std::string_view function, double time_value) {
  h5::check_usable(file, function);
  if (!std::isfinite(time_value)) {
    throw std::invalid_argument(fmt::format("{}: time value {} is not finite", function, time_value));
  }
}

}  // namespace

struct RunWriter::Impl {
  // A time series is written a whole chunk at a time: its rows gather in `filling`; a full chunk is
  // sealed, encoded (shuffled and deflated) while the next one fills, and copied into the file as it
  // is (H5Dwrite_chunk). So compression runs beside the model instead of inside append().
  struct Series {
    Variable variable;             // copy of the declaration (the sampler is called at every append)
    Handle dataset;
    std::vector<hsize_t> extent;   // (ticks written, axis lengths...)
    std::vector<double> values;    // reusable sample buffer
    std::vector<std::int64_t> integers;  // reusable conversion buffer (int64 storage)
    std::size_t row_bytes = 0;           // one tick's values as stored (8 bytes each)
    std::vector<unsigned char> filling;  // the chunk being filled: time_chunk rows of stored bytes
    std::vector<unsigned char> sealed;   // the last full chunk, being encoded
    EncodedSeries encoded;               // `sealed` as the file stores it
    std::string what;              // "dataset of variable 'gdp'", for messages
  };

  // The root or a group, with its own time axis (if it has time series) and axis scales.
  struct Place {
    std::string group;   // "" for the root
    std::string prefix;  // "" or "region_pairs/": how dataset paths start
    Handle handle;       // the group (none for the root)
    Handle time;
    std::string time_what;  // "dataset 'time'", for messages
    std::map<std::string, Handle> scales;  // by axis name, open while variables are created
  };

  h5::File file;
  WriterOptions options;
  std::vector<Place> places;  // the root first
  Handle time_memory_space;
  std::vector<hsize_t> time_extent{0};
  Handle time_bounds;               // open only with bounds (TimeAxis::origin finite)
  Handle bounds_memory_space;
  std::vector<hsize_t> bounds_extent{0, 2};
  double tick_start = 0.0;          // the end of the last tick written (or the origin)
  std::vector<Series> series;
  std::vector<const void*> buffers;  // per-append sample buffers, reused
  hsize_t ticks = 0;
  std::vector<RecordTable> tables;
  // Encodes every series' sealed chunk: on its own thread when the run may use two or more, else
  // deferred to write_sealed(). Either way the file gets the same bytes at the same calls.
  std::future<void> encoding;
  bool chunks_sealed = false;  // sealed and not yet written
  hsize_t sealed_start = 0;  // the first tick of the sealed chunks

  ~Impl() {
    // The encoder reads the series: it must be done before they go (a deferred one is never run).
    if (encoding.valid() && encoding.wait_for(std::chrono::seconds(0)) != std::future_status::deferred) encoding.wait();
    if (file.finished) return;
    // Runtime failure or abandoned run: close everything (ignoring failures) and remove the file.
    series.clear();
    tables.clear();
    bounds_memory_space.reset();
    time_bounds.reset();
    time_memory_space.reset();
    places.clear();
    h5::close_after_failure(file);
    h5::remove_unpublished(file);
  }

  Place& root() { return places.front(); }

  void create_time(Place& place, const TimeAxis& time_axis) {
    const h5::DatasetShape shape{
        .dims = {0}, .max_dims = {H5S_UNLIMITED}, .chunk = {static_cast<hsize_t>(options.time_chunk)}};
    const std::string what = fmt::format("dataset '{}{}'", place.prefix, time_name);
    place.time_what = what;
    place.time = h5::create_dataset(file, place.prefix + time_name, H5T_IEEE_F64LE, shape, {}, H5P_DEFAULT, what);
    h5::make_scale(file, place.time.get(), time_name, what);
    h5::write_time_units(file, place.time.get(), time_axis);
    h5::write_labels(file, place.time.get(), "Time", "time at the end of the tick");
    file.write_attribute(place.time.get(), "standard_name", "time");
    file.write_attribute(place.time.get(), "axis", "T");
  }

  // `time_bnds` (time, nv) and the two-element axis `nv` it needs, in the group `time_bounds`, along the
  // root's time (CF 1.8 lets `bounds` name a variable of another group by its absolute path).
  void create_time_bounds(const TimeAxis& time_axis) {
    tick_start = time_axis.origin;
    const std::string prefix = std::string(bounds_group) + "/";
    file.write_attribute(root().time.get(), "bounds", "/" + prefix + "time_bnds");
    Handle group = h5::open_or_create_group(file, bounds_group, "the time bounds");
    const std::string nv_what = "dataset 'nv'";
    Handle nv = h5::create_dataset(file, prefix + "nv", H5T_STD_I32LE, h5::fixed_shape({2}), {}, H5P_DEFAULT, nv_what);
    const std::int32_t ends[2] = {0, 1};
    file.check(H5Dwrite(nv.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, ends), "write " + nv_what);
    h5::make_scale(file, nv.get(), "nv", nv_what);
    h5::write_labels(file, nv.get(), "Interval end", "end of a time interval: 0 start, 1 end");
    const h5::DatasetShape shape{.dims = {0, 2},
                                 .max_dims = {H5S_UNLIMITED, 2},
                                 .chunk = {static_cast<hsize_t>(options.time_chunk), 2}};
    const std::string what = "dataset 'time_bnds'";
    time_bounds = h5::create_dataset(file, prefix + "time_bnds", H5T_IEEE_F64LE, shape, {}, H5P_DEFAULT, what);
    const hid_t dimensions[2] = {root().time.get(), nv.get()};
    h5::attach_scales(file, time_bounds.get(), dimensions, what);
    h5::write_time_units(file, time_bounds.get(), time_axis);
    h5::write_labels(file, time_bounds.get(), "Tick bounds", "start and end of the tick");
    nv.close_checked(file.label, "close " + nv_what);
    group.close_checked(file.label, fmt::format("close group '{}'", bounds_group));
    const hsize_t row[2] = {1, 2};
    bounds_memory_space =
        file.checked(H5Screate_simple(2, row, nullptr), Kind::dataspace, "create time bounds memory dataspace");
  }

  // Samples `variable` into `values` (pre-filled with NaN so an unfilled element cannot pass as data)
  // and, for int64 storage, converts into `integers`. Returns the buffer to write.
  const void* sample(const Variable& variable, std::vector<double>& values, std::vector<std::int64_t>& integers) {
    std::fill(values.begin(), values.end(), std::numeric_limits<double>::quiet_NaN());
    variable.sample(std::span<double>(values));
    if (variable.storage == Storage::float64) return values.data();
    h5::convert_to_int64(values, integers, fmt::format("variable '{}'", variable.name), "element", file.label);
    return integers.data();
  }

  // Multiplies every written value of `s` by its element's final factor: the whole dataset is read,
  // scaled and written back (time series with a final scale are few and small).
  void apply_final_scale(Series& s) {
    std::vector<double> factors(s.values.size(), std::numeric_limits<double>::quiet_NaN());
    s.variable.final_scale(std::span<double>(factors));
    std::vector<double> all(factors.size() * static_cast<std::size_t>(ticks));
    if (all.empty()) return;
    if (H5Dread(s.dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all.data()) < 0) {
      file.fail(fmt::format("read {} to scale it", s.what));
    }
    for (std::size_t i = 0; i < all.size(); ++i) all[i] *= factors[i % factors.size()];
    if (H5Dwrite(s.dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, all.data()) < 0) {
      file.fail(fmt::format("write the scaled {}", s.what));
    }
  }

  void create_variable(const Variable& variable, const std::map<std::string, const Axis*>& axes_by_name,
                       const Place& place, const std::string& coordinates) {
    const std::string what = fmt::format("dataset of variable '{}{}'", place.prefix, variable.name);
    const std::map<std::string, Handle>& scales = place.scales;
    h5::DatasetShape shape;
    std::vector<hid_t> dimensions;
    if (variable.time_series) {
      shape.dims.push_back(0);
      shape.max_dims.push_back(H5S_UNLIMITED);
      dimensions.push_back(place.time.get());
    }
    std::size_t count = 1;
    for (const std::string& axis_name : variable.axes) {
      const hsize_t length = axes_by_name.at(axis_name)->labels.size();
      shape.dims.push_back(length);
      shape.max_dims.push_back(length);
      dimensions.push_back(scales.at(axis_name).get());
      count *= length;
    }
    if (variable.time_series) {
      shape.chunk = shape.dims;
      shape.chunk[0] = static_cast<hsize_t>(options.time_chunk);
      shape.deflate_level = options.deflate_level;
    }
    const double undefined = std::numeric_limits<double>::quiet_NaN();
    const h5::Fill fill{H5T_NATIVE_DOUBLE, variable.may_be_undefined ? &undefined : nullptr};
    Handle dataset = h5::create_dataset(file, place.prefix + variable.name, h5::file_type_of(variable.storage), shape, fill,
                                        H5P_DEFAULT, what);
    h5::attach_scales(file, dataset.get(), dimensions, what);
    h5::write_variable_attributes(file, dataset.get(), h5::text_of(variable), variable.may_be_undefined, what);
    if (!coordinates.empty()) file.write_attribute(dataset.get(), "coordinates", coordinates);
    if (variable.time_series) file.write_attribute(dataset.get(), "cell_methods", cell_methods(variable));

    std::vector<double> values(count);
    std::vector<std::int64_t> integers;
    if (!variable.time_series) {
      const void* buffer = sample(variable, values, integers);
      file.check(H5Dwrite(dataset.get(), h5::memory_type_of(variable.storage), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer),
                 "write " + what);
      dataset.close_checked(file.label, "close " + what);
      return;
    }
    Series s;
    s.variable = variable;
    s.what = what;
    s.dataset = std::move(dataset);
    s.row_bytes = count * 8;
    s.filling.resize(static_cast<std::size_t>(options.time_chunk) * s.row_bytes);
    s.sealed.resize(s.filling.size());
    s.extent = std::move(shape.dims);
    s.values = std::move(values);
    if (variable.storage == Storage::int64) s.integers.resize(count);
    series.push_back(std::move(s));
  }

  // Extends `dataset` to `extent` and writes the last row along time from `buffer`. Called every
  // tick: allocates nothing.
  void write_row(hid_t dataset, const std::vector<hsize_t>& extent, hid_t memory_space, hid_t memory_type,
                 const void* buffer, const std::string& what) {
    h5::extend(file, dataset, extent, what);
    std::array<hsize_t, H5S_MAX_RANK> start{};
    std::array<hsize_t, H5S_MAX_RANK> count{};
    std::copy(extent.begin(), extent.end(), count.begin());
    start[0] = extent[0] - 1;
    count[0] = 1;
    const std::size_t rank = extent.size();
    h5::write_block(file, dataset, std::span(start).first(rank), std::span(count).first(rank), memory_space,
                    memory_type, buffer, what);
  }

  // Copies the sealed chunks, once encoded, into their datasets, extended to the ticks appended.
  void write_sealed() {
    if (!chunks_sealed) return;
    if (encoding.valid()) encoding.get();
    chunks_sealed = false;
    std::array<hsize_t, H5S_MAX_RANK> offset{};
    offset[0] = sealed_start;
    for (Series& s : series) {
      s.extent[0] = ticks;
      h5::extend(file, s.dataset.get(), s.extent, s.what);
      const EncodedSeries& chunk = s.encoded;
      if (H5Dwrite_chunk(s.dataset.get(), H5P_DEFAULT, 0, offset.data(), chunk.bytes.size(), chunk.bytes.data()) < 0) {
        file.fail(fmt::format("write a chunk of {}", s.what));
      }
    }
  }

  // Writes the chunks sealed before, then seals the ones just filled (the last `rows` ticks) and starts
  // encoding them. `last`: the run is finishing and waits for them, so every thread of the run encodes
  // them, a series each.
  void seal_chunks(hsize_t rows, bool last) {
    write_sealed();
    for (Series& s : series) std::swap(s.filling, s.sealed);
    sealed_start = ticks - rows;
    const auto encode = [this](std::size_t i) {
      series[i].encoded = encode_chunk(options.deflate_level, series[i].sealed);
    };
    chunks_sealed = true;
    if (last) {
      sim::parallel::for_each_task(static_cast<std::int64_t>(series.size()),
                                   [&](std::int64_t i) { encode(static_cast<std::size_t>(i)); });
      return;
    }
    const std::launch policy = sim::parallel::threads() >= 2 ? std::launch::async : std::launch::deferred;
    encoding = std::async(policy, [this, encode, policy] {
      if (policy == std::launch::async) run_when_idle();
      for (std::size_t i = 0; i < series.size(); ++i) encode(i);
    });
  }

  // Fills rows [rows, time_chunk) of every filling chunk as the dataset's fill would: the last chunk of
  // a run whose ticks are not a whole number of chunks is stored whole, and its rows past the end are
  // never read, but they should not hold an older chunk's values.
  void pad_filling(hsize_t rows) {
    const double undefined = std::numeric_limits<double>::quiet_NaN();
    for (Series& s : series) {
      if (s.variable.may_be_undefined && s.variable.storage == Storage::float64) {
        for (std::size_t at = rows * s.row_bytes; at < s.filling.size(); at += sizeof(double)) {
          std::memcpy(s.filling.data() + at, &undefined, sizeof(double));
        }
      } else {
        std::fill(s.filling.begin() + static_cast<std::ptrdiff_t>(rows * s.row_bytes), s.filling.end(), 0);
      }
    }
  }

  // Creates the group of every axis that has one, in the order of the axes, each with a copy of the time
  // axis (if a time series is in it) and of each root axis its variables use, and its own axes.
  void create_groups(const TimeAxis& time_axis, const std::vector<Axis>& axes, const Registry& registry) {
    for (const Axis& grouped : axes) {
      if (grouped.group.empty() ||
          std::any_of(places.begin(), places.end(), [&](const Place& p) { return p.group == grouped.group; })) {
        continue;
      }
      std::set<std::string> used;
      bool timed = false;
      for (const Variable& variable : registry.variables()) {
        if (group_of(variable, axes) != grouped.group) continue;
        used.insert(variable.axes.begin(), variable.axes.end());
        timed = timed || variable.time_series;
      }
      if (used.empty()) continue;  // no variable along the group's axes: no group
      Place& place = places.emplace_back();
      place.group = grouped.group;
      place.prefix = grouped.group + "/";
      place.handle = h5::open_or_create_group(file, place.group, fmt::format("axis '{}'", grouped.name));
      if (timed) create_time(place, time_axis);
      for (const Axis& axis : axes) {
        if (used.contains(axis.name)) place.scales.emplace(axis.name, h5::create_label_axis(file, axis, place.prefix));
      }
    }
  }

  // Creates the .partial file with global attributes, dimension scales, and every variable (static
  // ones written now).
  void create(const TimeAxis& time_axis, const std::vector<Axis>& axes, const Registry& registry,
              const std::vector<std::pair<std::string, std::string>>& global_attributes) {
    file.handle = h5::create_netcdf_file(file.partial, file.label);
    // Only now is the .partial file ours: a failure from here on leaves it, and ~Impl removes it. (Set
    // before, a failed create would delete a .partial file that another process is writing.)
    file.created = true;
    file.broken = true;  // until everything is created
    h5::write_global_attributes(file, global_attributes);

    const hsize_t one[1] = {1};
    time_memory_space = file.checked(H5Screate_simple(1, one, nullptr), Kind::dataspace, "create time memory dataspace");
    places.emplace_back();
    create_time(root(), time_axis);
    if (std::isfinite(time_axis.origin)) create_time_bounds(time_axis);

    std::map<std::string, const Axis*> axes_by_name;
    for (const Axis& axis : axes) {
      axes_by_name.emplace(axis.name, &axis);
      if (axis.group.empty()) root().scales.emplace(axis.name, h5::create_label_axis(file, axis));
    }
    create_groups(time_axis, axes, registry);
    const std::vector<Variable>& variables = registry.variables();
    for (const Variable& variable : variables) {
      const std::string coordinates = auxiliary_coordinates(variable, axes, variables);
      const std::string group = group_of(variable, axes);
      for (const Place& place : places) {
        // A coordinate of the root's axes is copied into every group that has those axes.
        const bool copy = variable.coordinate && group.empty() && !place.group.empty() &&
                          std::all_of(variable.axes.begin(), variable.axes.end(),
                                      [&](const std::string& axis) { return place.scales.contains(axis); });
        if (place.group == group || copy) create_variable(variable, axes_by_name, place, coordinates);
      }
    }
    for (const Table& table : registry.tables()) {
      tables.push_back(create_record_table(file, table, time_axis, options));
    }
    for (Place& place : places) {
      for (auto& [name, scale] : place.scales) {
        scale.close_checked(file.label, fmt::format("close dataset of axis '{}{}'", place.prefix, name));
      }
      place.scales.clear();
    }
    file.flush();
    file.broken = false;
  }
};

RunWriter::RunWriter(std::filesystem::path final_path, TimeAxis time_axis, std::vector<Axis> axes,
                     const Registry& registry, std::vector<std::pair<std::string, std::string>> global_attributes,
                     WriterOptions options)
    : impl_(std::make_unique<Impl>()) {
  validate(time_axis, axes, registry, global_attributes, options);
  impl_->file = h5::file_for(std::move(final_path));
  impl_->options = options;

  const h5::ErrorSilencer silencer;
  try {
    impl_->create(time_axis, axes, registry, global_attributes);
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
  check_appendable(im.file, "RunWriter::append", time_value);

  const h5::ErrorSilencer silencer;
  // Sample everything first: a sampler that throws (or an int64 conversion failure) leaves the file as
  // it was, with every dataset at the same length.
  im.buffers.clear();
  for (Impl::Series& s : im.series) im.buffers.push_back(im.sample(s.variable, s.values, s.integers));

  im.file.broken = true;  // until every dataset has its new row
  const hsize_t tick = im.ticks + 1;
  const TimeStep moment(im.file, fmt::format("time step {}", tick));
  im.time_extent[0] = tick;
  for (const Impl::Place& place : im.places) {
    if (!place.time) continue;
    im.write_row(place.time.get(), im.time_extent, im.time_memory_space.get(), H5T_NATIVE_DOUBLE, &time_value,
                 place.time_what);
  }
  if (im.time_bounds) {
    static const std::string bounds_what = "dataset 'time_bnds'";
    const double bounds[2] = {im.tick_start, time_value};
    im.bounds_extent[0] = tick;
    im.write_row(im.time_bounds.get(), im.bounds_extent, im.bounds_memory_space.get(), H5T_NATIVE_DOUBLE, bounds,
                 bounds_what);
    im.tick_start = time_value;
  }
  const auto chunk_rows = static_cast<hsize_t>(im.options.time_chunk);
  const hsize_t row = im.ticks % chunk_rows;
  for (std::size_t i = 0; i < im.series.size(); ++i) {
    Impl::Series& s = im.series[i];
    std::memcpy(s.filling.data() + row * s.row_bytes, im.buffers[i], s.row_bytes);
  }
  im.ticks = tick;
  if (row + 1 == chunk_rows) im.seal_chunks(chunk_rows, false);
  im.file.broken = false;
}

void RunWriter::append_snapshot(double time_value) {
  Impl& im = *impl_;
  check_appendable(im.file, "RunWriter::append_snapshot", time_value);
  const h5::ErrorSilencer silencer;
  const TimeStep moment(im.file, fmt::format("the snapshot after time step {}", im.ticks));
  append_records(im.file, im.tables, time_value);
}

std::filesystem::path RunWriter::finish() {
  Impl& im = *impl_;
  h5::check_usable(im.file, "RunWriter::finish");
  const h5::ErrorSilencer silencer;
  im.file.broken = true;  // until the file is closed and renamed
  const auto chunk_rows = static_cast<hsize_t>(im.options.time_chunk);
  if (const hsize_t rows = im.ticks % chunk_rows; rows > 0) {
    im.pad_filling(rows);
    im.seal_chunks(rows, true);
  }
  im.write_sealed();
  for (Impl::Series& s : im.series) {
    if (s.variable.final_scale) im.apply_final_scale(s);
  }
  // Everything reaches the disk while every object is open: a full disk then fails here, and the file is
  // given up whole (close_after_failure) rather than with some objects half closed.
  im.file.flush();
  for (Impl::Series& s : im.series) s.dataset.close_checked(im.file.label, "close " + s.what);
  for (RecordTable& t : im.tables) close_record_table(im.file, t);
  if (im.time_bounds) {
    im.bounds_memory_space.close_checked(im.file.label, "close time bounds memory dataspace");
    im.time_bounds.close_checked(im.file.label, "close dataset 'time_bnds'");
  }
  im.time_memory_space.close_checked(im.file.label, "close time memory dataspace");
  for (Impl::Place& place : im.places) {
    if (place.time) place.time.close_checked(im.file.label, "close " + place.time_what);
    if (place.handle) place.handle.close_checked(im.file.label, fmt::format("close group '{}'", place.group));
  }
  h5::publish(im.file);
  return im.file.final_path;
}

const std::filesystem::path& RunWriter::partial_path() const { return impl_->file.partial; }

}  // namespace sim::output
