#include "sim/export/tidy_table.hpp"

#include <algorithm>

namespace sim::exporting {

namespace {

std::size_t longest(const std::vector<std::string>& texts) {
  std::size_t width = 0;
  for (const std::string& text : texts) width = std::max(width, text.size());
  return width;
}

}  // namespace

TidyTable::TidyTable(const SeriesFile& file, std::vector<SeriesVariable> variables)
    : file_(file), variables_(std::move(variables)) {
  if (file_.is_sweep()) {
    columns_.push_back({"scenario", ColumnKind::integer, 0, "index of the scenario in the sweep file"});
    columns_.push_back({"replicate", ColumnKind::integer, 0, "replicate of the scenario"});
    for (const SweptKey& key : file_.swept_keys()) {
      columns_.push_back({key.key, ColumnKind::number, 0, "swept parameter"});
    }
  }
  columns_.push_back({"time", ColumnKind::date, 0, "last day of the tick"});
  first_axis_column_ = columns_.size();
  for (const SeriesVariable& variable : variables_) {
    for (const std::string& axis : variable.axes) {
      if (std::find(axis_columns_.begin(), axis_columns_.end(), axis) != axis_columns_.end()) continue;
      axis_columns_.push_back(axis);
      columns_.push_back({axis, ColumnKind::text, longest(file_.labels(axis)), ""});
    }
  }
  std::vector<std::string> names, units;
  std::uint64_t per_run = 0;
  for (const SeriesVariable& variable : variables_) {
    names.push_back(variable.name);
    units.push_back(variable.units);
    std::uint64_t count = 1;
    for (std::size_t n : variable.shape) count *= n;
    per_run += count;
  }
  columns_.push_back({"variable", ColumnKind::text, longest(names), "output variable (docs/output.md)"});
  columns_.push_back({"value", ColumnKind::number, 0, "value of the variable"});
  columns_.push_back({"units", ColumnKind::text, longest(units), "units of the variable"});

  std::size_t done = 0;
  for (std::size_t s = 0; s < file_.scenarios(); ++s) {
    for (std::size_t r = 0; r < file_.replicates(); ++r) done += file_.done(s, r) ? 1 : 0;
  }
  runs_left_out_ = file_.scenarios() * file_.replicates() - done;
  rows_ = per_run * done;
}

void TidyTable::write(RowSink& sink, const std::function<void()>& before_each_variable) const {
  sink.begin(columns_, rows_);
  std::vector<Cell> cells(columns_.size());
  const std::size_t variable_column = first_axis_column_ + axis_columns_.size();
  std::vector<double> reals;
  std::vector<std::int64_t> integers;
  for (std::size_t s = 0; s < file_.scenarios(); ++s) {
    for (std::size_t r = 0; r < file_.replicates(); ++r) {
      if (!file_.done(s, r)) continue;
      if (file_.is_sweep()) {
        cells[0] = Cell::of_integer(static_cast<std::int64_t>(s));
        cells[1] = Cell::of_integer(static_cast<std::int64_t>(r));
        for (std::size_t k = 0; k < file_.swept_keys().size(); ++k) {
          cells[2 + k] = Cell::of_real(file_.swept_keys()[k].values[s]);
        }
      }
      for (const SeriesVariable& variable : variables_) {
        if (before_each_variable) before_each_variable();
        file_.read(variable, s, r, reals, integers);
        // Where each of the variable's axes goes among the columns, and its labels.
        std::vector<std::size_t> column_of;
        std::vector<const std::vector<std::string>*> labels_of;
        for (std::size_t c = first_axis_column_; c < variable_column; ++c) cells[c] = Cell::missing();
        for (const std::string& axis : variable.axes) {
          const auto at = std::find(axis_columns_.begin(), axis_columns_.end(), axis) - axis_columns_.begin();
          column_of.push_back(first_axis_column_ + static_cast<std::size_t>(at));
          labels_of.push_back(&file_.labels(axis));
        }
        cells[variable_column] = Cell::of_text(variable.name);
        cells[variable_column + 2] = Cell::of_text(variable.units);
        std::vector<std::size_t> index(variable.shape.size(), 0);  // time, then each axis
        const std::size_t count = variable.integer ? integers.size() : reals.size();
        for (std::size_t i = 0; i < count; ++i) {
          cells[first_axis_column_ - 1] = Cell::of_date(file_.dates()[index[0]]);
          for (std::size_t a = 0; a < column_of.size(); ++a) {
            cells[column_of[a]] = Cell::of_text((*labels_of[a])[index[a + 1]]);
          }
          cells[variable_column + 1] =
              variable.integer ? Cell::of_integer(integers[i]) : Cell::of_real(reals[i]);
          sink.row(cells);
          for (std::size_t d = index.size(); d-- > 0;) {  // the next element, the last index fastest
            if (++index[d] < variable.shape[d]) break;
            index[d] = 0;
          }
        }
      }
    }
  }
  sink.finish();
}

}  // namespace sim::exporting
