#pragma once
// Model time: ticks of a whole number of months from a start date, and their CF time coordinate.
#include <chrono>
#include <optional>
#include <string>

namespace sim {

struct Calendar {
  std::chrono::year_month_day start;  // first day of tick 0
  int months_per_tick = 3;

  // First day of tick `tick`.
  std::chrono::year_month_day start_of(int tick) const;
  // The tick that starts on `date`; nullopt when no tick (before, within or after the run) starts then.
  std::optional<int> tick_starting_on(std::chrono::year_month_day date) const;
  // First day after tick `tick` ends (the start of tick + 1).
  std::chrono::year_month_day end_of(int tick) const;
  // The observation date of a tick: its last day (e.g. 2023-03-31 for the first quarter of 2023).
  std::chrono::year_month_day observation_date(int tick) const;
  // Days from `start` to the observation date: the value of the CF time coordinate.
  double days_since_start(int tick) const;
  // "days since 2023-01-01 00:00:00"
  std::string cf_units() const;
  // Length of a tick in years (months / 12): converts annual rates to per-tick amounts.
  double years_per_tick() const { return months_per_tick / 12.0; }
};

std::string iso_date(std::chrono::year_month_day date);  // "2023-03-31"

}  // namespace sim
