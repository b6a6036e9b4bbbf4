// Tables (Registry::add_table, RunWriter::append_snapshot): long-format records along their own
// unlimited dimension, read back through the HDF5 C API.
// Just over 500 lines: one sample table serves every case of the record tables.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hdf5_read_support.hpp"
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
using testing_support::open_file;
using testing_support::read_doubles;
using testing_support::read_ints;
using testing_support::shape_of;

std::vector<std::int64_t> read_int64s(hid_t dataset) {
  return testing_support::read_all<std::int64_t>(dataset, H5T_NATIVE_INT64);
}

using testing_support::attribute;

bool has_type(hid_t dataset, hid_t type) {
  Handle actual = Handle::checked(H5Dget_type(dataset), Kind::datatype, "test", "type");
  return H5Tequal(actual.get(), type) > 0;
}

std::string scale_name(hid_t scale) {
  char name[64] = {};
  EXPECT_GT(H5DSget_scale_name(scale, name, sizeof name), 0);
  return name;
}

// Chunk size along the single dimension, and whether shuffle precedes deflate at `level`.
void expect_chunked_and_compressed(hid_t dataset, hsize_t chunk_rows, unsigned level) {
  Handle dcpl = Handle::checked(H5Dget_create_plist(dataset), Kind::property_list, "test", "dcpl");
  ASSERT_EQ(H5Pget_layout(dcpl.get()), H5D_CHUNKED);
  hsize_t chunk[1] = {};
  EXPECT_EQ(H5Pget_chunk(dcpl.get(), 1, chunk), 1);
  EXPECT_EQ(chunk[0], chunk_rows);
  unsigned order = 0;
  ASSERT_GE(H5Pget_attr_creation_order(dcpl.get(), &order), 0);
  EXPECT_EQ(order, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  bool shuffle = false;
  bool deflate = false;
  for (int f = 0; f < H5Pget_nfilters(dcpl.get()); ++f) {
    unsigned flags = 0;
    std::size_t n_values = 4;
    unsigned values[4] = {};
    char name[64] = {};
    unsigned config = 0;
    const H5Z_filter_t id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(f), &flags, &n_values, values,
                                           sizeof name, name, &config);
    if (id == H5Z_FILTER_SHUFFLE) {
      shuffle = true;
      EXPECT_FALSE(deflate) << "shuffle must come before deflate";
    }
    if (id == H5Z_FILTER_DEFLATE) {
      deflate = true;
      ASSERT_GE(n_values, 1u);
      EXPECT_EQ(values[0], level);
    }
  }
  EXPECT_TRUE(shuffle);
  EXPECT_TRUE(deflate);
}

// A firm as the model would report it; the sampler writes one row per firm.
struct Firm {
  double id;
  double region;
  double industry;
  double age;
  double productivity;
  double output;
  double talent;
  double net_worth;
};

// Columns of the firm table; ids and codes are int64.
std::vector<so::Column> firm_columns() {
  return {{.name = "firm_id", .units = "1", .long_name = "firm identifier", .description = "firm identifier", .storage = so::Storage::int64},
          {.name = "firm_region", .units = "1", .long_name = "Region index", .description = "region index of the firm (0-based, along dimension region)", .storage = so::Storage::int64},
          {.name = "firm_industry", .units = "1", .long_name = "Industry index", .description = "industry index of the firm (0-based, along dimension industry)",
           .storage = so::Storage::int64},
          {.name = "firm_age", .units = "year", .long_name = "age of the firm", .description = "age of the firm", .storage = so::Storage::float64},
          {.name = "firm_productivity", .units = "output unit/(person*year)", .long_name = "productivity", .description = "productivity", .storage = so::Storage::float64},
          {.name = "firm_output", .units_note = "1e8 CNY/year", .long_name = "real output", .description = "real output", .storage = so::Storage::float64},
          {.name = "firm_talent", .units = "persons", .long_name = "researchers employed", .description = "researchers employed", .storage = so::Storage::int64},
          {.name = "firm_net_worth", .units = "1e8 CNY", .long_name = "net worth", .description = "net worth", .storage = so::Storage::float64}};
}

so::Table firm_table(const std::vector<Firm>& firms) {
  so::Table table;
  table.dimension = "firm_record";
  table.long_name = "firm-level snapshot record";
  table.columns = firm_columns();
  table.sample = [&firms](std::vector<std::vector<double>>& columns) {
    for (const Firm& f : firms) {
      columns[0].push_back(f.id);
      columns[1].push_back(f.region);
      columns[2].push_back(f.industry);
      columns[3].push_back(f.age);
      columns[4].push_back(f.productivity);
      columns[5].push_back(f.output);
      columns[6].push_back(f.talent);
      columns[7].push_back(f.net_worth);
    }
  };
  return table;
}

// Snapshot s, firm k: distinct values per row and column. Integer columns get x.4 to check rounding.
Firm make_firm(int s, int k) {
  const double base = 100.0 * s + k;
  return {base + 0.4, static_cast<double>(k % 2), static_cast<double>(k % 3), 0.25 * s + k, 1.5 + base,
          -2.0 + base, 10.0 + base + 0.4, 1e3 * base - 0.5};
}

class OutputTable : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("clustersim_output_table_" + std::to_string(::getpid()) + "_" + info->name());
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

so::Column column(std::string name) {
  return {.name = std::move(name), .units = "1", .long_name = "x", .description = "x", .storage = so::Storage::float64};
}

so::Table simple_table(std::string dimension, std::vector<std::string> columns) {
  so::Table table;
  table.dimension = std::move(dimension);
  table.long_name = "test table";
  for (std::string& name : columns) table.columns.push_back(column(std::move(name)));
  table.sample = [](std::vector<std::vector<double>>& out) {
    for (auto& c : out) c.push_back(1.0);
  };
  return table;
}

}  // namespace

TEST_F(OutputTable, TimeSeriesAndTableReadBack) {
  double tick = 0;
  std::vector<Firm> firms;
  so::Registry registry;
  registry.add({.name = "population", .axes = {}, .units = "1e4 person", .long_name = "resident population", .description = "resident population", .time_series = true, .storage = so::Storage::float64,
                .sample = [&tick](std::span<double> out) { out[0] = 100.0 + tick; }});
  registry.add({.name = "gdp", .axes = {"region"}, .units = "1e8 CNY/year", .long_name = "gross regional product", .description = "gross regional product", .time_series = true, .storage = so::Storage::float64,
                .sample = [&tick](std::span<double> out) {
                  for (std::size_t r = 0; r < out.size(); ++r) out[r] = 10.0 * static_cast<double>(r) + tick;
                }});
  registry.add_table(firm_table(firms));
  ASSERT_EQ(registry.tables().size(), 1u);

  const fs::path final_path = dir_ / "run.nc";
  so::WriterOptions options;
  options.time_chunk = 4;
  options.deflate_level = 5;
  options.table_chunk = 3;  // the 9 rows span three chunks, snapshots straddle chunk boundaries
  const std::vector<double> times{89.0, 180.0, 272.0, 364.0, 454.0};
  const std::vector<int> rows_at_tick{4, 0, 2, -1, 3};  // -1: no snapshot at that tick; 0: an empty one
  std::vector<double> expected_times;
  std::vector<Firm> expected;
  {
    so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {{"title", "tables"}}, options);
    int snapshot = 0;
    for (std::size_t t = 0; t < times.size(); ++t) {
      tick = static_cast<double>(t);
      writer.append(times[t]);
      if (rows_at_tick[t] < 0) continue;
      firms.clear();
      for (int k = 0; k < rows_at_tick[t]; ++k) firms.push_back(make_firm(snapshot, k));
      writer.append_snapshot(times[t]);
      expected.insert(expected.end(), firms.begin(), firms.end());
      expected_times.insert(expected_times.end(), firms.size(), times[t]);
      ++snapshot;
    }
    writer.finish();
    EXPECT_THROW(writer.append_snapshot(500.0), std::logic_error);
  }
  ASSERT_EQ(expected.size(), 9u);

  Handle file = open_file(final_path);

  // The time series are untouched by snapshots.
  {
    Handle population = open_dataset(file.get(), "population");
    EXPECT_EQ(read_doubles(population.get()), (std::vector<double>{100, 101, 102, 103, 104}));
    Handle time = open_dataset(file.get(), "time");
    EXPECT_EQ(read_doubles(time.get()), times);
    Handle gdp = open_dataset(file.get(), "gdp");
    EXPECT_EQ(shape_of(gdp.get()), (std::vector<hsize_t>{5, 2}));
  }

  // The row coordinate: int64 row numbers, an unlimited dimension scale named like the table.
  Handle row = open_dataset(file.get(), "firm_record");
  {
    std::vector<hsize_t> max_dims;
    EXPECT_EQ(shape_of(row.get(), &max_dims), (std::vector<hsize_t>{9}));
    EXPECT_EQ(max_dims, (std::vector<hsize_t>{H5S_UNLIMITED}));
    EXPECT_TRUE(has_type(row.get(), H5T_STD_I64LE));
    EXPECT_EQ(read_int64s(row.get()), (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
    EXPECT_GT(H5DSis_scale(row.get()), 0);
    EXPECT_EQ(scale_name(row.get()), "firm_record");
    EXPECT_EQ(attribute(row.get(), "long_name"), "firm-level snapshot record");
    EXPECT_FALSE(attribute(row.get(), "description").empty());
    expect_chunked_and_compressed(row.get(), 3, 5);
  }

  // firm_record_time: the snapshot time of every row, encoded like the time axis.
  {
    Handle time = open_dataset(file.get(), "firm_record_time");
    std::vector<hsize_t> max_dims;
    EXPECT_EQ(shape_of(time.get(), &max_dims), (std::vector<hsize_t>{9}));
    EXPECT_EQ(max_dims, (std::vector<hsize_t>{H5S_UNLIMITED}));
    EXPECT_TRUE(has_type(time.get(), H5T_IEEE_F64LE));
    EXPECT_EQ(read_doubles(time.get()), expected_times);
    EXPECT_EQ(expected_times, (std::vector<double>{89, 89, 89, 89, 272, 272, 454, 454, 454}));
    EXPECT_EQ(attribute(time.get(), "units"), "days since 2023-01-01 00:00:00");
    EXPECT_EQ(attribute(time.get(), "calendar"), "proleptic_gregorian");
    EXPECT_FALSE(attribute(time.get(), "long_name").empty());
    EXPECT_FALSE(attribute(time.get(), "description").empty());
    EXPECT_EQ(H5DSis_scale(time.get()), 0);
    EXPECT_EQ(H5DSget_num_scales(time.get(), 0), 1);
    EXPECT_GT(H5DSis_attached(time.get(), row.get(), 0), 0);
    expect_chunked_and_compressed(time.get(), 3, 5);
  }

  // Every column: 1-D along firm_record, attached, described, compressed, with the sampled values.
  const auto columns = firm_columns();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const so::Column& col = columns[c];
    SCOPED_TRACE(col.name);
    Handle dataset = open_dataset(file.get(), col.name);
    std::vector<hsize_t> max_dims;
    EXPECT_EQ(shape_of(dataset.get(), &max_dims), (std::vector<hsize_t>{9}));
    EXPECT_EQ(max_dims, (std::vector<hsize_t>{H5S_UNLIMITED}));
    EXPECT_EQ(H5DSis_scale(dataset.get()), 0);
    EXPECT_EQ(H5DSget_num_scales(dataset.get(), 0), 1);
    EXPECT_GT(H5DSis_attached(dataset.get(), row.get(), 0), 0);
    if (col.units.empty()) {
      EXPECT_EQ(H5Aexists(dataset.get(), "units"), 0);
    } else {
      EXPECT_EQ(attribute(dataset.get(), "units"), col.units);
    }
    if (col.units_note.empty()) {
      EXPECT_EQ(H5Aexists(dataset.get(), "units_note"), 0);
    } else {
      EXPECT_EQ(attribute(dataset.get(), "units_note"), col.units_note);
    }
    EXPECT_EQ(attribute(dataset.get(), "long_name"), col.long_name);
    EXPECT_EQ(attribute(dataset.get(), "description"), col.description);
    EXPECT_LT(H5Aexists(dataset.get(), "_FillValue"), 1);
    expect_chunked_and_compressed(dataset.get(), 3, 5);
    std::vector<double> want;
    for (const Firm& f : expected) {
      const double fields[] = {f.id, f.region, f.industry, f.age, f.productivity, f.output, f.talent, f.net_worth};
      want.push_back(fields[c]);
    }
    if (col.storage == so::Storage::int64) {
      EXPECT_TRUE(has_type(dataset.get(), H5T_STD_I64LE));
      std::vector<std::int32_t> rounded;
      for (double w : want) rounded.push_back(static_cast<std::int32_t>(std::round(w)));
      EXPECT_EQ(read_ints(dataset.get()), rounded);
    } else {
      EXPECT_TRUE(has_type(dataset.get(), H5T_IEEE_F64LE));
      EXPECT_EQ(read_doubles(dataset.get()), want);
    }
  }
  {
    Handle id = open_dataset(file.get(), "firm_id");
    // Snapshot 1 (tick 1) is empty.
    EXPECT_EQ(read_ints(id.get()), (std::vector<std::int32_t>{0, 1, 2, 3, 200, 201, 300, 301, 302}));
  }
}

TEST_F(OutputTable, NeverAppendedTableIsZeroLength) {
  std::vector<Firm> firms{make_firm(0, 0)};
  so::Registry registry;
  registry.add({.name = "population", .axes = {}, .units = "1", .long_name = "p", .description = "p", .time_series = true, .storage = so::Storage::float64, .sample = [](std::span<double> out) { out[0] = 1; }});
  registry.add_table(firm_table(firms));
  const fs::path final_path = dir_ / "run.nc";
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {});
  writer.append(1.0);
  writer.finish();
  Handle file = open_file(final_path);
  Handle row = open_dataset(file.get(), "firm_record");
  std::vector<hsize_t> max_dims;
  EXPECT_EQ(shape_of(row.get(), &max_dims), (std::vector<hsize_t>{0}));
  EXPECT_EQ(max_dims, (std::vector<hsize_t>{H5S_UNLIMITED}));
  EXPECT_GT(H5DSis_scale(row.get()), 0);
  for (const std::string name : {"firm_record_time", "firm_id", "firm_net_worth"}) {
    Handle dataset = open_dataset(file.get(), name);
    EXPECT_EQ(shape_of(dataset.get()), (std::vector<hsize_t>{0})) << name;
    EXPECT_GT(H5DSis_attached(dataset.get(), row.get(), 0), 0) << name;
  }
}

TEST_F(OutputTable, SeveralTablesAreIndependent) {
  so::Registry registry;
  int n_a = 2;
  int n_b = 1;
  so::Table a = simple_table("a_record", {"a_x"});
  a.sample = [&n_a](std::vector<std::vector<double>>& out) { out[0].assign(static_cast<std::size_t>(n_a), 1.0); };
  so::Table b = simple_table("b_record", {"b_x", "b_y"});
  b.sample = [&n_b](std::vector<std::vector<double>>& out) {
    out[0].assign(static_cast<std::size_t>(n_b), 2.0);
    out[1].assign(static_cast<std::size_t>(n_b), 3.0);
  };
  registry.add_table(std::move(a));
  registry.add_table(std::move(b));
  const fs::path final_path = dir_ / "run.nc";
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {});
  writer.append_snapshot(10.0);  // a snapshot without any append to the time axis
  n_a = 0;
  n_b = 3;
  writer.append_snapshot(20.0);
  writer.finish();
  Handle file = open_file(final_path);
  Handle time = open_dataset(file.get(), "time");
  EXPECT_EQ(shape_of(time.get()), (std::vector<hsize_t>{0}));
  Handle a_time = open_dataset(file.get(), "a_record_time");
  EXPECT_EQ(read_doubles(a_time.get()), (std::vector<double>{10, 10}));
  Handle b_time = open_dataset(file.get(), "b_record_time");
  EXPECT_EQ(read_doubles(b_time.get()), (std::vector<double>{10, 20, 20, 20}));
  Handle b_row = open_dataset(file.get(), "b_record");
  EXPECT_EQ(read_int64s(b_row.get()), (std::vector<std::int64_t>{0, 1, 2, 3}));
  Handle b_y = open_dataset(file.get(), "b_y");
  EXPECT_EQ(read_doubles(b_y.get()), (std::vector<double>{3, 3, 3, 3}));
  Handle a_row = open_dataset(file.get(), "a_record");
  Handle b_x = open_dataset(file.get(), "b_x");
  EXPECT_GT(H5DSis_attached(b_x.get(), b_row.get(), 0), 0);
  EXPECT_EQ(H5DSis_attached(b_x.get(), a_row.get(), 0), 0);
}

TEST_F(OutputTable, ManySnapshotsAcrossChunks) {
  int snapshot = 0;
  so::Registry registry;
  so::Table table = simple_table("rec", {"value"});
  table.sample = [&snapshot](std::vector<std::vector<double>>& out) {
    const int rows = (snapshot * 7) % 13;  // 0..12 rows, varying
    for (int k = 0; k < rows; ++k) out[0].push_back(1000.0 * snapshot + k);
  };
  registry.add_table(std::move(table));
  const fs::path final_path = dir_ / "run.nc";
  so::WriterOptions options;
  options.table_chunk = 5;
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {}, options);
  std::vector<double> want_values;
  std::vector<double> want_times;
  for (snapshot = 0; snapshot < 200; ++snapshot) {
    writer.append_snapshot(snapshot);
    const int rows = (snapshot * 7) % 13;
    for (int k = 0; k < rows; ++k) {
      want_values.push_back(1000.0 * snapshot + k);
      want_times.push_back(snapshot);
    }
  }
  writer.finish();
  Handle file = open_file(final_path);
  Handle value = open_dataset(file.get(), "value");
  EXPECT_EQ(read_doubles(value.get()), want_values);
  Handle time = open_dataset(file.get(), "rec_time");
  EXPECT_EQ(read_doubles(time.get()), want_times);
  Handle row = open_dataset(file.get(), "rec");
  const auto rows = read_int64s(row.get());
  ASSERT_EQ(rows.size(), want_values.size());
  for (std::size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i], static_cast<std::int64_t>(i));
}

TEST_F(OutputTable, BadSnapshotsLeaveEveryTableConsistent) {
  enum class Mode { good, too_few_columns, too_many_columns, ragged, throws, nan_int, huge_int } mode = Mode::good;
  so::Registry registry;
  registry.add_table(simple_table("first", {"first_x"}));  // sampled before the failing table
  so::Table table;
  table.dimension = "rec";
  table.long_name = "records";
  table.columns = {column("x"), {.name = "n", .units = "1", .long_name = "count", .description = "count", .storage = so::Storage::int64}};
  table.sample = [&mode](std::vector<std::vector<double>>& out) {
    switch (mode) {
      case Mode::good: out[0] = {1.0, 2.0}; out[1] = {3.0, 4.0}; break;
      case Mode::too_few_columns: out.resize(1); out[0] = {1.0}; break;
      case Mode::too_many_columns: out.resize(3); for (auto& c : out) c = {1.0}; break;
      case Mode::ragged: out[0] = {1.0, 2.0}; out[1] = {3.0}; break;
      case Mode::throws: out[0] = {1.0}; out[1] = {1.0}; throw std::runtime_error("model failure");
      case Mode::nan_int: out[0] = {1.0}; out[1] = {std::numeric_limits<double>::quiet_NaN()}; break;
      case Mode::huge_int: out[0] = {1.0}; out[1] = {1e19}; break;
    }
  };
  registry.add_table(std::move(table));
  const fs::path final_path = dir_ / "run.nc";
  so::RunWriter writer(final_path, make_time_axis(), make_axes(), registry, {});
  writer.append_snapshot(1.0);
  for (Mode bad : {Mode::too_few_columns, Mode::too_many_columns, Mode::ragged}) {
    mode = bad;
    EXPECT_THROW(writer.append_snapshot(2.0), std::logic_error);
  }
  mode = Mode::throws;
  EXPECT_THROW(writer.append_snapshot(2.0), std::runtime_error);
  for (Mode bad : {Mode::nan_int, Mode::huge_int}) {
    mode = bad;
    try {
      writer.append_snapshot(2.0);
      ADD_FAILURE() << "no error";
    } catch (const so::OutputError& e) {
      EXPECT_NE(std::string(e.what()).find("'n'"), std::string::npos) << e.what();
    }
  }
  mode = Mode::good;
  EXPECT_THROW(writer.append_snapshot(std::numeric_limits<double>::infinity()), std::invalid_argument);
  writer.append_snapshot(3.0);
  writer.finish();

  Handle file = open_file(final_path);
  for (const char* name : {"first", "first_time", "first_x"}) {
    Handle dataset = open_dataset(file.get(), name);
    EXPECT_EQ(shape_of(dataset.get()), (std::vector<hsize_t>{2})) << name;
  }
  for (const char* name : {"rec", "rec_time", "x", "n"}) {
    Handle dataset = open_dataset(file.get(), name);
    EXPECT_EQ(shape_of(dataset.get()), (std::vector<hsize_t>{4})) << name;
  }
  Handle time = open_dataset(file.get(), "rec_time");
  EXPECT_EQ(read_doubles(time.get()), (std::vector<double>{1, 1, 3, 3}));
  Handle n = open_dataset(file.get(), "n");
  EXPECT_EQ(read_ints(n.get()), (std::vector<std::int32_t>{3, 4, 3, 4}));
  Handle first_time = open_dataset(file.get(), "first_time");
  EXPECT_EQ(read_doubles(first_time.get()), (std::vector<double>{1, 3}));
}

TEST_F(OutputTable, RegistryRejectsBadTables) {
  auto variable = [](std::string name) {
    return so::Variable{.name = std::move(name), .axes = {}, .units = "1", .long_name = "x", .description = "x", .time_series = true, .storage = so::Storage::float64,
                        .sample = [](std::span<double> out) { out[0] = 1; }};
  };
  auto rejected = [&](so::Table table, const char* why) {
    so::Registry registry;
    registry.add(variable("gdp"));
    registry.add_table(simple_table("other", {"other_x"}));
    EXPECT_THROW(registry.add_table(std::move(table)), std::logic_error) << why;
    EXPECT_EQ(registry.tables().size(), 1u) << why;
  };
  rejected(simple_table("", {"x"}), "empty dimension");
  rejected(simple_table("a/b", {"x"}), "dimension with a slash");
  rejected(simple_table(".", {"x"}), "dimension '.'");
  rejected(simple_table("rec", {}), "no columns");
  rejected(simple_table("rec", {""}), "empty column name");
  rejected(simple_table("rec", {"x/y"}), "column with a slash");
  rejected(simple_table("rec", {"x", "x"}), "duplicate column");
  rejected(simple_table("rec", {"rec"}), "column named like the dimension");
  rejected(simple_table("rec", {"rec_time"}), "column named like the time column");
  rejected(simple_table("rec", {"gdp"}), "column named like a variable");
  rejected(simple_table("gdp", {"x"}), "dimension named like a variable");
  rejected(simple_table("other", {"x"}), "duplicate table");
  rejected(simple_table("rec", {"other_x"}), "column of another table");
  rejected(simple_table("rec", {"other_time"}), "column named like another table's time column");
  rejected(simple_table("other_x", {"y"}), "dimension named like another table's column");
  {
    so::Table no_sampler = simple_table("rec", {"x"});
    no_sampler.sample = nullptr;
    rejected(std::move(no_sampler), "no sampler");
  }
  {
    so::Registry registry;
    registry.add_table(simple_table("rec", {"x"}));
    EXPECT_THROW(registry.add(variable("x")), std::logic_error) << "variable named like a column";
    EXPECT_THROW(registry.add(variable("rec_time")), std::logic_error) << "variable named like a time column";
    EXPECT_THROW(registry.add(variable("rec")), std::logic_error) << "variable named like a dimension";
    EXPECT_TRUE(registry.variables().empty());
    EXPECT_EQ(so::table_time_name(registry.tables()[0]), "rec_time");
  }
}

TEST_F(OutputTable, NamesClashingWithAxesOrTimeFailConstruction) {
  const fs::path final_path = dir_ / "run.nc";
  auto expect_logic_error = [&](so::Table table, const char* why) {
    so::Registry registry;
    registry.add_table(std::move(table));
    EXPECT_THROW(so::RunWriter(final_path, make_time_axis(), make_axes(), registry, {}), std::logic_error) << why;
    EXPECT_FALSE(fs::exists(final_path.string() + ".partial")) << why;
    EXPECT_FALSE(fs::exists(final_path)) << why;
  };
  expect_logic_error(simple_table("rec", {"region"}), "column named like an axis");
  expect_logic_error(simple_table("rec", {"time"}), "column named time");
  expect_logic_error(simple_table("industry", {"x"}), "dimension named like an axis");
  expect_logic_error(simple_table("time", {"x"}), "dimension named time");
  {
    so::Table table = simple_table("rec", {"x"});
    table.columns[0].description.clear();
    expect_logic_error(std::move(table), "column without a description");
  }
  {
    so::Table table = simple_table("rec", {"x"});
    table.columns[0].units.clear();
    expect_logic_error(std::move(table), "column with neither units nor units_note");
  }
  {
    so::Registry registry;
    registry.add_table(simple_table("rec", {"x"}));
    so::WriterOptions options;
    options.table_chunk = 0;
    EXPECT_THROW(so::RunWriter(final_path, make_time_axis(), make_axes(), registry, {}, options), std::logic_error);
  }
}
