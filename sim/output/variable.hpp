#pragma once
// The output registry: processes declare each variable once (name, dimensions, unit, label, meaning, and
// how to sample it); the writer derives the whole file from these declarations.
//
// Every variable, axis and column carries two texts: `long_name`, a short label for an axis or a legend
// ("Talent wage"), and `description`, the full sentence. Units come in two fields because UDUNITS, which
// unit-aware readers use, knows no currency, no "output unit" and no persons: `units` holds only what
// UDUNITS parses and says truthfully ("1", "year-1", "degree_north"; empty when it can say nothing true),
// `units_note` the unit as a person reads it ("1e8 CNY/year", "persons"). docs/output.md gives the rule.
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim::output {

// A labelled axis of the output (region, industry, ...), written as a string coordinate variable that
// is also the HDF5 dimension scale of that axis.
// Text attached to every label of an axis (an industry's kind), written as a string variable along the
// axis and named in the `coordinates` attribute of every variable with that axis, so that readers
// such as xarray make it a coordinate (`ds.groupby("industry_kind")`).
struct TextCoordinate {
  std::string name = {};            // "industry_kind"
  std::string long_name = {};       // "Industry kind"
  std::string description = {};
  std::vector<std::string> values = {};  // one per label of the axis
};

// An axis with a group keeps the variables along it out of the root: the root holds only the variables
// along the root's axes, so that a reader can turn it into one table (xarray's to_dataframe() crosses
// every dimension of a dataset with every other). A group is a self-contained netCDF-4 dataset: its own
// copies of the time axis, of the root's axes and coordinates its variables use, and its own axes.
struct Axis {
  std::string name = {};            // "region"
  std::string long_name = {};       // "Region"
  std::string description = {};     // "region (provincial-level division)"
  std::vector<std::string> labels = {};  // one per index
  std::vector<TextCoordinate> text_coordinates = {};
  std::string group = "";           // "region_pairs": the group of the variables along it; "" the root
};

// Integer counts (persons, firms, ids, flags) are stored as int64: a count of persons can pass 2^31.
enum class Storage { float64, int64 };

// How a time series' value at a tick relates to the tick (CF cell_methods over time): the state at the
// end of the tick (point), an annual rate averaged over the tick (mean), or a count summed over the tick
// (sum). `automatic` derives it from the declaration: units per year are rates (mean), a description that
// says "during the tick", "this tick" or "per tick" is a sum, anything else a point.
enum class CellMethod { automatic, point, mean, sum };

struct Variable {
  std::string name = {};             // "gdp"
  std::vector<std::string> axes = {};  // axis names after time (or all axes for a static variable), e.g. {"region", "industry"}
  std::string units = {};            // UDUNITS-2 text, e.g. "1", "year-1"; empty where UDUNITS has no true unit
  std::string units_note = {};       // the unit for people where `units` cannot say it: "1e8 CNY/year", "persons"
  std::string long_name = {};        // a short label for axes and legends, e.g. "GDP" (at most 48 characters)
  std::string description = {};      // the full sentence: what it is
  bool time_series = true;           // false: written once when the file is created (e.g. coordinates)
  Storage storage = Storage::float64;
  // Fills `out` (row-major over `axes`, size = product of axis lengths) with the current value.
  std::function<void(std::span<double> out)> sample = nullptr;
  // True where a value can be undefined (an index of an empty region): written as NaN, declared by a
  // CF _FillValue of NaN (float64 only).
  bool may_be_undefined = false;
  // Set for a float64 time series whose values are only final once the run is over: it fills `factors`
  // (one per element, like `sample`) after the last tick, and every tick's value is multiplied by its
  // element's factor before the file is published (e.g. chained volumes expressed in the prices of a
  // reference year that ends after the run's first ticks).
  std::function<void(std::span<double> factors)> final_scale = nullptr;
  // A static variable that describes its axes' labels (a region's latitude): named in the `coordinates`
  // attribute of every variable whose axes include its axes (a CF auxiliary coordinate).
  bool coordinate = false;
  CellMethod cell_method = CellMethod::automatic;
};

// The CF cell_methods attribute of a time series ("time: point", "time: mean", "time: sum"); "" for a
// static variable.
std::string cell_methods(const Variable& variable);

// The unit as a person reads it: `units_note` where there is one, else `units`.
std::string_view display_units(std::string_view units, std::string_view units_note);


// One column of a table: a 1-D dataset along the table's dimension.
struct Column {
  std::string name = {};         // "productivity"
  std::string units = {};        // UDUNITS-2 text, "1" for ids and codes; as for Variable::units
  std::string units_note = {};   // as for Variable::units_note
  std::string long_name = {};    // a short label
  std::string description = {};  // the full sentence
  Storage storage = Storage::float64;  // int64: values rounded and range-checked as for variables
};

// A table of records appended at snapshots (e.g. one row per living firm every n ticks), stored in
// long format: the rows of all snapshots follow each other along the table's own unlimited
// dimension, so the number of rows may differ between snapshots. The writer adds a coordinate
// `dimension` (int64 row number over the whole file) and a column `<dimension>_time` (the time of
// the snapshot each row belongs to, encoded like the time axis). A table kept in a netCDF-4 group of
// its own leaves the root to the time series, so that a reader turning the root into one data frame
// does not cross the time series with the table's rows.
struct Table {
  std::string dimension;        // "firm_record": the unlimited dimension the rows are appended along
  std::string long_name;        // "firm-level snapshot record"
  std::vector<Column> columns;  // each becomes a 1-D dataset along `dimension`, named column.name
  // Fills one vector per column (same order as `columns`), all of the same length: the rows of this
  // snapshot. The vectors arrive empty (capacity kept), one per column.
  std::function<void(std::vector<std::vector<double>>& columns)> sample;
  std::string group = "";       // "firm_panel": the netCDF-4 group holding the table; "" the root
};

// The name of the column holding each row's snapshot time: "<dimension>_time".
std::string table_time_name(const Table& table);

class Registry {
 public:
  // Throws std::logic_error on a duplicate name or an empty sampler.
  void add(Variable variable);
  // Throws std::logic_error on an invalid or duplicate name (the dimension, `<dimension>_time`, every
  // column and a group must differ from each other, from every variable and from every name of another
  // table, but tables may share a group), no columns, or no sampler.
  void add_table(Table table);
  const std::vector<Variable>& variables() const { return variables_; }
  const std::vector<Table>& tables() const { return tables_; }
  const Variable* find(std::string_view name) const;

 private:
  // True if `name` is a variable or any name (dimension, time column, column) of a table.
  bool declares(std::string_view name) const;
  // True if `name` is the group of a table.
  bool is_group(std::string_view name) const;

  std::vector<Variable> variables_;
  std::vector<Table> tables_;
};

// The number of labels of axis `name`, 0 if there is no such axis.
std::size_t axis_length(const std::vector<Axis>& axes, const std::string& name);

// The values of one sample of `variable` (one tick of a time series, or a static variable): the product of
// the lengths of its axes (0 if one of them is not among `axes`).
std::size_t sample_size(const Variable& variable, const std::vector<Axis>& axes);

// The group a variable is written in: the group of its axes ("" for the root). Throws std::logic_error
// if its axes belong to two groups.
std::string group_of(const Variable& variable, const std::vector<Axis>& axes);

// The auxiliary coordinates of `variable`: the text coordinates of its axes and the coordinate variables
// among `variables` whose axes are among its axes, space-separated ("" for none, and for a coordinate).
std::string auxiliary_coordinates(const Variable& variable, const std::vector<Axis>& axes,
                                  const std::vector<Variable>& variables);

}  // namespace sim::output
