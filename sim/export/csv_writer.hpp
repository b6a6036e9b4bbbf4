#pragma once
// A tidy table as CSV (RFC 4180): a header of column names, then one line per row. Numbers are the
// shortest text that reads back as the same double (integers as integers), dates ISO 8601
// (2023-03-31), a missing value an empty field; a text with a comma, quote or line break is quoted.
#include <cstdio>
#include <string>

#include "sim/export/tidy_columns.hpp"

namespace sim::exporting {

class CsvWriter : public RowSink {
 public:
  // Writes to `out` (not closed here); `label` names it in error messages.
  CsvWriter(std::FILE* out, std::string label) : out_(out), label_(std::move(label)) {}
  void begin(const std::vector<Column>& columns, std::uint64_t rows) override;
  void row(std::span<const Cell> cells) override;
  void finish() override;

 private:
  void put(std::string_view text);
  std::FILE* out_;
  std::string label_;
  std::string line_;
};

// A text field as CSV writes it: quoted (quotes doubled) where it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

}  // namespace sim::exporting
