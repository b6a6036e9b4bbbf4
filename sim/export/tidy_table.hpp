#pragma once
// The time series of a run or sweep file as one tidy long table: a row per value, with the columns
//   sweep files only: scenario, replicate, one per swept key (named by the key)
//   time        the tick's date
//   one per axis the exported variables have (region, industry, destination, ...), in the order they
//               first occur; missing where a variable lacks that axis
//   variable, value, units
// Rows go run by run (done runs only), variable by variable in the order given, time first, then each
// axis in the variable's order (the order of the arrays in the file).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/export/series_file.hpp"
#include "sim/export/tidy_columns.hpp"

namespace sim::exporting {

class TidyTable {
 public:
  // `variables` are time series of `file` (SeriesFile::variables()), in the order they are exported.
  TidyTable(const SeriesFile& file, std::vector<SeriesVariable> variables);

  const std::vector<Column>& columns() const { return columns_; }
  std::uint64_t rows() const { return rows_; }
  std::size_t variables() const { return variables_.size(); }
  // Runs of a sweep file that are not done (failed or never run): their rows are left out.
  std::size_t runs_left_out() const { return runs_left_out_; }

  // Sends every row to `sink`: begin, rows, finish. `before_each_variable`, if given, runs before each
  // variable of each run is read (the export checks there for Ctrl-C, and stops by throwing).
  void write(RowSink& sink, const std::function<void()>& before_each_variable = {}) const;

 private:
  const SeriesFile& file_;
  std::vector<SeriesVariable> variables_;
  std::vector<Column> columns_;
  std::vector<std::string> axis_columns_;  // the axes among the columns, in column order
  std::size_t first_axis_column_ = 0;
  std::uint64_t rows_ = 0;
  std::size_t runs_left_out_ = 0;
};

}  // namespace sim::exporting
