#include "sim/config/errors.hpp"

#include <fmt/core.h>

#include "sim/config/valid_text.hpp"

namespace sim::config {

std::string Error::format() const {
  const bool from_override = source.file == "--set";
  const std::string where = from_override ? "--set" : source.describe();
  const std::string separator = key.empty() ? "" : (from_override ? " " : ": ");
  const std::string note = hint.empty() ? "" : fmt::format(" ({})", hint);
  // Whatever the input held (a file name with a line break, a key with a NUL), the error stays one line.
  return detail::escaped(fmt::format("{}{}{}: expected {}, found {}{}", where, separator, key, expected, found, note));
}

namespace {

std::string join(const std::vector<Error>& errors) {
  std::string text;
  for (const Error& error : errors) {
    if (!text.empty()) text += '\n';
    text += error.format();
  }
  return text;
}

}  // namespace

InputError::InputError(std::vector<Error> errors) : std::runtime_error(join(errors)), errors_(std::move(errors)) {}

}  // namespace sim::config
