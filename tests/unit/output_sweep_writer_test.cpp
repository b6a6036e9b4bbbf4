// Writes small sweeps with SweepWriter and reads them back through the HDF5 C API (and, where
// available, xarray and ncdump).
// Longer than 500 lines on purpose: one fixture (a sample layout and its expected values) serves every
// behaviour of the writer, from creating and resuming to reading back, and each test reads as a case.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hdf5_read_support.hpp"
#include "sim/output/h5_handle.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/output/sweep_writer.hpp"
#include "sim/output/variable.hpp"

namespace so = sim::output;
namespace fs = std::filesystem;
using so::h5::Handle;
using so::h5::Kind;

namespace {

using testing_support::make_axes;
using testing_support::make_time_axis;
using testing_support::open_dataset;
using testing_support::open_file;
using testing_support::read_all;
using testing_support::read_doubles;
using testing_support::read_ints;
using testing_support::shape_of;

constexpr std::size_t scenarios = 3;
constexpr std::size_t replicates = 2;
constexpr std::size_t ticks = 4;
constexpr std::size_t regions = 2;
constexpr std::size_t industries = 3;
const std::vector<double> times{89.0, 180.0, 272.0, 364.0};
const char* const rate_key = "policy.rd_subsidy_rate";
const char* const mobility_key = "talent.mobility";
const std::vector<double> rates{0.1, 0.2, 0.35};
const std::vector<double> mobilities{1.0, 2.0, 4.0};

// A null string shows as "<null>", so that an empty run_error is told from a missing one.
std::vector<std::string> read_strings(hid_t dataset) { return testing_support::read_strings(dataset, "<null>"); }

using testing_support::attribute;

// Every value is a distinct function of (variable, scenario, replicate, tick, element).
double value(std::size_t variable, std::size_t s, std::size_t r, std::size_t t, std::size_t element) {
  return 1000.0 * static_cast<double>(s) + 100.0 * static_cast<double>(r) + 10.0 * static_cast<double>(t) +
         static_cast<double>(element) + 0.125 * static_cast<double>(variable);
}

// Time series in layout order: population (), gdp (region), output (region, industry), firms (region).
const std::vector<std::size_t> series_elements{1, regions, regions * industries, regions};

std::vector<std::vector<double>> run_series(std::size_t s, std::size_t r) {
  std::vector<std::vector<double>> series;
  for (std::size_t v = 0; v < series_elements.size(); ++v) {
    std::vector<double> values;
    for (std::size_t t = 0; t < ticks; ++t) {
      for (std::size_t e = 0; e < series_elements[v]; ++e) values.push_back(value(v, s, r, t, e));
    }
    series.push_back(std::move(values));
  }
  return series;
}

std::uint64_t seed_of(std::size_t s, std::size_t r) {
  return 0xF000000000000000ULL + 17 * s + r;  // above INT64_MAX: stored unsigned
}
std::uint32_t key_of(std::size_t s, std::size_t r) { return static_cast<std::uint32_t>(4000000000U + 10 * s + r); }

so::Variable declaration(std::string name, std::vector<std::string> axes, std::string units, std::string long_name,
                         bool time_series, so::Storage storage = so::Storage::float64) {
  so::Variable v;
  v.name = std::move(name);
  v.axes = std::move(axes);
  v.units = std::move(units);
  v.description = long_name;
  v.long_name = std::move(long_name);
  v.time_series = time_series;
  v.storage = storage;
  return v;
}

so::SweepLayout make_layout() {
  so::SweepLayout layout;
  layout.time_axis = make_time_axis();
  layout.time_values = times;
  layout.axes = make_axes();
  layout.variables = {
      declaration("population", {}, "1e4 person", "resident population", true),
      declaration("gdp", {"region"}, "1e8 CNY/year", "gross regional product", true),
      declaration("area", {"region"}, "km2", "land area", false),
      declaration("output", {"region", "industry"}, "1e8 CNY/year", "gross output by industry", true),
      declaration("firms", {"region"}, "1", "number of firms", true, so::Storage::int64),
      declaration("sector_code", {"industry"}, "1", "code of the industry", false, so::Storage::int64),
  };
  layout.scenarios = scenarios;
  layout.replicates = replicates;
  layout.parameters = {{rate_key, rates}, {mobility_key, mobilities}};
  layout.global_attributes = {{"title", "clustersim test sweep"}, {"source", "clustersim (tést ünicode)"}};
  layout.options.deflate_level = 5;
  return layout;
}

void write_statics(so::SweepWriter& writer) {
  writer.write_static("area", std::vector<double>{1000.0, 1001.5});
  writer.write_static("sector_code", std::vector<double>{11.0, 22.4, 32.6});
}

class OutputSweepWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("clustersim_sweep_" + std::to_string(::getpid()) + "_" + info->name());
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

// The runs the layout tests write: (0, 0) and (2, 1) done, (1, 0) failed, the rest not run.
fs::path write_sample_sweep(const fs::path& final_path) {
  so::SweepWriter writer(final_path, make_layout());
  write_statics(writer);
  writer.write_run(2, 1, seed_of(2, 1), key_of(2, 1), run_series(2, 1));
  writer.write_failure(1, 0, seed_of(1, 0), key_of(1, 0), "model diverged at tick 3 (ünicode)");
  writer.write_run(0, 0, seed_of(0, 0), key_of(0, 0), run_series(0, 0));
  return writer.finish();
}

std::size_t run_index(std::size_t s, std::size_t r) { return s * replicates + r; }
bool written(std::size_t s, std::size_t r) { return (s == 0 && r == 0) || (s == 2 && r == 1); }

}  // namespace

TEST_F(OutputSweepWriter, PartialUntilFinish) {
  const fs::path final_path = dir_ / "sweep.nc";
  so::SweepWriter writer(final_path, make_layout());
  EXPECT_EQ(writer.partial_path(), fs::path(final_path.string() + ".partial"));
  EXPECT_TRUE(fs::exists(writer.partial_path()));
  EXPECT_FALSE(fs::exists(final_path));
  write_statics(writer);
  writer.write_run(0, 1, 1, 2, run_series(0, 1));
  EXPECT_TRUE(fs::exists(writer.partial_path()));
  EXPECT_FALSE(fs::exists(final_path));
  EXPECT_EQ(writer.finish(), final_path);
  EXPECT_FALSE(fs::exists(writer.partial_path()));
  EXPECT_TRUE(fs::exists(final_path));
  EXPECT_THROW(writer.write_run(0, 0, 1, 2, run_series(0, 0)), std::logic_error);
  EXPECT_THROW(writer.finish(), std::logic_error);
}

TEST_F(OutputSweepWriter, DestructorWithoutFinishKeepsAPartialThatHoldsRuns) {
  const fs::path final_path = dir_ / "sweep.nc";
  fs::path partial;
  {
    so::SweepWriter writer(final_path, make_layout());
    partial = writer.partial_path();
    EXPECT_TRUE(fs::exists(partial));
  }
  EXPECT_FALSE(fs::exists(partial)) << "nothing to resume: removed";
  {
    so::SweepWriter writer(final_path, make_layout());
    writer.write_run(1, 1, 1, 2, run_series(1, 1));
  }
  EXPECT_TRUE(fs::exists(partial)) << "kept for --resume";
  EXPECT_FALSE(fs::exists(final_path));
}

TEST_F(OutputSweepWriter, ResumeContinuesTheRecordedRuns) {
  const fs::path final_path = dir_ / "resumed.nc";
  {
    so::SweepWriter writer(final_path, make_layout());
    write_statics(writer);
    writer.write_run(2, 1, seed_of(2, 1), key_of(2, 1), run_series(2, 1));
    writer.write_failure(1, 0, seed_of(1, 0), key_of(1, 0), "model diverged at tick 3 (ünicode)");
  }
  {
    so::SweepWriter writer(final_path, make_layout(), so::OpenMode::resume);
    std::vector<so::RunStatus> expected(scenarios * replicates, so::RunStatus::not_run);
    expected[run_index(2, 1)] = so::RunStatus::done;
    expected[run_index(1, 0)] = so::RunStatus::failed;
    EXPECT_EQ(writer.run_statuses(), expected);
    write_statics(writer);
    writer.write_run(0, 0, seed_of(0, 0), key_of(0, 0), run_series(0, 0));
    EXPECT_EQ(writer.run_statuses()[run_index(0, 0)], so::RunStatus::done);
    writer.finish();
  }
  // The same runs written in one go.
  const fs::path whole = write_sample_sweep(dir_ / "whole.nc");
  EXPECT_EQ(testing_support::content_differences(whole, final_path, {}), std::vector<std::string>{});
}

TEST_F(OutputSweepWriter, ResumeRefusesAnotherLayoutAndLeavesTheFile) {
  const fs::path final_path = dir_ / "sweep.nc";
  {
    so::SweepWriter writer(final_path, make_layout());
    writer.write_run(0, 1, 1, 2, run_series(0, 1));
  }
  const fs::path partial = final_path.string() + ".partial";
  const auto refusal = [&](so::SweepLayout layout) -> std::string {
    try {
      so::SweepWriter writer(final_path, std::move(layout), so::OpenMode::resume);
    } catch (const so::ResumeError& error) {
      return error.what();
    }
    return "resumed";
  };
  so::SweepLayout attribute = make_layout();
  attribute.global_attributes[0].second = "another title";
  EXPECT_NE(refusal(attribute).find("global attribute 'title' is 'clustersim test sweep' in the file, 'another title' now"),
            std::string::npos)
      << refusal(attribute);
  so::SweepLayout text = make_layout();
  text.global_attributes.emplace_back("sweep", "a\nb");
  EXPECT_NE(refusal(text).find("no global attribute 'sweep'"), std::string::npos) << refusal(text);
  so::SweepLayout more = make_layout();
  more.replicates = 3;
  EXPECT_NE(refusal(more).find("variable 'population' has shape (3, 2, 4) in the file, this sweep's is (3, 3, 4)"),
            std::string::npos)
      << refusal(more);
  so::SweepLayout values = make_layout();
  values.parameters[1].second[2] = 8.0;
  EXPECT_NE(refusal(values).find("'talent.mobility' of scenario 2 is 4 in the file, 8 in this sweep"), std::string::npos)
      << refusal(values);
  so::SweepLayout later = make_layout();
  later.time_values[3] = 365.0;
  EXPECT_NE(refusal(later).find("time value of tick 3 is 364 in the file, 365 in this sweep"), std::string::npos)
      << refusal(later);
  // Refusing changed nothing: the same layout resumes it.
  so::SweepWriter writer(final_path, make_layout(), so::OpenMode::resume);
  EXPECT_EQ(writer.run_statuses()[run_index(0, 1)], so::RunStatus::done);
}

TEST_F(OutputSweepWriter, ResumeRefusesAMissingOrUnreadablePartial) {
  const fs::path final_path = dir_ / "sweep.nc";
  const auto refusal = [&]() -> std::string {
    try {
      so::SweepWriter writer(final_path, make_layout(), so::OpenMode::resume);
    } catch (const so::ResumeError& error) {
      return error.what();
    }
    return "resumed";
  };
  EXPECT_NE(refusal().find("sweep.nc.partial: it does not exist"), std::string::npos) << refusal();
  std::ofstream(final_path.string() + ".partial") << "not an HDF5 file";
  EXPECT_NE(refusal().find("HDF5 cannot open it (file signature not found)"), std::string::npos) << refusal();
  EXPECT_TRUE(fs::exists(final_path.string() + ".partial")) << "a file it did not create is never removed";
}

TEST_F(OutputSweepWriter, ResumeRefusesAFifoWithoutOpeningIt) {
  // Opening a FIFO waits for a writer: a resume that opened it would never end, and this test with it.
  const fs::path final_path = dir_ / "sweep.nc";
  ASSERT_EQ(::mkfifo((final_path.string() + ".partial").c_str(), 0644), 0);
  try {
    so::SweepWriter writer(final_path, make_layout(), so::OpenMode::resume);
    ADD_FAILURE() << "resumed a FIFO";
  } catch (const so::ResumeError& error) {
    EXPECT_NE(std::string(error.what()).find("sweep.nc.partial: it is a FIFO (named pipe)"), std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(fs::is_fifo(final_path.string() + ".partial"));
}

TEST_F(OutputSweepWriter, ReplacesStalePartial) {
  const fs::path final_path = dir_ / "sweep.nc";
  {
    std::ofstream stale(final_path.string() + ".partial");
    stale << "not an HDF5 file";
  }
  so::SweepWriter writer(final_path, make_layout());
  write_statics(writer);
  writer.finish();
  Handle file = open_file(final_path);
  Handle status = open_dataset(file.get(), "run_status");
  EXPECT_EQ(read_ints(status.get()), std::vector<std::int32_t>(scenarios * replicates, 0));
}

TEST_F(OutputSweepWriter, WritesLayout) {
  const fs::path final_path = write_sample_sweep(dir_ / "sweep.nc");
  Handle file = open_file(final_path);

  EXPECT_EQ(attribute(file.get(), "title"), "clustersim test sweep");
  EXPECT_EQ(attribute(file.get(), "source"), "clustersim (tést ünicode)");
  EXPECT_EQ(attribute(file.get(), "Conventions"), "CF-1.8");

  // Coordinates: dimension scales with their values.
  Handle scenario = open_dataset(file.get(), "scenario");
  Handle replicate = open_dataset(file.get(), "replicate");
  Handle time = open_dataset(file.get(), "time");
  Handle region = open_dataset(file.get(), "region");
  Handle industry = open_dataset(file.get(), "industry");
  for (hid_t scale : {scenario.get(), replicate.get(), time.get(), region.get(), industry.get()}) {
    EXPECT_GT(H5DSis_scale(scale), 0);
  }
  EXPECT_EQ(read_all<std::int64_t>(scenario.get(), H5T_NATIVE_INT64), (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(read_ints(replicate.get()), (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(read_doubles(time.get()), times);
  {
    std::vector<hsize_t> max_dims;
    EXPECT_EQ(shape_of(time.get(), &max_dims), (std::vector<hsize_t>{ticks}));
    EXPECT_EQ(max_dims, (std::vector<hsize_t>{ticks})) << "time has a fixed length";
    Handle type = Handle::checked(H5Dget_type(scenario.get()), Kind::datatype, "test", "type");
    EXPECT_GT(H5Tequal(type.get(), H5T_STD_I64LE), 0);
    Handle replicate_type = Handle::checked(H5Dget_type(replicate.get()), Kind::datatype, "test", "type");
    EXPECT_GT(H5Tequal(replicate_type.get(), H5T_STD_I32LE), 0);
  }
  EXPECT_EQ(attribute(time.get(), "units"), "days since 2023-01-01 00:00:00");
  EXPECT_EQ(attribute(time.get(), "calendar"), "proleptic_gregorian");
  EXPECT_EQ(read_strings(region.get()), (std::vector<std::string>{"Beijing", "Tianjin"}));

  // Time series: (scenario, replicate, time, axes...), float64, one run per chunk, NaN fill.
  struct Expected {
    std::string name;
    std::vector<hid_t> axis_scales;
    std::vector<hsize_t> axis_lengths;
    std::string units;
  };
  const std::vector<Expected> expected{
      {"population", {}, {}, "1e4 person"},
      {"gdp", {region.get()}, {regions}, "1e8 CNY/year"},
      {"output", {region.get(), industry.get()}, {regions, industries}, "1e8 CNY/year"},
      {"firms", {region.get()}, {regions}, "1"},
  };
  for (std::size_t v = 0; v < expected.size(); ++v) {
    const Expected& e = expected[v];
    SCOPED_TRACE(e.name);
    Handle dataset = open_dataset(file.get(), e.name);
    std::vector<hsize_t> shape{scenarios, replicates, ticks};
    shape.insert(shape.end(), e.axis_lengths.begin(), e.axis_lengths.end());
    std::vector<hsize_t> max_dims;
    EXPECT_EQ(shape_of(dataset.get(), &max_dims), shape);
    EXPECT_EQ(max_dims, shape);
    std::vector<hid_t> scales{scenario.get(), replicate.get(), time.get()};
    scales.insert(scales.end(), e.axis_scales.begin(), e.axis_scales.end());
    for (unsigned d = 0; d < scales.size(); ++d) {
      EXPECT_EQ(H5DSget_num_scales(dataset.get(), d), 1) << "dim " << d;
      EXPECT_GT(H5DSis_attached(dataset.get(), scales[d], d), 0) << "dim " << d;
    }
    Handle type = Handle::checked(H5Dget_type(dataset.get()), Kind::datatype, "test", "type");
    EXPECT_GT(H5Tequal(type.get(), H5T_IEEE_F64LE), 0) << "stored as float64 whatever the declared storage";
    EXPECT_EQ(attribute(dataset.get(), "units"), e.units);
    EXPECT_FALSE(attribute(dataset.get(), "long_name").empty());
    EXPECT_FALSE(attribute(dataset.get(), "description").empty());
    EXPECT_EQ(attribute(dataset.get(), "coordinates"), fmt::format("{} {}", rate_key, mobility_key));
    {
      Handle attr = Handle::checked(H5Aopen(dataset.get(), "_FillValue", H5P_DEFAULT), Kind::attribute, "test", "fv");
      Handle attr_type = Handle::checked(H5Aget_type(attr.get()), Kind::datatype, "test", "fv type");
      EXPECT_GT(H5Tequal(attr_type.get(), H5T_IEEE_F64LE), 0);
      double fill = 0.0;
      EXPECT_GE(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &fill), 0);
      EXPECT_TRUE(std::isnan(fill));
    }
    Handle dcpl = Handle::checked(H5Dget_create_plist(dataset.get()), Kind::property_list, "test", "dcpl");
    EXPECT_EQ(H5Pget_layout(dcpl.get()), H5D_CHUNKED);
    std::vector<hsize_t> chunk(shape.size());
    EXPECT_EQ(H5Pget_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), static_cast<int>(chunk.size()));
    std::vector<hsize_t> expected_chunk = shape;
    expected_chunk[0] = 1;
    expected_chunk[1] = 1;
    EXPECT_EQ(chunk, expected_chunk);
    double fill = 0.0;
    EXPECT_GE(H5Pget_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill), 0);
    EXPECT_TRUE(std::isnan(fill));
    bool shuffle = false;
    bool deflate = false;
    for (int f = 0; f < H5Pget_nfilters(dcpl.get()); ++f) {
      unsigned flags = 0;
      std::size_t n_values = 4;
      unsigned values[4] = {};
      const H5Z_filter_t id =
          H5Pget_filter2(dcpl.get(), static_cast<unsigned>(f), &flags, &n_values, values, 0, nullptr, nullptr);
      if (id == H5Z_FILTER_SHUFFLE) shuffle = true;
      if (id == H5Z_FILTER_DEFLATE) {
        deflate = true;
        EXPECT_EQ(values[0], 5u);
      }
    }
    EXPECT_TRUE(shuffle);
    EXPECT_TRUE(deflate);

    // Values of the written runs at their [s, r] place, NaN everywhere else.
    const std::vector<double> all = read_doubles(dataset.get());
    const std::size_t per_run = ticks * series_elements[v];
    ASSERT_EQ(all.size(), scenarios * replicates * per_run);
    for (std::size_t s = 0; s < scenarios; ++s) {
      for (std::size_t r = 0; r < replicates; ++r) {
        for (std::size_t t = 0; t < ticks; ++t) {
          for (std::size_t k = 0; k < series_elements[v]; ++k) {
            const double got = all[run_index(s, r) * per_run + t * series_elements[v] + k];
            if (written(s, r)) {
              EXPECT_EQ(got, value(v, s, r, t, k)) << s << "," << r << "," << t << "," << k;
            } else {
              EXPECT_TRUE(std::isnan(got)) << s << "," << r << "," << t << "," << k << ": " << got;
            }
          }
        }
      }
    }
  }

  // Static variables: their axes only, their declared storage.
  {
    Handle area = open_dataset(file.get(), "area");
    EXPECT_EQ(shape_of(area.get()), (std::vector<hsize_t>{regions}));
    EXPECT_GT(H5DSis_attached(area.get(), region.get(), 0), 0);
    EXPECT_EQ(read_doubles(area.get()), (std::vector<double>{1000.0, 1001.5}));
    EXPECT_EQ(attribute(area.get(), "units"), "km2");
    Handle code = open_dataset(file.get(), "sector_code");
    Handle type = Handle::checked(H5Dget_type(code.get()), Kind::datatype, "test", "type");
    EXPECT_GT(H5Tequal(type.get(), H5T_STD_I64LE), 0);
    EXPECT_EQ(read_ints(code.get()), (std::vector<std::int32_t>{11, 22, 33}));
    EXPECT_GT(H5DSis_attached(code.get(), industry.get(), 0), 0);
  }

  // Swept parameters: float64 along scenario, named like their keys.
  for (const auto& [key, values] : {std::pair{rate_key, rates}, std::pair{mobility_key, mobilities}}) {
    SCOPED_TRACE(key);
    Handle parameter = open_dataset(file.get(), key);
    EXPECT_EQ(shape_of(parameter.get()), (std::vector<hsize_t>{scenarios}));
    EXPECT_EQ(read_doubles(parameter.get()), values);
    EXPECT_GT(H5DSis_attached(parameter.get(), scenario.get(), 0), 0);
    EXPECT_EQ(attribute(parameter.get(), "long_name"), key);
    EXPECT_EQ(attribute(parameter.get(), "description"), fmt::format("swept scenario key {}", key));
  }

  // Per-run variables along (scenario, replicate).
  Handle status = open_dataset(file.get(), "run_status");
  Handle seed = open_dataset(file.get(), "run_seed");
  Handle key = open_dataset(file.get(), "run_replicate_key");
  Handle error = open_dataset(file.get(), "run_error");
  for (hid_t dataset : {status.get(), seed.get(), key.get(), error.get()}) {
    EXPECT_EQ(shape_of(dataset), (std::vector<hsize_t>{scenarios, replicates}));
    EXPECT_GT(H5DSis_attached(dataset, scenario.get(), 0), 0);
    EXPECT_GT(H5DSis_attached(dataset, replicate.get(), 1), 0);
    EXPECT_FALSE(attribute(dataset, "long_name").empty());
    EXPECT_FALSE(attribute(dataset, "description").empty());
  }
  for (hid_t dataset : {status.get(), seed.get(), key.get()}) EXPECT_EQ(attribute(dataset, "units"), "1");
  EXPECT_EQ(H5Aexists(error.get(), "units"), 0) << "text has no unit";
  EXPECT_EQ(read_ints(status.get()), (std::vector<std::int32_t>{1, 0, 2, 0, 0, 1}));
  EXPECT_EQ(attribute(status.get(), "flag_meanings"), "not_run done failed");
  const auto seeds = read_all<std::uint64_t>(seed.get(), H5T_NATIVE_UINT64);
  const auto keys = read_all<std::int64_t>(key.get(), H5T_NATIVE_INT64);
  const auto errors = read_strings(error.get());
  for (std::size_t s = 0; s < scenarios; ++s) {
    for (std::size_t r = 0; r < replicates; ++r) {
      const std::size_t i = run_index(s, r);
      const bool ran = written(s, r) || (s == 1 && r == 0);
      EXPECT_EQ(seeds[i], ran ? seed_of(s, r) : 0u) << s << "," << r;
      EXPECT_EQ(keys[i], ran ? static_cast<std::int64_t>(key_of(s, r)) : 0) << s << "," << r;
      EXPECT_EQ(errors[i], (s == 1 && r == 0) ? "model diverged at tick 3 (ünicode)" : "") << s << "," << r;
    }
  }
}

TEST_F(OutputSweepWriter, FailureAfterDoneResetsRunAndDoneAfterFailureClearsError) {
  const fs::path final_path = dir_ / "sweep.nc";
  {
    so::SweepWriter writer(final_path, make_layout());
    write_statics(writer);
    writer.write_run(1, 1, 5, 6, run_series(1, 1));
    writer.write_failure(1, 1, 7, 8, "out of memory");
    writer.write_failure(0, 1, 9, 10, "diverged");
    writer.write_run(0, 1, 11, 12, run_series(0, 1));
    writer.finish();
  }
  Handle file = open_file(final_path);
  Handle gdp = open_dataset(file.get(), "gdp");
  const auto values = read_doubles(gdp.get());
  const std::size_t per_run = ticks * regions;
  for (std::size_t k = 0; k < per_run; ++k) {
    EXPECT_TRUE(std::isnan(values[run_index(1, 1) * per_run + k])) << k;
    EXPECT_EQ(values[run_index(0, 1) * per_run + k], value(1, 0, 1, k / regions, k % regions)) << k;
  }
  Handle status = open_dataset(file.get(), "run_status");
  EXPECT_EQ(read_ints(status.get()), (std::vector<std::int32_t>{0, 1, 0, 2, 0, 0}));
  Handle error = open_dataset(file.get(), "run_error");
  EXPECT_EQ(read_strings(error.get()), (std::vector<std::string>{"", "", "", "out of memory", "", ""}));
  Handle seed = open_dataset(file.get(), "run_seed");
  EXPECT_EQ(read_all<std::uint64_t>(seed.get(), H5T_NATIVE_UINT64), (std::vector<std::uint64_t>{0, 11, 0, 7, 0, 0}));
}

namespace {

struct SweepRun {
  std::size_t scenario;
  std::size_t replicate;
  bool failed;
};

void write_runs(const fs::path& path, const std::vector<SweepRun>& runs) {
  so::SweepWriter writer(path, make_layout());
  for (const SweepRun& run : runs) {
    if (run.failed) {
      writer.write_failure(run.scenario, run.replicate, seed_of(run.scenario, run.replicate),
                           key_of(run.scenario, run.replicate), fmt::format("failure {}", run.scenario));
    } else {
      writer.write_run(run.scenario, run.replicate, seed_of(run.scenario, run.replicate),
                       key_of(run.scenario, run.replicate), run_series(run.scenario, run.replicate));
    }
  }
  write_statics(writer);
  writer.finish();
}

herr_t collect_name(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

std::vector<std::string> dataset_names(hid_t file) {
  std::vector<std::string> names;
  EXPECT_GE(H5Literate(file, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name, &names), 0);
  return names;
}

// The dataset's values as bytes of its native type (strings: their texts, NUL-separated).
std::vector<unsigned char> contents(hid_t dataset) {
  Handle file_type = Handle::checked(H5Dget_type(dataset), Kind::datatype, "test", "type");
  if (H5Tget_class(file_type.get()) == H5T_STRING) {
    std::vector<unsigned char> bytes;
    for (const std::string& s : read_strings(dataset)) {
      bytes.insert(bytes.end(), s.begin(), s.end());
      bytes.push_back(0);
    }
    return bytes;
  }
  Handle memory_type =
      Handle::checked(H5Tget_native_type(file_type.get(), H5T_DIR_ASCEND), Kind::datatype, "test", "native type");
  Handle space = Handle::checked(H5Dget_space(dataset), Kind::dataspace, "test", "space");
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  std::vector<unsigned char> bytes(n * H5Tget_size(memory_type.get()));
  EXPECT_GE(H5Dread(dataset, memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), 0);
  return bytes;
}

}  // namespace

TEST_F(OutputSweepWriter, WritingOrderDoesNotMatter) {
  const std::vector<SweepRun> forward{{0, 0, false}, {0, 1, false}, {1, 0, true}, {1, 1, false}, {2, 0, false}};
  // The same runs backwards, and (1, 1) first written as failed and (1, 0) first written as done: the
  // last write of a run wins.
  const std::vector<SweepRun> backward{{1, 1, true},  {2, 0, false}, {1, 1, false}, {1, 0, false},
                                  {1, 0, true},  {0, 1, false}, {0, 0, false}};
  write_runs(dir_ / "a.nc", forward);
  write_runs(dir_ / "b.nc", backward);
  Handle a = open_file(dir_ / "a.nc");
  Handle b = open_file(dir_ / "b.nc");
  const auto names = dataset_names(a.get());
  EXPECT_EQ(names, dataset_names(b.get()));
  EXPECT_EQ(names.size(), 17u);  // 5 dimensions, 2 parameters, 6 variables, 4 run variables
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    Handle da = open_dataset(a.get(), name);
    Handle db = open_dataset(b.get(), name);
    const auto ca = contents(da.get());
    const auto cb = contents(db.get());
    ASSERT_EQ(ca.size(), cb.size());
    EXPECT_EQ(std::memcmp(ca.data(), cb.data(), ca.size()), 0);
  }
  // The comparison sees the runs: a file with one run fewer differs.
  write_runs(dir_ / "c.nc", {{0, 0, false}, {0, 1, false}, {1, 0, true}, {1, 1, false}});
  Handle c = open_file(dir_ / "c.nc");
  Handle gdp_a = open_dataset(a.get(), "gdp");
  Handle gdp_c = open_dataset(c.get(), "gdp");
  EXPECT_NE(contents(gdp_a.get()), contents(gdp_c.get()));
}

TEST_F(OutputSweepWriter, EncodedRunsReadBackLikeWrittenOnes) {
  // Runs compressed by encode_run (in the runs' threads) and written chunk by chunk hold the same values
  // as runs written by write_run, at a deflate level and without compression.
  for (int level : {5, 0}) {
    SCOPED_TRACE(level);
    so::SweepLayout layout = make_layout();
    layout.options.deflate_level = level;
    const fs::path plain_path = dir_ / fmt::format("plain{}.nc", level);
    const fs::path encoded_path = dir_ / fmt::format("encoded{}.nc", level);
    {
      so::SweepWriter plain(plain_path, layout);
      so::SweepWriter encoded(encoded_path, layout);
      write_statics(plain);
      write_statics(encoded);
      for (const auto& [s, r] : std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {2, 0}}) {
        plain.write_run(s, r, seed_of(s, r), key_of(s, r), run_series(s, r));
        encoded.write_encoded_run(s, r, seed_of(s, r), key_of(s, r), so::encode_run(level, run_series(s, r)));
      }
      plain.finish();
      encoded.finish();
    }
    Handle a = open_file(plain_path);
    Handle b = open_file(encoded_path);
    for (const std::string& name : dataset_names(a.get())) {
      SCOPED_TRACE(name);
      Handle da = open_dataset(a.get(), name);
      Handle db = open_dataset(b.get(), name);
      const auto ca = contents(da.get());
      const auto cb = contents(db.get());
      ASSERT_EQ(ca.size(), cb.size());
      EXPECT_EQ(std::memcmp(ca.data(), cb.data(), ca.size()), 0);
    }
  }
  // A wrong number of values is refused before anything is written.
  so::SweepWriter writer(dir_ / "wrong.nc", make_layout());
  auto encoded = so::encode_run(5, run_series(0, 0));
  encoded[1].values += 1;
  EXPECT_THROW(writer.write_encoded_run(0, 0, 1, 1, encoded), std::invalid_argument);
  encoded.pop_back();
  EXPECT_THROW(writer.write_encoded_run(0, 0, 1, 1, encoded), std::invalid_argument);
}

TEST_F(OutputSweepWriter, WrongRunsAreRejectedBeforeWriting) {
  const fs::path final_path = dir_ / "sweep.nc";
  so::SweepWriter writer(final_path, make_layout());
  EXPECT_THROW(writer.write_run(scenarios, 0, 1, 2, run_series(0, 0)), std::out_of_range);
  EXPECT_THROW(writer.write_run(0, replicates, 1, 2, run_series(0, 0)), std::out_of_range);
  EXPECT_THROW(writer.write_failure(scenarios, 0, 1, 2, "x"), std::out_of_range);
  auto short_series = run_series(0, 0);
  short_series[2].pop_back();
  EXPECT_THROW(writer.write_run(0, 0, 1, 2, short_series), std::invalid_argument);
  auto missing = run_series(0, 0);
  missing.pop_back();
  EXPECT_THROW(writer.write_run(0, 0, 1, 2, missing), std::invalid_argument);
  EXPECT_THROW(writer.write_static("gdp", std::vector<double>{1.0, 2.0}), std::invalid_argument);
  EXPECT_THROW(writer.write_static("nothing", std::vector<double>{1.0}), std::invalid_argument);
  EXPECT_THROW(writer.write_static("area", std::vector<double>{1.0}), std::invalid_argument);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(writer.write_static("sector_code", std::vector<double>{1.0, nan, 3.0}), so::OutputError);
  // A static variable never written: finish refuses, and succeeds once it is written.
  writer.write_static("area", std::vector<double>{1.0, 2.0});
  EXPECT_THROW(writer.finish(), std::logic_error);
  EXPECT_TRUE(fs::exists(writer.partial_path()));
  writer.write_static("sector_code", std::vector<double>{1.0, 2.0, 3.0});
  writer.finish();
  Handle file = open_file(final_path);
  Handle status = open_dataset(file.get(), "run_status");
  EXPECT_EQ(read_ints(status.get()), std::vector<std::int32_t>(scenarios * replicates, 0)) << "nothing written";
}

TEST_F(OutputSweepWriter, LayoutErrorsAreLogicErrors) {
  const fs::path final_path = dir_ / "sweep.nc";
  const auto expect_rejected = [&](const so::SweepLayout& layout, const char* what) {
    EXPECT_THROW(so::SweepWriter(final_path, layout), std::logic_error) << what;
    EXPECT_FALSE(fs::exists(final_path.string() + ".partial")) << what;
  };
  {
    auto layout = make_layout();
    layout.time_values.clear();
    expect_rejected(layout, "no ticks");
  }
  {
    auto layout = make_layout();
    layout.scenarios = 0;
    layout.parameters.clear();
    expect_rejected(layout, "no scenarios");
  }
  {
    auto layout = make_layout();
    layout.replicates = 0;
    expect_rejected(layout, "no replicates");
  }
  {
    auto layout = make_layout();
    layout.parameters[0].second.pop_back();
    expect_rejected(layout, "parameter values != scenarios");
  }
  {
    auto layout = make_layout();
    layout.parameters.emplace_back("gdp", rates);
    expect_rejected(layout, "parameter named like a variable");
  }
  {
    auto layout = make_layout();
    layout.parameters.emplace_back("a key", rates);
    expect_rejected(layout, "parameter with white space");
  }
  {
    auto layout = make_layout();
    layout.variables.push_back(declaration("run_status", {}, "1", "clash", true));
    expect_rejected(layout, "variable named like a run variable");
  }
  {
    auto layout = make_layout();
    layout.variables.push_back(declaration("x", {"sector"}, "1", "unknown axis", true));
    expect_rejected(layout, "unknown axis");
  }
  {
    auto layout = make_layout();
    layout.axes.push_back({"scenario", "clash", {"a"}});
    expect_rejected(layout, "axis named like a sweep dimension");
  }
  {
    auto layout = make_layout();
    layout.options.deflate_level = 10;
    expect_rejected(layout, "deflate level");
  }
}

namespace {

constexpr const char* python = "/usr/bin/python3";

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

int run(const std::string& command) {
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

// Checks the sweep file with xarray (both engines), warnings being errors. argv: FILE.
constexpr const char* xarray_script = R"PY(
import sys
import warnings
import numpy as np
import xarray as xr
import netCDF4  # noqa: F401
import h5netcdf  # noqa: F401

def check(condition, message):
    if not condition:
        print(f"sweep readback: FAIL: {message}", file=sys.stderr)
        sys.exit(1)

warnings.simplefilter("error")
path = sys.argv[1]
key = "policy.rd_subsidy_rate"
for engine in ("netcdf4", "h5netcdf"):
    where = f"[{engine}]"
    with xr.open_dataset(path, engine=engine) as ds:
        check(ds.gdp.dims == ("scenario", "replicate", "time", "region"), f"{where} gdp dims {ds.gdp.dims}")
        check(ds.output.dims == ("scenario", "replicate", "time", "region", "industry"), f"{where} output dims")
        check(key in ds.coords, f"{where} {key} not a coordinate: {list(ds.coords)}")
        check("talent.mobility" in ds.gdp.coords, f"{where} talent.mobility not a coordinate of gdp")
        check(ds[key].dims == ("scenario",), f"{where} {key} dims {ds[key].dims}")
        check(np.allclose(ds[key].values, [0.1, 0.2, 0.35]), f"{where} {key} values {ds[key].values}")
        check(ds[key].attrs["description"] == f"swept scenario key {key}", f"{where} description of {key}")
        check(np.issubdtype(ds.time.dtype, np.datetime64), f"{where} time not decoded: {ds.time.dtype}")
        check(ds.time.values[0] == np.datetime64("2023-03-31", "ns"), f"{where} first time {ds.time.values[0]}")
        check(list(ds.scenario.values) == [0, 1, 2], f"{where} scenario {ds.scenario.values}")
        check(list(ds.replicate.values) == [0, 1], f"{where} replicate {ds.replicate.values}")
        check(list(ds.region.values) == ["Beijing", "Tianjin"], f"{where} region {ds.region.values}")
        for dim in ds.dims:
            check(dim in ds.coords, f"{where} dimension {dim} without coordinate")
        mean = ds.gdp.mean("replicate")
        check(mean.dims == ("scenario", "time", "region"), f"{where} mean dims {mean.dims}")
        check(key in mean.coords, f"{where} {key} lost by mean")
        # Scenario 0: both replicates written (gdp = 1000 s + 100 r + 10 t + region + 0.125).
        check(float(mean.isel(scenario=0, time=1, region=1)) == 50 + 10 + 1 + 0.125,
              f"{where} mean value {float(mean.isel(scenario=0, time=1, region=1))}")
        # Scenario 2: replicate 1 not written reads as NaN; NaN-skipping mean gives replicate 0.
        check(bool(np.isnan(ds.gdp.isel(scenario=2, replicate=1)).all()), f"{where} unwritten run not NaN")
        check(float(mean.isel(scenario=2, time=0, region=0)) == 2000.125, f"{where} NaN not skipped")
        check(list(ds.run_status.values.ravel()) == [1, 1, 1, 2, 1, 0], f"{where} run_status {ds.run_status.values}")
        check(ds.run_error.values[1, 1] == "boom", f"{where} run_error {ds.run_error.values}")
        check(ds.run_error.values[0, 0] == "" and ds.run_error.values[2, 1] == "", f"{where} empty run_error")
        check(int(ds.run_seed.values[2, 0]) == 2**64 - 1, f"{where} run_seed {ds.run_seed.values}")
        check(float(ds.area.values[1]) == 1001.5, f"{where} area {ds.area.values}")
        check(ds.attrs["title"] == "clustersim test sweep", f"{where} title {ds.attrs}")
print("ok")
)PY";

}  // namespace

TEST_F(OutputSweepWriter, XarrayAndNcdumpReadSweep) {
  if (::access(python, X_OK) != 0) GTEST_SKIP() << python << " not found";
  if (run(std::string(python) + " -c 'import xarray, netCDF4, h5netcdf' 2>/dev/null") != 0) {
    GTEST_SKIP() << python << " lacks xarray, netCDF4 or h5netcdf";
  }
  const fs::path final_path = dir_ / "sweep.nc";
  {
    so::SweepWriter writer(final_path, make_layout());
    write_statics(writer);
    for (std::size_t s = 0; s < scenarios; ++s) {
      for (std::size_t r = 0; r < replicates; ++r) {
        if (s == 1 && r == 1) {
          writer.write_failure(s, r, 3, 4, "boom");
        } else if (!(s == 2 && r == 1)) {
          writer.write_run(s, r, s == 2 ? std::numeric_limits<std::uint64_t>::max() : 1, 2, run_series(s, r));
        }
      }
    }
    writer.finish();
  }
  const fs::path script = dir_ / "check_sweep.py";
  {
    std::ofstream out(script);
    out << xarray_script;
  }
  const std::string command = std::string(python) + " " + quote(script.string()) + " " + quote(final_path.string());
  EXPECT_EQ(run(command), 0) << command;

  for (const char* ncdump : {"/usr/bin/ncdump", "/usr/local/bin/ncdump"}) {
    if (::access(ncdump, X_OK) != 0) continue;
    EXPECT_EQ(run(fmt::format("{} {} > /dev/null", ncdump, quote(final_path.string()))), 0);
    break;
  }
}
