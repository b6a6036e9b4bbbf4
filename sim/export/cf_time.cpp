#include "sim/export/cf_time.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace sim::exporting {

std::optional<std::chrono::sys_days> cf_days_since(std::string_view units) {
  constexpr std::string_view prefix = "days since ";
  if (!units.starts_with(prefix)) return std::nullopt;
  const std::string_view date = units.substr(prefix.size());
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const char* p = date.data();
  if (std::from_chars(p, p + 4, year).ptr != p + 4 || std::from_chars(p + 5, p + 7, month).ptr != p + 7 ||
      std::from_chars(p + 8, p + 10, day).ptr != p + 10) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!ymd.ok()) return std::nullopt;
  const std::string_view rest = date.substr(10);
  if (!rest.empty() && rest != " 00:00:00" && rest != " 00:00" && rest != "T00:00:00") return std::nullopt;
  return std::chrono::sys_days(ymd);
}

std::vector<std::chrono::sys_days> cf_dates(std::chrono::sys_days start, const std::vector<double>& days) {
  std::vector<std::chrono::sys_days> dates;
  dates.reserve(days.size());
  for (double value : days) {
    if (!std::isfinite(value) || value != std::floor(value)) {
      throw std::invalid_argument(fmt::format("the time axis holds {}, not a whole number of days", value));
    }
    dates.push_back(start + std::chrono::days(static_cast<long long>(value)));
  }
  return dates;
}

}  // namespace sim::exporting
