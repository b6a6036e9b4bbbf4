#include "sim/output/h5_errors.hpp"

#include <fmt/format.h>

#include <charconv>
#include <system_error>

namespace sim::output::h5 {

void prepare_library() noexcept {
  H5dont_atexit();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorSilencer::ErrorSilencer() noexcept {
  saved_ = H5Eget_auto2(H5E_DEFAULT, &function_, &data_) >= 0;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorSilencer::~ErrorSilencer() {
  if (saved_) H5Eset_auto2(H5E_DEFAULT, function_, data_);
}

namespace {

struct Stack {
  int system_error = 0;   // the innermost errno a description reports, 0 if none
  std::string innermost;  // the description of the innermost error
};

// HDF5's file drivers report a failed system call as "..., errno = 28, error message = '...', ...".
int errno_in(std::string_view description) {
  constexpr std::string_view marker = "errno = ";
  const std::size_t at = description.find(marker);
  if (at == std::string_view::npos) return 0;
  const char* begin = description.data() + at + marker.size();
  int value = 0;
  const auto [end, error] = std::from_chars(begin, description.data() + description.size(), value);
  return error == std::errc() && end != begin ? value : 0;
}

// The description on one line: some span lines ("time = ...\n, name = ..."), and a line of its own is
// what the caller promises.
std::string one_line(std::string_view text) {
  std::string line;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      if (!line.empty() && line.back() != ' ') line += ' ';
    } else {
      line += c;
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

herr_t visit(unsigned /*depth*/, const H5E_error2_t* error, void* client) {
  auto& stack = *static_cast<Stack*>(client);
  const std::string_view description = error->desc != nullptr ? error->desc : "";
  if (const int number = errno_in(description); number != 0) stack.system_error = number;
  if (!description.empty()) stack.innermost = one_line(description);
  return 0;
}

}  // namespace

std::string failure_cause() {
  Stack stack;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, visit, &stack);
  H5Eclear2(H5E_DEFAULT);
  if (stack.system_error != 0) return std::generic_category().message(stack.system_error);
  return stack.innermost;
}

void fail(std::string_view file, std::string_view operation) {
  std::string cause = failure_cause();
  if (cause.empty()) cause = "HDF5 gave no reason";
  throw OutputError(fmt::format("{}: cannot {}: {}", file, operation, cause));
}

}  // namespace sim::output::h5
