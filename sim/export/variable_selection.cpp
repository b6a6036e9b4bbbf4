#include "sim/export/variable_selection.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/config/suggest.hpp"

namespace sim::exporting {

std::vector<SeriesVariable> select_variables(const SeriesFile& file, const std::vector<std::string>& names) {
  const std::vector<SeriesVariable>& all = file.variables();
  if (all.empty()) throw ExportError(fmt::format("{}: holds no time series", file.label()));
  if (names.empty()) return all;
  std::vector<std::string> valid;
  for (const SeriesVariable& variable : all) valid.push_back(variable.name);
  std::vector<SeriesVariable> chosen;
  std::vector<std::string> seen;
  for (const std::string& name : names) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    const auto found = std::find_if(all.begin(), all.end(), [&](const SeriesVariable& v) { return v.name == name; });
    if (found != all.end()) {
      chosen.push_back(*found);
      continue;
    }
    const std::string other = file.describe_other(name);
    if (other.find("firm panel") != std::string::npos) {
      throw ExportError(fmt::format(
          "{}: '{}' is {}; export writes time series only. Read the panel in Python with "
          "xr.open_dataset(\"{}\", group=\"firm_panel\") or clustersim.open_firm_panel(\"{}\") (docs/output.md, "
          "Firm panel)",
          file.label(), name, other, file.label(), file.label()));
    }
    if (!other.empty()) {
      throw ExportError(fmt::format("{}: '{}' is {}; export writes time series only (variables whose first "
                                    "dimension is time)",
                                    file.label(), name, other));
    }
    const std::optional<std::string> near = config::detail::nearest(name, valid);
    throw ExportError(near ? fmt::format("{}: no time series '{}'; {}", file.label(), name,
                                         config::detail::did_you_mean(near))
                           : fmt::format("{}: no time series '{}'; the file has: {}", file.label(), name,
                                         fmt::join(valid, ", ")));
  }
  return chosen;
}

}  // namespace sim::exporting
