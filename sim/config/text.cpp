#include "sim/config/text.hpp"

#include <fmt/core.h>

#include <cmath>

#include "sim/config/valid_text.hpp"

namespace sim::config::detail {

std::string kind_name(Kind kind) {
  switch (kind) {
    case Kind::real: return "real";
    case Kind::integer: return "integer";
    case Kind::boolean: return "boolean";
    case Kind::choice: return "choice";
    case Kind::string: return "string";
    case Kind::date: return "date";
    case Kind::path: return "path";
    case Kind::string_list: return "string list";
    case Kind::real_list: return "real list";
    case Kind::records: return "records";
  }
  return "unknown";
}

std::string format_real(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (std::isnan(value)) return "nan";
  return fmt::format("{}", value);
}

std::string format_date(const Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::string quote(std::string_view text) {
  std::string inner;
  for (char c : text) {
    if (c == '"' || c == '\\') inner += '\\';
    inner += c;
  }
  return '"' + escaped(inner) + '"';
}

std::string quote_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += quote(item);
  }
  return out;
}

std::string format_value(const Value& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "required"; }
    std::string operator()(double v) const { return format_real(v); }
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::string& v) const { return quote(v); }
    std::string operator()(const Date& v) const { return format_date(v); }
    std::string operator()(const StringList& v) const { return fmt::format("[{}]", quote_list(v)); }
    std::string operator()(const RealList& v) const {
      std::string items;
      for (double item : v) items += fmt::format("{}{}", items.empty() ? "" : ", ", format_real(item));
      return fmt::format("[{}]", items);
    }
  };
  return std::visit(Visitor{}, value);
}

bool is_unbounded(const Range& range) { return std::isinf(range.min) && std::isinf(range.max); }

std::string range_text(const Range& range, bool integer) {
  const bool has_min = !std::isinf(range.min);
  const bool has_max = !std::isinf(range.max);
  if (!has_min && !has_max) return "";
  if (integer && has_min != has_max) {
    return has_min ? fmt::format("{} {}", range.min_exclusive ? ">" : ">=", format_real(range.min))
                   : fmt::format("{} {}", range.max_exclusive ? "<" : "<=", format_real(range.max));
  }
  return fmt::format("{}{}, {}{}", (range.min_exclusive || !has_min) ? "(" : "[", format_real(range.min),
                     format_real(range.max), (range.max_exclusive || !has_max) ? ")" : "]");
}

bool in_range(const Range& range, double value) {
  if (value < range.min || (range.min_exclusive && value == range.min)) return false;
  if (value > range.max || (range.max_exclusive && value == range.max)) return false;
  return true;
}

namespace {

// -1, 0 or 1 as `value` is below, equal to or above `bound`, exactly.
int compare_exactly(std::int64_t value, double bound) {
  if (bound >= 0x1p63) return -1;  // also +inf; 2^63 itself is above every int64
  if (bound < -0x1p63) return 1;   // also -inf
  const double whole = std::floor(bound);  // in [-2^63, 2^63): converts to int64 exactly
  const auto whole_integer = static_cast<std::int64_t>(whole);
  if (value != whole_integer) return value < whole_integer ? -1 : 1;
  return whole == bound ? 0 : -1;
}

}  // namespace

bool in_integer_range(const Range& range, std::int64_t value) {
  const int to_min = compare_exactly(value, range.min);
  const int to_max = compare_exactly(value, range.max);
  if (to_min < 0 || (range.min_exclusive && to_min == 0)) return false;
  if (to_max > 0 || (range.max_exclusive && to_max == 0)) return false;
  return true;
}

namespace {

std::string with_range(const std::string& noun, const ValueSpec& spec, bool integer) {
  if (spec.range == nullptr || is_unbounded(*spec.range)) return noun;
  const std::string range = range_text(*spec.range, integer);
  return noun + (range.front() == '[' || range.front() == '(' ? " in " : " ") + range;
}

}  // namespace

std::string expected_text(const ValueSpec& spec, bool csv) {
  switch (spec.kind) {
    case Kind::real: return with_range("a real number", spec, false);
    case Kind::integer: return with_range("an integer", spec, true);
    case Kind::boolean: return csv ? "true, false, 1 or 0" : "true or false";
    case Kind::choice: return spec.choices ? "one of " + quote_list(*spec.choices) : "one of the choices";
    case Kind::string: return "a string";
    case Kind::date: return "a date like 2023-01-01";
    case Kind::path: return "a file path (a string)";
    case Kind::string_list: return csv ? "a ';'-separated list" : "an array of strings";
    case Kind::real_list: return with_range(csv ? "a ';'-separated list of real numbers" : "an array of real numbers", spec, false);
    case Kind::records: return "an array of tables or a table { file = \"data.csv\" }";
  }
  return "a value";
}

std::string trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && space(text[begin])) ++begin;
  while (end > begin && space(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace sim::config::detail
