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

// Errors that come from elsewhere than the loader (a model's checks of the data it was given) are printed
// with the same cap: the first two hundred, then a line that counts the rest.
TEST(ErrorCap, AReportShowsTwoHundredErrorsAndCountsTheRest) {
  std::vector<Error> errors;
  for (int i = 0; i < 350; ++i) {
    errors.push_back(Error{Source{"regions.csv", i + 2, 1}, "regions.name", "a name given once", "Beijing again", ""});
  }
  const std::string text = report(errors, "  ");
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  lines.push_back(text.substr(start));
  ASSERT_EQ(lines.size(), 201u);
  EXPECT_EQ(lines[0], "  regions.csv:2:1: regions.name: expected a name given once, found Beijing again");
  EXPECT_EQ(lines[199].rfind("  regions.csv:201:1:", 0), 0u) << lines[199];
  EXPECT_EQ(lines[200], "  ... and 150 more errors, not shown");
  EXPECT_EQ(std::string(InputError(errors).what()), report(errors));
  // The loader's own capped report (two hundred errors and its count line) is shown whole.
  errors.resize(201);
  EXPECT_EQ(report(errors).find("not shown"), std::string::npos);
}

}  // namespace
}  // namespace sim::config
