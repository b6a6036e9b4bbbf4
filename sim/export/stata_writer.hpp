#pragma once
// A tidy table as a Stata dataset, .dta format 118 (Stata 14 and later; StataCorp documents it at
// https://www.stata.com/help.cgi?dta), little-endian. Columns map to Stata variables:
//   text     str# of the column's widest cell (at least 1 byte, at most 2045), UTF-8
//   integer  long (int32)
//   number   double; integers stored exactly up to 2^53
//   date     long with display format %td (days since 1960-01-01), which Stata, pandas and haven read as dates
// Missing numbers are Stata's system missing `.`, missing text the empty string. Column names become
// valid Stata names (stata_name); a name that had to change keeps its original in the variable label.
// The data section is written row by row as the rows come; the map of section offsets is written last.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/export/tidy_columns.hpp"

namespace sim::exporting {

// The widest str# a .dta 118 file holds; longer text does not fit (strL would, and is not written here).
inline constexpr std::size_t stata_max_str_width = 2045;

// `name` as a valid Stata variable name: characters other than ASCII letters, digits and _ become _, a
// leading digit gets a _ before it, at most 32 characters (the end is kept unique by the caller), and
// Stata's reserved words get a _ after them.
std::string stata_name(std::string_view name);

// Valid, distinct Stata names for `names`, in order: stata_name of each, with a trailing number where two
// would otherwise be the same.
std::vector<std::string> stata_names(const std::vector<std::string>& names);

class StataWriter : public RowSink {
 public:
  // Writes to `out`, which must be seekable (a regular file), and is not closed here; `label` names it in
  // error messages; `dataset_label` (at most 80 characters) is the dataset's label in Stata.
  StataWriter(std::FILE* out, std::string label, std::string dataset_label);
  void begin(const std::vector<Column>& columns, std::uint64_t rows) override;
  void row(std::span<const Cell> cells) override;
  void finish() override;

 private:
  void put(const void* data, std::size_t size);
  void put(std::string_view text) { put(text.data(), text.size()); }
  std::uint64_t position() const;

  std::FILE* out_;
  std::string label_;
  std::string dataset_label_;
  std::vector<Column> columns_;
  std::vector<std::uint16_t> types_;
  std::uint64_t rows_expected_ = 0, rows_written_ = 0;
  std::uint64_t map_position_ = 0;
  std::vector<std::uint64_t> map_;  // the 14 offsets of the map, filled as the sections are written
  std::vector<unsigned char> record_;
};

}  // namespace sim::exporting
