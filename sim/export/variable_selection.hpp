#pragma once
// Which time series an export writes: every one of the file (no names given) or the named ones, in the
// order named. A name that is no time series is refused with what it is instead: a firm panel column
// (with how to read the panel), a variable without a time axis, or an unknown name (with a near name,
// or the list of valid ones).
#include <string>
#include <vector>

#include "sim/export/series_file.hpp"

namespace sim::exporting {

// ExportError for a name that is no time series of `file`, or a file without time series.
std::vector<SeriesVariable> select_variables(const SeriesFile& file, const std::vector<std::string>& names);

}  // namespace sim::exporting
