// One report keeps at most two hundred errors and counts the rest: a file of millions of bad lines must
// not fill memory (or a terminal) with messages.
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
using testing_support::key;

TEST(ErrorCap, OneReportKeepsAtMostTwoHundredErrorsAndCountsTheRest) {
  Schema schema;
  KeySpec rows = key("rows", Kind::records);
  rows.fields = {field("key", Kind::string), field("low", Kind::real)};
  schema.add(rows);
  const fs::path dir = fs::temp_directory_path() / ("clustersim_error_cap_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream csv(dir / "rows.csv");
  csv << "key,low\n";
  for (int row = 0; row < 500; ++row) csv << "x,not a number\n";
  csv.close();
  std::ofstream(dir / "s.toml") << "rows = { file = \"rows.csv\" }\n";
  std::vector<Error> errors;
  try {
    (void)load(schema, dir / "s.toml");
  } catch (const InputError& error) {
    errors = error.errors();
  }
  fs::remove_all(dir);
  ASSERT_EQ(errors.size(), 201u);
  EXPECT_EQ(errors[0].source.line, 2);
  EXPECT_EQ(errors[199].source.line, 201);  // the first two hundred, in order
  EXPECT_EQ(errors[200].format(), (dir / "s.toml").string() + ": expected at most 200 errors in one report, found "
                                                              "300 more (correct the errors above and check again)");
}

}  // namespace
}  // namespace sim::config
