#pragma once
// Reading a text input whole (a scenario and its base files, a CSV data file, a sweep file), refusing what
// is not a regular file of a sensible size before reading a byte of it.
#include <cstdint>
#include <filesystem>
#include <string>

namespace sim::config {

// The largest text input read. The project's data files are a few kilobytes; the limit keeps a mistaken
// path to a huge file from exhausting memory: each byte of a CSV file of short rows becomes up to about
// 150 bytes once parsed (a row holds a value and a source per field), so 4 MiB peaks near 600 MB.
inline constexpr std::uintmax_t max_text_file_bytes = std::uintmax_t{4} << 20;

// Why `path` is not a regular file, "" when it is (symbolic links followed): "no such file", "a directory",
// "a FIFO (named pipe), not a regular file", "a character device, not a regular file", ... Looks at the
// file without opening it: opening a FIFO waits for a writer, and a device may never end.
std::string file_kind_problem(const std::filesystem::path& path);

// Why `path` cannot be read as a text input, "" when it can: file_kind_problem, or a size above
// max_text_file_bytes. Does not open the file either.
std::string text_file_problem(const std::filesystem::path& path);

// Reads the text input `path` whole after the checks of text_file_problem; returns false with `problem`
// set (as text_file_problem, or "cannot be read (...)") when it cannot.
bool read_text_file(const std::filesystem::path& path, std::string& text, std::string& problem);

}  // namespace sim::config
