#pragma once
// A small RAII layer over the HDF5 C API: move-only handles that close an hid_t with the matching
// H5?close, checked calls that throw OutputError naming the file and the operation (with HDF5's own
// error stack in the message instead of printed to stderr), and string attribute helpers.
#include <hdf5.h>

#include <string>
#include <string_view>
#include <utility>

#include "sim/output/run_writer.hpp"

namespace sim::output::h5 {

// While alive, HDF5's automatic printing of its error stack is off (the stack goes into the
// OutputError message instead); the previous setting is restored on destruction, so the rest of the
// process keeps whatever HDF5 error reporting it chose.
class ErrorSilencer {
 public:
  ErrorSilencer() noexcept;
  ~ErrorSilencer();
  ErrorSilencer(const ErrorSilencer&) = delete;
  ErrorSilencer& operator=(const ErrorSilencer&) = delete;

 private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
  bool saved_ = false;
};

// The current HDF5 error stack as one line ("H5Dcreate2: unable to create dataset; ..."), then
// clears it. Empty if there is none.
std::string error_stack_description();

// Throws OutputError "HDF5 error in FILE: OPERATION: <error stack>".
[[noreturn]] void fail(std::string_view file, std::string_view operation);

// Checked calls: a negative return value throws OutputError.
inline herr_t check(herr_t status, std::string_view file, std::string_view operation) {
  if (status < 0) fail(file, operation);
  return status;
}

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
