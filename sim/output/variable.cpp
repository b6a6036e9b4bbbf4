#include "sim/output/variable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>

namespace sim::output {

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
  if (declares(variable.name)) {
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
    if (declares(name)) {
      throw std::logic_error(
          fmt::format("output table '{}': name '{}' clashes with a variable or another table", dimension, name));
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

}  // namespace sim::output
