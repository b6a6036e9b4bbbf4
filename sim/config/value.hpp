#pragma once
// The values a scenario key can hold, and where in the input each one came from.
#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace sim::config {

// Where a value came from: a file position (1-based line and column), or a --set argument.
struct Source {
  std::string file{};  // path as given, or "--set" for a command-line override, empty for a default
  int line = 0;
  int column = 0;
  std::string describe() const;  // "file:line:column", "--set", or "(default)"
};

using Date = std::chrono::year_month_day;
using StringList = std::vector<std::string>;
using RealList = std::vector<double>;

// One row of a records key (regions, industries), inline in TOML or from a CSV file.
struct Record;
struct Records;

using Value = std::variant<std::monostate, double, std::int64_t, bool, std::string, Date, StringList, RealList>;

struct Record {
  std::vector<Value> fields;  // in the order of the key's FieldSpec list; monostate for an absent optional field
  std::vector<Source> sources;  // where each field came from
  Source source;                // where the row starts
};

struct Records {
  std::vector<std::string> field_names;  // the spec's field names, in order
  std::vector<Record> rows;
  std::string origin{};  // "inline", the CSV path as resolved, or "none" (an optional key not given)

  // Fields are named by their full name ("set.rate" for a field of a row's sub-table). Throws
  // std::logic_error on an unknown field.
  std::size_t field_index(std::string_view name) const;
  double real(std::size_t row, std::string_view field) const;
  std::int64_t integer(std::size_t row, std::string_view field) const;
  bool boolean(std::size_t row, std::string_view field) const;
  const std::string& string(std::size_t row, std::string_view field) const;
  Date date(std::size_t row, std::string_view field) const;
  const StringList& strings(std::size_t row, std::string_view field) const;
  const RealList& reals(std::size_t row, std::string_view field) const;
  bool has(std::size_t row, std::string_view field) const;  // false when an optional field was absent
  const Source& source(std::size_t row, std::string_view field) const;
};

}  // namespace sim::config
