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

std::string report(const std::vector<Error>& errors, std::string_view indent) {
  std::string text;
  const std::size_t shown = errors.size() > max_reported_errors + 1 ? max_reported_errors : errors.size();
  for (std::size_t i = 0; i < shown; ++i) {
    if (!text.empty()) text += '\n';
    text += fmt::format("{}{}", indent, errors[i].format());
  }
  if (shown < errors.size()) {
    text += fmt::format("\n{}... and {} more error{}, not shown", indent, errors.size() - shown,
                        errors.size() - shown == 1 ? "" : "s");
  }
  return text;
}

InputError::InputError(std::vector<Error> errors) : std::runtime_error(report(errors)), errors_(std::move(errors)) {}

}  // namespace sim::config
