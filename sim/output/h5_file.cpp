#include "sim/output/h5_file.hpp"

#include <hdf5_hl.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "sim/output/h5_netcdf.hpp"

namespace sim::output::h5 {

File file_for(std::filesystem::path final_path) {
  File file;
  file.final_path = std::move(final_path);
  file.partial = file.final_path;
  file.partial += ".partial";
  file.label = file.partial.string();
  return file;
}

void File::fail(std::string_view operation) const {
  if (moment.empty()) h5::fail(label, operation);
  h5::fail(label, fmt::format("{} at {}", operation, moment));
}

void check_usable(const File& file, std::string_view function) {
  if (file.finished) {
    throw std::logic_error(fmt::format("{} after finish() ({})", function, file.final_path.string()));
  }
  if (file.broken) {
    throw OutputError(fmt::format("output file {} is unusable after an earlier HDF5 failure", file.label));
  }
}

void close_checked(File& file, std::string_view when) {
  const ssize_t open_objects = H5Fget_obj_count(file.get(), H5F_OBJ_ALL | H5F_OBJ_LOCAL);
  if (open_objects != 1) {
    throw OutputError(
        fmt::format("output file {}: {} HDF5 objects still open at {}", file.label, open_objects - 1, when));
  }
  file.handle.close_checked(file.label, "close file");
}

void publish(File& file) {
  file.broken = true;
  close_checked(file, "finish");
  std::error_code error;
  std::filesystem::rename(file.partial, file.final_path, error);
  if (error) {
    throw OutputError(fmt::format("output: cannot rename {} to {}: {}", file.label, file.final_path.string(),
                                  error.message()));
  }
  file.broken = false;
  file.finished = true;
}

void close_after_failure(File& file) noexcept {
  if (file.broken) {
    (void)file.handle.release();
  } else {
    file.handle.reset();
  }
}

void remove_unpublished(const File& file) noexcept {
  if (!file.created || file.finished) return;
  std::error_code ignored;
  std::filesystem::remove(file.partial, ignored);
}

namespace {

// The value of `text` if it is a whole non-negative number that fits an int64.
std::optional<std::int64_t> integer_of(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || value < 0) return std::nullopt;
  return value;
}

void write_integer_attribute(const File& file, const std::string& name, std::int64_t value) {
  const std::string operation = fmt::format("write integer attribute '{}'", name);
  Handle space = file.checked(H5Screate(H5S_SCALAR), Kind::dataspace, operation);
  Handle attribute =
      file.checked(H5Acreate2(file.get(), name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   Kind::attribute, operation);
  const std::int64_t stored = value;
  file.check(H5Awrite(attribute.get(), H5T_NATIVE_INT64, &stored), operation);
}

}  // namespace

void write_global_attributes(const File& file, const std::vector<std::pair<std::string, std::string>>& attributes) {
  const bool has_conventions =
      std::any_of(attributes.begin(), attributes.end(), [](const auto& a) { return a.first == "Conventions"; });
  if (!has_conventions) file.write_attribute(file.get(), "Conventions", "CF-1.8");
  for (const auto& [name, value] : attributes) {
    // A run's seed and replicate are numbers, so that readers compare and select them as numbers.
    const std::optional<std::int64_t> number = integer_of(value);
    if ((name == "seed" || name == "replicate") && number) {
      write_integer_attribute(file, name, *number);
    } else {
      file.write_attribute(file.get(), name, value);
    }
  }
}

Handle create_dataset(const File& file, const std::string& name, hid_t file_type, const DatasetShape& shape,
                      const Fill& fill, hid_t access, const std::string& what) {
  Handle dcpl = dataset_creation_plist(file.label);
  if (!shape.chunk.empty()) {
    file.check(H5Pset_chunk(dcpl.get(), static_cast<int>(shape.chunk.size()), shape.chunk.data()),
               fmt::format("set chunking of {}", what));
    if (shape.deflate_level > 0) {
      file.check(H5Pset_shuffle(dcpl.get()), fmt::format("set shuffle filter of {}", what));
      file.check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(shape.deflate_level)),
                 fmt::format("set deflate filter of {}", what));
    }
  }
  if (fill.value) {
    file.check(H5Pset_fill_value(dcpl.get(), fill.memory_type, fill.value), fmt::format("set fill value of {}", what));
  }
  const int rank = static_cast<int>(shape.dims.size());
  const hsize_t* max_dims = shape.max_dims.empty() ? nullptr : shape.max_dims.data();
  Handle space = file.checked(rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, shape.dims.data(), max_dims),
                              Kind::dataspace, fmt::format("create dataspace of {}", what));
  return file.checked(
      H5Dcreate2(file.get(), name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), access),
      Kind::dataset, fmt::format("create {}", what));
}

namespace {

Handle chunk_cache_access(const File& file, std::size_t slots, std::size_t bytes, const std::string& what) {
  Handle dapl = file.checked(H5Pcreate(H5P_DATASET_ACCESS), Kind::property_list,
                             fmt::format("create dataset access property list of {}", what));
  file.check(H5Pset_chunk_cache(dapl.get(), slots, bytes, 1.0), fmt::format("set chunk cache of {}", what));
  return dapl;
}

}  // namespace

Handle appending_access(const File& file, hsize_t chunk_bytes, const std::string& what) {
  constexpr hsize_t default_cache_bytes = hsize_t{1} << 20;  // HDF5's default per dataset
  constexpr std::size_t default_slots = 521;
  const auto bytes = static_cast<std::size_t>(std::max(default_cache_bytes, 2 * chunk_bytes));
  return chunk_cache_access(file, default_slots, bytes, what);
}

Handle uncached_access(const File& file, const std::string& what) { return chunk_cache_access(file, 0, 0, what); }

void make_scale(const File& file, hid_t dataset, const std::string& name, const std::string& what) {
  file.check(H5DSset_scale(dataset, name.c_str()), fmt::format("make {} a dimension scale", what));
}

void attach_scales(const File& file, hid_t dataset, std::span<const hid_t> scales, const std::string& what) {
  for (std::size_t index = 0; index < scales.size(); ++index) {
    file.check(H5DSattach_scale(dataset, scales[index], static_cast<unsigned>(index)),
               fmt::format("attach dimension {} to {}", index, what));
  }
}

VariableText text_of(const Variable& variable) {
  return {variable.units, variable.units_note, variable.long_name, variable.description};
}

VariableText text_of(const Column& column) {
  return {column.units, column.units_note, column.long_name, column.description};
}

void write_labels(const File& file, hid_t dataset, std::string_view long_name, std::string_view description) {
  file.write_attribute(dataset, "long_name", std::string(long_name));
  if (!description.empty()) file.write_attribute(dataset, "description", std::string(description));
}

void write_variable_attributes(const File& file, hid_t dataset, const VariableText& text, bool nan_fill,
                               const std::string& what) {
  // An empty units attribute would read as "dimensionless" to some tools; none says "no UDUNITS unit".
  if (!text.units.empty()) file.write_attribute(dataset, "units", std::string(text.units));
  if (!text.units_note.empty()) file.write_attribute(dataset, "units_note", std::string(text.units_note));
  write_labels(file, dataset, text.long_name, text.description);
  if (nan_fill) write_nan_fill_value_attribute(dataset, what, file.label);
}

void write_time_units(const File& file, hid_t dataset, const TimeAxis& time_axis) {
  file.write_attribute(dataset, "units", time_axis.units);
  if (!time_axis.calendar.empty()) file.write_attribute(dataset, "calendar", time_axis.calendar);
}

namespace {

Handle create_text_dataset(const File& file, const std::string& name, const std::vector<std::string>& values,
                           const std::string& what) {
  Handle type = vlen_utf8_type(file.label);
  Handle dataset = create_dataset(file, name, type.get(), fixed_shape({values.size()}), {}, H5P_DEFAULT, what);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& v : values) pointers.push_back(v.c_str());
  file.check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
             fmt::format("write {}", what));
  return dataset;
}

}  // namespace

Handle create_label_axis(const File& file, const Axis& axis, const std::string& prefix) {
  const std::string what = fmt::format("dataset of axis '{}{}'", prefix, axis.name);
  Handle dataset = create_text_dataset(file, prefix + axis.name, axis.labels, what);
  make_scale(file, dataset.get(), axis.name, what);
  write_labels(file, dataset.get(), axis.long_name, axis.description);
  for (const TextCoordinate& text : axis.text_coordinates) {
    const std::string text_what = fmt::format("coordinate '{}' of axis '{}'", text.name, axis.name);
    if (text.values.size() != axis.labels.size()) {
      throw std::logic_error(fmt::format("output {} has {} values for {} labels", text_what, text.values.size(),
                                         axis.labels.size()));
    }
    Handle coordinate = create_text_dataset(file, prefix + text.name, text.values, text_what);
    const hid_t scale[1] = {dataset.get()};
    attach_scales(file, coordinate.get(), scale, text_what);
    write_labels(file, coordinate.get(), text.long_name, text.description);
    coordinate.close_checked(file.label, "close " + text_what);
  }
  return dataset;
}

Handle open_or_create_group(const File& file, const std::string& name, const std::string& what) {
  const htri_t exists = H5Lexists(file.get(), name.c_str(), H5P_DEFAULT);
  if (exists < 0) file.fail(fmt::format("look up group '{}' of {}", name, what));
  if (exists > 0) {
    return file.checked(H5Gopen2(file.get(), name.c_str(), H5P_DEFAULT), Kind::group,
                        fmt::format("open group '{}' of {}", name, what));
  }
  Handle gcpl = file.checked(H5Pcreate(H5P_GROUP_CREATE), Kind::property_list,
                             fmt::format("create group creation property list of {}", what));
  file.check(H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
             fmt::format("set link creation order of group '{}'", name));
  file.check(H5Pset_attr_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
             fmt::format("set attribute creation order of group '{}'", name));
  return file.checked(H5Gcreate2(file.get(), name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), Kind::group,
                      fmt::format("create group '{}' of {}", name, what));
}

void extend(const File& file, hid_t dataset, std::span<const hsize_t> extent, std::string_view what) {
  if (H5Dset_extent(dataset, extent.data()) < 0) file.fail(fmt::format("extend {}", what));
}

void write_block(const File& file, hid_t dataset, std::span<const hsize_t> start, std::span<const hsize_t> count,
                 hid_t memory_space, hid_t memory_type, const void* buffer, std::string_view what) {
  Handle file_space(H5Dget_space(dataset), Kind::dataspace);
  if (!file_space) file.fail(fmt::format("get dataspace of {}", what));
  if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0) {
    file.fail(fmt::format("select the block of {} to write", what));
  }
  if (H5Dwrite(dataset, memory_type, memory_space, file_space.get(), H5P_DEFAULT, buffer) < 0) {
    file.fail(fmt::format("write {}", what));
  }
  if (file_space.close() < 0) file.fail(fmt::format("close dataspace of {}", what));
}

std::vector<hsize_t> shape_of(const File& file, hid_t dataset, std::string_view what) {
  Handle space = file.checked(H5Dget_space(dataset), Kind::dataspace, fmt::format("get dataspace of {}", what));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) file.fail(fmt::format("get rank of {}", what));
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) file.fail(fmt::format("get shape of {}", what));
  return dims;
}

}  // namespace sim::output::h5
