#pragma once
// Opening an HDF5 file a user names (a state, a run or sweep file, a sweep's .partial to resume), with
// what is wrong with it on one line when HDF5 cannot. Callers refuse special files first
// (special_file.hpp): HDF5 would open a FIFO and wait on it.
#include <hdf5.h>

#include <filesystem>
#include <string>

#include "sim/output/h5_handle.hpp"

namespace sim::output::h5 {

// Opens the regular file `path` with `flags` (H5F_ACC_RDONLY, H5F_ACC_RDWR). On failure the handle is
// empty and `cause` says why on one line ("file signature not found" for a file that is not HDF5, "the
// file is cut short: 300000 bytes where its header says 1415215", "Permission denied").
Handle open_file(const std::filesystem::path& path, unsigned flags, std::string& cause, hid_t access = H5P_DEFAULT);

}  // namespace sim::output::h5
