#pragma once
// The netCDF-4 conventions shared by the HDF5 writers (RunWriter, SweepWriter): names, files and
// datasets that track creation order, the NaN fill value, and the int64 conversion of values.
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/output/h5_handle.hpp"
#include "sim/output/variable.hpp"

namespace sim::output::h5 {

// Throws std::logic_error if `name` is empty or not a valid HDF5/netCDF name ('/', ".", "..").
// `what` names the kind of object in the message ("axis", "variable", ...).
void check_name(const std::string& name, std::string_view what);

// Rounds to the nearest integer (halves away from zero); false if the value is not finite or int64
// cannot hold it.
bool to_int64(double value, std::int64_t& out);

// Converts every value with to_int64 into `out` (resized); OutputError "output WHAT (int64) in FILE:
// ELEMENT i has value v, ..." for the first it cannot, e.g. what "variable 'n'", element "element".
void convert_to_int64(std::span<const double> values, std::vector<std::int64_t>& out, std::string_view what,
                      std::string_view element, std::string_view file);

// The HDF5 types of a value stored as `storage`: in the file (little-endian) and in memory.
hid_t file_type_of(Storage storage);
hid_t memory_type_of(Storage storage);

// Creates (truncating) the HDF5 file `path` with link and attribute creation order tracked and
// indexed, as netCDF-4 does. `file` labels errors; `access` is the file access property list.
Handle create_netcdf_file(const std::filesystem::path& path, std::string_view file, hid_t access = H5P_DEFAULT);

// A file access property list whose metadata cache never evicts: HDF5 then writes file metadata only
// when the file is flushed, so a process killed between two flushes leaves the file as it was at the
// last flush, which can be opened and continued (a sweep's --resume). The cache holds every metadata
// entry the file has used (the chunk indices: a few kilobytes per thousand chunks).
Handle flush_consistent_access_plist(std::string_view file);

// A dataset creation property list with attribute creation order tracked and indexed.
Handle dataset_creation_plist(std::string_view file);

// Writes the attribute `_FillValue` = NaN (float64) on `dataset`; `what` names it in messages.
void write_nan_fill_value_attribute(hid_t dataset, const std::string& what, std::string_view file);

}  // namespace sim::output::h5
