// Schema declaration, sources, error formatting, typed access and the generated reference.
#include <gtest/gtest.h>

#include <stdexcept>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"

namespace sim::config {
namespace {

using testing_support::key;

using namespace std::chrono_literals;

FieldSpec field(std::string name, Kind kind, Range range = {}, std::string unit = "", std::string description = "") {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.kind = kind;
  spec.range = range;
  spec.unit = std::move(unit);
  spec.description = std::move(description);
  return spec;
}

Schema small_schema() {
  Schema schema;
  schema.add(key("scenario.start", Kind::date, {}, {}, "", "First day of the run."));
  schema.add(key("scenario.ticks", Kind::integer, std::int64_t{40}, {.min = 1}, "ticks", "Number of ticks."));
  schema.add(key("policy.openness", Kind::real, 0.5, {.min = 0, .max = 1}, "1", "Share of | open trade."));
  KeySpec mode = key("market.mode", Kind::choice, std::string("gravity"), {}, "", "Trade model.");
  mode.choices = {"gravity", "uniform"};
  schema.add(mode);
  KeySpec regions = key("regions", Kind::records, {}, {}, "", "The regions.");
  regions.fields.push_back(field("name", Kind::string, {}, "", "Region name."));
  regions.fields.push_back(field("gdp", Kind::real, {.min = 0}, "1e8 CNY", "GDP."));
  regions.fields.back().aliases = {"gdp_2022"};
  regions.fields.push_back(field("tier", Kind::integer, {.min = 1, .max = 3}));
  regions.fields.back().required = false;
  schema.add(regions);
  schema.add(key("seed", Kind::integer, std::int64_t{7}, {}, "", "RNG seed."));
  return schema;
}

TEST(ConfigSchema, FindKnownAndUnknown) {
  const Schema schema = small_schema();
  ASSERT_NE(schema.find("policy.openness"), nullptr);
  EXPECT_EQ(schema.find("policy.openness")->kind, Kind::real);
  EXPECT_EQ(schema.find("policy"), nullptr);
  EXPECT_EQ(schema.find("policy.open"), nullptr);
  EXPECT_EQ(schema.keys().size(), 6u);
  EXPECT_EQ(schema.keys()[0].path, "scenario.start");
}

TEST(ConfigSchema, DuplicatePathThrows) {
  Schema schema = small_schema();
  EXPECT_THROW(schema.add(key("policy.openness", Kind::real, 0.1)), std::logic_error);
}

TEST(ConfigSchema, DefaultOutsideRangeThrows) {
  Schema schema;
  EXPECT_THROW(schema.add(key("a.b", Kind::real, 1.5, {.min = 0, .max = 1})),
               std::logic_error);
  EXPECT_THROW(schema.add(key("a.c", Kind::real, 0.0, {.min = 0, .min_exclusive = true})),
               std::logic_error);
  EXPECT_THROW(schema.add(key("a.d", Kind::integer, std::int64_t{0}, {.min = 1})),
               std::logic_error);
  EXPECT_TRUE(schema.keys().empty());
}

TEST(ConfigSchema, DefaultOfWrongKindThrows) {
  Schema schema;
  EXPECT_THROW(schema.add(key("a.b", Kind::integer, 1.0)), std::logic_error);
  EXPECT_THROW(schema.add(key("a.c", Kind::string, true)), std::logic_error);
  EXPECT_THROW(schema.add(key("a.d", Kind::date, std::string("2023-01-01"))),
               std::logic_error);
  KeySpec choice = key("a.e", Kind::choice, std::string("x"));
  choice.choices = {"y"};
  EXPECT_THROW(schema.add(choice), std::logic_error);
  KeySpec records = key("a.f", Kind::records, 1.0);
  records.fields = {field("x", Kind::real)};
  EXPECT_THROW(schema.add(records), std::logic_error);
  EXPECT_TRUE(schema.keys().empty());
}

TEST(ConfigSchema, IntegerDefaultOfRealKeyBecomesDouble) {
  Schema schema;
  schema.add(key("a.b", Kind::real, std::int64_t{2}));
  EXPECT_TRUE(std::holds_alternative<double>(schema.find("a.b")->default_value));
  EXPECT_DOUBLE_EQ(std::get<double>(schema.find("a.b")->default_value), 2.0);
}

TEST(ConfigSchema, KeyCannotAlsoBeATable) {
  Schema schema;
  schema.add(key("market.trade", Kind::real, 1.0));
  EXPECT_THROW(schema.add(key("market.trade.cost", Kind::real, 1.0)), std::logic_error);
  EXPECT_THROW(schema.add(key("market", Kind::real, 1.0)), std::logic_error);
}

TEST(ConfigSchema, OnlyRecordsKeysCanBeOptional) {
  Schema schema;
  KeySpec real = key("a.b", Kind::real, 1.0);
  real.required = false;
  EXPECT_THROW(schema.add(real), std::logic_error);
  KeySpec records = key("a.c", Kind::records);
  records.fields = {field("x", Kind::real)};
  records.required = false;
  schema.add(records);
  ASSERT_EQ(schema.keys().size(), 1u);
  EXPECT_FALSE(schema.find("a.c")->required);
  EXPECT_TRUE(KeySpec{}.required);
}

// The message of the std::logic_error thrown by adding a records key with `fields`, or "" when it is added.
std::string records_problem(std::vector<FieldSpec> fields) {
  Schema schema;
  KeySpec records = key("a.rows", Kind::records);
  records.fields = std::move(fields);
  try {
    schema.add(records);
  } catch (const std::logic_error& error) {
    return error.what();
  }
  return "";
}

TEST(ConfigSchema, DateAndNestedFields) {
  EXPECT_EQ(records_problem({field("from", Kind::date), field("set.rate", Kind::real), field("set.deep.n", Kind::integer)}),
            "");
  EXPECT_EQ(records_problem({field("file", Kind::path)}),
            "schema key 'a.rows.file': records fields are real, integer, boolean, choice, string, date, string_list or real_list");
  EXPECT_EQ(records_problem({field("set.", Kind::real)}), "schema key 'a.rows.set.': empty part in a dotted field name");
  EXPECT_EQ(records_problem({field(".rate", Kind::real)}), "schema key 'a.rows..rate': empty part in a dotted field name");
  EXPECT_EQ(records_problem({field("set..rate", Kind::real)}),
            "schema key 'a.rows.set..rate': empty part in a dotted field name");
  EXPECT_EQ(records_problem({field("set.rate", Kind::real), field("set", Kind::real)}),
            "schema key 'a.rows': 'set' is both a field (or alias) and a sub-table of fields");
  FieldSpec other = field("other", Kind::real);
  other.aliases = {"set"};
  EXPECT_EQ(records_problem({other, field("set.rate", Kind::real)}),
            "schema key 'a.rows': 'set' is both a field (or alias) and a sub-table of fields");
}

TEST(ConfigSource, Describe) {
  EXPECT_EQ((Source{"configs/x.toml", 12, 3}).describe(), "configs/x.toml:12:3");
  EXPECT_EQ((Source{"--set", 0, 0}).describe(), "--set");
  EXPECT_EQ(Source{}.describe(), "(default)");
  EXPECT_EQ((Source{"configs/x.toml", 0, 0}).describe(), "configs/x.toml");
}

// Built member by member: GCC 12 reports a false -Wmaybe-uninitialized for nested brace
// initialisation of Error's strings.
Error make_error(std::string file, int line, int column, std::string key, std::string expected, std::string found,
                 std::string hint) {
  Error error;
  error.source.file = std::move(file);
  error.source.line = line;
  error.source.column = column;
  error.key = std::move(key);
  error.expected = std::move(expected);
  error.found = std::move(found);
  error.hint = std::move(hint);
  return error;
}

TEST(ConfigError, FormatFileSource) {
  const Error error = make_error("configs/x.toml", 12, 3, "policy.rd_subsidy_rate", "a real number in [0, 1]", "1.5", "");
  EXPECT_EQ(error.format(), "configs/x.toml:12:3: policy.rd_subsidy_rate: expected a real number in [0, 1], found 1.5");
}

TEST(ConfigError, FormatWithHintAndOverride) {
  const Error file_error = make_error("x.toml", 2, 1, "policy.opennes", "a key of the scenario schema", "an unknown key",
                         "did you mean 'policy.openness'?");
  EXPECT_EQ(file_error.format(),
            "x.toml:2:1: policy.opennes: expected a key of the scenario schema, found an unknown key "
            "(did you mean 'policy.openness'?)");
  const Error set_error = make_error("--set", 0, 0, "policy.openness", "a real number in [0, 1]", "7", "");
  EXPECT_EQ(set_error.format(), "--set policy.openness: expected a real number in [0, 1], found 7");
  const Error no_key = make_error("x.toml", 3, 5, "", "valid TOML", "an error", "");
  EXPECT_EQ(no_key.format(), "x.toml:3:5: expected valid TOML, found an error");
}

TEST(ConfigError, InputErrorJoinsAllMessages) {
  const InputError error({make_error("a.toml", 1, 1, "k", "x", "y", ""), make_error("--set", 0, 0, "j", "p", "q", "h")});
  EXPECT_EQ(std::string(error.what()), "a.toml:1:1: k: expected x, found y\n--set j: expected p, found q (h)");
  EXPECT_EQ(error.errors().size(), 2u);
}

TEST(ConfigAccess, TypedGettersCheckPathAndKind) {
  const Schema schema = small_schema();
  Config config(schema);
  config.set("policy.openness", 0.25, Source{"x.toml", 4, 12});
  config.set("scenario.ticks", std::int64_t{8}, Source{});
  config.set("scenario.start", Date{2023y / 1 / 1}, Source{});
  config.set("market.mode", std::string("uniform"), Source{});
  EXPECT_DOUBLE_EQ(config.real("policy.openness"), 0.25);
  EXPECT_EQ(config.integer("scenario.ticks"), 8);
  EXPECT_EQ(config.date("scenario.start"), Date{2023y / 1 / 1});
  EXPECT_EQ(config.string("market.mode"), "uniform");
  EXPECT_EQ(config.source("policy.openness").describe(), "x.toml:4:12");
  EXPECT_THROW((void)config.real("policy.nothing"), std::logic_error);
  EXPECT_THROW((void)config.integer("policy.openness"), std::logic_error);
  EXPECT_THROW((void)config.string("scenario.ticks"), std::logic_error);
  EXPECT_THROW((void)config.records("policy.openness"), std::logic_error);
  EXPECT_THROW((void)config.boolean("market.mode"), std::logic_error);
  EXPECT_THROW(config.set("policy.openness", std::string("high"), Source{}), std::logic_error);
  EXPECT_THROW(config.set("policy.nothing", 1.0, Source{}), std::logic_error);
  EXPECT_THROW(config.set("regions", 1.0, Source{}), std::logic_error);
}

TEST(ConfigAccess, RecordsAccessors) {
  Records records;
  records.field_names = {"name", "gdp", "tier"};
  records.origin = "inline";
  Record row;
  row.fields = {std::string("Beijing"), 41610.9, std::monostate{}};
  row.sources = {Source{"x.toml", 3, 8}, Source{"x.toml", 4, 7}, Source{}};
  records.rows.push_back(row);
  EXPECT_EQ(records.field_index("gdp"), 1u);
  EXPECT_THROW((void)records.field_index("lat"), std::logic_error);
  EXPECT_EQ(records.string(0, "name"), "Beijing");
  EXPECT_DOUBLE_EQ(records.real(0, "gdp"), 41610.9);
  EXPECT_TRUE(records.has(0, "gdp"));
  EXPECT_FALSE(records.has(0, "tier"));
  EXPECT_THROW((void)records.integer(0, "tier"), std::logic_error);
  EXPECT_THROW((void)records.integer(0, "gdp"), std::logic_error);
  EXPECT_THROW((void)records.real(1, "gdp"), std::logic_error);
  EXPECT_EQ(records.source(0, "gdp").describe(), "x.toml:4:7");
  EXPECT_THROW((void)records.date(0, "gdp"), std::logic_error);
}

TEST(ConfigAccess, RecordsDateAndNestedField) {
  Records records;
  records.field_names = {"from", "set.rate"};
  Record row;
  row.fields = {Date{2030y / 1 / 1}, 0.25};
  row.sources = {Source{}, Source{"x.toml", 2, 7}};
  records.rows.push_back(row);
  EXPECT_EQ(records.date(0, "from"), Date{2030y / 1 / 1});
  EXPECT_DOUBLE_EQ(records.real(0, "set.rate"), 0.25);
  EXPECT_TRUE(records.has(0, "set.rate"));
  EXPECT_EQ(records.source(0, "set.rate").describe(), "x.toml:2:7");
  EXPECT_THROW((void)records.real(0, "rate"), std::logic_error);
  EXPECT_THROW((void)records.date(0, "set.rate"), std::logic_error);
  EXPECT_THROW((void)records.date(1, "from"), std::logic_error);
}

TEST(ConfigReference, ListsEveryKeyPerTable) {
  const Schema schema = small_schema();
  const std::string markdown = reference_markdown(schema);
  EXPECT_NE(markdown.find("## [scenario]\n"), std::string::npos);
  EXPECT_NE(markdown.find("## [policy]\n"), std::string::npos);
  EXPECT_NE(markdown.find("## [market]\n"), std::string::npos);
  EXPECT_NE(markdown.find("## Top-level keys\n"), std::string::npos);
  EXPECT_NE(markdown.find("| key | kind | default | unit | valid range | description |"), std::string::npos);
  EXPECT_NE(markdown.find("| `openness` | real | 0.5 | 1 | [0, 1] | Share of \\| open trade. |"), std::string::npos);
  EXPECT_NE(markdown.find("| `ticks` | integer | 40 | ticks | >= 1 | Number of ticks. |"), std::string::npos);
  EXPECT_NE(markdown.find("| `start` | date | required |"), std::string::npos);
  EXPECT_NE(markdown.find("| `mode` | choice | \"gravity\" |  | \"gravity\", \"uniform\" | Trade model. |"),
            std::string::npos);
  EXPECT_NE(markdown.find("| `seed` | integer | 7 |"), std::string::npos);
  EXPECT_NE(markdown.find("| `regions` | records | required |"), std::string::npos);
  EXPECT_NE(markdown.find("| field | kind | unit | valid range | required | description |"), std::string::npos);
  EXPECT_NE(markdown.find("| `gdp` (CSV alias: `gdp_2022`) | real | 1e8 CNY | [0, inf) | yes | GDP. |"),
            std::string::npos);
  EXPECT_NE(markdown.find("| `tier` | integer |  | [1, 3] | no |"), std::string::npos);
  // Schema order: scenario before policy before market.
  EXPECT_LT(markdown.find("## [scenario]"), markdown.find("## [policy]"));
  EXPECT_LT(markdown.find("## [policy]"), markdown.find("## [market]"));
  EXPECT_EQ(markdown, reference_markdown(schema));
  EXPECT_EQ(markdown.find("dotted field"), std::string::npos);  // only for keys with nested fields
}

TEST(ConfigReference, OptionalRecordsDateAndNestedFields) {
  Schema schema;
  KeySpec schedule = key("policy.schedule", Kind::records, {}, {}, "", "Policy changes.");
  schedule.required = false;
  schedule.fields.push_back(field("from", Kind::date, {}, "", "First day."));
  schedule.fields.push_back(field("set.rate", Kind::real, {.min = 0, .max = 1}, "1", "New rate."));
  schedule.fields.back().required = false;
  schema.add(schedule);
  const std::string markdown = reference_markdown(schema);
  EXPECT_NE(markdown.find("| `schedule` | records | no rows |  |  | Policy changes. |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("A dotted field such as `set.rate` is the field `rate` of the row's sub-table `set` "
                          "(`set = { rate = ... }`); in CSV it is the column `set.rate`.\n"),
            std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("| `from` | date |  |  | yes | First day. |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| `set.rate` | real | 1 | [0, 1] | no | New rate. |"), std::string::npos) << markdown;
}

}  // namespace
}  // namespace sim::config
