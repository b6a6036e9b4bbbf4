#pragma once
// Writing small files and reading HDF5 files back in the output tests, through the project's own RAII handles: any HDF5
// failure throws OutputError and fails the test.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/output/h5_handle.hpp"
#include "sim/output/run_writer.hpp"

namespace testing_support {

using sim::output::h5::Handle;
using sim::output::h5::Kind;

// The small axes and time axis the output tests write with.
inline std::vector<sim::output::Axis> make_axes() {
  return {{.name = "region", .long_name = "Region", .description = "region (provincial-level division)",
           .labels = {"Beijing", "Tianjin"}},
          {.name = "industry", .long_name = "Industry", .description = "industry (sector)",
           .labels = {"agriculture", "manufacturing", "services"}}};
}

inline sim::output::TimeAxis make_time_axis() { return {"days since 2023-01-01 00:00:00", "proleptic_gregorian"}; }

inline Handle open_file(const std::filesystem::path& path) {
  return Handle::checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open file");
}

inline Handle open_dataset(hid_t file, const std::string& name) {
  return Handle::checked(H5Dopen2(file, name.c_str(), H5P_DEFAULT), Kind::dataset, "test", "open " + name);
}

inline std::vector<hsize_t> shape_of(hid_t dataset, std::vector<hsize_t>* max_dims = nullptr) {
  Handle space = Handle::checked(H5Dget_space(dataset), Kind::dataspace, "test", "get space");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  EXPECT_GE(rank, 0);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  std::vector<hsize_t> maxes(static_cast<std::size_t>(rank));
  EXPECT_GE(H5Sget_simple_extent_dims(space.get(), dims.data(), maxes.data()), 0);
  if (max_dims) *max_dims = maxes;
  return dims;
}

template <typename T>
std::vector<T> read_all(hid_t dataset, hid_t memory_type) {
  Handle space = Handle::checked(H5Dget_space(dataset), Kind::dataspace, "test", "get space");
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (!values.empty()) {
    EXPECT_GE(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
  }
  return values;
}

inline std::vector<double> read_doubles(hid_t dataset) { return read_all<double>(dataset, H5T_NATIVE_DOUBLE); }
inline std::vector<std::int32_t> read_ints(hid_t dataset) { return read_all<std::int32_t>(dataset, H5T_NATIVE_INT32); }

// A dataset of variable-length UTF-8 strings, read whole; a null string reads as `null_as`.
inline std::vector<std::string> read_strings(hid_t dataset, const char* null_as = "") {
  Handle space = Handle::checked(H5Dget_space(dataset), Kind::dataspace, "test", "get space");
  Handle type = sim::output::h5::vlen_utf8_type("test");
  std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())), nullptr);
  EXPECT_GE(H5Dread(dataset, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), 0);
  std::vector<std::string> out;
  for (char* s : raw) out.emplace_back(s ? s : null_as);
  EXPECT_GE(H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data()), 0);
  return out;
}

inline std::string attribute(hid_t object, const std::string& name) {
  return sim::output::h5::read_string_attribute(object, name, "test");
}

// A numeric dataset read whole, flattened to doubles.
struct NumericDataset {
  std::vector<hsize_t> dims;
  bool time_series = false;  // the first dimension is unlimited (the time axis of a run file)
  std::vector<double> values;
};

// Every numeric dataset of the file's root group, by name.
inline std::map<std::string, NumericDataset> read_numeric_datasets(const std::filesystem::path& path) {
  std::map<std::string, NumericDataset> out;
  const Handle file = open_file(path);
  // Every dataset, in the groups too, by its path from the root ("gdp", "accounts/balance_sheet").
  H5Lvisit(
      file.get(), H5_INDEX_NAME, H5_ITER_INC,
      [](hid_t group, const char* name, const H5L_info_t*, void* data) -> herr_t {
        auto& result = *static_cast<std::map<std::string, NumericDataset>*>(data);
        const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
        const bool is_dataset = H5Iget_type(object) == H5I_DATASET;
        H5Oclose(object);
        if (!is_dataset) return 0;
        const Handle dataset = open_dataset(group, name);
        const hid_t type = H5Dget_type(dataset.get());
        const H5T_class_t type_class = H5Tget_class(type);
        H5Tclose(type);
        if (type_class != H5T_FLOAT && type_class != H5T_INTEGER) return 0;
        NumericDataset entry;
        std::vector<hsize_t> max_dims;
        entry.dims = shape_of(dataset.get(), &max_dims);
        entry.time_series = !max_dims.empty() && max_dims[0] == H5S_UNLIMITED;
        entry.values = read_doubles(dataset.get());
        result[name] = std::move(entry);
        return 0;
      },
      &out);
  return out;
}

// Equal bit for bit, NaN included.
inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](double x, double y) {
           return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
         });
}

namespace detail {

// The paths of every dataset, in the groups too ("gdp", "accounts/balance_sheet"), in name order.
inline std::vector<std::string> names_of_datasets(hid_t file) {
  std::vector<std::string> names;
  H5Lvisit(
      file, H5_INDEX_NAME, H5_ITER_INC,
      [](hid_t group, const char* name, const H5L_info_t*, void* data) -> herr_t {
        const hid_t object = H5Oopen(group, name, H5P_DEFAULT);
        if (H5Iget_type(object) == H5I_DATASET) static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        H5Oclose(object);
        return 0;
      },
      &names);
  return names;
}

inline std::vector<std::string> names_of_attributes(hid_t object) {
  std::vector<std::string> names;
  H5Aiterate2(
      object, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      },
      &names);
  return names;
}

// Object references (the dimension-scale bookkeeping DIMENSION_LIST and REFERENCE_LIST) hold addresses
// within one file: not comparable between files.
inline bool holds_references(hid_t type) {
  const H5T_class_t type_class = H5Tget_class(type);
  if (type_class == H5T_REFERENCE) return true;
  if (type_class != H5T_VLEN) return false;
  const Handle base(H5Tget_super(type), Kind::datatype);
  return H5Tget_class(base.get()) == H5T_REFERENCE;
}

// The value of an attribute or dataset as comparable bytes: variable-length strings as their text, every
// other type as stored.
inline std::string value_bytes(hid_t object, bool attribute) {
  const Handle type(attribute ? H5Aget_type(object) : H5Dget_type(object), Kind::datatype);
  const Handle space(attribute ? H5Aget_space(object) : H5Dget_space(object), Kind::dataspace);
  const auto points = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  if (H5Tget_class(type.get()) == H5T_STRING && H5Tis_variable_str(type.get()) > 0) {
    std::vector<char*> raw(points, nullptr);
    if (attribute) {
      EXPECT_GE(H5Aread(object, type.get(), raw.data()), 0);
    } else {
      EXPECT_GE(H5Dread(object, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), 0);
    }
    std::string text;
    for (char* s : raw) {
      text += s ? s : "<null>";
      text += '\0';
    }
    EXPECT_GE(H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data()), 0);
    return text;
  }
  std::string bytes(points * H5Tget_size(type.get()), '\0');
  if (!bytes.empty()) {
    if (attribute) {
      EXPECT_GE(H5Aread(object, type.get(), bytes.data()), 0);
    } else {
      EXPECT_GE(H5Dread(object, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), 0);
    }
  }
  return bytes;
}

inline void compare_attributes(hid_t a, hid_t b, const std::string& where, const std::set<std::string>& ignored,
                               std::vector<std::string>& differences) {
  const std::vector<std::string> names_a = names_of_attributes(a);
  const std::vector<std::string> names_b = names_of_attributes(b);
  if (names_a != names_b) differences.push_back("attributes of " + where + " differ in names");
  for (const std::string& name : names_a) {
    if (ignored.count(name) || std::find(names_b.begin(), names_b.end(), name) == names_b.end()) continue;
    const Handle attribute_a(H5Aopen(a, name.c_str(), H5P_DEFAULT), Kind::attribute);
    const Handle attribute_b(H5Aopen(b, name.c_str(), H5P_DEFAULT), Kind::attribute);
    const Handle type(H5Aget_type(attribute_a.get()), Kind::datatype);
    if (holds_references(type.get())) continue;
    if (value_bytes(attribute_a.get(), true) != value_bytes(attribute_b.get(), true)) {
      differences.push_back("attribute " + name + " of " + where);
    }
  }
}

}  // namespace detail

// Every difference between the contents of two files written by the project's writers (every dataset,
// in the root and in groups): names, shapes, the values of every dataset bit for bit (strings as text) and of every
// attribute but the `ignored` ones and those holding object references, which are addresses in a file.
inline std::vector<std::string> content_differences(const std::filesystem::path& a, const std::filesystem::path& b,
                                                    const std::set<std::string>& ignored_attributes) {
  std::vector<std::string> differences;
  const Handle file_a = open_file(a);
  const Handle file_b = open_file(b);
  const Handle root_a(H5Gopen2(file_a.get(), "/", H5P_DEFAULT), Kind::group);
  const Handle root_b(H5Gopen2(file_b.get(), "/", H5P_DEFAULT), Kind::group);
  detail::compare_attributes(root_a.get(), root_b.get(), "the file", ignored_attributes, differences);
  const std::vector<std::string> names_a = detail::names_of_datasets(file_a.get());
  const std::vector<std::string> names_b = detail::names_of_datasets(file_b.get());
  if (names_a != names_b) differences.push_back("the files hold different variables");
  for (const std::string& name : names_a) {
    if (std::find(names_b.begin(), names_b.end(), name) == names_b.end()) continue;
    const Handle dataset_a = open_dataset(file_a.get(), name);
    const Handle dataset_b = open_dataset(file_b.get(), name);
    if (shape_of(dataset_a.get()) != shape_of(dataset_b.get())) {
      differences.push_back("shape of " + name);
      continue;
    }
    if (detail::value_bytes(dataset_a.get(), false) != detail::value_bytes(dataset_b.get(), false)) {
      differences.push_back("values of " + name);
    }
    detail::compare_attributes(dataset_a.get(), dataset_b.get(), name, ignored_attributes, differences);
  }
  return differences;
}

}  // namespace testing_support
