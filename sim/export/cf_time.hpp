#pragma once
// The calendar days of a CF time coordinate in "days since YYYY-MM-DD[ hh:mm:ss]" (the proleptic
// Gregorian calendar clustersim writes): the export's `time` column.
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace sim::exporting {

// The date in "days since 2023-01-01 00:00:00"; nullopt for other units.
std::optional<std::chrono::sys_days> cf_days_since(std::string_view units);

// start + each value in whole days. std::invalid_argument for a value that is not a whole number of days
// (a time of day the date would lose) or not finite.
std::vector<std::chrono::sys_days> cf_dates(std::chrono::sys_days start, const std::vector<double>& days);

}  // namespace sim::exporting
