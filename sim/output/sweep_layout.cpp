#include "sim/output/sweep_layout.hpp"

#include <hdf5_hl.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "sim/output/declaration_checks.hpp"
#include "sim/output/h5_netcdf.hpp"

namespace sim::output {

namespace {

using h5::Handle;
using h5::Kind;

constexpr hsize_t max_chunk_bytes = (hsize_t{1} << 32) - 1;  // HDF5's limit on one chunk

// A 1-D numeric coordinate that is its own dimension scale.
Handle create_coordinate(const h5::File& file, const char* name, hid_t file_type, hid_t memory_type, hsize_t length,
                         const void* values, std::string_view long_name, std::string_view description) {
  const std::string what = fmt::format("coordinate '{}'", name);
  Handle dataset = h5::create_dataset(file, name, file_type, h5::fixed_shape({length}), {}, H5P_DEFAULT, what);
  file.check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), fmt::format("write {}", what));
  h5::make_scale(file, dataset.get(), name, what);
  h5::write_labels(file, dataset.get(), long_name, description);
  return dataset;
}

Handle create_series(const h5::File& file, const SweepLayout& layout, const Variable& variable,
                     const std::vector<hid_t>& dimensions, const std::string& coordinates) {
  const std::string what = fmt::format("dataset of variable '{}'", variable.name);
  h5::DatasetShape shape = h5::fixed_shape(dims_of(layout, variable));
  shape.chunk = shape.dims;
  shape.deflate_level = layout.options.deflate_level;
  shape.chunk[0] = 1;  // one run
  shape.chunk[1] = 1;
  const double undefined = std::numeric_limits<double>::quiet_NaN();
  Handle dataset = h5::create_dataset(file, variable.name, H5T_IEEE_F64LE, shape, {H5T_NATIVE_DOUBLE, &undefined},
                                      series_access(file, what).get(), what);
  h5::attach_scales(file, dataset.get(), dimensions, what);
  h5::write_variable_attributes(file, dataset.get(), h5::text_of(variable), true, what);
  if (!coordinates.empty()) file.write_attribute(dataset.get(), "coordinates", coordinates);
  file.write_attribute(dataset.get(), "cell_methods", cell_methods(variable));
  return dataset;
}

Handle create_static(const h5::File& file, const SweepLayout& layout, const Variable& variable,
                     const std::vector<hid_t>& dimensions) {
  const std::string what = fmt::format("dataset of variable '{}'", variable.name);
  const double undefined = std::numeric_limits<double>::quiet_NaN();
  const h5::Fill fill{H5T_NATIVE_DOUBLE, variable.may_be_undefined ? &undefined : nullptr};
  Handle dataset = h5::create_dataset(file, variable.name, h5::file_type_of(variable.storage),
                                      h5::fixed_shape(dims_of(layout, variable)), fill, H5P_DEFAULT, what);
  h5::attach_scales(file, dataset.get(), dimensions, what);
  h5::write_variable_attributes(file, dataset.get(), h5::text_of(variable), variable.may_be_undefined, what);
  return dataset;
}

// A per-run variable along (scenario, replicate).
Handle create_run_variable(const h5::File& file, const SweepLayout& layout, const char* name, hid_t file_type,
                           const h5::Fill& fill, const h5::VariableText& text, const std::vector<hid_t>& dimensions) {
  const std::string what = fmt::format("dataset of variable '{}'", name);
  Handle dataset = h5::create_dataset(file, name, file_type, h5::fixed_shape({layout.scenarios, layout.replicates}), fill,
                                      H5P_DEFAULT, what);
  h5::attach_scales(file, dataset.get(), dimensions, what);
  h5::write_variable_attributes(file, dataset.get(), text, false, what);
  return dataset;
}

// CF flag attributes of run_status.
void write_status_flags(const h5::File& file, hid_t status) {
  const std::array<std::int32_t, 3> flags{0, 1, 2};
  const hsize_t n[1] = {flags.size()};
  Handle space = file.checked(H5Screate_simple(1, n, nullptr), Kind::dataspace, "create dataspace of flag_values");
  Handle attribute =
      file.checked(H5Acreate2(status, "flag_values", H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   Kind::attribute, "create flag_values of 'run_status'");
  file.check(H5Awrite(attribute.get(), H5T_NATIVE_INT32, flags.data()), "write flag_values of 'run_status'");
  attribute.close_checked(file.label, "close flag_values of 'run_status'");
  file.write_attribute(status, "flag_meanings", "not_run done failed");
}

}  // namespace

void check_layout(const SweepLayout& layout) {
  check_time_axis(layout.time_axis);
  if (layout.time_values.empty()) throw std::logic_error("sweep output without ticks (time_values is empty)");
  for (std::size_t t = 0; t < layout.time_values.size(); ++t) {
    if (!std::isfinite(layout.time_values[t])) {
      throw std::logic_error(
          fmt::format("sweep output time value {} of tick {} is not finite", layout.time_values[t], t));
    }
  }
  if (layout.scenarios == 0) throw std::logic_error("sweep output without scenarios");
  if (layout.replicates == 0) throw std::logic_error("sweep output without replicates");
  check_deflate_level(layout.options.deflate_level);
  std::set<std::string> names{scenario_name, replicate_name, time_name, status_name, seed_name, key_name, error_name};
  check_axes(layout.axes, names, "a sweep dimension or run variable");
  for (const auto& [key, values] : layout.parameters) {
    h5::check_name(key, "swept parameter");
    if (std::any_of(key.begin(), key.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; })) {
      throw std::logic_error(fmt::format("sweep output parameter '{}' contains white space", key));
    }
    claim_name(names, key, "swept parameter", "another name of the sweep file");
    if (values.size() != layout.scenarios) {
      throw std::logic_error(fmt::format("sweep output parameter '{}' has {} values for {} scenarios", key,
                                         values.size(), layout.scenarios));
    }
  }
  for (const Variable& variable : layout.variables) {
    h5::check_name(variable.name, "variable");
    claim_name(names, variable.name, "variable",
               "an axis, a sweep dimension, a parameter, a run variable or another variable");
    check_variable_axes(variable, layout.axes, variable.time_series ? 3 : 0);  // scenario, replicate, time
    if (!variable.time_series) check_undefined_is_float64(variable);  // time series are stored as float64
    check_final_scale(variable);
    check_variable_text(variable);
    if (!variable.time_series) continue;
    hsize_t bytes = 8 * layout.time_values.size();  // one run: ticks x axis lengths doubles
    for (const std::string& axis_name : variable.axes) {
      bytes *= axis_length(layout.axes, axis_name);
      if (bytes > max_chunk_bytes) {
        throw std::logic_error(
            fmt::format("sweep output variable '{}': one run does not fit in one HDF5 chunk (4 GiB)", variable.name));
      }
    }
  }
  check_global_attributes(layout.global_attributes);
}

std::vector<hsize_t> dims_of(const SweepLayout& layout, const Variable& variable) {
  std::vector<hsize_t> dims;
  if (variable.time_series) dims = {layout.scenarios, layout.replicates, layout.time_values.size()};
  for (const std::string& axis_name : variable.axes) dims.push_back(axis_length(layout.axes, axis_name));
  return dims;
}

Handle series_access(const h5::File& file, const std::string& what) { return h5::uncached_access(file, what); }

SweepSeries series_of(const h5::File& file, const SweepLayout& layout, const Variable& variable, Handle dataset) {
  SweepSeries s;
  s.name = variable.name;
  s.what = fmt::format("dataset of variable '{}'", variable.name);
  s.count = dims_of(layout, variable);
  s.count[0] = 1;  // one run: (1, 1, ticks, axes...)
  s.count[1] = 1;
  s.values = std::accumulate(s.count.begin(), s.count.end(), std::size_t{1}, std::multiplies<>());
  s.memory_space = file.checked(H5Screate_simple(static_cast<int>(s.count.size()), s.count.data(), nullptr),
                                Kind::dataspace, fmt::format("create memory dataspace of {}", s.what));
  s.dataset = std::move(dataset);
  return s;
}

SweepStatic static_of(const SweepLayout& layout, const Variable& variable, Handle dataset) {
  const std::vector<hsize_t> dims = dims_of(layout, variable);
  SweepStatic s;
  s.name = variable.name;
  s.storage = variable.storage;
  s.values = std::accumulate(dims.begin(), dims.end(), std::size_t{1}, std::multiplies<>());
  s.what = fmt::format("dataset of variable '{}'", variable.name);
  s.dataset = std::move(dataset);
  return s;
}

void prepare_run_writing(const h5::File& file, SweepDatasets& datasets) {
  datasets.string_type = h5::vlen_utf8_type(file.label);
  const hsize_t one[2] = {1, 1};
  datasets.run_memory_space =
      file.checked(H5Screate_simple(2, one, nullptr), Kind::dataspace, "create run memory dataspace");
}

SweepDatasets create_sweep_file(h5::File& file, const SweepLayout& layout) {
  const std::size_t scenarios = layout.scenarios;
  const std::size_t replicates = layout.replicates;
  file.handle = h5::create_netcdf_file(file.partial, file.label, h5::flush_consistent_access_plist(file.label).get());
  // Only now is the .partial file ours: a failure from here on leaves it, and the writer removes it. (Set
  // before, a failed create would delete a .partial file that another process is writing.)
  file.created = true;
  h5::write_global_attributes(file, layout.global_attributes);

  // Dimension scales, in the order of the dimensions of a time series.
  std::vector<std::int64_t> scenario_values(scenarios);
  std::iota(scenario_values.begin(), scenario_values.end(), std::int64_t{0});
  Handle scenario = create_coordinate(file, scenario_name, H5T_STD_I64LE, H5T_NATIVE_INT64, scenarios,
                                      scenario_values.data(), "Scenario", "scenario: a point of the sweep design");
  std::vector<std::int32_t> replicate_values(replicates);
  std::iota(replicate_values.begin(), replicate_values.end(), std::int32_t{0});
  Handle replicate = create_coordinate(file, replicate_name, H5T_STD_I32LE, H5T_NATIVE_INT32, replicates,
                                       replicate_values.data(), "Replicate",
                                       "replicate: an independent set of random streams");
  Handle time = create_coordinate(file, time_name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, layout.time_values.size(),
                                  layout.time_values.data(), "Time", "time at the end of the tick");
  h5::write_time_units(file, time.get(), layout.time_axis);
  file.write_attribute(time.get(), "standard_name", "time");
  file.write_attribute(time.get(), "axis", "T");
  std::map<std::string, Handle> scales;
  for (const Axis& axis : layout.axes) scales.emplace(axis.name, h5::create_label_axis(file, axis));

  // Swept parameters: coordinates along scenario, named like their keys.
  std::string coordinates;
  for (const auto& [name, values] : layout.parameters) {
    const std::string what = fmt::format("swept parameter '{}'", name);
    Handle dataset = h5::create_dataset(file, name, H5T_IEEE_F64LE, h5::fixed_shape({scenarios}), {}, H5P_DEFAULT, what);
    file.check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               fmt::format("write {}", what));
    h5::attach_scales(file, dataset.get(), std::vector<hid_t>{scenario.get()}, what);
    h5::write_labels(file, dataset.get(), name, fmt::format("swept scenario key {}", name));
    dataset.close_checked(file.label, fmt::format("close {}", what));
    if (!coordinates.empty()) coordinates += ' ';
    coordinates += name;
  }

  SweepDatasets datasets;
  for (const Variable& variable : layout.variables) {
    std::vector<hid_t> dimensions;
    if (variable.time_series) dimensions = {scenario.get(), replicate.get(), time.get()};
    for (const std::string& axis_name : variable.axes) dimensions.push_back(scales.at(axis_name).get());
    const std::string auxiliary = auxiliary_coordinates(variable, layout.axes, layout.variables);
    if (variable.time_series) {
      const std::string all = coordinates.empty() || auxiliary.empty() ? coordinates + auxiliary
                                                                       : coordinates + ' ' + auxiliary;
      Handle dataset = create_series(file, layout, variable, dimensions, all);
      datasets.series.push_back(series_of(file, layout, variable, std::move(dataset)));
    } else {
      Handle dataset = create_static(file, layout, variable, dimensions);
      if (!auxiliary.empty()) file.write_attribute(dataset.get(), "coordinates", auxiliary);
      datasets.statics.push_back(static_of(layout, variable, std::move(dataset)));
    }
  }

  prepare_run_writing(file, datasets);
  const std::vector<hid_t> run_dimensions{scenario.get(), replicate.get()};
  const auto not_run = static_cast<std::int32_t>(RunStatus::not_run);
  datasets.status = create_run_variable(file, layout, status_name, H5T_STD_I32LE, {H5T_NATIVE_INT32, &not_run},
                                        {.units = "1", .long_name = "Run status",
                                         .description = "status of the run: 0 not run, 1 done, 2 failed"},
                                        run_dimensions);
  write_status_flags(file, datasets.status.get());
  datasets.seed =
      create_run_variable(file, layout, seed_name, H5T_STD_U64LE, {},
                          {.units = "1", .long_name = "Seed", .description = "random seed of the run"}, run_dimensions);
  datasets.key = create_run_variable(file, layout, key_name, H5T_STD_I64LE, {},
                                     {.units = "1", .long_name = "Replicate key",
                                      .description = "replicate key of the run's random streams"},
                                     run_dimensions);
  const char* empty = "";
  datasets.error = create_run_variable(file, layout, error_name, datasets.string_type.get(),
                                       {datasets.string_type.get(), &empty},
                                       {.long_name = "Run error",
                                        .description = "error message of a failed run (empty unless failed)"},
                                       run_dimensions);

  for (auto& [name, scale] : scales) scale.close_checked(file.label, fmt::format("close dataset of axis '{}'", name));
  time.close_checked(file.label, "close coordinate 'time'");
  replicate.close_checked(file.label, "close coordinate 'replicate'");
  scenario.close_checked(file.label, "close coordinate 'scenario'");
  file.flush();
  return datasets;
}

void close_sweep_datasets(const h5::File& file, SweepDatasets& datasets) {
  for (SweepSeries& s : datasets.series) {
    s.memory_space.close_checked(file.label, fmt::format("close memory dataspace of {}", s.what));
    s.dataset.close_checked(file.label, fmt::format("close {}", s.what));
  }
  for (SweepStatic& s : datasets.statics) s.dataset.close_checked(file.label, fmt::format("close {}", s.what));
  datasets.run_memory_space.close_checked(file.label, "close run memory dataspace");
  datasets.status.close_checked(file.label, "close dataset 'run_status'");
  datasets.seed.close_checked(file.label, "close dataset 'run_seed'");
  datasets.key.close_checked(file.label, "close dataset 'run_replicate_key'");
  datasets.error.close_checked(file.label, "close dataset 'run_error'");
  datasets.string_type.close_checked(file.label, "close string datatype");
}

}  // namespace sim::output
