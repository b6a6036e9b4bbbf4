#include "sim/schedule.hpp"

#include <gtest/gtest.h>

#include <fmt/core.h>

#include <string>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/soa.hpp"

namespace {

struct Log {
  std::vector<std::string> calls;
  std::vector<std::uint64_t> first_draw_of_b;
};

void process_a(Log& log, const sim::TickContext& c) { log.calls.push_back(fmt::format("a{}", c.tick)); }
void process_b(Log& log, const sim::TickContext& c) {
  log.calls.push_back(fmt::format("b{}", c.tick));
  log.first_draw_of_b.push_back(c.streams.stream(0)());
}
void process_c(Log& log, const sim::TickContext& c) { log.calls.push_back(fmt::format("c{}", c.tick)); }

TEST(Schedule, RunsEnabledProcessesInOrder) {
  sim::Schedule<Log> schedule;
  schedule.add("a", 1, process_a);
  schedule.add("b", 2, process_b, false);
  schedule.add("c", 3, process_c);
  Log log;
  schedule.run_tick(log, 0, 1, 0);
  schedule.run_tick(log, 1, 1, 0);
  EXPECT_EQ(log.calls, (std::vector<std::string>{"a0", "c0", "a1", "c1"}));
}

TEST(Schedule, StreamsOfAProcessDoNotDependOnTheOthers) {
  Log with_a, without_a;
  sim::Schedule<Log> full, partial;
  full.add("a", 1, process_a);
  full.add("b", 2, process_b);
  partial.add("b", 2, process_b);
  for (int tick = 0; tick < 3; ++tick) {
    full.run_tick(with_a, tick, 9, 1);
    partial.run_tick(without_a, tick, 9, 1);
  }
  EXPECT_EQ(with_a.first_draw_of_b, without_a.first_draw_of_b);
  EXPECT_NE(with_a.first_draw_of_b[0], with_a.first_draw_of_b[1]);  // and they change with the tick
}

TEST(StructureOfArrays, KeepRowsIsStableAcrossColumns) {
  std::vector<int> id{1, 2, 3, 4, 5};
  std::vector<double> value{10, 20, 30, 40, 50};
  const std::vector<std::uint8_t> keep{1, 0, 1, 1, 0};
  sim::soa::keep_rows(std::tie(id, value), keep);
  EXPECT_EQ(id, (std::vector<int>{1, 3, 4}));
  EXPECT_EQ(value, (std::vector<double>{10, 30, 40}));
  EXPECT_EQ(sim::soa::append_row(std::tie(id, value)), 3u);
  EXPECT_EQ(id.size(), 4u);
  EXPECT_EQ(value.back(), 0.0);
}

TEST(Calendar, QuarterlyTicksEndOnQuarterEnds) {
  using namespace std::chrono;
  const sim::Calendar calendar{year{2023} / January / 1, 3};
  EXPECT_EQ(sim::iso_date(calendar.observation_date(0)), "2023-03-31");
  EXPECT_EQ(sim::iso_date(calendar.observation_date(3)), "2023-12-31");
  EXPECT_EQ(sim::iso_date(calendar.observation_date(4)), "2024-03-31");
  EXPECT_EQ(calendar.days_since_start(0), 89.0);
  EXPECT_EQ(calendar.days_since_start(3), 364.0);
  EXPECT_EQ(calendar.cf_units(), "days since 2023-01-01 00:00:00");
  EXPECT_DOUBLE_EQ(calendar.years_per_tick(), 0.25);
}

TEST(Calendar, MonthlyTicksHandleLeapYears) {
  using namespace std::chrono;
  const sim::Calendar calendar{year{2024} / February / 1, 1};
  EXPECT_EQ(sim::iso_date(calendar.observation_date(0)), "2024-02-29");
  EXPECT_EQ(calendar.days_since_start(0), 28.0);
}

}  // namespace

TEST(Schedule, StreamsFollowTheProcessStreamIdNotItsName) {
  Log original, renamed, other_id;
  sim::Schedule<Log> a, b, c;
  a.add("b", 2, process_b);
  b.add("renamed_b", 2, process_b);
  c.add("b", 3, process_b);
  a.run_tick(original, 0, 9, 1);
  b.run_tick(renamed, 0, 9, 1);
  c.run_tick(other_id, 0, 9, 1);
  EXPECT_EQ(original.first_draw_of_b, renamed.first_draw_of_b);
  EXPECT_NE(original.first_draw_of_b, other_id.first_draw_of_b);
}
