// A key nested past what any scenario holds is found from the text before toml++ sees it: the library
// recurses once per part, so a header of a hundred thousand parts overflowed the stack (issue 18's fuzz).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"
#include "sim/config/toml_depth.hpp"

namespace sim::config {
namespace {

using detail::first_too_deep_key;

std::string dotted(std::size_t parts) {
  std::string key = "a";
  for (std::size_t i = 1; i < parts; ++i) key += ".a";
  return key;
}

TEST(TomlDepth, FindsADeepHeaderADeepKeyAndADeepKeyInAnInlineTable) {
  const auto header = first_too_deep_key("x = 1\n\n[" + dotted(65) + "]\n", 64);
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->line, 3);
  EXPECT_EQ(header->column, 1);
  const auto array_header = first_too_deep_key("[[" + dotted(65) + "]]\n", 64);
  ASSERT_TRUE(array_header.has_value());
  EXPECT_EQ(array_header->line, 1);
  const auto key = first_too_deep_key("[policy]\n  " + dotted(65) + " = 1\n", 64);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->line, 2);
  EXPECT_EQ(key->column, 3);
  const auto inline_key = first_too_deep_key("t = { b = 1, " + dotted(65) + " = 2 }\n", 64);
  ASSERT_TRUE(inline_key.has_value());
  EXPECT_EQ(inline_key->line, 1);
  EXPECT_EQ(inline_key->column, 14);
}

TEST(TomlDepth, KeysAtTheLimitAndDotsOutsideKeysPass) {
  EXPECT_FALSE(first_too_deep_key("[" + dotted(64) + "]\n" + dotted(64) + " = 1\n", 64).has_value());
  std::string floats = "x = [";
  for (int i = 0; i < 1000; ++i) floats += "1.5, ";
  floats += "2.5]\n";
  EXPECT_FALSE(first_too_deep_key(floats, 64).has_value()) << "dots of numbers are no key parts";
  const std::string dots(1000, '.');
  EXPECT_FALSE(first_too_deep_key("s = \"" + dots + "\"\nt = '" + dots + "'\n# " + dots + "\n", 64).has_value());
  EXPECT_FALSE(first_too_deep_key("m = \"\"\"\n" + dots + "\n\"\"\"\nn = '''\n" + dots + "\n'''\n", 64).has_value());
  EXPECT_FALSE(first_too_deep_key("d = 2023-01-01T00:00:00.5\nv = [\n  1.0,\n  { a.b = 2.5 },\n]\n", 64).has_value());
  EXPECT_FALSE(first_too_deep_key("e = {}\n\"quoted.key\" = 1\n", 64).has_value());
}

TEST(TomlDepth, TheLoaderRefusesAHeaderAHundredThousandPartsDeepAtItsLine) {
  Schema schema;
  schema.add(testing_support::key("x", Kind::real));
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("clustersim_toml_depth_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(file) << "x = 1.0\n[" << dotted(100000) << "]\n";
  std::vector<Error> errors;
  try {
    (void)load(schema, file);
  } catch (const InputError& error) {
    errors = error.errors();
  }
  std::filesystem::remove(file);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].source.line, 2);
  EXPECT_NE(errors[0].format().find("at most 64 parts"), std::string::npos) << errors[0].format();
}

TEST(TomlDepth, ASetValueWithADeepInlineKeyIsRefused) {
  Schema schema;
  schema.add(testing_support::key("x", Kind::real));
  const std::string overrides[] = {"x={" + dotted(100000) + "=1}"};
  EXPECT_THROW((void)load_string(schema, "x = 1.0\n", "s.toml", ".", overrides), InputError);
}

}  // namespace
}  // namespace sim::config
