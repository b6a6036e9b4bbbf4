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

void check_global_attributes(const std::vector<std::pair<std::string, std::string>>& attributes) {
  std::set<std::string> names;
  for (const auto& [name, value] : attributes) {
    if (name.empty()) throw std::logic_error("output global attribute with an empty name");
    if (!names.insert(name).second) {
      throw std::logic_error(fmt::format("output global attribute '{}' given twice", name));
    }
  }
}

std::size_t axis_length(const std::vector<Axis>& axes, const std::string& name) {
  for (const Axis& axis : axes) {
    if (axis.name == name) return axis.labels.size();
  }
  return 0;
}

}  // namespace sim::output
