#pragma once
// The columns and cells of a tidy long table as its writers (CSV, Stata) see them: each column has one
// kind, each row is one cell per column. The writers know nothing of HDF5; the table knows nothing of
// file formats.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim::exporting {

enum class ColumnKind {
  text,     // labels: region, industry, variable, units
  integer,  // indices: scenario, replicate
  number,   // measured values: a cell is an integer (int64 variables) or a real
  date,     // the time axis: a calendar day
};

struct Column {
  std::string name;        // as in the HDF5 file: "region", "policy.openness", "value"
  ColumnKind kind = ColumnKind::text;
  std::size_t text_width = 0;  // text: the longest cell in bytes (Stata's fixed-width strings need it first)
  std::string label;       // what the column holds, in a sentence fragment (a Stata variable label)
};

struct Cell {
  enum class Kind { missing, text, integer, real, date };
  Kind kind = Kind::missing;
  std::string_view text;
  std::int64_t integer = 0;
  double real = 0;
  std::chrono::sys_days date{};

  static Cell missing() { return {}; }
  static Cell of_text(std::string_view value) { return {Kind::text, value, 0, 0, {}}; }
  static Cell of_integer(std::int64_t value) { return {Kind::integer, {}, value, 0, {}}; }
  static Cell of_real(double value) { return {Kind::real, {}, 0, value, {}}; }
  static Cell of_date(std::chrono::sys_days value) { return {Kind::date, {}, 0, 0, value}; }
};

// Where rows go: a file format. begin() once with the columns and the number of rows that follow, then
// row() for each, then finish().
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void begin(const std::vector<Column>& columns, std::uint64_t rows) = 0;
  virtual void row(std::span<const Cell> cells) = 0;
  virtual void finish() = 0;
};

}  // namespace sim::exporting
