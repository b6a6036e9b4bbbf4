#pragma once
// HDF5's errors turned into one line each: the library's own printing is switched off, and a failed call's
// error stack is read for the cause a user can act on ("No space left on device", "Permission denied",
// "truncated file: ...") instead of the dozen internal frames HDF5 would print.
#include <hdf5.h>

#include <string>
#include <string_view>

#include "sim/output/run_writer.hpp"

namespace sim::output::h5 {

// Called once at start-up, before any other HDF5 call. Turns off HDF5's printing of error stacks on
// the calling thread, and HDF5's clean-up at exit: after a write failed (a full disk), HDF5 1.10 can
// keep a file whose close failed half-done, and closing it again at exit crashes (a segfault after the
// message). Every file is closed by its owner before exit, so the clean-up has nothing else to do.
void prepare_library() noexcept;

// While alive, HDF5's automatic printing of its error stack is off on this thread (each thread has its
// own setting); the previous setting is restored on destruction.
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

// Why the last HDF5 call on this thread failed, on one line, then clears the error stack: the system's
// message where a system call failed ("No space left on device", "File too large", "Permission denied",
// "Read-only file system"), else the description of the innermost error ("file signature not found").
// Empty if the stack is empty.
std::string failure_cause();

// Throws OutputError "FILE: cannot OPERATION: CAUSE" (CAUSE from failure_cause()).
[[noreturn]] void fail(std::string_view file, std::string_view operation);

// Checked calls: a negative return value throws OutputError.
inline herr_t check(herr_t status, std::string_view file, std::string_view operation) {
  if (status < 0) fail(file, operation);
  return status;
}

}  // namespace sim::output::h5
