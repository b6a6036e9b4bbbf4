#pragma once
// A StateImage as an HDF5 file: one dataset per array (groups from the slashes in its name), the
// image's attributes as string attributes of the root group. Written as PATH.partial and renamed when
// complete, like every output: an interrupted save never leaves a file under the final name.
#include <filesystem>

#include "sim/state/state_image.hpp"

namespace sim::state {

// Throws StateError when `path` (or PATH.partial) is a folder, a FIFO or a device, which renaming a
// written state onto it would replace. A run checks this before it starts, not after its last tick.
void check_state_target(const std::filesystem::path& path);

// Throws output::OutputError when the file cannot be written, StateError as check_state_target.
void write_state_file(const std::filesystem::path& path, const StateImage& image);

// Throws StateError when `path` is missing, not HDF5, or holds something other than a state.
StateImage read_state_file(const std::filesystem::path& path);

}  // namespace sim::state
