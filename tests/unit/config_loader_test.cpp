// Loading scenario files: type and range checks, unknown keys, syntax errors, base files, --set, defaults.
// Longer than 500 lines on purpose: one schema fixture serves every check of the loader, each a short case.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"

namespace sim::config {
namespace {

using testing_support::key;

using namespace std::chrono_literals;
namespace fs = std::filesystem;

FieldSpec field(std::string name, Kind kind, Range range = {}) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.kind = kind;
  spec.range = range;
  return spec;
}

Schema test_schema() {
  Schema schema;
  schema.add(key("scenario.name", Kind::string, std::string("baseline")));
  schema.add(key("scenario.start", Kind::date));
  schema.add(key("scenario.ticks", Kind::integer, std::int64_t{40}, {.min = 1}));
  schema.add(key("policy.rd_subsidy_rate", Kind::real, 0.1, {.min = 0, .max = 1}));
  schema.add(key("policy.openness", Kind::real, 0.5, {.min = 0, .max = 1}));
  schema.add(key("market.trade_cost_per_1000km", Kind::real, 0.05, {.min = 0, .min_exclusive = true}));
  KeySpec mode = key("market.mode", Kind::choice, std::string("gravity"));
  mode.choices = {"gravity", "uniform", "none"};
  schema.add(mode);
  schema.add(key("market.enabled", Kind::boolean, true));
  schema.add(key("output.dir", Kind::path, std::string("results")));
  schema.add(key("output.variables", Kind::string_list, StringList{"gdp"}));
  KeySpec regions = key("regions", Kind::records);
  regions.fields = {field("name", Kind::string), field("gdp", Kind::real, {.min = 0})};
  schema.add(regions);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

constexpr const char* kRegions = "[[regions]]\nname = \"Beijing\"\ngdp = 41610.9\n";

// Errors of loading `text` as "s.toml"; fails the test when it loads.
std::vector<Error> errors_of(const std::string& text, std::vector<std::string> overrides = {}) {
  try {
    (void)load_string(schema(), text, "s.toml", fs::current_path(), overrides);
  } catch (const InputError& error) {
    return error.errors();
  }
  ADD_FAILURE() << "loaded without errors:\n" << text;
  return {};
}

// The single error of loading `text` (with valid start and regions added), formatted.
std::string single_error(const std::string& body, std::vector<std::string> overrides = {}) {
  const auto errors = errors_of(body + "\n[scenario]\nstart = 2023-01-01\n" + kRegions, std::move(overrides));
  if (errors.size() != 1) {
    std::string all;
    for (const Error& e : errors) all += e.format() + "\n";
    ADD_FAILURE() << "expected one error, got " << errors.size() << ":\n" << all;
    return errors.empty() ? "" : errors.front().format();
  }
  return errors.front().format();
}

Config valid(std::vector<std::string> overrides = {}, const std::string& extra = "") {
  return load_string(schema(), extra + "[scenario]\nstart = 2023-01-01\n" + kRegions, "s.toml", fs::current_path(),
                     overrides);
}

class TempDir {
 public:
  TempDir() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            (std::string("clustersim_config_") + test->test_suite_name() + "_" + test->name() + "_" +
             std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(ConfigLoad, ValidFileWithDefaultsFilled) {
  const Config config = valid({}, "[policy]\nopenness = 0.25\n");
  EXPECT_DOUBLE_EQ(config.real("policy.openness"), 0.25);
  EXPECT_EQ(config.source("policy.openness").describe(), "s.toml:2:12");
  EXPECT_EQ(config.date("scenario.start"), Date{2023y / 1 / 1});
  EXPECT_EQ(config.source("scenario.start").describe(), "s.toml:4:9");
  // Defaults
  EXPECT_DOUBLE_EQ(config.real("policy.rd_subsidy_rate"), 0.1);
  EXPECT_EQ(config.source("policy.rd_subsidy_rate").describe(), "(default)");
  EXPECT_EQ(config.integer("scenario.ticks"), 40);
  EXPECT_EQ(config.string("scenario.name"), "baseline");
  EXPECT_EQ(config.string("market.mode"), "gravity");
  EXPECT_TRUE(config.boolean("market.enabled"));
  EXPECT_EQ(config.strings("output.variables"), StringList{"gdp"});
  EXPECT_EQ(config.string("output.dir"), (fs::current_path() / "results").string());  // relative to the working dir
  EXPECT_EQ(config.records("regions").rows.size(), 1u);
}

TEST(ConfigLoad, IntegerAcceptedForReal) {
  const Config config = valid({}, "[policy]\nopenness = 1\n");
  EXPECT_DOUBLE_EQ(config.real("policy.openness"), 1.0);
}

TEST(ConfigLoad, ValuesOfEveryKind) {
  const Config config = valid({}, "[market]\nmode = \"uniform\"\nenabled = false\n"
                                  "[output]\ndir = \"out/../runs/a\"\nvariables = [\"gdp\", \"firms\"]\n");
  EXPECT_EQ(config.string("market.mode"), "uniform");
  EXPECT_FALSE(config.boolean("market.enabled"));
  EXPECT_EQ(config.string("output.dir"), (fs::current_path() / "runs/a").string());
  EXPECT_EQ(config.strings("output.variables"), (StringList{"gdp", "firms"}));
}

TEST(ConfigLoad, PathResolvedAgainstFileDirectory) {
  const Config config =
      load_string(schema(), std::string("[scenario]\nstart = 2023-01-01\n[output]\ndir = \"out\"\n") + kRegions,
                  "s.toml", "/data/scenarios");
  EXPECT_EQ(config.string("output.dir"), "/data/scenarios/out");
}

TEST(ConfigLoad, UnknownKeyWithSuggestion) {
  EXPECT_EQ(single_error("[policy]\nrd_subsidy_rat = 0.2"),
            "s.toml:2:1: policy.rd_subsidy_rat: expected a key of the scenario schema, found an unknown key "
            "(did you mean 'policy.rd_subsidy_rate'?)");
}

TEST(ConfigLoad, KeyInWrongTableSuggestsTheRightOne) {
  EXPECT_EQ(single_error("[market]\nopenness = 0.3"),
            "s.toml:2:1: market.openness: expected a key of the scenario schema, found an unknown key "
            "(did you mean 'policy.openness'?)");
}

TEST(ConfigLoad, UnknownKeyWithoutSuggestion) {
  EXPECT_EQ(single_error("[policy]\nzzzzzzzzzzzz = 1"),
            "s.toml:2:1: policy.zzzzzzzzzzzz: expected a key of the scenario schema, found an unknown key");
}

TEST(ConfigLoad, UnknownTableWithSuggestion) {
  EXPECT_EQ(single_error("[polcy]\nopenness = 0.3\nrd_subsidy_rate = 0.2"),
            "s.toml:1:2: polcy: expected a table of the scenario schema, found an unknown table "
            "(did you mean 'policy'?)");
}

TEST(ConfigLoad, UnknownSubtableIsNotSuggestedItsParent) {
  EXPECT_EQ(single_error("[policy.zzzzzzzz]\na = 1"),
            "s.toml:1:9: policy.zzzzzzzz: expected a table of the scenario schema, found an unknown table");
}

TEST(ConfigLoad, ValueWhereTableExpected) {
  EXPECT_EQ(single_error("policy = 3"),
            "s.toml:1:10: policy: expected a table [policy], found 3 (set its keys, e.g. policy.rd_subsidy_rate = ...)");
}

TEST(ConfigLoad, TableWhereValueExpected) {
  EXPECT_EQ(single_error("[policy.openness]\nx = 1"),
            "s.toml:1:1: policy.openness: expected a real number in [0, 1], found a table "
            "('policy.openness' is a single value, not a table)");
}

TEST(ConfigLoad, WrongType) {
  EXPECT_EQ(single_error("[policy]\nopenness = \"high\""),
            "s.toml:2:12: policy.openness: expected a real number in [0, 1], found the string \"high\"");
  EXPECT_EQ(single_error("[policy]\nopenness = \"0.5\""),
            "s.toml:2:12: policy.openness: expected a real number in [0, 1], found the string \"0.5\" "
            "(write the number without quotes)");
  EXPECT_EQ(single_error("[market]\nenabled = 1"), "s.toml:2:11: market.enabled: expected true or false, found 1");
  EXPECT_EQ(single_error("[output]\nvariables = \"gdp\""),
            "s.toml:2:13: output.variables: expected an array of strings, found the string \"gdp\" "
            "(write a list as [\"gdp\"])");
  EXPECT_EQ(single_error("[output]\nvariables = [\"gdp\", 3]"),
            "s.toml:2:21: output.variables[1]: expected a string, found 3");
}

TEST(ConfigLoad, OutOfRangeBothSides) {
  EXPECT_EQ(single_error("[policy]\nopenness = 1.50"),
            "s.toml:2:12: policy.openness: expected a real number in [0, 1], found 1.50");
  EXPECT_EQ(single_error("[policy]\nopenness = -0.25"),
            "s.toml:2:12: policy.openness: expected a real number in [0, 1], found -0.25");
  // The bounds themselves are allowed.
  EXPECT_DOUBLE_EQ(valid({}, "[policy]\nopenness = 0.0\n").real("policy.openness"), 0.0);
  EXPECT_DOUBLE_EQ(valid({}, "[policy]\nopenness = 1.0\n").real("policy.openness"), 1.0);
}

TEST(ConfigLoad, ExclusiveBound) {
  EXPECT_EQ(single_error("[market]\ntrade_cost_per_1000km = 0"),
            "s.toml:2:25: market.trade_cost_per_1000km: expected a real number in (0, inf), found 0");
  EXPECT_DOUBLE_EQ(valid({}, "[market]\ntrade_cost_per_1000km = 1e-9\n").real("market.trade_cost_per_1000km"), 1e-9);
}

TEST(ConfigLoad, NanAndInfRejected) {
  EXPECT_EQ(single_error("[market]\ntrade_cost_per_1000km = inf"),
            "s.toml:2:25: market.trade_cost_per_1000km: expected a real number in (0, inf), found inf "
            "(NaN and infinity are not allowed)");
  EXPECT_NE(single_error("[policy]\nopenness = nan").find("found nan"), std::string::npos);
}

TEST(ConfigLoad, IntegerGivenFloat) {
  const auto errors = errors_of(std::string("[scenario]\nstart = 2023-01-01\nticks = 2.5\n") + kRegions);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(),
            "s.toml:3:9: scenario.ticks: expected an integer >= 1, found 2.5 "
            "(an integer has no decimal point or exponent)");
}

TEST(ConfigLoad, IntegerOutOfRange) {
  const auto errors = errors_of(std::string("[scenario]\nstart = 2023-01-01\nticks = 0\n") + kRegions);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), "s.toml:3:9: scenario.ticks: expected an integer >= 1, found 0");
}

TEST(ConfigLoad, BadChoice) {
  EXPECT_EQ(single_error("[market]\nmode = \"gravty\""),
            "s.toml:2:8: market.mode: expected one of \"gravity\", \"uniform\", \"none\", found \"gravty\" "
            "(did you mean 'gravity'?)");
}

TEST(ConfigLoad, BadDate) {
  const auto quoted = errors_of(std::string("[scenario]\nstart = \"2023-01-01\"\n") + kRegions);
  ASSERT_EQ(quoted.size(), 1u);
  EXPECT_EQ(quoted[0].format(),
            "s.toml:2:9: scenario.start: expected a date like 2023-01-01, found the string \"2023-01-01\" "
            "(write the date without quotes: 2023-01-01)");
  const auto with_time = errors_of(std::string("[scenario]\nstart = 2023-01-01T08:00:00\n") + kRegions);
  ASSERT_EQ(with_time.size(), 1u);
  EXPECT_EQ(with_time[0].format(),
            "s.toml:2:9: scenario.start: expected a date like 2023-01-01, found 2023-01-01T08:00:00 "
            "(write only the date, without a time)");
  const auto impossible = errors_of(std::string("[scenario]\nstart = 2023-13-01\n") + kRegions);
  ASSERT_EQ(impossible.size(), 1u);
  EXPECT_EQ(impossible[0].source.line, 2);
  EXPECT_EQ(impossible[0].expected, "valid TOML");
  EXPECT_NE(impossible[0].found.find("month"), std::string::npos);
}

TEST(ConfigLoad, MissingRequiredKey) {
  const auto errors = errors_of(kRegions);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(),
            "s.toml: scenario.start: expected a date like 2023-01-01, found nothing (the key is required)");
}

TEST(ConfigLoad, MissingRecordsKey) {
  const auto errors = errors_of("[scenario]\nstart = 2023-01-01\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "regions");
  EXPECT_EQ(errors[0].found, "nothing (the key is required)");
  EXPECT_NE(errors[0].hint.find("[[regions]]"), std::string::npos);
}

TEST(ConfigLoad, SyntaxErrorPosition) {
  const auto errors = errors_of("[policy]\nopenness = 0.5\nrd_subsidy_rate = = 0.2\n");
  ASSERT_EQ(errors.size(), 1u);  // no "missing key" noise after a syntax error
  EXPECT_EQ(errors[0].source.file, "s.toml");
  EXPECT_EQ(errors[0].source.line, 3);
  EXPECT_EQ(errors[0].source.column, 19);
  EXPECT_EQ(errors[0].expected, "valid TOML");
  EXPECT_FALSE(errors[0].found.empty());
  EXPECT_EQ(errors[0].format().rfind("s.toml:3:19: expected valid TOML, found ", 0), 0u) << errors[0].format();
}

TEST(ConfigLoad, DuplicateKeyIsSyntaxError) {
  const auto errors = errors_of("[policy]\nopenness = 0.5\nopenness = 0.2\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].source.line, 3);
  EXPECT_EQ(errors[0].expected, "valid TOML");
}

TEST(ConfigLoad, AllErrorsReportedTogetherInOrder) {
  const std::string text =
      "[scenario]\n"
      "ticks = 2.5\n"              // line 2: integer given float
      "[policy]\n"
      "openness = 3\n"             // line 4: out of range
      "rd_subsidy_rat = 0.1\n"     // line 5: unknown key
      "[market]\n"
      "mode = \"gravty\"\n"       // line 7: bad choice
      + std::string(kRegions);     // scenario.start missing
  try {
    (void)load_string(schema(), text, "s.toml", fs::current_path());
    FAIL() << "loaded";
  } catch (const InputError& error) {
    ASSERT_EQ(error.errors().size(), 5u);
    EXPECT_EQ(error.errors()[0].key, "scenario.ticks");
    EXPECT_EQ(error.errors()[1].key, "policy.openness");
    EXPECT_EQ(error.errors()[2].key, "policy.rd_subsidy_rat");
    EXPECT_EQ(error.errors()[3].key, "market.mode");
    EXPECT_EQ(error.errors()[4].key, "scenario.start");
    const std::string what = error.what();
    EXPECT_EQ(std::count(what.begin(), what.end(), '\n'), 4);
    EXPECT_NE(what.find("s.toml:4:12: policy.openness: expected a real number in [0, 1], found 3"), std::string::npos);
  }
}

TEST(ConfigLoad, MissingFile) {
  const TempDir dir;
  const fs::path file = dir.path() / "nope.toml";
  try {
    (void)load(schema(), file);
    FAIL() << "loaded";
  } catch (const InputError& error) {
    ASSERT_EQ(error.errors().size(), 1u);
    EXPECT_EQ(error.errors()[0].format(),
              file.string() + ": expected a readable file, found \"" + file.string() + "\" (no such file)");
  }
}

TEST(ConfigLoad, LoadFromFile) {
  const TempDir dir;
  const fs::path file = dir.write("s.toml", std::string("[scenario]\nstart = 2024-07-01\n") + kRegions);
  const Config config = load(schema(), file);
  EXPECT_EQ(config.date("scenario.start"), Date{2024y / 7 / 1});
  EXPECT_EQ(config.source("scenario.start").describe(), file.string() + ":2:9");
}

// ---- base files ----

TEST(ConfigBase, IncludingFileOverridesBaseKeyByKey) {
  const TempDir dir;
  dir.write("common/base.toml",
            std::string("[scenario]\nstart = 2023-01-01\nname = \"base\"\n[policy]\nopenness = 0.3\n"
                        "rd_subsidy_rate = 0.2\n[output]\ndir = \"out\"\n"
                        "[[regions]]\nname = \"A\"\ngdp = 1\n[[regions]]\nname = \"B\"\ngdp = 2\n"));
  const fs::path child = dir.write("child.toml",
                                   "base = \"common/base.toml\"\n[policy]\nopenness = 0.4\n"
                                   "[[regions]]\nname = \"C\"\ngdp = 3\n");
  const Config config = load(schema(), child);
  const std::string base = (dir.path() / "common/base.toml").string();
  EXPECT_DOUBLE_EQ(config.real("policy.openness"), 0.4);
  EXPECT_EQ(config.source("policy.openness").describe(), child.string() + ":3:12");
  EXPECT_DOUBLE_EQ(config.real("policy.rd_subsidy_rate"), 0.2);
  EXPECT_EQ(config.source("policy.rd_subsidy_rate").describe(), base + ":6:19");
  EXPECT_EQ(config.string("scenario.name"), "base");
  // A path in the base resolves against the base's directory.
  EXPECT_EQ(config.string("output.dir"), (dir.path() / "common/out").string());
  // Records are replaced whole.
  ASSERT_EQ(config.records("regions").rows.size(), 1u);
  EXPECT_EQ(config.records("regions").string(0, "name"), "C");
}

TEST(ConfigBase, ChainOfBases) {
  const TempDir dir;
  dir.write("a.toml", std::string("[scenario]\nstart = 2023-01-01\nticks = 4\n") + kRegions);
  dir.write("b.toml", "base = \"a.toml\"\n[scenario]\nticks = 8\nname = \"b\"\n");
  const fs::path c = dir.write("c.toml", "base = \"b.toml\"\n[scenario]\nname = \"c\"\n");
  const Config config = load(schema(), c);
  EXPECT_EQ(config.integer("scenario.ticks"), 8);
  EXPECT_EQ(config.string("scenario.name"), "c");
}

TEST(ConfigBase, ErrorInBaseAttributedToBase) {
  const TempDir dir;
  const fs::path base = dir.write("base.toml", std::string("[scenario]\nstart = 2023-01-01\n[policy]\nopenness = 2\n") + kRegions);
  const fs::path child = dir.write("child.toml", "base = \"base.toml\"\n[policy]\nrd_subsidy_rate = 7\n");
  try {
    (void)load(schema(), child, std::vector<std::string>{"market.mode=spatial"});
    FAIL() << "loaded";
  } catch (const InputError& error) {
    ASSERT_EQ(error.errors().size(), 3u);
    // The including file first (it is read first), then its base, then --set.
    EXPECT_EQ(error.errors()[0].format(),
              child.string() + ":3:19: policy.rd_subsidy_rate: expected a real number in [0, 1], found 7");
    EXPECT_EQ(error.errors()[1].format(),
              base.string() + ":4:12: policy.openness: expected a real number in [0, 1], found 2");
    EXPECT_EQ(error.errors()[2].format(),
              "--set market.mode: expected one of \"gravity\", \"uniform\", \"none\", found \"spatial\"");
  }
}

TEST(ConfigBase, Cycle) {
  const TempDir dir;
  const fs::path a = dir.write("a.toml", "base = \"b.toml\"\n");
  const fs::path b = dir.write("b.toml", "\nbase = \"./a.toml\"\n");
  try {
    (void)load(schema(), a);
    FAIL() << "loaded";
  } catch (const InputError& error) {
    // The cycle, and the keys neither file sets.
    ASSERT_EQ(error.errors().size(), 3u) << error.what();
    EXPECT_EQ(error.errors()[0].key, "scenario.start");
    EXPECT_EQ(error.errors()[1].key, "regions");
    const Error& cycle = error.errors()[2];
    EXPECT_EQ(cycle.source.file, b.string());
    EXPECT_EQ(cycle.source.line, 2);
    EXPECT_EQ(cycle.key, "base");
    EXPECT_EQ(cycle.found, "a cycle: " + a.string() + " -> " + b.string() + " -> " + a.string());
  }
}

TEST(ConfigBase, SelfCycle) {
  const TempDir dir;
  const fs::path a = dir.write("a.toml", std::string("base = \"a.toml\"\n[scenario]\nstart = 2023-01-01\n") + kRegions);
  try {
    (void)load(schema(), a);
    FAIL() << "loaded";
  } catch (const InputError& error) {
    ASSERT_EQ(error.errors().size(), 1u);
    EXPECT_EQ(error.errors()[0].format(), a.string() +
                                              ":1:8: base: expected a base file that does not lead back to this file, "
                                              "found a cycle: " + a.string() + " -> " + a.string());
  }
}

// Base files are read one inside another: a chain thousands long exhausted the stack (under
// AddressSanitizer at 3,000). Sixty-four files load; the sixty-fifth is refused where it is named.
TEST(ConfigBase, AChainOfMoreThanSixtyFourFilesIsRefused) {
  const TempDir dir;
  // (Names built by appending: GCC 12 warns wrongly about "c" + std::to_string(i).)
  const auto name = [](int i) {
    std::string text(1, 'c');
    text.append(std::to_string(i)).append(".toml");
    return text;
  };
  const auto chain = [&dir, &name](int length) {
    for (int i = 0; i + 1 < length; ++i) dir.write(name(i), std::string("base = \"").append(name(i + 1)).append("\"\n"));
    return dir.write(name(length - 1), std::string("[scenario]\nstart = 2023-01-01\n") + kRegions);
  };
  chain(64);
  EXPECT_NO_THROW((void)load(schema(), dir.path() / "c0.toml"));
  chain(65);
  try {
    (void)load(schema(), dir.path() / "c0.toml");
    FAIL() << "loaded";
  } catch (const InputError& error) {
    // The refused base, and the keys only the files past it set.
    ASSERT_EQ(error.errors().size(), 3u) << error.what();
    const Error& base = error.errors()[2];
    EXPECT_EQ(base.key, "base");
    EXPECT_EQ(base.source.file, (dir.path() / "c63.toml").string());
    EXPECT_EQ(base.expected, "a chain of at most 64 files");
  }
}

TEST(ConfigBase, MissingBase) {
  const TempDir dir;
  const fs::path a = dir.write("a.toml", std::string("base = \"gone.toml\"\n[scenario]\nstart = 2023-01-01\n") + kRegions);
  try {
    (void)load(schema(), a);
    FAIL() << "loaded";
  } catch (const InputError& error) {
    ASSERT_EQ(error.errors().size(), 1u);
    EXPECT_EQ(error.errors()[0].format(), a.string() + ":1:8: base: expected a readable file, found \"" +
                                              (dir.path() / "gone.toml").string() + "\" (no such file)");
  }
}

TEST(ConfigBase, SyntaxErrorInBase) {
  const TempDir dir;
  const fs::path base = dir.write("base.toml", "[policy\nopenness = 0.1\n");
  const fs::path a = dir.write("a.toml", "base = \"base.toml\"\n");
  try {
    (void)load(schema(), a);
    FAIL() << "loaded";
  } catch (const InputError& error) {
    ASSERT_EQ(error.errors().size(), 1u);
    EXPECT_EQ(error.errors()[0].source.file, base.string());
    EXPECT_EQ(error.errors()[0].source.line, 1);
    EXPECT_EQ(error.errors()[0].expected, "valid TOML");
  }
}

// ---- --set overrides ----

TEST(ConfigOverride, Valid) {
  const Config config = valid({"policy.openness=0.7", "scenario.ticks = 12", "market.enabled=false",
                               "scenario.start=2024-06-30", "output.variables=[\"a\", \"b\"]",
                               "scenario.name=\"quoted name\""},
                              "[policy]\nopenness = 0.2\n");
  EXPECT_DOUBLE_EQ(config.real("policy.openness"), 0.7);
  EXPECT_EQ(config.source("policy.openness").describe(), "--set");
  EXPECT_EQ(config.integer("scenario.ticks"), 12);
  EXPECT_FALSE(config.boolean("market.enabled"));
  EXPECT_EQ(config.date("scenario.start"), Date{2024y / 6 / 30});
  EXPECT_EQ(config.strings("output.variables"), (StringList{"a", "b"}));
  EXPECT_EQ(config.string("scenario.name"), "quoted name");
}

TEST(ConfigOverride, LaterOverrideWins) {
  const Config config = valid({"policy.openness=0.7", "policy.openness=0.8"});
  EXPECT_DOUBLE_EQ(config.real("policy.openness"), 0.8);
}

TEST(ConfigOverride, RawStringValues) {
  const Config config = valid({"scenario.name=my run 2", "market.mode=uniform", "output.dir=out/x", "scenario.name=true"});
  EXPECT_EQ(config.string("scenario.name"), "true");
  EXPECT_EQ(config.string("market.mode"), "uniform");
  EXPECT_EQ(config.string("output.dir"), (fs::current_path() / "out/x").string());
  EXPECT_EQ(valid({"scenario.name=my run 2"}).string("scenario.name"), "my run 2");
}

TEST(ConfigOverride, Invalid) {
  EXPECT_EQ(single_error("", {"policy.openness=7"}), "--set policy.openness: expected a real number in [0, 1], found 7");
  EXPECT_EQ(single_error("", {"policy.openness=high"}),
            "--set policy.openness: expected a real number in [0, 1], found high");
  EXPECT_EQ(single_error("", {"scenario.ticks=2.5"}),
            "--set scenario.ticks: expected an integer >= 1, found 2.5 (an integer has no decimal point or exponent)");
  EXPECT_EQ(single_error("", {"scenario.start=2023-02-30"}),
            "--set scenario.start: expected a date like 2023-01-01, found 2023-02-30");
  EXPECT_EQ(single_error("", {"market.mode=gravty"}),
            "--set market.mode: expected one of \"gravity\", \"uniform\", \"none\", found \"gravty\" "
            "(did you mean 'gravity'?)");
}

TEST(ConfigOverride, UnknownKey) {
  EXPECT_EQ(single_error("", {"policy.opennes=0.7"}),
            "--set policy.opennes: expected a key of the scenario schema, found an unknown key "
            "(did you mean 'policy.openness'?)");
  EXPECT_EQ(single_error("", {"policy=0.7"}),
            "--set policy: expected a key of the scenario schema, found a table "
            "(set one of its keys, e.g. policy.rd_subsidy_rate=...)");
}

TEST(ConfigOverride, MissingEquals) {
  EXPECT_EQ(single_error("", {"policy.openness"}),
            "--set: expected key.path=value, found \"policy.openness\" (an override needs '=')");
}

TEST(ConfigOverride, RecordsCannotBeSet) {
  EXPECT_EQ(single_error("", {"regions=[]"}),
            "--set regions: expected a key that is not a records key, found a records key "
            "(a records key cannot be set from the command line)");
}

TEST(ConfigOverride, SuppliesRequiredKey) {
  const Config config = load_string(schema(), kRegions, "s.toml", fs::current_path(),
                                    std::vector<std::string>{"scenario.start=2025-01-01"});
  EXPECT_EQ(config.date("scenario.start"), Date{2025y / 1 / 1});
}

TEST(ConfigOverride, ErrorsCollectedWithFileErrors) {
  const auto errors = errors_of(std::string("[policy]\nopenness = 9\n") + kRegions,
                                {"bogus.key=1", "policy.openness", "scenario.ticks=0"});
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].format(), "s.toml:2:12: policy.openness: expected a real number in [0, 1], found 9");
  EXPECT_EQ(errors[1].format(), "s.toml: scenario.start: expected a date like 2023-01-01, found nothing (the key is required)");
  EXPECT_EQ(errors[2].key, "bogus.key");
  EXPECT_EQ(errors[3].key, "");
  EXPECT_EQ(errors[4].format(), "--set scenario.ticks: expected an integer >= 1, found 0");
}

}  // namespace
}  // namespace sim::config
