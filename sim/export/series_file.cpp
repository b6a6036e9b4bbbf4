#include "sim/export/series_file.hpp"

#include <hdf5_hl.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/export/cf_time.hpp"
#include "sim/output/h5_open.hpp"
#include "sim/output/special_file.hpp"
#include "sim/sweep/sweep_results.hpp"

namespace sim::exporting {

namespace {

using output::h5::Handle;
using output::h5::Kind;

// The names of the dimension scales attached to each dimension of `dataset` ("" where none is).
std::vector<std::string> dimension_names(hid_t dataset, int rank) {
  std::vector<std::string> names;
  for (int d = 0; d < rank; ++d) {
    std::string name;
    if (H5DSget_num_scales(dataset, static_cast<unsigned>(d)) > 0) {
      H5DSiterate_scales(
          dataset, static_cast<unsigned>(d), nullptr,
          [](hid_t, unsigned, hid_t scale, void* data) -> herr_t {
            char path[512] = {};
            if (H5Iget_name(scale, path, sizeof path) > 0) {
              // A group's copy of an axis ("/region_pairs/time") names the same dimension as the root's.
              const std::string_view full(path);
              *static_cast<std::string*>(data) = std::string(full.substr(full.rfind('/') + 1));
            }
            return 1;  // the first scale names the dimension
          },
          &name);
    }
    names.push_back(name);
  }
  return names;
}

std::vector<hsize_t> extent(hid_t dataset) {
  Handle space(H5Dget_space(dataset), Kind::dataspace);
  const int rank = space ? H5Sget_simple_extent_ndims(space.get()) : -1;
  if (rank <= 0) return {};
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

std::vector<std::string> links_of(hid_t group) {
  std::vector<std::string> names;
  const auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  // The order the writer created them (xarray's order), where the file tracks it.
  if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect, &names) < 0) {
    names.clear();
    H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names);
  }
  return names;
}

// The paths of the datasets of the root and of its groups ("gdp", "region_pairs/talent_flows"): a run
// file keeps time series along other axes than region and industry in groups of their own.
// The root's come first, so that the columns of the root's axes come first.
std::vector<std::string> dataset_paths(hid_t file) {
  std::vector<std::string> paths, in_groups;
  for (const std::string& name : links_of(file)) {
    Handle group(H5Gopen2(file, name.c_str(), H5P_DEFAULT), Kind::group);
    if (!group) {
      paths.push_back(name);
      continue;
    }
    for (const std::string& inner : links_of(group.get())) in_groups.push_back(name + "/" + inner);
  }
  paths.insert(paths.end(), in_groups.begin(), in_groups.end());
  return paths;
}

std::string string_attribute(hid_t object, const char* name, const std::string& label) {
  if (H5Aexists(object, name) <= 0) return "";
  try {
    return output::h5::read_string_attribute(object, name, label);
  } catch (const output::OutputError&) {
    return "";
  }
}

std::vector<double> read_reals(hid_t dataset, std::size_t count, const std::string& label, const std::string& what) {
  std::vector<double> values(count);
  if (count > 0) {
    output::h5::check(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), label,
                      fmt::format("read {}", what));
  }
  return values;
}

// An axis's labels: its strings, or its numbers as text.
std::vector<std::string> read_labels(hid_t dataset, std::size_t count, const std::string& label,
                                     const std::string& what) {
  Handle type = Handle::checked(H5Dget_type(dataset), Kind::datatype, label, fmt::format("get type of {}", what));
  std::vector<std::string> labels;
  if (count == 0) return labels;
  if (H5Tget_class(type.get()) != H5T_STRING) {
    for (double value : read_reals(dataset, count, label, what)) labels.push_back(fmt::format("{}", value));
    return labels;
  }
  if (H5Tis_variable_str(type.get()) > 0) {
    Handle memory = output::h5::vlen_utf8_type(label);
    std::vector<char*> texts(count, nullptr);
    output::h5::check(H5Dread(dataset, memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()), label,
                      fmt::format("read {}", what));
    for (char* text : texts) labels.emplace_back(text != nullptr ? text : "");
    Handle space(H5Dget_space(dataset), Kind::dataspace);
    H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, texts.data());
    return labels;
  }
  const std::size_t size = H5Tget_size(type.get());
  std::vector<char> buffer(size * count + 1, '\0');
  output::h5::check(H5Dread(dataset, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), label,
                    fmt::format("read {}", what));
  for (std::size_t i = 0; i < count; ++i) {
    const char* start = buffer.data() + i * size;
    labels.emplace_back(start, std::find(start, start + size, '\0'));
  }
  return labels;
}

}  // namespace

SeriesFile::SeriesFile(const std::filesystem::path& file) : label_(file.string()) {
  const output::h5::ErrorSilencer silencer;
  if (const std::string special = output::special_file_kind(file); !special.empty()) {
    throw ExportError(fmt::format("{}: {}, not a run or sweep file; nothing was read from it", label_, special));
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) throw ExportError(fmt::format("{}: no such file", label_));
  if (H5Fis_hdf5(file.c_str()) == 0) {
    throw ExportError(fmt::format("{}: not an HDF5 file (expected a run or sweep file clustersim wrote)", label_));
  }
  std::string cause;
  file_ = output::h5::open_file(file, H5F_ACC_RDONLY, cause);
  if (!file_) throw ExportError(fmt::format("{}: cannot open the HDF5 file: {}", label_, cause));
  const auto has = [&](const char* name) { return H5Lexists(file_.get(), name, H5P_DEFAULT) > 0; };
  if (!has("time")) {
    throw ExportError(fmt::format("{}: no time axis; expected a run or sweep file clustersim wrote (a state file "
                                  "holds no time series)", label_));
  }
  sweep_ = has("scenario") && has("replicate") && has("run_status");
  if (sweep_) {
    try {
      const sweep::SweepResults results(file);
      scenarios_ = results.scenarios();
      replicates_ = results.replicates();
      done_.assign(scenarios_ * replicates_, false);
      for (std::size_t s = 0; s < scenarios_; ++s) {
        for (std::size_t r = 0; r < replicates_; ++r) done_[s * replicates_ + r] = results.status(s, r) == 1;
      }
      for (const sweep::SweptParameter& parameter : results.parameters()) {
        swept_keys_.push_back({parameter.key, parameter.values});
      }
    } catch (const sweep::ResultsError& problem) {
      throw ExportError(problem.what());
    }
  }

  Handle time = Handle::checked(H5Dopen2(file_.get(), "time", H5P_DEFAULT), Kind::dataset, label_, "open 'time'");
  const std::vector<hsize_t> time_extent = extent(time.get());
  if (time_extent.size() != 1) throw ExportError(fmt::format("{}: 'time' is not a 1-D axis", label_));
  const std::string time_units = string_attribute(time.get(), "units", label_);
  const std::optional<std::chrono::sys_days> start = cf_days_since(time_units);
  if (!start) {
    throw ExportError(fmt::format("{}: the time axis has units '{}', expected 'days since YYYY-MM-DD'", label_,
                                  time_units));
  }
  try {
    dates_ = cf_dates(*start, read_reals(time.get(), time_extent[0], label_, "'time'"));
  } catch (const std::invalid_argument& problem) {
    throw ExportError(fmt::format("{}: {}", label_, problem.what()));
  }
  std::string time_bounds = string_attribute(time.get(), "bounds", label_);
  if (time_bounds.starts_with('/')) time_bounds.erase(0, 1);  // "/time_bounds/time_bnds"

  const std::size_t leading = sweep_ ? 3 : 1;  // (scenario, replicate,) time
  const std::vector<std::string> expected_leading =
      sweep_ ? std::vector<std::string>{"scenario", "replicate", "time"} : std::vector<std::string>{"time"};
  for (const std::string& path : dataset_paths(file_.get())) {
    Handle dataset(H5Dopen2(file_.get(), path.c_str(), H5P_DEFAULT), Kind::dataset);
    if (!dataset) continue;
    const std::string name = path.substr(path.rfind('/') + 1);
    const std::string group = path.substr(0, path.size() - name.size());  // "" or "region_pairs/"
    const std::vector<hsize_t> dims = extent(dataset.get());
    const std::vector<std::string> dim_names = dimension_names(dataset.get(), static_cast<int>(dims.size()));
    const bool series = H5DSis_scale(dataset.get()) <= 0 && path != time_bounds && dims.size() >= leading &&
                        std::equal(expected_leading.begin(), expected_leading.end(), dim_names.begin()) &&
                        std::none_of(dim_names.begin() + static_cast<std::ptrdiff_t>(leading), dim_names.end(),
                                     [](const std::string& d) { return d.empty(); });
    if (!series) {
      if (group.empty() || !other_datasets_.contains(name)) other_datasets_[name] = dim_names;
      continue;
    }
    Handle type(H5Dget_type(dataset.get()), Kind::datatype);
    const H5T_class_t type_class = type ? H5Tget_class(type.get()) : H5T_NO_CLASS;
    if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) {
      other_datasets_[name] = dim_names;
      continue;
    }
    SeriesVariable variable;
    variable.name = name;
    variable.path = path;
    variable.integer = type_class == H5T_INTEGER;
    variable.units = string_attribute(dataset.get(), "units", label_);
    variable.shape.push_back(dates_.size());
    for (std::size_t d = leading; d < dims.size(); ++d) {
      variable.axes.push_back(dim_names[d]);
      variable.shape.push_back(dims[d]);
      if (labels_.count(dim_names[d]) > 0) continue;
      Handle axis = Handle::checked(H5Dopen2(file_.get(), (group + dim_names[d]).c_str(), H5P_DEFAULT), Kind::dataset, label_,
                                    fmt::format("open axis '{}'", dim_names[d]));
      labels_[dim_names[d]] = read_labels(axis.get(), dims[d], label_, fmt::format("axis '{}'", dim_names[d]));
    }
    variables_.push_back(std::move(variable));
  }
}

const std::vector<std::string>& SeriesFile::labels(const std::string& axis) const { return labels_.at(axis); }

std::string SeriesFile::describe_other(const std::string& name) const {
  const output::h5::ErrorSilencer silencer;
  for (const char* group : {"firm_panel", "firms"}) {
    const std::string path = fmt::format("{}/{}", group, name);
    if (H5Lexists(file_.get(), group, H5P_DEFAULT) > 0 && H5Lexists(file_.get(), path.c_str(), H5P_DEFAULT) > 0) {
      return fmt::format("a column of the firm panel (group '{}'), not a time series", group);
    }
  }
  const auto other = other_datasets_.find(name);
  if (other == other_datasets_.end()) return "";
  const std::vector<std::string>& dims = other->second;
  if (!dims.empty() && (dims.front() == "firm_record" || name == "firm_record")) {
    return "a column of the firm panel (dimension firm_record), not a time series";
  }
  if (dims.empty()) return "a scalar, not a time series";
  return fmt::format("a variable along ({}), not a time series", fmt::join(dims, ", "));
}

void SeriesFile::read(const SeriesVariable& variable, std::size_t scenario, std::size_t replicate,
                      std::vector<double>& reals, std::vector<std::int64_t>& integers) const {
  const output::h5::ErrorSilencer silencer;
  Handle dataset = Handle::checked(H5Dopen2(file_.get(), variable.path.c_str(), H5P_DEFAULT), Kind::dataset, label_,
                                   fmt::format("open '{}'", variable.name));
  std::size_t count = 1;
  for (std::size_t n : variable.shape) count *= n;
  const hsize_t elements = count;
  Handle memory = Handle::checked(H5Screate_simple(1, &elements, nullptr), Kind::dataspace, label_,
                                  "create memory dataspace");
  Handle space = Handle::checked(H5Dget_space(dataset.get()), Kind::dataspace, label_,
                                 fmt::format("get dataspace of '{}'", variable.name));
  if (sweep_) {
    std::vector<hsize_t> start(variable.shape.size() + 2, 0), block{1, 1};
    start[0] = scenario;
    start[1] = replicate;
    block.insert(block.end(), variable.shape.begin(), variable.shape.end());
    output::h5::check(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), nullptr, block.data(), nullptr),
                      label_, fmt::format("select run ({}, {}) of '{}'", scenario, replicate, variable.name));
  }
  const std::string what = fmt::format("read '{}'", variable.name);
  reals.clear();
  integers.clear();
  if (count == 0) return;
  if (variable.integer) {
    integers.resize(count);
    output::h5::check(H5Dread(dataset.get(), H5T_NATIVE_INT64, memory.get(), space.get(), H5P_DEFAULT,
                              integers.data()), label_, what);
  } else {
    reals.resize(count);
    output::h5::check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT,
                              reals.data()), label_, what);
  }
}

}  // namespace sim::exporting
