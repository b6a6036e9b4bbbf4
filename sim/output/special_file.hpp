#pragma once
// Paths that name something other than a regular file: a folder, a FIFO, a device, a socket. Given as an
// input, opening one can wait forever (a FIFO waits for a writer that never comes) or read without end
// (/dev/zero); given as an output, renaming a finished file onto it would replace it (/dev/null). Such a
// path is told apart by its type alone, found without opening it.
#include <filesystem>
#include <string>

namespace sim::output {

// What `path` is when it exists but is no regular file: "a folder", "a FIFO (named pipe)", "a character
// device", "a block device", "a socket"; "" for a regular file (or a link to one) and for a missing path.
std::string special_file_kind(const std::filesystem::path& path);

}  // namespace sim::output
