// Config::to_toml: the resolved scenario as TOML, loading back to the same values.
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

FieldSpec field(std::string name, Kind kind, bool required = true) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.kind = kind;
  spec.required = required;
  return spec;
}

Schema test_schema() {
  Schema schema;
  schema.add(key("seed", Kind::integer, std::int64_t{42}));
  schema.add(key("scenario.name", Kind::string, std::string("base \"line\"")));
  schema.add(key("scenario.start", Kind::date));
  schema.add(key("scenario.ticks", Kind::integer, std::int64_t{40}, {.min = 1}));
  schema.add(key("policy.openness", Kind::real, 0.5, {.min = 0, .max = 1}));
  schema.add(key("policy.rd_subsidy_rate", Kind::real, 0.1, {.min = 0, .max = 1}));
  schema.add(key("policy.scale", Kind::real, 1e-12));
  KeySpec mode = key("market.mode", Kind::choice, std::string("gravity"));
  mode.choices = {"gravity", "uniform"};
  schema.add(mode);
  schema.add(key("market.trade.enabled", Kind::boolean, false));
  schema.add(key("output.dir", Kind::path, std::string("results")));
  schema.add(key("output.variables", Kind::string_list, StringList{"gdp", "firms"}));
  schema.add(key("output.empty", Kind::string_list, StringList{}));
  schema.add(key("sweep.values", Kind::real_list, RealList{0.1, 0.25, 1e-12}, {.min = 0}));
  KeySpec regions = key("geo.regions", Kind::records);
  regions.fields = {field("name", Kind::string), field("gdp", Kind::real), field("tier", Kind::integer, false),
                    field("coastal", Kind::boolean, false), field("tags", Kind::string_list, false)};
  regions.fields.push_back(field("kind", Kind::choice, false));
  regions.fields.back().choices = {"city", "province"};
  schema.add(regions);
  KeySpec schedule = key("policy.schedule", Kind::records);
  schedule.required = false;
  schedule.fields = {field("from", Kind::date), field("regions", Kind::string_list, false),
                     field("set.basic_research_funding", Kind::real, false),
                     field("set.rd_subsidy_rate", Kind::real, false)};
  schema.add(schedule);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

void expect_same(const Config& a, const Config& b) {
  for (const KeySpec& spec : schema().keys()) {
    SCOPED_TRACE(spec.path);
    switch (spec.kind) {
      case Kind::real: EXPECT_EQ(a.real(spec.path), b.real(spec.path)); break;
      case Kind::integer: EXPECT_EQ(a.integer(spec.path), b.integer(spec.path)); break;
      case Kind::boolean: EXPECT_EQ(a.boolean(spec.path), b.boolean(spec.path)); break;
      case Kind::choice:
      case Kind::string:
      case Kind::path: EXPECT_EQ(a.string(spec.path), b.string(spec.path)); break;
      case Kind::date: EXPECT_EQ(a.date(spec.path), b.date(spec.path)); break;
      case Kind::string_list: EXPECT_EQ(a.strings(spec.path), b.strings(spec.path)); break;
      case Kind::real_list: EXPECT_EQ(a.reals(spec.path), b.reals(spec.path)); break;
      case Kind::records: {
        const Records& ra = a.records(spec.path);
        const Records& rb = b.records(spec.path);
        EXPECT_EQ(ra.field_names, rb.field_names);
        ASSERT_EQ(ra.rows.size(), rb.rows.size());
        for (std::size_t i = 0; i < ra.rows.size(); ++i) EXPECT_EQ(ra.rows[i].fields, rb.rows[i].fields) << "row " << i;
        break;
      }
    }
  }
}

TEST(ConfigToToml, RoundTripInline) {
  const std::string text =
      "[scenario]\nstart = 2023-03-31\nticks = 12\n"
      "[policy]\nopenness = 1\nrd_subsidy_rate = 0.1234567890123\n"
      "[market]\nmode = \"uniform\"\n"
      "[output]\ndir = \"out/run\"\nvariables = [\"a\", \"b c\"]\n"
      "[[policy.schedule]]\nfrom = 2030-01-01\nregions = [\"Anhui\"]\n"
      "set = { basic_research_funding = 0.004, rd_subsidy_rate = 0.1 }\n"
      "[[policy.schedule]]\nfrom = 2031-06-30\nset.rd_subsidy_rate = 0.2\n"
      "[[geo.regions]]\nname = \"Bei\\\"jing\"\ngdp = 41610.9\ntier = 1\ntags = [\"x\"]\n"
      "[[geo.regions]]\nname = \"Tianjin\"\ngdp = 2\ncoastal = true\ntags = []\nkind = \"city\"\n";
  const Config original = load_string(schema(), text, "s.toml", "/data/scenarios",
                                      std::vector<std::string>{"scenario.name=\"from --set \\\" x = 0.10000000000000001\"", "seed=-3"});
  const std::string written = original.to_toml();
  // Integer-valued reals are written as floats; dates as TOML dates; records as arrays of tables.
  EXPECT_NE(written.find("openness = 1.0"), std::string::npos) << written;
  EXPECT_NE(written.find("start = 2023-03-31"), std::string::npos) << written;
  EXPECT_NE(written.find("[[geo.regions]]"), std::string::npos) << written;
  // A path relative to the working directory, as the files that embed this text store it.
  const std::string relative = fs::path("/data/scenarios/out/run").lexically_relative(fs::current_path()).generic_string();
  ASSERT_FALSE(fs::path(relative).is_absolute());
  EXPECT_NE(written.find("dir = \"" + relative + "\""), std::string::npos) << written;
  EXPECT_NE(written.find("enabled = false"), std::string::npos) << written;  // a default
  // Floats in their shortest exact form, not with 17 digits.
  EXPECT_NE(written.find("rd_subsidy_rate = 0.1234567890123\n"), std::string::npos) << written;
  EXPECT_NE(written.find("gdp = 41610.9\n"), std::string::npos) << written;
  EXPECT_NE(written.find("scale = 1e-12\n"), std::string::npos) << written;
  EXPECT_EQ(written.find("base"), std::string::npos);
  // Date fields as TOML dates, nested fields in a sub-table of their row.
  EXPECT_NE(written.find("from = 2030-01-01\n"), std::string::npos) << written;
  EXPECT_NE(written.find("[policy.schedule.set]"), std::string::npos) << written;
  EXPECT_NE(written.find("basic_research_funding = 0.004\n"), std::string::npos) << written;
  // Loaded again from a file in the working directory, it gives the same values.
  const Config again = load_string(schema(), written, "resolved.toml", fs::current_path());
  expect_same(original, again);
  EXPECT_EQ(again.records("geo.regions").string(0, "name"), "Bei\"jing");
  EXPECT_FALSE(again.records("geo.regions").has(0, "coastal"));
  EXPECT_EQ(again.string("scenario.name"), "from --set \" x = 0.10000000000000001");
  EXPECT_EQ(again.integer("seed"), -3);
  EXPECT_DOUBLE_EQ(again.real("policy.scale"), 1e-12);
  const Records& schedule = again.records("policy.schedule");
  ASSERT_EQ(schedule.rows.size(), 2u);
  EXPECT_EQ(schedule.date(1, "from"), Date{2031y / 6 / 30});
  EXPECT_DOUBLE_EQ(schedule.real(0, "set.basic_research_funding"), 0.004);
  EXPECT_FALSE(schedule.has(1, "set.basic_research_funding"));
  EXPECT_DOUBLE_EQ(schedule.real(1, "set.rd_subsidy_rate"), 0.2);
  // And writing it again gives the same text.
  EXPECT_EQ(again.to_toml(), written);
}

TEST(ConfigToToml, RoundTripCsvRecords) {
  const fs::path dir = fs::temp_directory_path() / ("clustersim_config_to_toml_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "regions.csv") << "name,gdp,tier,coastal,tags,kind\nA,1.5,2,1,x;y,province\nB,0.1,,0,,\n";
  std::ofstream(dir / "schedule.csv") << "from,set.rd_subsidy_rate,set.basic_research_funding\n2030-01-01,0.3,\n";
  const Config original = load_string(schema(),
                                      "geo.regions = { file = \"regions.csv\" }\n"
                                      "policy.schedule = { file = \"schedule.csv\" }\n"
                                      "[scenario]\nstart = 2020-02-29\n",
                                      "s.toml", dir);
  fs::remove_all(dir);
  const Config again = load_string(schema(), original.to_toml(), "resolved.toml", fs::current_path());
  expect_same(original, again);
  EXPECT_EQ(again.records("geo.regions").origin, "inline");
  EXPECT_EQ(again.date("scenario.start"), Date{2020y / 2 / 29});
  EXPECT_FALSE(again.records("geo.regions").has(1, "tier"));
  EXPECT_EQ(again.records("geo.regions").strings(1, "tags"), StringList{});
  EXPECT_EQ(again.records("policy.schedule").date(0, "from"), Date{2030y / 1 / 1});
  EXPECT_DOUBLE_EQ(again.records("policy.schedule").real(0, "set.rd_subsidy_rate"), 0.3);
}

TEST(ConfigToToml, OptionalRecordsWithoutRows) {
  const Config original = load_string(schema(), "[scenario]\nstart = 2023-01-01\n[[geo.regions]]\nname = \"A\"\ngdp = 1\n",
                                      "s.toml", "/");
  ASSERT_TRUE(original.records("policy.schedule").rows.empty());
  const std::string written = original.to_toml();
  EXPECT_NE(written.find("schedule = []\n"), std::string::npos) << written;
  const Config again = load_string(schema(), written, "resolved.toml", fs::current_path());
  expect_same(original, again);
  EXPECT_TRUE(again.records("policy.schedule").rows.empty());
  EXPECT_EQ(again.to_toml(), written);
}

TEST(ConfigToToml, HandBuiltConfig) {
  Config config(schema());
  config.set("policy.openness", std::int64_t{1}, Source{});  // an integer for a real key is stored as a double
  EXPECT_TRUE(std::holds_alternative<double>(Value{config.real("policy.openness")}));
  const std::string written = config.to_toml();
  EXPECT_NE(written.find("openness = 1.0"), std::string::npos) << written;
  EXPECT_EQ(written.find("ticks"), std::string::npos) << written;  // unset keys are left out
}

}  // namespace
}  // namespace sim::config
