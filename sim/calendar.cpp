#include "sim/calendar.hpp"

#include <fmt/core.h>

namespace sim {

using namespace std::chrono;

year_month_day Calendar::start_of(int tick) const { return start + months{static_cast<long>(tick) * months_per_tick}; }

std::optional<int> Calendar::tick_starting_on(year_month_day date) const {
  if (date.day() != start.day() || months_per_tick <= 0) return std::nullopt;
  const long elapsed = (static_cast<int>(date.year()) - static_cast<int>(start.year())) * 12L +
                       (static_cast<long>(static_cast<unsigned>(date.month())) - static_cast<unsigned>(start.month()));
  if (elapsed % months_per_tick != 0) return std::nullopt;
  return static_cast<int>(elapsed / months_per_tick);
}

year_month_day Calendar::end_of(int tick) const {
  return start + months{static_cast<long>(tick + 1) * months_per_tick};
}

year_month_day Calendar::observation_date(int tick) const {
  return year_month_day{sys_days{end_of(tick)} - days{1}};
}

double Calendar::days_since_start(int tick) const {
  return static_cast<double>((sys_days{observation_date(tick)} - sys_days{start}).count());
}

std::string Calendar::cf_units() const { return "days since " + iso_date(start) + " 00:00:00"; }

std::string iso_date(year_month_day date) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

}  // namespace sim
