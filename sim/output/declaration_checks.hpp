#pragma once
// The checks both writers make of what they are asked to write, before creating anything: each
// failure is a programming or configuration error (std::logic_error), with one message wherever it is
// found.
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/output/run_writer.hpp"
#include "sim/output/variable.hpp"

namespace sim::output {

void check_time_axis(const TimeAxis& time_axis);

void check_deflate_level(int deflate_level);

// Adds `name` to `names`, the names the file holds so far; `clash` says what it must not be named
// like in the message ("an axis, the time axis or another variable").
void claim_name(std::set<std::string>& names, const std::string& name, std::string_view what,
                std::string_view clash);

// Valid names, given once and unlike `names` (claimed), and at least one label each.
void check_axes(const std::vector<Axis>& axes, std::set<std::string>& names, std::string_view clash);

// The axes of `variable` are known and distinct and, after `leading` dimensions (time, ...), within
// HDF5's rank.
void check_variable_axes(const Variable& variable, const std::vector<Axis>& axes, std::size_t leading);

// A variable stored as declared may be undefined (NaN) only if it is float64.
void check_undefined_is_float64(const Variable& variable);
// A final scale only on a float64 time series.
void check_final_scale(const Variable& variable);

// Labels fit for a figure: a long_name of at most `max_label_length` characters and a description,
// both not empty, and a unit in `units` or `units_note` (a column's too; an axis needs no unit).
inline constexpr std::size_t max_label_length = 48;
void check_variable_text(const Variable& variable);
void check_column_text(const Column& column, std::string_view table);
void check_axis_text(const Axis& axis);

// Names not empty and given once.
void check_global_attributes(const std::vector<std::pair<std::string, std::string>>& attributes);

}  // namespace sim::output
