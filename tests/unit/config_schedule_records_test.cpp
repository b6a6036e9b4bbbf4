// Records keys for policy schedules: optional keys, date fields and nested fields (sub-tables of a row).
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

using testing_support::field;

Schema test_schema() {
  Schema schema;
  schema.add(key("policy.rd_subsidy_rate", Kind::real, 0.1, {.min = 0, .max = 1}));
  KeySpec schedule = key("policy.schedule", Kind::records);
  schedule.required = false;
  schedule.fields = {field("from", Kind::date), field("regions", Kind::string_list, {}, false),
                     field("set.basic_research_funding", Kind::real, {.min = 0, .max = 1}, false),
                     field("set.rd_subsidy_rate", Kind::real, {.min = 0, .max = 1}, false)};
  schema.add(schedule);
  KeySpec pilots = key("policy.pilots", Kind::records);
  pilots.required = false;
  pilots.fields = {field("regions", Kind::string_list), field("industry", Kind::string),
                   field("budget", Kind::real, {.min = 0}), field("from", Kind::date),
                   field("until", Kind::date, {}, false), field("target.patents", Kind::integer, {.min = 0}),
                   field("target.firms", Kind::integer, {.min = 0}, false)};
  schema.add(pilots);
  KeySpec regions = key("regions", Kind::records);
  regions.fields = {field("name", Kind::string)};
  schema.add(regions);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

constexpr const char* kRegions = "[[regions]]\nname = \"Anhui\"\n";

class ScheduleRecordsTest : public ::testing::Test {
 protected:
  ScheduleRecordsTest() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("clustersim_config_schedule_") + test->name() + "_" +
                                        std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~ScheduleRecordsTest() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

  // `text` followed by valid regions, as "s.toml".
  Config load(const std::string& text) { return load_string(schema(), text + kRegions, "s.toml", dir_); }

  std::vector<Error> errors_of(const std::string& text) {
    try {
      (void)load_string(schema(), text + kRegions, "s.toml", dir_);
    } catch (const InputError& error) {
      return error.errors();
    }
    ADD_FAILURE() << "loaded without errors:\n" << text;
    return {};
  }

  fs::path dir_;
};

std::string all(const std::vector<Error>& errors) {
  std::string text;
  for (const Error& error : errors) text += error.format() + "\n";
  return text;
}

// ---- optional records keys ----

TEST_F(ScheduleRecordsTest, OptionalKeyAbsentHasNoRows) {
  const Config config = load("");
  const Records& schedule = config.records("policy.schedule");
  EXPECT_TRUE(schedule.rows.empty());
  EXPECT_EQ(schedule.origin, "none");
  EXPECT_EQ(schedule.field_names,
            (std::vector<std::string>{"from", "regions", "set.basic_research_funding", "set.rd_subsidy_rate"}));
  EXPECT_EQ(schedule.field_index("set.rd_subsidy_rate"), 3u);
  EXPECT_EQ(config.source("policy.schedule").describe(), "(default)");
  EXPECT_TRUE(config.records("policy.pilots").rows.empty());
}

TEST_F(ScheduleRecordsTest, OptionalKeyEmptyArray) {
  const Config config = load("[policy]\nschedule = []\n");
  EXPECT_TRUE(config.records("policy.schedule").rows.empty());
  EXPECT_EQ(config.records("policy.schedule").origin, "inline");
  EXPECT_EQ(config.source("policy.schedule").describe(), "s.toml:2:12");
}

TEST_F(ScheduleRecordsTest, RequiredKeyStillNeedsRows) {
  auto errors = [&] {
    try {
      (void)load_string(schema(), "regions = []\n", "s.toml", dir_);
    } catch (const InputError& error) {
      return error.errors();
    }
    return std::vector<Error>{};
  }();
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:1:11: regions: expected at least one row, found an empty array");
  try {
    (void)load_string(schema(), "[policy]\nschedule = []\n", "s.toml", dir_);
    ADD_FAILURE() << "loaded without regions";
  } catch (const InputError& error) {
    ASSERT_EQ(error.errors().size(), 1u) << all(error.errors());
    EXPECT_EQ(error.errors()[0].key, "regions");
    EXPECT_EQ(error.errors()[0].found, "nothing (the key is required)");
  }
}

TEST_F(ScheduleRecordsTest, EmptyArrayClearsRowsOfBase) {
  write("base.toml", std::string("[[policy.schedule]]\nfrom = 2030-01-01\n") + kRegions);
  write("main.toml", "base = \"base.toml\"\n[policy]\nschedule = []\n");
  EXPECT_EQ(sim::config::load(schema(), dir_ / "base.toml").records("policy.schedule").rows.size(), 1u);
  EXPECT_TRUE(sim::config::load(schema(), dir_ / "main.toml").records("policy.schedule").rows.empty());
}

TEST_F(ScheduleRecordsTest, OptionalCsvWithOnlyHeaderHasNoRows) {
  write("schedule.csv", "from,regions,set.rd_subsidy_rate\n");
  const Config config = load("[policy]\nschedule = { file = \"schedule.csv\" }\n");
  EXPECT_TRUE(config.records("policy.schedule").rows.empty());
  EXPECT_EQ(config.records("policy.schedule").origin, (dir_ / "schedule.csv").string());
}

// ---- date fields ----

TEST_F(ScheduleRecordsTest, InlineRowsWithDatesAndSubTables) {
  const Config config = load(
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "regions = [\"Anhui\"]\n"
      "set = { basic_research_funding = 0.004, rd_subsidy_rate = 0.1 }\n"
      "[[policy.schedule]]\n"
      "from = 2031-06-30\n"
      "set.rd_subsidy_rate = 0.2\n"
      "[[policy.schedule]]\n"
      "from = 2032-01-01\n"
      "[policy.schedule.set]\n"
      "basic_research_funding = 0.005\n"
      "[[policy.pilots]]\n"
      "regions = [\"Anhui\", \"Hefei\"]\n"
      "industry = \"Quantum information\"\n"
      "budget = 50.0\n"
      "from = 2026-01-01\n"
      "until = 2030-01-01\n"
      "target = { patents = 12 }\n");
  const Records& schedule = config.records("policy.schedule");
  ASSERT_EQ(schedule.rows.size(), 3u);
  EXPECT_EQ(schedule.date(0, "from"), Date{2030y / 1 / 1});
  EXPECT_EQ(schedule.strings(0, "regions"), StringList{"Anhui"});
  EXPECT_DOUBLE_EQ(schedule.real(0, "set.basic_research_funding"), 0.004);
  EXPECT_DOUBLE_EQ(schedule.real(0, "set.rd_subsidy_rate"), 0.1);
  EXPECT_EQ(schedule.source(0, "set.rd_subsidy_rate").describe(), "s.toml:4:59");
  EXPECT_EQ(schedule.date(1, "from"), Date{2031y / 6 / 30});
  EXPECT_FALSE(schedule.has(1, "regions"));
  EXPECT_FALSE(schedule.has(1, "set.basic_research_funding"));
  EXPECT_DOUBLE_EQ(schedule.real(1, "set.rd_subsidy_rate"), 0.2);
  EXPECT_EQ(schedule.source(1, "set.rd_subsidy_rate").describe(), "s.toml:7:23");
  EXPECT_DOUBLE_EQ(schedule.real(2, "set.basic_research_funding"), 0.005);
  EXPECT_FALSE(schedule.has(2, "set.rd_subsidy_rate"));
  EXPECT_THROW((void)schedule.real(0, "basic_research_funding"), std::logic_error);
  EXPECT_THROW((void)schedule.date(0, "regions"), std::logic_error);
  const Records& pilots = config.records("policy.pilots");
  ASSERT_EQ(pilots.rows.size(), 1u);
  EXPECT_EQ(pilots.strings(0, "regions"), (StringList{"Anhui", "Hefei"}));
  EXPECT_EQ(pilots.string(0, "industry"), "Quantum information");
  EXPECT_DOUBLE_EQ(pilots.real(0, "budget"), 50.0);
  EXPECT_EQ(pilots.date(0, "from"), Date{2026y / 1 / 1});
  EXPECT_EQ(pilots.date(0, "until"), Date{2030y / 1 / 1});
  EXPECT_EQ(pilots.integer(0, "target.patents"), 12);
  EXPECT_FALSE(pilots.has(0, "target.firms"));
}

TEST_F(ScheduleRecordsTest, CsvDatesAndDottedColumns) {
  const std::string path = write("schedule.csv",
                                 "from,regions,set.basic_research_funding,set.rd_subsidy_rate\n"
                                 "2030-01-01,Anhui;Hefei,0.004,\n"
                                 "2031-02-28,,,0.2\n");
  const Config config = load("[policy]\nschedule = { file = \"schedule.csv\" }\n");
  const Records& schedule = config.records("policy.schedule");
  ASSERT_EQ(schedule.rows.size(), 2u);
  EXPECT_EQ(schedule.date(0, "from"), Date{2030y / 1 / 1});
  EXPECT_EQ(schedule.strings(0, "regions"), (StringList{"Anhui", "Hefei"}));
  EXPECT_DOUBLE_EQ(schedule.real(0, "set.basic_research_funding"), 0.004);
  EXPECT_FALSE(schedule.has(0, "set.rd_subsidy_rate"));
  EXPECT_EQ(schedule.date(1, "from"), Date{2031y / 2 / 28});
  EXPECT_DOUBLE_EQ(schedule.real(1, "set.rd_subsidy_rate"), 0.2);
  EXPECT_EQ(schedule.source(1, "set.rd_subsidy_rate").describe(), path + ":3:14");
}

TEST_F(ScheduleRecordsTest, InlineDateErrors) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = \"2030-01-01\"\n"
      "[[policy.schedule]]\n"
      "from = 2030-01-01T08:00:00\n"
      "[[policy.schedule]]\n"
      "from = 2030\n");
  ASSERT_EQ(errors.size(), 3u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:2:8: policy.schedule[0].from: expected a date like 2023-01-01, found the string "
                                "\"2030-01-01\" (write the date without quotes: 2030-01-01)");
  EXPECT_EQ(errors[1].format(), "s.toml:4:8: policy.schedule[1].from: expected a date like 2023-01-01, found "
                                "2030-01-01T08:00:00 (write only the date, without a time)");
  EXPECT_EQ(errors[2].format(), "s.toml:6:8: policy.schedule[2].from: expected a date like 2023-01-01, found 2030");
}

TEST_F(ScheduleRecordsTest, CsvDateErrors) {
  const std::string path = write("schedule.csv", "from,regions\n2030-13-01,A\n2030/01/01,A\n,A\n");
  const auto errors = errors_of("[policy]\nschedule = { file = \"schedule.csv\" }\n");
  ASSERT_EQ(errors.size(), 3u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            path + ":2:1: policy.schedule[0].from: expected a date like 2023-01-01, found \"2030-13-01\"");
  EXPECT_EQ(errors[1].format(),
            path + ":3:1: policy.schedule[1].from: expected a date like 2023-01-01, found \"2030/01/01\"");
  EXPECT_EQ(errors[2].format(), path + ":4:1: policy.schedule[2].from: expected a date like 2023-01-01, found an "
                                       "empty cell (the field is required)");
}

// ---- nested fields ----

TEST_F(ScheduleRecordsTest, UnknownAndOutOfRangeNestedFields) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "set = { basic_resarch_funding = 0.004, rd_subsidy_rate = 1.5 }\n"
      "[[policy.schedule]]\n"
      "from = 2031-01-01\n"
      "set.subsidy = 0.1\n");
  ASSERT_EQ(errors.size(), 3u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:3:9: policy.schedule[0].set.basic_resarch_funding: expected a field of policy.schedule.set "
            "(basic_research_funding, rd_subsidy_rate), found an unknown field (did you mean 'basic_research_funding'?)");
  EXPECT_EQ(errors[1].format(),
            "s.toml:3:58: policy.schedule[0].set.rd_subsidy_rate: expected a real number in [0, 1], found 1.5");
  EXPECT_EQ(errors[2].format(),
            "s.toml:6:5: policy.schedule[1].set.subsidy: expected a field of policy.schedule.set "
            "(basic_research_funding, rd_subsidy_rate), found an unknown field");
}

TEST_F(ScheduleRecordsTest, SubTableGivenAsAValue) {
  const auto errors = errors_of("[[policy.schedule]]\nfrom = 2030-01-01\nset = 3\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:3:7: policy.schedule[0].set: expected a table of the fields of policy.schedule.set "
            "(basic_research_funding, rd_subsidy_rate), found 3 (write set = { basic_research_funding = ... })");
}

TEST_F(ScheduleRecordsTest, UnknownFieldOfRowListsSubTables) {
  const auto errors = errors_of(
      "[[policy.schedule]]\n"
      "from = 2030-01-01\n"
      "sett = { rd_subsidy_rate = 0.1 }\n"
      "basic_research_funding = 0.004\n");
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:3:1: policy.schedule[0].sett: expected a field of policy.schedule (from, regions, set), found an "
            "unknown field (did you mean 'set'?)");
  EXPECT_EQ(errors[1].format(),
            "s.toml:4:1: policy.schedule[0].basic_research_funding: expected a field of policy.schedule (from, "
            "regions, set), found an unknown field (did you mean 'set.basic_research_funding'?)");
}

TEST_F(ScheduleRecordsTest, RequiredNestedField) {
  const std::string row =
      "[[policy.pilots]]\nregions = [\"Anhui\"]\nindustry = \"Quantum information\"\nbudget = 1\nfrom = 2026-01-01\n";
  auto errors = errors_of(row + row + "target = { firms = 2 }\n");
  ASSERT_EQ(errors.size(), 2u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:1:1: policy.pilots[0].target.patents: expected an integer >= 0, found nothing (the field is required)");
  EXPECT_EQ(errors[1].format(),
            "s.toml:6:1: policy.pilots[1].target.patents: expected an integer >= 0, found nothing (the field is required)");
  // A misspelt sub-table does not also leave its fields missing.
  errors = errors_of(row + "targte = { patents = 2 }\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].key, "policy.pilots[0].targte");
  EXPECT_EQ(errors[0].hint, "did you mean 'target'?");
  // Nor does a field written outside its sub-table.
  errors = errors_of(row + "patents = 2\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(), "s.toml:6:1: policy.pilots[0].patents: expected a field of policy.pilots (regions, "
                                "industry, budget, from, until, target), found an unknown field (did you mean "
                                "'target.patents'?)");
}

TEST_F(ScheduleRecordsTest, SingleTableWithOnlyASubTable) {
  const auto errors = errors_of("[policy.schedule.set]\nrd_subsidy_rate = 0.1\n");
  ASSERT_EQ(errors.size(), 1u) << all(errors);
  EXPECT_EQ(errors[0].format(),
            "s.toml:1:1: policy.schedule: expected an array of tables [[policy.schedule]] or a table policy.schedule = "
            "{ file = \"data.csv\" }, found a single table of fields (write each row as a [[policy.schedule]] table)");
}

TEST_F(ScheduleRecordsTest, CsvDottedColumnErrors) {
  const std::string schedule = write("schedule.csv", "from,set,set.basic_resarch_funding\n2030-01-01,1,2\n");
  const std::string pilots =
      write("pilots.csv", "regions,industry,budget,from,target.firms\nA,Quantum,1,2026-01-01,3\n");
  const auto errors = errors_of(
      "[policy]\nschedule = { file = \"schedule.csv\" }\npilots = { file = \"pilots.csv\" }\n");
  // Files in the order they were read (TOML tables are walked by key name: pilots before schedule).
  ASSERT_EQ(errors.size(), 3u) << all(errors);
  EXPECT_EQ(errors[0].format(), pilots + ":1:1: policy.pilots: expected a column named 'target.patents' (a required "
                                         "field), found a header without it");
  EXPECT_EQ(errors[1].format(),
            schedule + ":1:6: policy.schedule: expected a column of policy.schedule (from, regions, "
                       "set.basic_research_funding, set.rd_subsidy_rate), found an unknown column \"set\" (a sub-table "
                       "is one column per field: set.basic_research_funding, set.rd_subsidy_rate)");
  EXPECT_EQ(errors[2].format(),
            schedule + ":1:10: policy.schedule: expected a column of policy.schedule (from, regions, "
                       "set.basic_research_funding, set.rd_subsidy_rate), found an unknown column "
                       "\"set.basic_resarch_funding\" (did you mean 'set.basic_research_funding'?)");
}

}  // namespace
}  // namespace sim::config
