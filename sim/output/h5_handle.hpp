#pragma once
// A small RAII layer over the HDF5 C API: move-only handles that close an hid_t with the matching
// H5?close, created by checked calls that throw OutputError naming the file, the operation and HDF5's
// reason (h5_errors.hpp), and string attribute helpers.
#include <hdf5.h>

#include <string>
#include <string_view>
#include <utility>

#include "sim/output/h5_errors.hpp"
#include "sim/output/run_writer.hpp"

namespace sim::output::h5 {

enum class Kind { file, group, dataset, dataspace, datatype, attribute, property_list };

class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, Kind kind) noexcept : id_(id), kind_(kind) {}
  // Takes ownership of `id`, throwing OutputError if it is negative (a failed H5?create/H5?open).
  static Handle checked(hid_t id, Kind kind, std::string_view file, std::string_view operation) {
    if (id < 0) fail(file, operation);
    return Handle(id, kind);
  }

  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), kind_(other.kind_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      kind_ = other.kind_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const noexcept { return id_; }
  bool valid() const noexcept { return id_ >= 0; }
  explicit operator bool() const noexcept { return valid(); }

  // Closes now, returning the H5?close status (0 if there was nothing to close).
  herr_t close() noexcept;
  // Closes now, throwing OutputError on failure.
  void close_checked(std::string_view file, std::string_view operation) {
    check(close(), file, operation);
  }
  // Closes, ignoring failure (destructors, cleanup after an error).
  void reset() noexcept { (void)close(); }
  // Gives the id up without closing it: it stays open until the process ends (h5::abandon).
  hid_t release() noexcept { return std::exchange(id_, H5I_INVALID_HID); }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Kind kind_ = Kind::property_list;
};

// A variable-length UTF-8 string datatype (the netCDF-4 NC_STRING type).
Handle vlen_utf8_type(std::string_view file);

// Writes `value` as a scalar variable-length UTF-8 string attribute `name` of object `object`.
void write_string_attribute(hid_t object, const std::string& name, const std::string& value,
                            std::string_view file);

// Reads a scalar (or one-element) string attribute, fixed or variable length. Throws OutputError.
std::string read_string_attribute(hid_t object, const std::string& name, std::string_view file);

}  // namespace sim::output::h5
