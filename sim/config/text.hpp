#pragma once
// Internal: how kinds, ranges and values are written in error messages, the reference and to_toml.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/schema.hpp"
#include "sim/config/value.hpp"

namespace sim::config::detail {

// What a value must look like: the kind, its valid range and its choices, for a key or a records field.
struct ValueSpec {
  Kind kind = Kind::real;
  const Range* range = nullptr;
  const std::vector<std::string>* choices = nullptr;

  static ValueSpec of(const KeySpec& spec) { return {spec.kind, &spec.range, &spec.choices}; }
  static ValueSpec of(const FieldSpec& spec) { return {spec.kind, &spec.range, &spec.choices}; }
};

std::string kind_name(Kind kind);                // "real", "integer", ..., "string list", "records"
std::string format_real(double value);           // shortest form that reads back exactly: 0.1, 1, 1e+20
std::string format_date(const Date& date);       // 2023-01-02
std::string quote(std::string_view text);        // "text" with \" and \\ escaped, control characters and bytes that are not UTF-8 as \u001b and \xff
std::string quote_list(const std::vector<std::string>& items);  // "a", "b", "c"
std::string format_value(const Value& value);    // as written in TOML; "required" for monostate
bool is_unbounded(const Range& range);
// "[0, 1]", "(0, inf)" for reals; "[1, 10]", ">= 1", "< 5" for integers; "" when unbounded.
std::string range_text(const Range& range, bool integer);
bool in_range(const Range& range, double value);
// The same for an integer, compared exactly: as a double, 9000000000000000001 would equal 9e18.
bool in_integer_range(const Range& range, std::int64_t value);
// "a real number in [0, 1]", "an integer >= 1", "one of \"a\", \"b\"", ... (csv: booleans as 1/0 too)
std::string expected_text(const ValueSpec& spec, bool csv = false);
std::string trim(std::string_view text);
std::string lowercase(std::string_view text);

}  // namespace sim::config::detail
