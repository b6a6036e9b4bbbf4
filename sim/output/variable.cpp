#include "sim/output/variable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>

namespace sim::output {

std::string cell_methods(const Variable& variable) {
  if (!variable.time_series) return "";
  CellMethod method = variable.cell_method;
  if (method == CellMethod::automatic) {
    const std::string& text = variable.description;
    const std::string units = variable.units_note + " " + variable.units;
    if (units.find("/year") != std::string::npos || units.find("year-1") != std::string::npos) {
      method = CellMethod::mean;
    } else if (text.find("during the tick") != std::string::npos || text.find("this tick") != std::string::npos ||
               text.find("per tick") != std::string::npos) {
      method = CellMethod::sum;
    } else {
      method = CellMethod::point;
    }
  }
  switch (method) {
    case CellMethod::mean: return "time: mean";
    case CellMethod::sum: return "time: sum";
    default: return "time: point";
  }
}

std::size_t axis_length(const std::vector<Axis>& axes, const std::string& name) {
  for (const Axis& axis : axes) {
    if (axis.name == name) return axis.labels.size();
  }
  return 0;
}

std::size_t sample_size(const Variable& variable, const std::vector<Axis>& axes) {
  std::size_t size = 1;
  for (const std::string& name : variable.axes) size *= axis_length(axes, name);
  return size;
}

std::string group_of(const Variable& variable, const std::vector<Axis>& axes) {
  std::string group;
  for (const std::string& axis_name : variable.axes) {
    const auto axis = std::find_if(axes.begin(), axes.end(), [&](const Axis& a) { return a.name == axis_name; });
    if (axis == axes.end() || axis->group.empty() || axis->group == group) continue;
    if (!group.empty()) {
      throw std::logic_error(fmt::format("output variable '{}' has axes of two groups, '{}' and '{}'", variable.name,
                                         group, axis->group));
    }
    group = axis->group;
  }
  return group;
}

std::string_view display_units(std::string_view units, std::string_view units_note) {
  return units_note.empty() ? units : units_note;
}

std::string auxiliary_coordinates(const Variable& variable, const std::vector<Axis>& axes,
                                  const std::vector<Variable>& variables) {
  if (variable.coordinate) return "";
  std::string names;
  const auto append = [&names](const std::string& name) { names += (names.empty() ? "" : " ") + name; };
  for (const std::string& axis_name : variable.axes) {
    for (const Axis& axis : axes) {
      if (axis.name != axis_name) continue;
      for (const TextCoordinate& text : axis.text_coordinates) append(text.name);
    }
  }
  for (const Variable& other : variables) {
    if (!other.coordinate || other.axes.empty() || other.name == variable.name) continue;
    const bool within = std::all_of(other.axes.begin(), other.axes.end(), [&](const std::string& axis) {
      return std::find(variable.axes.begin(), variable.axes.end(), axis) != variable.axes.end();
    });
    if (within) append(other.name);
  }
  return names;
}

namespace {

// The names the writer also accepts (netCDF-4 names may hold nearly anything but '/').
void check_table_name(const std::string& name, std::string_view what, std::string_view table) {
  if (name.empty()) throw std::logic_error(fmt::format("output table '{}': {} with an empty name", table, what));
  if (name.find('/') != std::string::npos || name == "." || name == "..") {
    throw std::logic_error(
        fmt::format("output table '{}': {} name '{}' is not a valid HDF5/netCDF name", table, what, name));
  }
}

}  // namespace

std::string table_time_name(const Table& table) { return table.dimension + "_time"; }

void Registry::add(Variable variable) {
  if (variable.name.empty()) throw std::logic_error("output variable with an empty name");
  if (!variable.sample) {
    throw std::logic_error(fmt::format("output variable '{}' has no sampler", variable.name));
  }
  if (find(variable.name) != nullptr) {
    throw std::logic_error(fmt::format("output variable '{}' declared twice", variable.name));
  }
  if (declares(variable.name) || is_group(variable.name)) {
    throw std::logic_error(fmt::format("output variable '{}' clashes with a name of a table", variable.name));
  }
  variables_.push_back(std::move(variable));
}

void Registry::add_table(Table table) {
  const std::string& dimension = table.dimension;
  if (dimension.empty()) throw std::logic_error("output table with an empty dimension name");
  check_table_name(dimension, "dimension", dimension);
  if (table.columns.empty()) throw std::logic_error(fmt::format("output table '{}' has no columns", dimension));
  if (!table.sample) throw std::logic_error(fmt::format("output table '{}' has no sampler", dimension));
  std::set<std::string> names{dimension, table_time_name(table)};
  for (const Column& column : table.columns) {
    check_table_name(column.name, "column", dimension);
    if (!names.insert(column.name).second) {
      throw std::logic_error(fmt::format(
          "output table '{}': column '{}' declared twice or named like the table's dimension or time column",
          dimension, column.name));
    }
  }
  for (const std::string& name : names) {
    if (declares(name) || is_group(name)) {
      throw std::logic_error(
          fmt::format("output table '{}': name '{}' clashes with a variable or another table", dimension, name));
    }
  }
  if (!table.group.empty()) {
    check_table_name(table.group, "group", dimension);
    // Tables may share a group, but a group named like a dataset would hide one of them from readers.
    if (names.contains(table.group) || declares(table.group)) {
      throw std::logic_error(fmt::format("output table '{}': group '{}' clashes with a variable or a table's name",
                                         dimension, table.group));
    }
  }
  tables_.push_back(std::move(table));
}

const Variable* Registry::find(std::string_view name) const {
  const auto found =
      std::find_if(variables_.begin(), variables_.end(), [&](const Variable& v) { return v.name == name; });
  return found == variables_.end() ? nullptr : &*found;
}

bool Registry::declares(std::string_view name) const {
  if (find(name) != nullptr) return true;
  return std::any_of(tables_.begin(), tables_.end(), [&](const Table& t) {
    return t.dimension == name || table_time_name(t) == name ||
           std::any_of(t.columns.begin(), t.columns.end(), [&](const Column& c) { return c.name == name; });
  });
}

bool Registry::is_group(std::string_view name) const {
  return std::any_of(tables_.begin(), tables_.end(), [&](const Table& t) { return !t.group.empty() && t.group == name; });
}

}  // namespace sim::output
