// Records keys: inline [[regions]] tables and CSV files, with their errors.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"

namespace sim::config {
namespace {

namespace fs = std::filesystem;

using testing_support::field;

Schema test_schema() {
  Schema schema;
  KeySpec openness;
  openness.path = "policy.openness";
  openness.kind = Kind::real;
  openness.default_value = 0.5;
  openness.range = {.min = 0, .max = 1};
  schema.add(openness);
  KeySpec regions;
  regions.path = "regions";
  regions.kind = Kind::records;
  regions.fields = {field("name", Kind::string),
                    field("lat", Kind::real, {.min = -90, .max = 90}),
                    field("lon", Kind::real, {.min = -180, .max = 180}),
                    field("gdp", Kind::real, {.min = 0}),
                    field("tags", Kind::string_list, {}, false),
                    field("coastal", Kind::boolean, {}, false),
                    field("tier", Kind::integer, {.min = 1, .max = 3}, false),
                    field("kind", Kind::choice, {}, false)};
  regions.fields[3].aliases = {"gdp_2022"};
  regions.fields[7].choices = {"city", "province"};
  schema.add(regions);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

class RecordsTest : public ::testing::Test {
 protected:
  RecordsTest() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("clustersim_config_records_") + test->name() + "_" +
                                        std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~RecordsTest() override { fs::remove_all(dir_); }

  std::string csv(const std::string& text, const std::string& name = "regions.csv") {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

  Config load_csv(const std::string& name = "regions.csv") {
    return load_string(schema(), "regions = { file = \"" + name + "\" }\n", "s.toml", dir_);
  }

  std::vector<Error> errors_of(const std::string& toml) {
    try {
      (void)load_string(schema(), toml, "s.toml", dir_);
    } catch (const InputError& error) {
      return error.errors();
    }
    ADD_FAILURE() << "loaded without errors";
    return {};
  }

  std::vector<Error> csv_errors(const std::string& name = "regions.csv") {
    return errors_of("regions = { file = \"" + name + "\" }\n");
  }

  fs::path dir_;
};

std::string all(const std::vector<Error>& errors) {
  std::string text;
  for (const Error& error : errors) text += error.format() + "\n";
  return text;
}

TEST_F(RecordsTest, CsvFile) {
  const std::string path = csv(
      "# Regions of the baseline scenario\n"
      "# one row per region\n"
      "\n"
      "name,lat,lon,gdp,tags,coastal,tier\n"
      "Beijing,39.9,116.4,41610.9,capital; north,0,1\n"
      "\"Tianjin, \"\"port\"\"\",39.1,117.2,16311.3,,true,2\r\n"
      "\n"
      "Shanghai, 31.2 ,121.5,44652.8,\"east;port\",1,\n");
  const Config config = load_csv();
  const Records& regions = config.records("regions");
  EXPECT_EQ(regions.origin, path);
  ASSERT_EQ(regions.rows.size(), 3u);
  EXPECT_EQ(regions.field_names, (std::vector<std::string>{"name", "lat", "lon", "gdp", "tags", "coastal", "tier", "kind"}));
  EXPECT_EQ(regions.string(0, "name"), "Beijing");
  EXPECT_EQ(regions.string(1, "name"), "Tianjin, \"port\"");
  EXPECT_DOUBLE_EQ(regions.real(2, "lat"), 31.2);
  EXPECT_DOUBLE_EQ(regions.real(0, "gdp"), 41610.9);
  EXPECT_EQ(regions.strings(0, "tags"), (StringList{"capital", "north"}));
  EXPECT_EQ(regions.strings(1, "tags"), StringList{});
  EXPECT_EQ(regions.strings(2, "tags"), (StringList{"east", "port"}));
  EXPECT_FALSE(regions.boolean(0, "coastal"));
  EXPECT_TRUE(regions.boolean(1, "coastal"));
  EXPECT_TRUE(regions.boolean(2, "coastal"));
  EXPECT_EQ(regions.integer(1, "tier"), 2);
  EXPECT_FALSE(regions.has(2, "tier"));  // empty optional cell
  EXPECT_FALSE(regions.has(0, "kind"));  // optional column absent
  EXPECT_TRUE(std::holds_alternative<std::monostate>(regions.rows[0].fields[7]));
  // Sources: the row's line, and each cell's line and column.
  EXPECT_EQ(regions.rows[2].source.describe(), path + ":8:1");
  EXPECT_EQ(regions.source(2, "lat").describe(), path + ":8:11");
  EXPECT_EQ(regions.source(0, "gdp").describe(), path + ":5:20");
  EXPECT_EQ(config.source("regions").describe(), "s.toml:1:11");
}

TEST_F(RecordsTest, AliasHeader) {
  csv("name,lat,lon,gdp_2022\nA,1,2,3.5\n");
  const Config config = load_csv();
  EXPECT_DOUBLE_EQ(config.records("regions").real(0, "gdp"), 3.5);
}

TEST_F(RecordsTest, ChoiceAndBooleanCells) {
  csv("name,lat,lon,gdp,kind,coastal\nA,1,2,3,city,TRUE\nB,1,2,3,province,false\n");
  const Config config = load_csv();
  EXPECT_EQ(config.records("regions").string(1, "kind"), "province");
  EXPECT_TRUE(config.records("regions").boolean(0, "coastal"));
}

TEST_F(RecordsTest, UnknownColumnWithSuggestion) {
  const std::string path = csv("name,latt,lon,gdp\nA,1,2,3\n");
  const auto errors = csv_errors();
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            path + ":1:1: regions: expected a column named 'lat' (a required field), found a header without it");
  EXPECT_EQ(errors[1].format(), path +
                                    ":1:6: regions: expected a column of regions (name, lat, lon, gdp, tags, coastal, "
                                    "tier, kind), found an unknown column \"latt\" (did you mean 'lat'?)");
}

TEST_F(RecordsTest, BadCellWithLineAndColumn) {
  const std::string path = csv("# comment\nname,lat,lon,gdp\nA,10,20,30\nB,abc,20,30\nC,95,20,30\nD,10,20,\"1,000\"\n");
  const auto errors = csv_errors();
  ASSERT_EQ(errors.size(), 3u) << all(errors);
  EXPECT_EQ(errors[0].format(), path + ":4:3: regions[1].lat: expected a real number in [-90, 90], found \"abc\"");
  EXPECT_EQ(errors[1].format(), path + ":5:3: regions[2].lat: expected a real number in [-90, 90], found 95");
  EXPECT_EQ(errors[2].format(), path +
                                    ":6:9: regions[3].gdp: expected a real number in [0, inf), found \"1,000\" "
                                    "(write numbers without thousands separators)");
}

TEST_F(RecordsTest, BadIntegerBooleanAndChoiceCells) {
  const std::string path = csv("name,lat,lon,gdp,tier,coastal,kind\nA,1,2,3,2.0,yes,town\nB,1,2,3,4,1,City\n");
  const auto errors = csv_errors();
  ASSERT_EQ(errors.size(), 5u) << all(errors);
  EXPECT_EQ(errors[0].format(), path + ":2:9: regions[0].tier: expected an integer in [1, 3], found 2.0 "
                                       "(an integer has no decimal point or exponent)");
  EXPECT_EQ(errors[1].format(), path + ":2:13: regions[0].coastal: expected true, false, 1 or 0, found \"yes\"");
  EXPECT_EQ(errors[2].format(), path + ":2:17: regions[0].kind: expected one of \"city\", \"province\", found \"town\"");
  EXPECT_EQ(errors[3].format(), path + ":3:9: regions[1].tier: expected an integer in [1, 3], found 4");
  EXPECT_EQ(errors[4].format(), path + ":3:13: regions[1].kind: expected one of \"city\", \"province\", found \"City\" "
                                       "(did you mean 'city'?)");
}

TEST_F(RecordsTest, EmptyRequiredCell) {
  const std::string path = csv("name,lat,lon,gdp\nA,,2,3\n");
  const auto errors = csv_errors();
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), path + ":2:3: regions[0].lat: expected a real number in [-90, 90], found an empty cell "
                                       "(the field is required)");
}

TEST_F(RecordsTest, WrongCellCount) {
  const std::string path = csv("name,lat,lon,gdp\nA,1,2,3\nB,1,2\nC,1,2,3,4\n");
  const auto errors = csv_errors();
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].format(), path + ":3:1: regions[1]: expected 4 cells, one per column of the header, found 3 cells");
  EXPECT_EQ(errors[1].format(), path + ":4:1: regions[2]: expected 4 cells, one per column of the header, found 5 cells");
}

TEST_F(RecordsTest, MissingRequiredColumn) {
  const std::string path = csv("\n# header next\nname,lat,lon\nA,1,2\n");
  const auto errors = csv_errors();
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), path +
                                    ":3:1: regions: expected a column named 'gdp' (a required field), found a header "
                                    "without it (also accepted as the column name: \"gdp_2022\")");
}

TEST_F(RecordsTest, DuplicateColumnViaAlias) {
  const std::string path = csv("name,lat,lon,gdp,gdp_2022\nA,1,2,3,4\n");
  const auto errors = csv_errors();
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), path + ":1:18: regions: expected one column for the field 'gdp', found a second column \"gdp_2022\"");
}

TEST_F(RecordsTest, OnlyHeaderAndEmptyFile) {
  const std::string header_only = csv("name,lat,lon,gdp\n", "a.csv");
  auto errors = csv_errors("a.csv");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), header_only + ":1:1: regions: expected at least one row, found only a header line");
  const std::string empty = csv("# nothing\n\n", "b.csv");
  errors = csv_errors("b.csv");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].found, "an empty file");
}

TEST_F(RecordsTest, UnterminatedQuote) {
  const std::string path = csv("name,lat,lon,gdp\n\"A,1,2,3\n");
  const auto errors = csv_errors();
  ASSERT_GE(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), path + ":2:1: regions: expected a closing double quote for this cell, found the end of the file");
}

TEST_F(RecordsTest, MissingCsvFile) {
  const auto errors = csv_errors("data/nope.csv");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:1:20: regions.file: expected a readable CSV file, found \"" +
                                    (dir_ / "data/nope.csv").string() + "\" (no such file)");
}

TEST_F(RecordsTest, CsvPathRelativeToIncludingFile) {
  fs::create_directories(dir_ / "sub/data");
  std::ofstream(dir_ / "sub/data/r.csv") << "name,lat,lon,gdp\nA,1,2,3\n";
  std::ofstream(dir_ / "sub/base.toml") << "regions = { file = \"data/r.csv\" }\n";
  std::ofstream(dir_ / "main.toml") << "base = \"sub/base.toml\"\n";
  const Config config = load(schema(), dir_ / "main.toml");
  EXPECT_EQ(config.records("regions").origin, (dir_ / "sub/data/r.csv").string());
  EXPECT_EQ(config.records("regions").string(0, "name"), "A");
}

TEST_F(RecordsTest, TomlErrorsBeforeCsvErrors) {
  const std::string path = csv("name,lat,lon,gdp\nA,100,2,3\n");
  const auto errors = errors_of("regions = { file = \"regions.csv\" }\n[policy]\nopenness = 2\n");
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].source.file, "s.toml");
  EXPECT_EQ(errors[1].source.file, path);
}

TEST_F(RecordsTest, FileTableErrors) {
  auto errors = errors_of("regions = { fil = \"regions.csv\" }\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:1:19: regions.fil: expected only 'file' in the table regions, found an unknown key "
            "(did you mean 'regions.file'?)");
  errors = errors_of("[regions]\nname = \"A\"\nlat = 1\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:1:1: regions: expected an array of tables [[regions]] or a table regions = { file = \"data.csv\" }, "
            "found a single table of fields (write each row as a [[regions]] table)");
  errors = errors_of("regions = \"regions.csv\"\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].found, "the string \"regions.csv\"");
}

// ---- inline records ----

TEST_F(RecordsTest, InlineRecords) {
  const Config config = load_string(schema(),
                                    "[[regions]]\n"
                                    "name = \"A\"\n"
                                    "lat = 1.5\n"
                                    "lon = 2\n"
                                    "gdp = 3\n"
                                    "tags = [\"x\", \"y\"]\n"
                                    "[[regions]]\n"
                                    "name = \"B\"\n"
                                    "lat = -1\n"
                                    "lon = 2\n"
                                    "gdp_2022 = 4\n"
                                    "kind = \"city\"\n",
                                    "s.toml", dir_);
  const Records& regions = config.records("regions");
  EXPECT_EQ(regions.origin, "inline");
  ASSERT_EQ(regions.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(regions.real(0, "lon"), 2.0);
  EXPECT_EQ(regions.strings(0, "tags"), (StringList{"x", "y"}));
  EXPECT_FALSE(regions.has(1, "tags"));
  EXPECT_DOUBLE_EQ(regions.real(1, "gdp"), 4.0);
  EXPECT_EQ(regions.string(1, "kind"), "city");
  EXPECT_EQ(regions.rows[1].source.describe(), "s.toml:7:1");
  EXPECT_EQ(regions.source(1, "lat").describe(), "s.toml:9:7");
}

TEST_F(RecordsTest, InlineErrors) {
  const auto errors = errors_of(
      "[[regions]]\n"
      "name = \"A\"\n"
      "lat = 1\n"
      "lon = 2\n"
      "gdp = 3\n"
      "[[regions]]\n"
      "name = 3\n"
      "lat = 100\n"
      "lon = 2\n"
      "gdpp = 3\n"
      "[[regions]]\n"
      "name = \"C\"\n"
      "lat = 1\n");
  ASSERT_EQ(errors.size(), 5u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:7:8: regions[1].name: expected a string, found 3");
  EXPECT_EQ(errors[1].format(), "s.toml:8:7: regions[1].lat: expected a real number in [-90, 90], found 100");
  EXPECT_EQ(errors[2].format(), "s.toml:10:1: regions[1].gdpp: expected a field of regions (name, lat, lon, gdp, tags, "
                                "coastal, tier, kind), found an unknown field (did you mean 'gdp'?)");
  EXPECT_EQ(errors[3].format(), "s.toml:11:1: regions[2].lon: expected a real number in [-180, 180], found nothing "
                                "(the field is required)");
  EXPECT_EQ(errors[4].format(), "s.toml:11:1: regions[2].gdp: expected a real number in [0, inf), found nothing "
                                "(the field is required)");
}

TEST_F(RecordsTest, InlineEmptyAndNonTableRows) {
  auto errors = errors_of("regions = []\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:1:11: regions: expected at least one row, found an empty array");
  errors = errors_of("regions = [1]\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:1:12: regions[0]: expected a table of fields (name = value), found 1");
}

TEST_F(RecordsTest, RecordsAreRequired) {
  const auto errors = errors_of("[policy]\nopenness = 0.1\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml: regions: expected at least one row, found nothing (the key is required) "
                                "(add [[regions]] tables, or regions = { file = \"regions.csv\" })");
}

}  // namespace
}  // namespace sim::config
