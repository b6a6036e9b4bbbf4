// load_report: every error of a file with the keys that are valid, for callers that go on checking.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"
#include "temp_dir.hpp"

namespace sim::config {
namespace {

namespace fs = std::filesystem;

using testing_support::field;
using testing_support::key;

Schema test_schema() {
  Schema schema;
  schema.add(key("sweep.scenario", Kind::path));
  schema.add(key("sweep.replicates", Kind::integer, std::int64_t{1}, {1, 100}));
  schema.add(key("sweep.seed", Kind::integer, std::int64_t{7}, {0, 100}));
  schema.add(key("sweep.keep", Kind::string_list, StringList{}));
  KeySpec rows = key("sweep.parameters", Kind::records);
  rows.fields = {field("key", Kind::string), field("low", Kind::real)};
  schema.add(rows);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

class LoadReportTest : public ::testing::Test {
 protected:
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  const ::testing_support::TempDir temp_;
  const fs::path& dir_ = temp_.path();
};

TEST_F(LoadReportTest, InvalidKeysHaveNoValueAndTheOthersKeepTheirs) {
  const fs::path file = write("s.toml", "[sweep]\nscenario = \"base.toml\"\nreplicates = -1\nkeep = [\"a\", \"b\"]\n");
  const LoadReport report = load_report(schema(), file, std::vector<std::string>{"sweep.seed=1000"});
  ASSERT_EQ(report.errors.size(), 3u);
  EXPECT_EQ(report.errors[0].key, "sweep.replicates");
  EXPECT_EQ(report.errors[0].source.line, 3);
  EXPECT_EQ(report.errors[1].key, "sweep.parameters");
  EXPECT_EQ(report.errors[1].found, "nothing (the key is required)");
  EXPECT_EQ(report.errors[2].key, "sweep.seed");
  EXPECT_EQ(report.errors[2].source.file, "--set");
  // Given invalid (in the file or by --set): no value, not the default.
  EXPECT_FALSE(report.config.has("sweep.replicates"));
  EXPECT_FALSE(report.config.has("sweep.seed"));
  // A required key not given.
  EXPECT_FALSE(report.config.has("sweep.parameters"));
  // Valid keys, with where each item of a list was written.
  EXPECT_EQ(report.config.string("sweep.scenario"), (dir_ / "base.toml").string());
  EXPECT_EQ(report.config.strings("sweep.keep"), (StringList{"a", "b"}));
  EXPECT_EQ(report.config.item_source("sweep.keep", 1).describe(), file.string() + ":4:14");
}

TEST_F(LoadReportTest, NoErrorsGiveTheSameConfigAsLoad) {
  const fs::path file = write("s.toml", "[sweep]\nscenario = \"b.toml\"\n[[sweep.parameters]]\nkey = \"x\"\nlow = 1\n");
  const LoadReport report = load_report(schema(), file);
  EXPECT_TRUE(report.errors.empty());
  const Config loaded = load(schema(), file);
  EXPECT_EQ(report.config.to_toml(), loaded.to_toml());
  EXPECT_EQ(report.config.integer("sweep.replicates"), 1);
  // Items of a default list or a list from --set have no place of their own: the key's source stands in.
  EXPECT_EQ(report.config.item_source("sweep.keep", 0).describe(), "(default)");
}

}  // namespace
}  // namespace sim::config
