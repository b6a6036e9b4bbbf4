#include "sim/output/h5_netcdf.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace sim::output::h5 {

void check_name(const std::string& name, std::string_view what) {
  if (name.empty()) throw std::logic_error(fmt::format("output {} with an empty name", what));
  if (name.find('/') != std::string::npos || name == "." || name == "..") {
    throw std::logic_error(fmt::format("output {} name '{}' is not a valid HDF5/netCDF name", what, name));
  }
}

bool to_int64(double value, std::int64_t& out) {
  if (!std::isfinite(value)) return false;
  const double rounded = std::round(value);
  // 2^63 is exact in a double; every double below it in magnitude converts without undefined behaviour.
  constexpr double two_to_63 = 9223372036854775808.0;
  if (rounded < -two_to_63 || rounded >= two_to_63) return false;
  out = static_cast<std::int64_t>(rounded);
  return true;
}

void convert_to_int64(std::span<const double> values, std::vector<std::int64_t>& out, std::string_view what,
                      std::string_view element, std::string_view file) {
  out.resize(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!to_int64(values[i], out[i])) {
      throw OutputError(fmt::format("output {} (int64) in {}: {} {} has value {}, which is not finite or out of "
                                    "int64 range",
                                    what, file, element, i, values[i]));
    }
  }
}

hid_t file_type_of(Storage storage) { return storage == Storage::int64 ? H5T_STD_I64LE : H5T_IEEE_F64LE; }
hid_t memory_type_of(Storage storage) { return storage == Storage::int64 ? H5T_NATIVE_INT64 : H5T_NATIVE_DOUBLE; }

Handle create_netcdf_file(const std::filesystem::path& path, std::string_view file, hid_t access) {
  Handle fcpl = Handle::checked(H5Pcreate(H5P_FILE_CREATE), Kind::property_list, file,
                                "create file creation property list");
  // netCDF-4 tracks and indexes the creation order of links and attributes.
  check(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), file,
        "set link creation order");
  check(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), file,
        "set attribute creation order");
  return Handle::checked(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), access), Kind::file, file,
                         "create file");
}

Handle flush_consistent_access_plist(std::string_view file) {
  Handle fapl = Handle::checked(H5Pcreate(H5P_FILE_ACCESS), Kind::property_list, file,
                                "create file access property list");
  H5AC_cache_config_t cache{};
  cache.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  check(H5Pget_mdc_config(fapl.get(), &cache), file, "get metadata cache configuration");
  // HDF5 accepts evictions_enabled = false only with every automatic resize mode off.
  cache.evictions_enabled = false;
  cache.incr_mode = H5C_incr__off;
  cache.flash_incr_mode = H5C_flash_incr__off;
  cache.decr_mode = H5C_decr__off;
  check(H5Pset_mdc_config(fapl.get(), &cache), file, "disable metadata cache evictions");
  return fapl;
}

Handle dataset_creation_plist(std::string_view file) {
  Handle dcpl = Handle::checked(H5Pcreate(H5P_DATASET_CREATE), Kind::property_list, file,
                                "create dataset creation property list");
  check(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), file,
        "set dataset attribute creation order");
  return dcpl;
}

void write_nan_fill_value_attribute(hid_t dataset, const std::string& what, std::string_view file) {
  const double undefined = std::numeric_limits<double>::quiet_NaN();
  Handle scalar = Handle::checked(H5Screate(H5S_SCALAR), Kind::dataspace, file,
                                  fmt::format("create dataspace of _FillValue of {}", what));
  Handle attribute =
      Handle::checked(H5Acreate2(dataset, "_FillValue", H5T_IEEE_F64LE, scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
                      Kind::attribute, file, fmt::format("create _FillValue of {}", what));
  check(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, &undefined), file, fmt::format("write _FillValue of {}", what));
}

}  // namespace sim::output::h5
