// Text values (names, choices, paths, list items) from TOML, CSV and --set: UTF-8 without control
// characters, names not blank; and messages that show such text on one readable line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"
#include "sim/config/text.hpp"
#include "sim/config/valid_text.hpp"
#include "temp_dir.hpp"

namespace sim::config {
namespace {

namespace fs = std::filesystem;

using testing_support::field;
using testing_support::key;

Schema test_schema() {
  Schema schema;
  KeySpec mode = key("market.mode", Kind::choice, std::string("gravity"));
  mode.choices = {"gravity", "none"};
  schema.add(mode);
  schema.add(key("output.dir", Kind::path, std::string("results")));
  schema.add(key("output.variables", Kind::string_list, StringList{}));
  KeySpec regions = key("regions", Kind::records);
  regions.fields = {field("region", Kind::string), field("gdp", Kind::real, {.min = 0}),
                    field("neighbours", Kind::string_list, {}, false)};
  schema.add(regions);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

class TextValues : public ::testing::Test {
 protected:
  // The errors of a scenario whose regions come from a CSV file of these bytes.
  std::vector<Error> csv_errors(const std::string& bytes) {
    std::ofstream(dir_ / "regions.csv", std::ios::binary) << bytes;
    return errors_of("regions = { file = \"regions.csv\" }\n");
  }

  std::vector<Error> errors_of(const std::string& toml, std::vector<std::string> overrides = {}) {
    try {
      (void)load_string(schema(), toml, "s.toml", dir_, overrides);
    } catch (const InputError& error) {
      return error.errors();
    }
    ADD_FAILURE() << "loaded without errors:\n" << toml;
    return {};
  }

  std::string csv_path() const { return (dir_ / "regions.csv").string(); }

  const ::testing_support::TempDir temp_;
  const fs::path& dir_ = temp_.path();
};

constexpr const char* kOneRegion = "[[regions]]\nregion = \"Beijing\"\ngdp = 1\n";

TEST(TextProblem, NamesTheFirstOffendingByteOrCharacterByPosition) {
  using detail::text_problem;
  EXPECT_EQ(text_problem("Beijing"), "");
  EXPECT_EQ(text_problem("北京 Zürich"), "");
  EXPECT_EQ(text_problem("Bei\xffjing"), "byte 0xff at position 4 is not UTF-8");
  EXPECT_EQ(text_problem(std::string("Beijing\0X", 9)), "control character U+0000 at position 8");
  EXPECT_EQ(text_problem("Bei\x1bjing"), "control character U+001B at position 4");
  EXPECT_EQ(text_problem("a\tb"), "control character U+0009 at position 2");
  EXPECT_EQ(text_problem("\xc2\x85"), "control character U+0085 at position 1");  // NEL, a C1 control
  // Positions count characters, not bytes.
  EXPECT_EQ(text_problem("北京\x7f"), "control character U+007F at position 3");
  EXPECT_EQ(text_problem("\xc0\xaf"), "byte 0xc0 at position 1 is not UTF-8");         // overlong '/'
  EXPECT_EQ(text_problem("\xed\xa0\x80"), "byte 0xed at position 1 is not UTF-8");     // a surrogate
  EXPECT_EQ(text_problem("ab\xe4\xba"), "byte 0xe4 at position 3 is not UTF-8");       // cut short
  EXPECT_EQ(text_problem("\xf4\x90\x80\x80"), "byte 0xf4 at position 1 is not UTF-8"); // above U+10FFFF
}

TEST(TextProblem, EscapedTextIsOneLineOfValidText) {
  EXPECT_EQ(detail::escaped(std::string("Bei\xffjing\0\n北京", 16)), "Bei\\xffjing\\u0000\\u000a北京");
  EXPECT_EQ(detail::quote("a\"b\x1b"), "\"a\\\"b\\u001b\"");
  const Error error{Source{"odd\nname.toml", 3, 1}, std::string("a\0b", 3), "x", "y"};
  EXPECT_EQ(error.format(), "odd\\u000aname.toml:3:1: a\\u0000b: expected x, found y");
}

TEST_F(TextValues, InvalidUtf8InACsvNameIsRefusedWithItsPosition) {
  const auto errors = csv_errors("region,gdp\nBeijing,1\nBei\xffjing,2\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), csv_path() + ":3:1: regions[1].region: expected text in UTF-8 without control "
                                             "characters, found \"Bei\\xffjing\" (byte 0xff at position 4 is not UTF-8)");
}

TEST_F(TextValues, NulByteInACsvNameIsRefusedRatherThanCuttingTheName) {
  // Cut at the NUL, the name would be a second "Beijing".
  const auto errors = csv_errors(std::string("region,gdp\nBeijing,1\nBeijing\0X,2\n", 33));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].source.describe(), csv_path() + ":3:1");
  EXPECT_EQ(errors[0].key, "regions[1].region");
  EXPECT_EQ(errors[0].found, "\"Beijing\\u0000X\" (control character U+0000 at position 8)");
}

TEST_F(TextValues, ControlCharactersInCsvCellsAreRefused) {
  const auto errors = csv_errors("region,gdp,neighbours\nBei\x1bjing,1,\n\"Tian\njin\",2,\nHebei,3,Beijing;Tian\x07jin\n");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].found, "\"Bei\\u001bjing\" (control character U+001B at position 4)");
  EXPECT_EQ(errors[1].found, "\"Tian\\u000ajin\" (control character U+000A at position 5)");  // a quoted line break
  EXPECT_EQ(errors[2].key, "regions[2].neighbours");
  EXPECT_EQ(errors[2].found, "\"Tian\\u0007jin\" (control character U+0007 at position 5)");
}

TEST_F(TextValues, BlankCsvNameIsRefused) {
  const auto errors = csv_errors("region,gdp\n\"   \",1\n,2\n");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].format(), csv_path() + ":2:1: regions[0].region: expected a name (text that is not blank), "
                                             "found \"   \"");
  EXPECT_EQ(errors[1].found, "an empty cell");
}

TEST_F(TextValues, EscapedControlCharactersInTomlStringsAreRefused) {
  const auto errors = errors_of("[[regions]]\nregion = \"Beijing\\u0000X\"\ngdp = 1\n"
                                "[output]\nvariables = [\"gdp\", \"sa\\tles\"]\ndir = \"out\\u001b\"\n"
                                "[market]\nmode = \"none\\r\"\n");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].format(), "s.toml:2:10: regions[0].region: expected text in UTF-8 without control characters, "
                                "found \"Beijing\\u0000X\" (control character U+0000 at position 8)");
  EXPECT_EQ(errors[1].key, "output.variables[1]");
  EXPECT_EQ(errors[1].source.describe(), "s.toml:5:21");
  EXPECT_EQ(errors[2].key, "output.dir");
  EXPECT_EQ(errors[3].key, "market.mode");
  EXPECT_EQ(errors[3].found, "\"none\\u000d\" (control character U+000D at position 5)");
}

TEST_F(TextValues, EmptyTomlNamesAreRefused) {
  const auto errors = errors_of("[[regions]]\nregion = \"\"\ngdp = 1\n[output]\nvariables = [\"gdp\", \" \"]\n");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].format(), "s.toml:2:10: regions[0].region: expected a name (text that is not blank), found an "
                                "empty string");
  EXPECT_EQ(errors[1].format(), "s.toml:5:21: output.variables[1]: expected a name (text that is not blank), found "
                                "\" \"");
}

TEST_F(TextValues, ControlCharactersFromTheCommandLineAreRefused) {
  const auto errors = errors_of(kOneRegion, {"output.dir=out\x1b[2J", "market.mode=gra\xffvity"});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].format(), "--set output.dir: expected text in UTF-8 without control characters, found "
                                "\"out\\u001b[2J\" (control character U+001B at position 4)");
  EXPECT_EQ(errors[1].found, "\"gra\\xffvity\" (byte 0xff at position 4 is not UTF-8)");
}

TEST_F(TextValues, ValidUnicodeNamesAreKept) {
  std::ofstream(dir_ / "regions.csv") << "region,gdp,neighbours\n北京,1,天津;河北\n";
  const Config config = load_string(schema(), "regions = { file = \"regions.csv\" }\n", "s.toml", dir_);
  EXPECT_EQ(config.records("regions").string(0, "region"), "北京");
  EXPECT_EQ(config.records("regions").strings(0, "neighbours"), (StringList{"天津", "河北"}));
}

}  // namespace
}  // namespace sim::config
