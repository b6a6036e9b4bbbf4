#include "sim/output/h5_handle.hpp"

#include <fmt/format.h>

#include <vector>

namespace sim::output::h5 {

herr_t Handle::close() noexcept {
  if (id_ < 0) return 0;
  const hid_t id = std::exchange(id_, H5I_INVALID_HID);
  switch (kind_) {
    case Kind::file: return H5Fclose(id);
    case Kind::group: return H5Gclose(id);
    case Kind::dataset: return H5Dclose(id);
    case Kind::dataspace: return H5Sclose(id);
    case Kind::datatype: return H5Tclose(id);
    case Kind::attribute: return H5Aclose(id);
    case Kind::property_list: return H5Pclose(id);
  }
  return -1;
}

Handle vlen_utf8_type(std::string_view file) {
  Handle type = Handle::checked(H5Tcopy(H5T_C_S1), Kind::datatype, file, "copy string datatype");
  check(H5Tset_size(type.get(), H5T_VARIABLE), file, "make string datatype variable-length");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), file, "set string datatype to UTF-8");
  return type;
}

void write_string_attribute(hid_t object, const std::string& name, const std::string& value,
                            std::string_view file) {
  const std::string operation = fmt::format("write string attribute '{}'", name);
  Handle type = vlen_utf8_type(file);
  Handle space = Handle::checked(H5Screate(H5S_SCALAR), Kind::dataspace, file, operation);
  Handle attribute = Handle::checked(
      H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
      Kind::attribute, file, operation);
  const char* text = value.c_str();
  check(H5Awrite(attribute.get(), type.get(), &text), file, operation);
  attribute.close_checked(file, operation);
}

std::string read_string_attribute(hid_t object, const std::string& name, std::string_view file) {
  const std::string operation = fmt::format("read string attribute '{}'", name);
  Handle attribute =
      Handle::checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), Kind::attribute, file, operation);
  Handle file_type = Handle::checked(H5Aget_type(attribute.get()), Kind::datatype, file, operation);
  if (H5Tget_class(file_type.get()) != H5T_STRING) {
    throw OutputError(fmt::format("{}: cannot {}: not a string attribute", file, operation));
  }
  Handle space = Handle::checked(H5Aget_space(attribute.get()), Kind::dataspace, file, operation);
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count != 1) {
    throw OutputError(fmt::format("{}: cannot {}: {} elements, expected 1", file, operation, count));
  }
  const htri_t variable = H5Tis_variable_str(file_type.get());
  if (variable < 0) fail(file, operation);
  if (variable > 0) {
    Handle memory_type = vlen_utf8_type(file);
    char* text = nullptr;
    check(H5Aread(attribute.get(), memory_type.get(), &text), file, operation);
    std::string value = text ? text : "";
    check(H5free_memory(text), file, operation);
    return value;
  }
  const size_t size = H5Tget_size(file_type.get());
  if (size == 0) fail(file, operation);
  Handle memory_type = Handle::checked(H5Tcopy(file_type.get()), Kind::datatype, file, operation);
  std::vector<char> buffer(size + 1, '\0');
  check(H5Aread(attribute.get(), memory_type.get(), buffer.data()), file, operation);
  return std::string(buffer.data());  // stops at the first NUL (null-terminated or -padded)
}

}  // namespace sim::output::h5
