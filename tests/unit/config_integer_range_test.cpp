// Integer keys and fields are compared with their ranges exactly: the ranges are doubles, and an int64
// converted to a double rounds (9000000000000000001 becomes 9e18).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"
#include "sim/config/text.hpp"

namespace sim::config {
namespace {

namespace fs = std::filesystem;

using detail::in_integer_range;
using testing_support::field;
using testing_support::key;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

TEST(IntegerRange, BoundsAreComparedExactly) {
  const Range seed{0, 9.0e18};
  EXPECT_TRUE(in_integer_range(seed, 9'000'000'000'000'000'000));
  EXPECT_FALSE(in_integer_range(seed, 9'000'000'000'000'000'001));
  EXPECT_FALSE(in_integer_range(seed, -1));
  EXPECT_TRUE(in_integer_range(seed, 0));
  const Range below{-9.0e18, 0};
  EXPECT_TRUE(in_integer_range(below, -9'000'000'000'000'000'000));
  EXPECT_FALSE(in_integer_range(below, -9'000'000'000'000'000'001));
}

TEST(IntegerRange, ExclusiveAndFractionalBounds) {
  EXPECT_FALSE(in_integer_range({0, 10, true, false}, 0));
  EXPECT_TRUE(in_integer_range({0, 10, true, false}, 1));
  EXPECT_FALSE(in_integer_range({0, 10, false, true}, 10));
  EXPECT_TRUE(in_integer_range({0, 10, false, true}, 9));
  EXPECT_FALSE(in_integer_range({0.5, 2.5}, 0));
  EXPECT_TRUE(in_integer_range({0.5, 2.5}, 1));
  EXPECT_TRUE(in_integer_range({0.5, 2.5}, 2));
  EXPECT_FALSE(in_integer_range({0.5, 2.5}, 3));
  EXPECT_TRUE(in_integer_range({-2.5, -0.5}, -1));
  EXPECT_FALSE(in_integer_range({-2.5, -0.5}, 0));
  EXPECT_FALSE(in_integer_range({-2.5, -0.5}, -3));
}

TEST(IntegerRange, BoundsBeyondInt64) {
  EXPECT_TRUE(in_integer_range({}, int64_max));
  EXPECT_TRUE(in_integer_range({}, int64_min));
  EXPECT_TRUE(in_integer_range({-inf, 0x1p63}, int64_max));        // 2^63 is above every int64
  EXPECT_TRUE(in_integer_range({-inf, 0x1p63, false, true}, int64_max));
  EXPECT_TRUE(in_integer_range({-0x1p63, inf}, int64_min));        // -2^63 is the smallest int64 itself
  EXPECT_FALSE(in_integer_range({-0x1p63, inf, true, false}, int64_min));
  EXPECT_FALSE(in_integer_range({0x1p63, inf}, int64_max));
  EXPECT_FALSE(in_integer_range({1e300, inf}, int64_max));
  EXPECT_FALSE(in_integer_range({-inf, -1e300}, int64_min));
}

Schema test_schema() {
  Schema schema;
  schema.add(key("simulation.seed", Kind::integer, std::int64_t{1}, {0, 9.0e18}));
  KeySpec rows = key("rows", Kind::records);
  rows.fields = {field("id", Kind::integer, {0, 9.0e18})};
  schema.add(rows);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

std::vector<Error> errors_of(const std::string& text, const fs::path& directory = fs::current_path(),
                             std::vector<std::string> overrides = {}) {
  try {
    (void)load_string(schema(), text, "s.toml", directory, overrides);
  } catch (const InputError& error) {
    return error.errors();
  }
  ADD_FAILURE() << "loaded without errors:\n" << text;
  return {};
}

TEST(IntegerRange, SeedJustAboveTheLimitIsRefusedFromTomlCsvAndTheCommandLine) {
  const std::string rows = "[[rows]]\nid = 1\n";
  auto errors = errors_of("[simulation]\nseed = 9000000000000000001\n" + rows);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), "s.toml:2:8: simulation.seed: expected an integer in [0, 9e+18], found "
                                "9000000000000000001");
  errors = errors_of(rows, fs::current_path(), {"simulation.seed=9000000000000000001"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), "--set simulation.seed: expected an integer in [0, 9e+18], found 9000000000000000001");

  const fs::path dir = fs::temp_directory_path() / ("clustersim_integer_range_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "rows.csv") << "id\n9000000000000000000\n9000000000000000001\n";
  errors = errors_of("rows = { file = \"rows.csv\" }\n", dir);
  fs::remove_all(dir);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "rows[1].id");
  EXPECT_EQ(errors[0].found, "9000000000000000001");
}

TEST(IntegerRange, SeedAtTheLimitIsAccepted) {
  const Config config = load_string(schema(), "[simulation]\nseed = 9000000000000000000\n[[rows]]\nid = 1\n", "s.toml",
                                    fs::current_path());
  EXPECT_EQ(config.integer("simulation.seed"), 9'000'000'000'000'000'000);
}

}  // namespace
}  // namespace sim::config
