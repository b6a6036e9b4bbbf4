#pragma once
// The HDF5 file a writer (RunWriter, SweepWriter) writes: PATH.partial until it is complete, then
// renamed to PATH, with every error message naming it by one label. Both writers create, write and
// check their datasets through these functions, so each check and each message exists once.
#include <hdf5.h>

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/output/h5_handle.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/output/variable.hpp"

namespace sim::output::h5 {

struct File {
  std::filesystem::path final_path;
  std::filesystem::path partial;  // final_path + ".partial": the file written until finished
  std::string label;              // `partial` as text: what every message calls the file
  Handle handle;
  bool created = false;   // `partial` exists because this writer created it
  bool finished = false;  // published under `final_path`: nothing to clean up
  bool broken = false;    // a write on it did not complete (an HDF5 failure): its state is unknown
  std::string moment;     // where the writer is, for messages ("time step 12"); "" when it says nothing

  hid_t get() const noexcept { return handle.get(); }
  // Throws OutputError "LABEL: cannot OPERATION [at MOMENT]: <HDF5's reason>".
  [[noreturn]] void fail(std::string_view operation) const;
  void check(herr_t status, std::string_view operation) const {
    if (status < 0) fail(operation);
  }
  Handle checked(hid_t id, Kind kind, std::string_view operation) const {
    if (id < 0) fail(operation);
    return Handle(id, kind);
  }
  void write_attribute(hid_t object, const std::string& name, const std::string& value) const {
    write_string_attribute(object, name, value, label);
  }
  void flush() const { check(H5Fflush(get(), H5F_SCOPE_LOCAL), "flush file"); }
};

// A File for `final_path`, not yet opened.
File file_for(std::filesystem::path final_path);

// Throws std::logic_error once the file is published (`function`, e.g. "RunWriter::append", names the
// call) and OutputError once an HDF5 failure left it unusable.
void check_usable(const File& file, std::string_view function);

// Closes the file, which must have no other object open, and renames PATH.partial to PATH. With
// `broken` set until it succeeds, so that a failure leaves the writer unusable.
void publish(File& file);

// Closes the file, which must have no other object open; `when` names the moment in messages.
void close_checked(File& file, std::string_view when);

// Closes the file on the way out of a failure, every other object of it closed before (cleanup: never
// throws). A file an HDF5 failure left `broken` is not closed but given up, open until the process ends:
// closing makes HDF5 write its metadata once more, which on a full disk fails half-way, leaving a
// superblock that claims more than the file holds (a sweep's .partial could not be resumed) and HDF5's
// record of the file half torn down. Given up, the file stays as its last successful flush left it, as
// if the process had been killed there.
void close_after_failure(File& file) noexcept;

// Removes PATH.partial if this writer created it and did not publish it (cleanup: never throws).
void remove_unpublished(const File& file) noexcept;

// The global attributes in order, preceded by Conventions = CF-1.8 unless they give their own.
void write_global_attributes(const File& file, const std::vector<std::pair<std::string, std::string>>& attributes);

// A value the library writes where nothing was written; `value` is of `memory_type`.
struct Fill {
  hid_t memory_type = H5I_INVALID_HID;
  const void* value = nullptr;  // nullptr: HDF5's default fill, not recorded in the file
};

struct DatasetShape {
  std::vector<hsize_t> dims;      // empty: a scalar
  std::vector<hsize_t> max_dims;  // empty: fixed at `dims`
  std::vector<hsize_t> chunk;     // empty: contiguous
  int deflate_level = 0;          // > 0: chunks shuffled and deflated at this level
};

// A contiguous dataset of fixed `dims`.
inline DatasetShape fixed_shape(std::vector<hsize_t> dims) {
  DatasetShape shape;
  shape.dims = std::move(dims);
  return shape;
}

// Creates dataset `name`, a path from the root ("gdp", "firm_panel/firm_id"), its attribute creation order tracked as netCDF-4
// does; `what` ("dataset of variable 'gdp'") names it in messages.
Handle create_dataset(const File& file, const std::string& name, hid_t file_type, const DatasetShape& shape,
                      const Fill& fill, hid_t access, const std::string& what);

// Dataset access for a dataset appended to piece by piece: its chunk cache holds at least one whole
// chunk of `chunk_bytes`, so appending does not recompress the chunk being filled, and memory stays
// bounded by the chunk size whatever the length of the dataset.
Handle appending_access(const File& file, hsize_t chunk_bytes, const std::string& what);

// Dataset access without a chunk cache, for chunks written whole, once: the writer holds none of them
// after writing it.
Handle uncached_access(const File& file, const std::string& what);

// Makes `dataset` the dimension scale `name`.
void make_scale(const File& file, hid_t dataset, const std::string& name, const std::string& what);

// Attaches `scales` as the dimensions 0, 1, ... of `dataset`.
void attach_scales(const File& file, hid_t dataset, std::span<const hid_t> scales, const std::string& what);

// What a variable's attributes say of it (variable.hpp: the fields of the same names).
struct VariableText {
  std::string_view units = {};
  std::string_view units_note = {};
  std::string_view long_name = {};
  std::string_view description = {};
};
VariableText text_of(const Variable& variable);
VariableText text_of(const Column& column);

// The attributes every variable carries: units and units_note (each only when not empty), long_name,
// description, then _FillValue NaN if it may be undefined.
void write_variable_attributes(const File& file, hid_t dataset, const VariableText& text, bool nan_fill,
                               const std::string& what);

// long_name and description of a coordinate (description only when not empty).
void write_labels(const File& file, hid_t dataset, std::string_view long_name, std::string_view description);

// The CF encoding of a time coordinate: units, then calendar if there is one.
void write_time_units(const File& file, hid_t dataset, const TimeAxis& time_axis);

// Writes `axis` as a 1-D variable-length UTF-8 string dataset of its labels, made the dimension scale
// named like the axis, with attributes long_name and description, and its text coordinates; at the root,
// or in the group that `prefix` ("region_pairs/") names. Returns the open dataset.
Handle create_label_axis(const File& file, const Axis& axis, const std::string& prefix = "");

// The group `name` at the root, created with the creation order of links and attributes tracked and
// indexed as netCDF-4 requires of every group, or opened if the file has it; `what` names its user.
Handle open_or_create_group(const File& file, const std::string& name, const std::string& what);

// Grows `dataset` to `extent` (a dataset with unlimited dimensions).
void extend(const File& file, hid_t dataset, std::span<const hsize_t> extent, std::string_view what);

// Writes `buffer` (`memory_type`, shaped by `memory_space`) into the block of `dataset` at `start` of
// size `count`. Builds messages only on failure: it runs for every tick.
void write_block(const File& file, hid_t dataset, std::span<const hsize_t> start, std::span<const hsize_t> count,
                 hid_t memory_space, hid_t memory_type, const void* buffer, std::string_view what);

// The extent of `dataset`, for checking the layout of an existing file.
std::vector<hsize_t> shape_of(const File& file, hid_t dataset, std::string_view what);

}  // namespace sim::output::h5
