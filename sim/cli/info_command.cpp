#include "sim/cli/info_command.hpp"

#include <fmt/core.h>
#include <hdf5.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/output/h5_handle.hpp"
#include "sim/output/h5_open.hpp"
#include "sim/output/special_file.hpp"
#include "sim/output/variable.hpp"

namespace sim::cli {

namespace {

using output::h5::Handle;
using output::h5::Kind;

// The provenance attributes, in the order a reader wants them.
constexpr const char* provenance[] = {"title",   "program_version", "git_revision", "created", "history",
                                      "scenario_name", "seed", "replicate", "start",   "design",
                                      "common_random_numbers", "model", "ticks_done", "state_hash"};

// An attribute's value as text: strings as they are, integers and reals printed; "" if neither.
std::string attribute_text(hid_t object, const char* name) {
  Handle attribute(H5Aopen(object, name, H5P_DEFAULT), Kind::attribute);
  if (!attribute) return "";
  Handle type(H5Aget_type(attribute.get()), Kind::datatype);
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class == H5T_STRING) {
    try {
      return output::h5::read_string_attribute(object, name, "");
    } catch (const std::exception&) {
      return "";
    }
  }
  Handle space(H5Aget_space(attribute.get()), Kind::dataspace);
  if (H5Sget_simple_extent_npoints(space.get()) != 1) return "";
  if (type_class == H5T_INTEGER) {
    long long value = 0;
    if (H5Aread(attribute.get(), H5T_NATIVE_LLONG, &value) < 0) return "";
    return std::to_string(value);
  }
  if (type_class == H5T_FLOAT) {
    double value = 0;
    if (H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value) < 0) return "";
    return fmt::format("{}", value);
  }
  return "";
}

struct Dataset {
  std::string path;
  std::vector<hsize_t> shape;
  std::string unit, cell_methods, long_name;  // unit: units_note where the file has one, else units
};

// Every dataset of the file, groups included (the firm panel), in name order.
std::vector<Dataset> datasets_of(hid_t file) {
  std::vector<Dataset> found;
  H5Ovisit(
      file, H5_INDEX_NAME, H5_ITER_INC,
      [](hid_t root, const char* name, const H5O_info_t* info, void* data) -> herr_t {
        if (info->type != H5O_TYPE_DATASET) return 0;
        Handle dataset(H5Dopen2(root, name, H5P_DEFAULT), Kind::dataset);
        if (!dataset) return 0;
        const std::string units = attribute_text(dataset.get(), "units");
        const std::string units_note = attribute_text(dataset.get(), "units_note");
        Dataset d{name, {}, std::string(output::display_units(units, units_note)),
                  attribute_text(dataset.get(), "cell_methods"), attribute_text(dataset.get(), "long_name")};
        Handle space(H5Dget_space(dataset.get()), Kind::dataspace);
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank > 0) {
          d.shape.resize(static_cast<std::size_t>(rank));
          H5Sget_simple_extent_dims(space.get(), d.shape.data(), nullptr);
        }
        static_cast<std::vector<Dataset>*>(data)->push_back(std::move(d));
        return 0;
      },
      &found);
  return found;
}

std::string shape_text(const std::vector<hsize_t>& shape) {
  if (shape.empty()) return "scalar";
  std::string text;
  for (hsize_t n : shape) text += (text.empty() ? "" : " x ") + std::to_string(n);
  return text;
}

}  // namespace

CLI::App* add_info_command(CLI::App& app, InfoOptions& options) {
  CLI::App* info = app.add_subcommand(
      "info", "Describe a run, sweep or state file: its provenance (version, git revision, seed, start, scenario) "
              "and its variables");
  info->add_option("file", options.file, "A file clustersim wrote (run, sweep or state)")->required();
  info->add_flag("--scenario", options.scenario_only,
                 "Print only the resolved scenario it was run with, as TOML (rerun it with clustersim run)");
  return info;
}

int run_info(const InfoOptions& options) {
  const std::filesystem::path path(options.file);
  if (const std::string special = output::special_file_kind(path); !special.empty()) {
    fmt::print(stderr, "clustersim: {}: {}, not a run, sweep or state file; nothing was read from it\n", options.file,
               special);
    return 2;
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    fmt::print(stderr, "clustersim: {}: no such file\n", options.file);
    return 2;
  }
  output::h5::ErrorSilencer silencer;
  if (H5Fis_hdf5(path.c_str()) == 0) {
    fmt::print(stderr, "clustersim: {}: not an HDF5 file (expected a run, sweep or state file clustersim wrote)\n",
               options.file);
    return 2;
  }
  std::string cause;
  Handle file = output::h5::open_file(path, H5F_ACC_RDONLY, cause);
  if (!file) {
    fmt::print(stderr, "clustersim: {}: cannot open the HDF5 file: {}\n", options.file, cause);
    return 2;
  }
  const std::string scenario = attribute_text(file.get(), "scenario");
  if (attribute_text(file.get(), "program_version").empty()) {
    fmt::print(stderr, "clustersim: {}: an HDF5 file without the attributes clustersim writes (program_version)\n",
               options.file);
    return 2;
  }
  if (options.scenario_only) {
    if (scenario.empty()) {
      fmt::print(stderr, "clustersim: {}: holds no scenario\n", options.file);
      return 2;
    }
    fmt::print("{}", scenario);
    if (scenario.back() != '\n') fmt::print("\n");
    return 0;
  }
  const std::vector<Dataset> datasets = datasets_of(file.get());
  const bool sweep = std::any_of(datasets.begin(), datasets.end(), [](const Dataset& d) { return d.path == "scenario"; });
  const bool run = std::any_of(datasets.begin(), datasets.end(), [](const Dataset& d) { return d.path == "time"; });
  fmt::print("{}: {} file\n", options.file, sweep ? "sweep" : run ? "run" : "state");
  for (const char* name : provenance) {
    const std::string value = attribute_text(file.get(), name);
    if (!value.empty()) fmt::print("  {:<22} {}\n", name, value);
  }
  fmt::print("\n| variable | shape | unit | cell_methods | long_name |\n|---|---|---|---|---|\n");
  for (const Dataset& d : datasets) {
    fmt::print("| {} | {} | {} | {} | {} |\n", d.path, shape_text(d.shape), d.unit, d.cell_methods, d.long_name);
  }
  if (!scenario.empty()) fmt::print("\nThe resolved scenario: clustersim info {} --scenario\n", options.file);
  return 0;
}

}  // namespace sim::cli
