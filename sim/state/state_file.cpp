#include "sim/state/state_file.hpp"

#include <fmt/core.h>
#include <hdf5.h>

#include <optional>

#include "sim/output/h5_file.hpp"
#include "sim/output/h5_handle.hpp"
#include "sim/output/h5_open.hpp"
#include "sim/output/special_file.hpp"

namespace sim::state {

namespace {

using output::h5::Handle;
using output::h5::Kind;

hid_t memory_type(Element element) {
  switch (element) {
    case Element::f64: return H5T_NATIVE_DOUBLE;
    case Element::i64: return H5T_NATIVE_INT64;
    case Element::u64: return H5T_NATIVE_UINT64;
    case Element::i32: return H5T_NATIVE_INT32;
    case Element::u8: return H5T_NATIVE_UINT8;
  }
  return H5I_INVALID_HID;
}

// Arrays this long are stored in compressed chunks (firm columns); shorter ones contiguous.
constexpr std::uint64_t compressed_from = 4096;
constexpr hsize_t chunk_elements = 65536;

void write_array(const output::h5::File& file, const std::string& name, const StateArray& array) {
  const std::string what = fmt::format("state array '{}'", name);
  const std::vector<hsize_t> dims(array.shape.begin(), array.shape.end());
  Handle space = dims.empty()
                     ? file.checked(H5Screate(H5S_SCALAR), Kind::dataspace, "create dataspace of " + what)
                     : file.checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                                    Kind::dataspace, "create dataspace of " + what);
  Handle links = file.checked(H5Pcreate(H5P_LINK_CREATE), Kind::property_list, "create link properties");
  file.check(H5Pset_create_intermediate_group(links.get(), 1), "set intermediate groups");
  Handle create = file.checked(H5Pcreate(H5P_DATASET_CREATE), Kind::property_list, "create dataset properties");
  if (!dims.empty() && array.count() >= compressed_from) {
    std::vector<hsize_t> chunk = dims;
    hsize_t rest = chunk_elements;
    for (std::size_t d = 1; d < chunk.size(); ++d) rest = std::max<hsize_t>(1, rest / chunk[d]);
    chunk[0] = std::min(chunk[0], rest);
    file.check(H5Pset_chunk(create.get(), static_cast<int>(chunk.size()), chunk.data()), "chunk " + what);
    file.check(H5Pset_shuffle(create.get()), "shuffle " + what);
    file.check(H5Pset_deflate(create.get(), 1), "deflate " + what);
  }
  const hid_t type = memory_type(array.element);
  Handle dataset = file.checked(H5Dcreate2(file.get(), name.c_str(), type, space.get(), links.get(), create.get(),
                                           H5P_DEFAULT),
                                Kind::dataset, "create " + what);
  if (array.count() > 0) {
    file.check(H5Dwrite(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.bytes.data()), "write " + what);
  }
}

std::optional<Element> element_of_type(hid_t type) {
  const H5T_class_t type_class = H5Tget_class(type);
  const std::size_t size = H5Tget_size(type);
  if (type_class == H5T_FLOAT && size == 8) return Element::f64;
  if (type_class != H5T_INTEGER) return std::nullopt;
  const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
  if (size == 8) return is_signed ? Element::i64 : Element::u64;
  if (size == 4 && is_signed) return Element::i32;
  if (size == 1 && !is_signed) return Element::u8;
  return std::nullopt;
}

struct Reading {
  StateImage* image;
  std::string label;
  std::string error;
};

herr_t read_object(hid_t root, const char* name, const H5O_info_t* info, void* data) {
  auto& reading = *static_cast<Reading*>(data);
  if (info->type != H5O_TYPE_DATASET) return 0;
  Handle dataset(H5Dopen2(root, name, H5P_DEFAULT), Kind::dataset);
  Handle type(dataset ? H5Dget_type(dataset.get()) : H5I_INVALID_HID, Kind::datatype);
  Handle space(dataset ? H5Dget_space(dataset.get()) : H5I_INVALID_HID, Kind::dataspace);
  if (!dataset || !type || !space) {
    reading.error = fmt::format("{}: cannot read '{}'", reading.label, name);
    return -1;
  }
  const std::optional<Element> element = element_of_type(type.get());
  if (!element) {
    reading.error = fmt::format("{}: '{}' is not of a type a state holds", reading.label, name);
    return -1;
  }
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  StateArray array;
  array.element = *element;
  array.shape.assign(dims.begin(), dims.end());
  array.bytes.resize(array.count() * element_size(*element));
  if (!array.bytes.empty() &&
      H5Dread(dataset.get(), memory_type(*element), H5S_ALL, H5S_ALL, H5P_DEFAULT, array.bytes.data()) < 0) {
    reading.error = fmt::format("{}: cannot read '{}' (cut short?)", reading.label, name);
    return -1;
  }
  reading.image->arrays.emplace(name, std::move(array));
  return 0;
}

herr_t read_attribute_name(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

}  // namespace

void check_state_target(const std::filesystem::path& path) {
  std::filesystem::path partial = path;
  partial += ".partial";
  for (const std::filesystem::path& taken : {path, partial}) {
    if (const std::string kind = output::special_file_kind(taken); !kind.empty()) {
      throw StateError(fmt::format("{} is {}, not a file the state can be written to; give the name of a file",
                                   taken.string(), kind));
    }
  }
}

void write_state_file(const std::filesystem::path& path, const StateImage& image) {
  const output::h5::ErrorSilencer silencer;
  check_state_target(path);
  output::h5::File file = output::h5::file_for(path);
  try {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    file.handle = file.checked(H5Fcreate(file.partial.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), Kind::file,
                               "create the state file");
    file.created = true;  // only a file this call created is removed on failure
    file.broken = true;   // until published
    for (const auto& [name, value] : image.attributes) file.write_attribute(file.get(), name, value);
    for (const auto& [name, array] : image.arrays) write_array(file, name, array);
    output::h5::publish(file);
  } catch (...) {
    output::h5::close_after_failure(file);
    output::h5::remove_unpublished(file);
    throw;
  }
}

StateImage read_state_file(const std::filesystem::path& path) {
  const output::h5::ErrorSilencer silencer;
  const std::string label = path.string();
  if (const std::string special = output::special_file_kind(path); !special.empty()) {
    throw StateError(fmt::format("{}: {}, not a state file; nothing was read from it", label, special));
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw StateError(fmt::format("{}: no such state file", label));
  if (H5Fis_hdf5(path.c_str()) == 0) {
    throw StateError(fmt::format("{}: not a state file (not HDF5); write one with `clustersim run --save-state`", label));
  }
  std::string cause;
  Handle file = output::h5::open_file(path, H5F_ACC_RDONLY, cause);
  if (!file) throw StateError(fmt::format("{}: cannot open the state file: {}", label, cause));
  StateImage image;
  std::vector<std::string> attributes;
  H5Aiterate2(file.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, read_attribute_name, &attributes);
  for (const std::string& name : attributes) {
    try {
      image.attributes.emplace(name, output::h5::read_string_attribute(file.get(), name, label));
    } catch (const std::exception&) {
      throw StateError(fmt::format("{}: its attribute '{}' is not text", label, name));
    }
  }
  Reading reading{&image, label, {}};
  if (H5Ovisit2(file.get(), H5_INDEX_NAME, H5_ITER_INC, read_object, &reading, H5O_INFO_BASIC) < 0) {
    throw StateError(reading.error.empty() ? fmt::format("{}: cannot read its arrays", label) : reading.error);
  }
  return image;
}

}  // namespace sim::state
