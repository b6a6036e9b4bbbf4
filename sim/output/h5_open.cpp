#include "sim/output/h5_open.hpp"

#include <fmt/format.h>

#include <string_view>

namespace sim::output::h5 {

namespace {

// The number after `name = ` in HDF5's description, "" if there is none.
std::string_view number_after(std::string_view text, std::string_view name) {
  const std::size_t at = text.find(name);
  if (at == std::string_view::npos) return {};
  const std::size_t begin = at + name.size();
  std::size_t end = begin;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  return text.substr(begin, end - begin);
}

// HDF5 says "truncated file: eof = 300000, sblock->base_addr = 0, stored_eof = 1415215"; in words.
std::string in_words(const std::string& cause) {
  if (!cause.starts_with("truncated file")) return cause;
  const std::string_view size = number_after(cause, "eof = ");
  const std::string_view expected = number_after(cause, "stored_eof = ");
  if (size.empty() || expected.empty()) return cause;
  return fmt::format("the file is cut short: {} bytes where its header says {}", size, expected);
}

}  // namespace

Handle open_file(const std::filesystem::path& path, unsigned flags, std::string& cause, hid_t access) {
  const ErrorSilencer silencer;
  Handle file(H5Fopen(path.c_str(), flags, access), Kind::file);
  cause = file ? std::string() : in_words(failure_cause());
  if (!file && cause.empty()) cause = "HDF5 gave no reason";
  return file;
}

}  // namespace sim::output::h5
