// Writes a small run with RunWriter and reads it back through the HDF5 C API.
// Longer than 500 lines on purpose: one sample registry serves every behaviour of the run writer.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hdf5_read_support.hpp"
#include "sim/output/declaration_checks.hpp"
#include "sim/output/h5_handle.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/output/variable.hpp"

namespace so = sim::output;
namespace fs = std::filesystem;
using so::h5::Handle;
using so::h5::Kind;

namespace {

using testing_support::make_axes;
using testing_support::make_time_axis;
using testing_support::open_dataset;
using testing_support::read_doubles;
using testing_support::read_all;
using testing_support::read_ints;
using testing_support::shape_of;

using testing_support::attribute;
using testing_support::read_strings;

// The attribute is a scalar variable-length UTF-8 string (netCDF NC_STRING; h5py returns str).
void expect_vlen_utf8_scalar_attribute(hid_t object, const std::string& name) {
  Handle attr = Handle::checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), Kind::attribute, "test", name);
  Handle type = Handle::checked(H5Aget_type(attr.get()), Kind::datatype, "test", name);
  Handle space = Handle::checked(H5Aget_space(attr.get()), Kind::dataspace, "test", name);
  EXPECT_EQ(H5Tget_class(type.get()), H5T_STRING) << name;
  EXPECT_GT(H5Tis_variable_str(type.get()), 0) << name;
  EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8) << name;
  EXPECT_EQ(H5Sget_simple_extent_type(space.get()), H5S_SCALAR) << name;
}

std::string scale_name(hid_t scale) {
  char name[64] = {};
  EXPECT_GT(H5DSget_scale_name(scale, name, sizeof name), 0);
  return name;
}

// Model state the samplers read; values are simple functions of the tick so they can be checked.
struct State {
  double tick = 0.0;
};

constexpr int regions = 2;
constexpr int industries = 3;

double gdp_value(int r, double t) { return 10.0 * (r + 1) + t; }
double output_value(int r, int i, double t) { return 100.0 * r + 10.0 * i + t + 0.25; }
double firms_value(int r, double t) { return 5.0 * r + t + 0.4; }  // rounds to 5r + t

so::Registry make_registry(const State& state) {
  so::Registry registry;
  registry.add({.name = "population", .axes = {}, .units = "1e4 person", .long_name = "resident population", .description = "resident population", .time_series = true, .storage = so::Storage::float64,
                .sample = [&state](std::span<double> out) { out[0] = 100.0 + state.tick; }});
  registry.add({.name = "gdp", .axes = {"region"}, .units = "1e8 CNY/year", .long_name = "gross regional product", .description = "gross regional product", .time_series = true, .storage = so::Storage::float64,
                .sample = [&state](std::span<double> out) {
                  for (int r = 0; r < regions; ++r) out[r] = gdp_value(r, state.tick);
                }});
  registry.add({.name = "output", .axes = {"region", "industry"}, .units_note = "1e8 CNY/year", .long_name = "Output",
                .description = "gross output by industry", .time_series = true,
                .storage = so::Storage::float64, .sample = [&state](std::span<double> out) {
                  for (int r = 0; r < regions; ++r)
                    for (int i = 0; i < industries; ++i) out[r * industries + i] = output_value(r, i, state.tick);
                }});
  registry.add({.name = "area", .axes = {"region"}, .units = "km2", .long_name = "land area", .description = "land area", .time_series = false, .storage = so::Storage::float64, .sample = [](std::span<double> out) {
                  for (int r = 0; r < regions; ++r) out[r] = 1000.0 + r;
                }});
  registry.add({.name = "firms", .axes = {"region"}, .units = "1", .long_name = "number of firms", .description = "number of firms", .time_series = true, .storage = so::Storage::int64,
                .sample = [&state](std::span<double> out) {
                  for (int r = 0; r < regions; ++r) out[r] = firms_value(r, state.tick);
                }});
  return registry;
}

class OutputRunWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("clustersim_output_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  fs::path dir_;
};

std::vector<std::pair<std::string, std::string>> globals() {
  return {{"title", "clustersim test run"}, {"source", "clustersim 0.1.0 (tést ünicode)"}};
}

}  // namespace

TEST_F(OutputRunWriter, WritesReadableFile) {
  State state;
  const so::Registry registry = make_registry(state);
  const fs::path final_path = dir_ / "run.nc";
  so::WriterOptions options;
  options.time_chunk = 4;
  options.deflate_level = 5;
  const std::vector<double> times{89.0, 180.0, 272.0};
  {
    so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, globals(), options);
    EXPECT_EQ(writer.partial_path(), fs::path(final_path.string() + ".partial"));
    EXPECT_TRUE(fs::exists(writer.partial_path()));
    EXPECT_FALSE(fs::exists(final_path));
    for (std::size_t t = 0; t < times.size(); ++t) {
      state.tick = static_cast<double>(t);
      writer.append(times[t]);
    }
    EXPECT_TRUE(fs::exists(writer.partial_path()));
    EXPECT_FALSE(fs::exists(final_path));
    EXPECT_EQ(writer.finish(), final_path);
    EXPECT_FALSE(fs::exists(writer.partial_path()));
    EXPECT_TRUE(fs::exists(final_path));
    EXPECT_THROW(writer.append(400.0), std::logic_error);
    EXPECT_THROW(writer.finish(), std::logic_error);
  }
  EXPECT_TRUE(fs::exists(final_path)) << "destructor after finish must keep the file";

  Handle file = Handle::checked(H5Fopen(final_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open");

  // Creation order tracked and indexed (netCDF-4 expects it).
  {
    // Stored in the root group's object header (H5Fget_create_plist does not report it on reopen).
    Handle root = Handle::checked(H5Gopen2(file.get(), "/", H5P_DEFAULT), Kind::group, "test", "open /");
    Handle fcpl = Handle::checked(H5Gget_create_plist(root.get()), Kind::property_list, "test", "gcpl");
    unsigned flags = 0;
    ASSERT_GE(H5Pget_link_creation_order(fcpl.get(), &flags), 0);
    EXPECT_EQ(flags, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    ASSERT_GE(H5Pget_attr_creation_order(fcpl.get(), &flags), 0);
    EXPECT_EQ(flags, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  }

  // Global attributes.
  EXPECT_EQ(attribute(file.get(), "title"), "clustersim test run");
  EXPECT_EQ(attribute(file.get(), "source"), "clustersim 0.1.0 (tést ünicode)");
  EXPECT_EQ(attribute(file.get(), "Conventions"), "CF-1.8");
  expect_vlen_utf8_scalar_attribute(file.get(), "title");

  // time: unlimited, chunked, a dimension scale with CF attributes.
  Handle time = open_dataset(file.get(), "time");
  {
    std::vector<hsize_t> max_dims;
    EXPECT_EQ(shape_of(time.get(), &max_dims), (std::vector<hsize_t>{3}));
    EXPECT_EQ(max_dims, (std::vector<hsize_t>{H5S_UNLIMITED}));
    EXPECT_EQ(read_doubles(time.get()), times);
    EXPECT_GT(H5DSis_scale(time.get()), 0);
    EXPECT_EQ(scale_name(time.get()), "time");
    Handle type = Handle::checked(H5Dget_type(time.get()), Kind::datatype, "test", "type");
    EXPECT_GT(H5Tequal(type.get(), H5T_IEEE_F64LE), 0);
    EXPECT_EQ(attribute(time.get(), "units"), "days since 2023-01-01 00:00:00");
    EXPECT_EQ(attribute(time.get(), "calendar"), "proleptic_gregorian");
    EXPECT_EQ(attribute(time.get(), "standard_name"), "time");
    EXPECT_EQ(attribute(time.get(), "axis"), "T");
    EXPECT_EQ(attribute(time.get(), "long_name"), "Time");
    EXPECT_EQ(attribute(time.get(), "description"), "time at the end of the tick");
    Handle dcpl = Handle::checked(H5Dget_create_plist(time.get()), Kind::property_list, "test", "dcpl");
    EXPECT_EQ(H5Pget_layout(dcpl.get()), H5D_CHUNKED);
    hsize_t chunk[1] = {};
    EXPECT_EQ(H5Pget_chunk(dcpl.get(), 1, chunk), 1);
    EXPECT_EQ(chunk[0], 4u);
    unsigned flags = 0;
    ASSERT_GE(H5Pget_attr_creation_order(dcpl.get(), &flags), 0);
    EXPECT_EQ(flags, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  }

  // Axes: string coordinate variables that are dimension scales.
  Handle region = open_dataset(file.get(), "region");
  Handle industry = open_dataset(file.get(), "industry");
  EXPECT_EQ(read_strings(region.get()), (std::vector<std::string>{"Beijing", "Tianjin"}));
  EXPECT_EQ(read_strings(industry.get()), (std::vector<std::string>{"agriculture", "manufacturing", "services"}));
  EXPECT_GT(H5DSis_scale(region.get()), 0);
  EXPECT_GT(H5DSis_scale(industry.get()), 0);
  EXPECT_EQ(scale_name(region.get()), "region");
  EXPECT_EQ(scale_name(industry.get()), "industry");
  EXPECT_EQ(attribute(region.get(), "long_name"), "Region");
  EXPECT_EQ(attribute(region.get(), "description"), "region (provincial-level division)");
  EXPECT_EQ(attribute(industry.get(), "long_name"), "Industry");
  EXPECT_EQ(attribute(industry.get(), "description"), "industry (sector)");
  {
    Handle type = Handle::checked(H5Dget_type(region.get()), Kind::datatype, "test", "type");
    EXPECT_GT(H5Tis_variable_str(type.get()), 0);
    EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8);
  }

  struct Expected {
    std::string name;
    std::vector<hid_t> scales;
    std::vector<hsize_t> shape;
    bool time_series;
    hid_t type;
    std::string units;  // "" where the file must have no units attribute
    std::string long_name;
    std::string units_note = "";
    std::string description = "";  // "": like long_name
  };
  const std::vector<Expected> expected{
      {"population", {time.get()}, {3}, true, H5T_IEEE_F64LE, "1e4 person", "resident population"},
      {"gdp", {time.get(), region.get()}, {3, 2}, true, H5T_IEEE_F64LE, "1e8 CNY/year", "gross regional product"},
      {"output",
       {time.get(), region.get(), industry.get()},
       {3, 2, 3},
       true,
       H5T_IEEE_F64LE,
       "",
       "Output",
       "1e8 CNY/year",
       "gross output by industry"},
      {"area", {region.get()}, {2}, false, H5T_IEEE_F64LE, "km2", "land area"},
      {"firms", {time.get(), region.get()}, {3, 2}, true, H5T_STD_I64LE, "1", "number of firms"},
  };
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.name);
    Handle dataset = open_dataset(file.get(), e.name);
    std::vector<hsize_t> max_dims;
    EXPECT_EQ(shape_of(dataset.get(), &max_dims), e.shape);
    if (e.time_series) {
      EXPECT_EQ(max_dims[0], H5S_UNLIMITED);
      for (std::size_t d = 1; d < max_dims.size(); ++d) EXPECT_EQ(max_dims[d], e.shape[d]);
    } else {
      EXPECT_EQ(max_dims, e.shape);
    }
    EXPECT_EQ(H5DSis_scale(dataset.get()), 0);
    for (unsigned d = 0; d < e.scales.size(); ++d) {
      EXPECT_EQ(H5DSget_num_scales(dataset.get(), d), 1) << "dim " << d;
      EXPECT_GT(H5DSis_attached(dataset.get(), e.scales[d], d), 0) << "dim " << d;
    }
    Handle type = Handle::checked(H5Dget_type(dataset.get()), Kind::datatype, "test", "type");
    EXPECT_GT(H5Tequal(type.get(), e.type), 0);
    if (e.units.empty()) {
      EXPECT_EQ(H5Aexists(dataset.get(), "units"), 0) << "a unit UDUNITS cannot parse is left out";
    } else {
      EXPECT_EQ(attribute(dataset.get(), "units"), e.units);
      expect_vlen_utf8_scalar_attribute(dataset.get(), "units");
    }
    if (e.units_note.empty()) {
      EXPECT_EQ(H5Aexists(dataset.get(), "units_note"), 0);
    } else {
      EXPECT_EQ(attribute(dataset.get(), "units_note"), e.units_note);
    }
    EXPECT_EQ(attribute(dataset.get(), "long_name"), e.long_name);
    EXPECT_EQ(attribute(dataset.get(), "description"), e.description.empty() ? e.long_name : e.description);
    expect_vlen_utf8_scalar_attribute(dataset.get(), "long_name");
    expect_vlen_utf8_scalar_attribute(dataset.get(), "description");
    EXPECT_LT(H5Aexists(dataset.get(), "_FillValue"), 1);

    Handle dcpl = Handle::checked(H5Dget_create_plist(dataset.get()), Kind::property_list, "test", "dcpl");
    unsigned order = 0;
    ASSERT_GE(H5Pget_attr_creation_order(dcpl.get(), &order), 0);
    EXPECT_EQ(order, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    if (e.time_series) {
      EXPECT_EQ(H5Pget_layout(dcpl.get()), H5D_CHUNKED);
      std::vector<hsize_t> chunk(e.shape.size());
      EXPECT_EQ(H5Pget_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
                static_cast<int>(chunk.size()));
      std::vector<hsize_t> expected_chunk = e.shape;
      expected_chunk[0] = 4;
      EXPECT_EQ(chunk, expected_chunk);
      const int filters = H5Pget_nfilters(dcpl.get());
      bool shuffle = false;
      bool deflate = false;
      for (int f = 0; f < filters; ++f) {
        unsigned filter_flags = 0;
        std::size_t n_values = 4;
        unsigned values[4] = {};
        char name[64] = {};
        unsigned config = 0;
        const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(f), &filter_flags, &n_values,
                                               values, sizeof name, name, &config);
        if (id == H5Z_FILTER_SHUFFLE) {
          shuffle = true;
          EXPECT_FALSE(deflate) << "shuffle must come before deflate";
        }
        if (id == H5Z_FILTER_DEFLATE) {
          deflate = true;
          ASSERT_GE(n_values, 1u);
          EXPECT_EQ(values[0], 5u);
        }
      }
      EXPECT_TRUE(shuffle);
      EXPECT_TRUE(deflate);
    } else {
      EXPECT_NE(H5Pget_layout(dcpl.get()), H5D_CHUNKED);
    }
  }

  // Values (row-major, time first).
  {
    Handle population = open_dataset(file.get(), "population");
    EXPECT_EQ(read_doubles(population.get()), (std::vector<double>{100.0, 101.0, 102.0}));
    Handle gdp = open_dataset(file.get(), "gdp");
    const auto gdp_values = read_doubles(gdp.get());
    Handle output = open_dataset(file.get(), "output");
    const auto output_values = read_doubles(output.get());
    Handle firms = open_dataset(file.get(), "firms");
    const auto firms_values = read_ints(firms.get());
    for (int t = 0; t < 3; ++t) {
      for (int r = 0; r < regions; ++r) {
        EXPECT_EQ(gdp_values[t * regions + r], gdp_value(r, t));
        EXPECT_EQ(firms_values[t * regions + r], 5 * r + t);
        for (int i = 0; i < industries; ++i) {
          EXPECT_EQ(output_values[(t * regions + r) * industries + i], output_value(r, i, t));
        }
      }
    }
    Handle area = open_dataset(file.get(), "area");
    EXPECT_EQ(read_doubles(area.get()), (std::vector<double>{1000.0, 1001.0}));
  }
}

TEST_F(OutputRunWriter, DestructorWithoutFinishRemovesPartial) {
  State state;
  const so::Registry registry = make_registry(state);
  const fs::path final_path = dir_ / "run.nc";
  fs::path partial;
  {
    so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, globals());
    partial = writer.partial_path();
    writer.append(1.0);
    EXPECT_TRUE(fs::exists(partial));
  }
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_FALSE(fs::exists(final_path));
}

TEST_F(OutputRunWriter, ReplacesStalePartialAndKeepsNoTicksFileValid) {
  const fs::path final_path = dir_ / "run.nc";
  {
    std::ofstream stale(final_path.string() + ".partial");
    stale << "garbage from an interrupted run";
  }
  State state;
  const so::Registry registry = make_registry(state);
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {});
  writer.finish();
  Handle file = Handle::checked(H5Fopen(final_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open");
  Handle gdp = open_dataset(file.get(), "gdp");
  EXPECT_EQ(shape_of(gdp.get()), (std::vector<hsize_t>{0, 2}));
  EXPECT_EQ(attribute(file.get(), "Conventions"), "CF-1.8");
}

TEST_F(OutputRunWriter, CallerConventionsKept) {
  State state;
  const so::Registry registry = make_registry(state);
  const fs::path final_path = dir_ / "run.nc";
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {{"Conventions", "CF-1.10"}});
  writer.finish();
  Handle file = Handle::checked(H5Fopen(final_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open");
  EXPECT_EQ(attribute(file.get(), "Conventions"), "CF-1.10");
}

TEST_F(OutputRunWriter, ManyTicksAcrossChunks) {
  double tick = 0;
  so::Registry registry;
  registry.add({.name = "x", .axes = {"region", "industry"}, .units = "1", .long_name = "x", .description = "x", .time_series = true, .storage = so::Storage::float64, .sample = [&tick](std::span<double> out) {
                  for (std::size_t k = 0; k < out.size(); ++k) out[k] = tick * 10.0 + static_cast<double>(k);
                }});
  const fs::path final_path = dir_ / "run.nc";
  so::WriterOptions options;
  options.time_chunk = 7;
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {}, options);
  constexpr int ticks = 500;
  for (int t = 0; t < ticks; ++t) {
    tick = t;
    writer.append(t);
  }
  writer.finish();
  Handle file = Handle::checked(H5Fopen(final_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open");
  Handle x = open_dataset(file.get(), "x");
  EXPECT_EQ(shape_of(x.get()), (std::vector<hsize_t>{ticks, 2, 3}));
  const auto values = read_doubles(x.get());
  for (int t = 0; t < ticks; ++t)
    for (int k = 0; k < 6; ++k) ASSERT_EQ(values[static_cast<std::size_t>(t * 6 + k)], t * 10.0 + k);
  Handle time = open_dataset(file.get(), "time");
  const auto times = read_doubles(time.get());
  ASSERT_EQ(times.size(), static_cast<std::size_t>(ticks));
  EXPECT_EQ(times.back(), ticks - 1);
}

TEST_F(OutputRunWriter, FinalScaleMultipliesEveryTickOnceTheRunIsOver) {
  // x = tick + element; the factors are known only after the last tick (here: 1 / the last tick's value),
  // as for volumes in the prices of a reference year that ends late in the run.
  double tick = 0;
  so::Registry registry;
  so::Variable x{.name = "x", .axes = {"region"}, .units = "1", .long_name = "x", .description = "x", .time_series = true, .storage = so::Storage::float64, .sample = [&tick](std::span<double> out) {
                   for (std::size_t k = 0; k < out.size(); ++k) out[k] = tick + static_cast<double>(k);
                 }};
  x.final_scale = [&tick](std::span<double> factors) {
    for (std::size_t k = 0; k < factors.size(); ++k) factors[k] = 1.0 / (tick + static_cast<double>(k));
  };
  registry.add(x);
  registry.add({.name = "y", .axes = {"region"}, .units = "1", .long_name = "y, unscaled", .description = "y, unscaled", .time_series = true, .storage = so::Storage::float64, .sample = [&tick](std::span<double> out) {
                  for (std::size_t k = 0; k < out.size(); ++k) out[k] = tick + static_cast<double>(k);
                }});
  const fs::path final_path = dir_ / "run.nc";
  so::WriterOptions options;
  options.time_chunk = 3;
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {}, options);
  for (int t = 1; t <= 7; ++t) {
    tick = t;
    writer.append(t);
  }
  writer.finish();
  Handle file = Handle::checked(H5Fopen(final_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open");
  const auto scaled = read_doubles(open_dataset(file.get(), "x").get());
  const auto plain = read_doubles(open_dataset(file.get(), "y").get());
  ASSERT_EQ(scaled.size(), 14u);
  for (int t = 1; t <= 7; ++t) {
    for (int k = 0; k < 2; ++k) {
      const std::size_t i = static_cast<std::size_t>((t - 1) * 2 + k);
      EXPECT_DOUBLE_EQ(plain[i], t + k);
      EXPECT_DOUBLE_EQ(scaled[i], (t + k) / (7.0 + k)) << "tick " << t << ", element " << k;
    }
  }
  // Only a float64 time series may be scaled at the end.
  so::Registry wrong;
  so::Variable fixed{.name = "fixed", .axes = {"region"}, .units = "1", .long_name = "a static", .description = "a static", .time_series = false, .storage = so::Storage::float64, .sample = [](std::span<double>) {}};
  fixed.final_scale = [](std::span<double>) {};
  wrong.add(fixed);
  EXPECT_THROW(so::RunWriter(dir_ / "wrong.nc", make_time_axis(), make_axes(), wrong, {}, options), std::logic_error);
}

TEST_F(OutputRunWriter, DeclarationErrorsAreLogicErrors) {
  const fs::path final_path = dir_ / "run.nc";
  auto constant = [](std::span<double> out) {
    for (double& x : out) x = 1.0;
  };
  auto expect_logic_error = [&](const so::Registry& registry, std::vector<so::Axis> axes) {
    EXPECT_THROW(so::RunWriter(final_path, make_time_axis(), std::move(axes), registry, {}), std::logic_error);
    EXPECT_FALSE(fs::exists(final_path.string() + ".partial"));
    EXPECT_FALSE(fs::exists(final_path));
  };
  {
    SCOPED_TRACE("unknown axis");
    so::Registry registry;
    registry.add({.name = "gdp", .axes = {"province"}, .units = "1", .long_name = "x", .description = "x", .time_series = true, .storage = so::Storage::float64, .sample = constant});
    expect_logic_error(registry, make_axes());
  }
  {
    SCOPED_TRACE("variable named like an axis");
    so::Registry registry;
    registry.add({.name = "region", .axes = {"region"}, .units = "1", .long_name = "x", .description = "x", .time_series = false, .storage = so::Storage::float64, .sample = constant});
    expect_logic_error(registry, make_axes());
  }
  {
    SCOPED_TRACE("variable named time");
    so::Registry registry;
    registry.add({.name = "time", .axes = {}, .units = "1", .long_name = "x", .description = "x", .time_series = true, .storage = so::Storage::float64, .sample = constant});
    expect_logic_error(registry, make_axes());
  }
  {
    SCOPED_TRACE("duplicate axis");
    so::Registry registry;
    auto axes = make_axes();
    axes.push_back(axes.front());
    expect_logic_error(registry, axes);
  }
  {
    SCOPED_TRACE("axis named time");
    so::Registry registry;
    expect_logic_error(registry, {{.name = "time", .long_name = "t", .description = "t", .labels = {"a"}}});
  }
  {
    SCOPED_TRACE("axis without a description");
    so::Registry registry;
    expect_logic_error(registry, {{.name = "place", .long_name = "Place", .labels = {"a"}}});
  }
  {
    SCOPED_TRACE("variable without a description");
    so::Registry registry;
    registry.add({.name = "gdp", .units = "1", .long_name = "GDP", .sample = constant});
    expect_logic_error(registry, make_axes());
  }
  {
    SCOPED_TRACE("variable without a long_name");
    so::Registry registry;
    registry.add({.name = "gdp", .units = "1", .description = "gross domestic product", .sample = constant});
    expect_logic_error(registry, make_axes());
  }
  {
    SCOPED_TRACE("long_name too long for a figure");
    so::Registry registry;
    registry.add({.name = "gdp", .units = "1", .long_name = std::string(so::max_label_length + 1, 'x'),
                  .description = "gross domestic product", .sample = constant});
    expect_logic_error(registry, make_axes());
  }
  {
    SCOPED_TRACE("variable with neither units nor units_note");
    so::Registry registry;
    registry.add({.name = "gdp", .long_name = "GDP", .description = "gross domestic product", .sample = constant});
    expect_logic_error(registry, make_axes());
  }
  {
    SCOPED_TRACE("axis used twice by one variable");
    so::Registry registry;
    registry.add({.name = "flows", .axes = {"region", "region"}, .units = "1", .long_name = "x", .description = "x", .time_series = true, .storage = so::Storage::float64, .sample = constant});
    expect_logic_error(registry, make_axes());
  }
  {
    SCOPED_TRACE("duplicate global attribute");
    so::Registry registry;
    EXPECT_THROW(so::RunWriter(final_path, make_time_axis(), make_axes(), registry, {{"a", "1"}, {"a", "2"}}),
                 std::logic_error);
  }
  {
    SCOPED_TRACE("bad options");
    so::Registry registry;
    EXPECT_THROW(so::RunWriter(final_path, make_time_axis(), make_axes(), registry, {}, {0, 4}), std::logic_error);
    EXPECT_THROW(so::RunWriter(final_path, make_time_axis(), make_axes(), registry, {}, {16, 10}), std::logic_error);
  }
}

TEST_F(OutputRunWriter, Int64NonFiniteOrOutOfRangeIsOutputError) {
  const fs::path final_path = dir_ / "run.nc";
  double value = 1.0;
  so::Registry registry;
  registry.add({.name = "firms", .axes = {"region"}, .units = "1", .long_name = "firms", .description = "firms", .time_series = true, .storage = so::Storage::int64, .sample = [&value](std::span<double> out) {
                  for (double& x : out) x = value;
                }});
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {});
  writer.append(1.0);
  for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                     9223372036854775808.0, -1e19}) {
    value = bad;
    try {
      writer.append(2.0);
      ADD_FAILURE() << "no error for " << bad;
    } catch (const so::OutputError& e) {
      EXPECT_NE(std::string(e.what()).find("firms"), std::string::npos) << e.what();
    }
  }
  // A rejected tick leaves the file consistent: the next append and finish work.
  // A count of persons past 2^31 (issue 18: 2.2e9 talents were lost at the write) is stored exactly; the
  // largest double below 2^63 and -2^63 itself are the ends of the range.
  value = 2185457352.0;
  writer.append(2.0);
  value = 9223372036854774784.0;
  writer.append(3.0);
  value = -9223372036854775808.0;
  writer.append(4.0);
  writer.finish();
  Handle file = Handle::checked(H5Fopen(final_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open");
  Handle firms = open_dataset(file.get(), "firms");
  constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  EXPECT_EQ(read_all<std::int64_t>(firms.get(), H5T_NATIVE_INT64),
            (std::vector<std::int64_t>{1, 1, 2185457352, 2185457352, 9223372036854774784, 9223372036854774784,
                                       lowest, lowest}));
  Handle time = open_dataset(file.get(), "time");
  EXPECT_EQ(read_doubles(time.get()), (std::vector<double>{1.0, 2.0, 3.0, 4.0}));
}

TEST_F(OutputRunWriter, StaticInt64NonFiniteFailsConstructionAndRemovesPartial) {
  const fs::path final_path = dir_ / "run.nc";
  so::Registry registry;
  registry.add({.name = "code", .axes = {"region"}, .units = "1", .long_name = "code", .description = "code", .time_series = false, .storage = so::Storage::int64, .sample = [](std::span<double> out) {
                  for (double& x : out) x = std::numeric_limits<double>::quiet_NaN();
                }});
  EXPECT_THROW(so::RunWriter(final_path, make_time_axis(), make_axes(), registry, {}), so::OutputError);
  EXPECT_FALSE(fs::exists(final_path.string() + ".partial"));
  EXPECT_FALSE(fs::exists(final_path));
}

TEST_F(OutputRunWriter, HdfFailureNamesFileAndOperationWithoutPrinting) {
  // Re-enable HDF5's printing to prove the writer silences it.
  H5Eset_auto2(H5E_DEFAULT, reinterpret_cast<H5E_auto2_t>(H5Eprint2), stderr);
  const fs::path final_path = dir_ / "no_such_directory" / "run.nc";
  so::Registry registry;
  ::testing::internal::CaptureStderr();
  std::string message;
  try {
    so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {});
    ADD_FAILURE() << "no error";
  } catch (const so::OutputError& e) {
    message = e.what();
  }
  const std::string printed = ::testing::internal::GetCapturedStderr();
  // One line: the file, the operation and the system's reason, not HDF5's stack of internal frames.
  EXPECT_EQ(message, final_path.string() + ".partial: cannot create file: No such file or directory");
  EXPECT_EQ(printed, "");
}

TEST_F(OutputRunWriter, ThrowingSamplerLeavesFileConsistent) {
  const fs::path final_path = dir_ / "run.nc";
  bool fail = false;
  so::Registry registry;
  registry.add({.name = "a", .axes = {}, .units = "1", .long_name = "a", .description = "a", .time_series = true, .storage = so::Storage::float64, .sample = [](std::span<double> out) { out[0] = 1.0; }});
  registry.add({.name = "b", .axes = {"region"}, .units = "1", .long_name = "b", .description = "b", .time_series = true, .storage = so::Storage::float64, .sample = [&fail](std::span<double> out) {
                  if (fail) throw std::runtime_error("model failure");
                  for (double& x : out) x = 2.0;
                }});
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {});
  writer.append(0.0);
  fail = true;
  EXPECT_THROW(writer.append(1.0), std::runtime_error);
  fail = false;
  writer.append(1.0);
  EXPECT_THROW(writer.append(std::numeric_limits<double>::quiet_NaN()), std::logic_error);
  writer.finish();
  Handle file = Handle::checked(H5Fopen(final_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open");
  for (const char* name : {"time", "a"}) {
    Handle dataset = open_dataset(file.get(), name);
    EXPECT_EQ(shape_of(dataset.get()), (std::vector<hsize_t>{2})) << name;
  }
  Handle b = open_dataset(file.get(), "b");
  EXPECT_EQ(shape_of(b.get()), (std::vector<hsize_t>{2, 2}));
}
