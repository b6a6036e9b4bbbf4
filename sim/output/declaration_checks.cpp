#include "sim/output/declaration_checks.hpp"

#include <hdf5.h>

#include <fmt/format.h>

#include <stdexcept>

#include "sim/output/h5_netcdf.hpp"

namespace sim::output {

void check_time_axis(const TimeAxis& time_axis) {
  if (time_axis.units.empty()) throw std::logic_error("output time axis without units");
}

void check_deflate_level(int deflate_level) {
  if (deflate_level < 0 || deflate_level > 9) {
    throw std::logic_error(fmt::format("output deflate_level must be 0..9, got {}", deflate_level));
  }
}

void claim_name(std::set<std::string>& names, const std::string& name, std::string_view what,
                std::string_view clash) {
  if (!names.insert(name).second) {
    throw std::logic_error(fmt::format("output {} '{}' given twice or named like {}", what, name, clash));
  }
}

void check_axes(const std::vector<Axis>& axes, std::set<std::string>& names, std::string_view clash) {
  for (const Axis& axis : axes) {
    h5::check_name(axis.name, "axis");
    claim_name(names, axis.name, "axis", clash);
    if (axis.labels.empty()) throw std::logic_error(fmt::format("output axis '{}' has no labels", axis.name));
    check_axis_text(axis);
  }
}

void check_variable_axes(const Variable& variable, const std::vector<Axis>& axes, std::size_t leading) {
  if (variable.axes.size() + leading > H5S_MAX_RANK) {
    throw std::logic_error(fmt::format("output variable '{}' has too many axes", variable.name));
  }
  std::set<std::string> seen;
  for (const std::string& axis_name : variable.axes) {
    if (axis_length(axes, axis_name) == 0) {
      throw std::logic_error(fmt::format("output variable '{}' uses unknown axis '{}'", variable.name, axis_name));
    }
    if (!seen.insert(axis_name).second) {
      throw std::logic_error(fmt::format("output variable '{}' uses axis '{}' twice", variable.name, axis_name));
    }
  }
}

void check_undefined_is_float64(const Variable& variable) {
  if (variable.may_be_undefined && variable.storage != Storage::float64) {
    throw std::logic_error(fmt::format("output variable '{}': only float64 can be undefined", variable.name));
  }
}

void check_final_scale(const Variable& variable) {
  if (variable.final_scale && (!variable.time_series || variable.storage != Storage::float64)) {
    throw std::logic_error(fmt::format("output variable '{}': only a float64 time series can have a final scale",
                                       variable.name));
  }
}

namespace {

void check_labels(std::string_view what, std::string_view long_name, std::string_view description) {
  if (long_name.empty()) throw std::logic_error(fmt::format("output {} has no long_name", what));
  if (long_name.size() > max_label_length) {
    throw std::logic_error(fmt::format("output {}: long_name '{}' has {} characters, at most {} fit a figure "
                                       "(the full sentence goes in description)",
                                       what, long_name, long_name.size(), max_label_length));
  }
  if (description.empty()) throw std::logic_error(fmt::format("output {} has no description", what));
}

void check_unit(std::string_view what, std::string_view units, std::string_view units_note) {
  if (units.empty() && units_note.empty()) {
    throw std::logic_error(fmt::format("output {} has neither units nor units_note", what));
  }
}

}  // namespace

void check_variable_text(const Variable& variable) {
  const std::string what = fmt::format("variable '{}'", variable.name);
  check_labels(what, variable.long_name, variable.description);
  check_unit(what, variable.units, variable.units_note);
}

void check_column_text(const Column& column, std::string_view table) {
  const std::string what = fmt::format("column '{}' of table '{}'", column.name, table);
  check_labels(what, column.long_name, column.description);
  check_unit(what, column.units, column.units_note);
}

void check_axis_text(const Axis& axis) {
  check_labels(fmt::format("axis '{}'", axis.name), axis.long_name, axis.description);
  for (const TextCoordinate& text : axis.text_coordinates) {
    check_labels(fmt::format("coordinate '{}' of axis '{}'", text.name, axis.name), text.long_name, text.description);
  }
}

void check_global_attributes(const std::vector<std::pair<std::string, std::string>>& attributes) {
  std::set<std::string> names;
  for (const auto& [name, value] : attributes) {
    if (name.empty()) throw std::logic_error("output global attribute with an empty name");
    if (!names.insert(name).second) {
      throw std::logic_error(fmt::format("output global attribute '{}' given twice", name));
    }
  }
}

}  // namespace sim::output
