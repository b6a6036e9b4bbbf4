// Lists of real numbers (Kind::real_list): each element checked against the key's range, in TOML, in
// CSV cells and in --set overrides, and written back by to_toml.
#include <gtest/gtest.h>

#include <filesystem>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"
#include "temp_dir.hpp"

namespace sim::config {
namespace {

using testing_support::key;
namespace fs = std::filesystem;

Schema test_schema() {
  Schema schema;
  schema.add(key("sweep.values", Kind::real_list, RealList{0.5}, {.min = 0, .max = 1}));
  KeySpec parameters = key("sweep.parameters", Kind::records);
  FieldSpec name;
  name.name = "key";
  name.kind = Kind::string;
  FieldSpec values;
  values.name = "values";
  values.kind = Kind::real_list;
  values.required = false;
  parameters.fields = {name, values};
  schema.add(parameters);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

constexpr const char* kRows = "[[sweep.parameters]]\nkey = \"a\"\nvalues = [1, 2.5, -3e2]\n";

Config load(const std::string& text, std::vector<std::string> overrides = {}) {
  return load_string(schema(), text, "s.toml", fs::current_path(), overrides);
}

std::vector<Error> errors_of(const std::string& text, std::vector<std::string> overrides = {}) {
  try {
    (void)load(text, std::move(overrides));
  } catch (const InputError& error) {
    return error.errors();
  }
  ADD_FAILURE() << "loaded without errors:\n" << text;
  return {};
}

TEST(ConfigRealList, DefaultFileAndOverride) {
  EXPECT_EQ(load(kRows).reals("sweep.values"), (RealList{0.5}));
  EXPECT_EQ(load(std::string("[sweep]\nvalues = [0, 0.25, 1]\n") + kRows).reals("sweep.values"),
            (RealList{0.0, 0.25, 1.0}));
  EXPECT_EQ(load(std::string("[sweep]\nvalues = []\n") + kRows).reals("sweep.values"), RealList{});
  EXPECT_EQ(load(kRows, {"sweep.values=[0.1, 1]"}).reals("sweep.values"), (RealList{0.1, 1.0}));
  // Integers are numbers too, and a records field has no range of its own here.
  EXPECT_EQ(load(kRows).records("sweep.parameters").reals(0, "values"), (RealList{1.0, 2.5, -300.0}));
}

TEST(ConfigRealList, EachElementIsChecked) {
  const auto errors = errors_of(std::string("[sweep]\nvalues = [0.5, 1.5, \"x\", 0.2]\n") + kRows);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].format(), "s.toml:2:16: sweep.values[1]: expected an array of real numbers in [0, 1], found 1.5");
  EXPECT_EQ(errors[1].format(),
            "s.toml:2:21: sweep.values[2]: expected an array of real numbers in [0, 1], found the string \"x\"");
}

TEST(ConfigRealList, NotAnArray) {
  const auto errors = errors_of(std::string("[sweep]\nvalues = 0.5\n") + kRows);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), "s.toml:2:10: sweep.values: expected an array of real numbers in [0, 1], found 0.5");
}

TEST(ConfigRealList, CsvCellIsSemicolonSeparated) {
  const ::testing_support::TempDir temp;
  const fs::path& dir = temp.path();
  const fs::path csv = dir / "parameters.csv";
  {
    std::FILE* f = std::fopen(csv.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("key,values\na,0.1; 0.2;0.3\nb,\nc,0.1;x\n", f);
    std::fclose(f);
  }
  try {
    (void)load_string(schema(), "sweep.parameters = { file = \"parameters.csv\" }\n", "s.toml", dir);
    ADD_FAILURE() << "a bad cell was accepted";
  } catch (const InputError& error) {
    ASSERT_EQ(error.errors().size(), 1u);
    EXPECT_EQ(error.errors()[0].key, "sweep.parameters[2].values");
    EXPECT_EQ(error.errors()[0].found, "\"x\"");
  }
  {
    std::FILE* f = std::fopen(csv.c_str(), "w");
    std::fputs("key,values\na,0.1; 0.2;0.3\nb,\n", f);
    std::fclose(f);
  }
  const Config config = load_string(schema(), "sweep.parameters = { file = \"parameters.csv\" }\n", "s.toml", dir);
  const Records& rows = config.records("sweep.parameters");
  EXPECT_EQ(rows.reals(0, "values"), (RealList{0.1, 0.2, 0.3}));
  EXPECT_EQ(rows.reals(1, "values"), RealList{});
}

TEST(ConfigRealList, RoundTripsThroughToToml) {
  const Config original = load(std::string("[sweep]\nvalues = [0, 0.125, 1]\n") + kRows);
  const Config again = load(original.to_toml());
  EXPECT_EQ(again.reals("sweep.values"), original.reals("sweep.values"));
  EXPECT_EQ(again.records("sweep.parameters").reals(0, "values"), (RealList{1.0, 2.5, -300.0}));
}

TEST(ConfigRealList, DefaultOutsideTheRangeIsAProgrammingError) {
  Schema bad;
  EXPECT_THROW(bad.add(key("x", Kind::real_list, RealList{2.0}, {.min = 0, .max = 1})), std::logic_error);
}

}  // namespace
}  // namespace sim::config
