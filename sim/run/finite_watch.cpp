#include "sim/run/finite_watch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sim {

FiniteWatch::FiniteWatch(const ModelRun& run) : axes_(run.axes()) { run.declare_outputs(registry_); }

namespace {

// "region Beijing, industry new_energy" for element `index` of a row-major array over `axis_names`.
std::string element_label(const std::vector<output::Axis>& axes, const std::vector<std::string>& axis_names,
                          std::size_t index) {
  std::vector<std::string> parts(axis_names.size());
  for (std::size_t a = axis_names.size(); a-- > 0;) {
    const auto axis = std::find_if(axes.begin(), axes.end(), [&](const output::Axis& x) { return x.name == axis_names[a]; });
    if (axis == axes.end() || axis->labels.empty()) {
      parts[a] = fmt::format("{} {}", axis_names[a], index);
      continue;
    }
    const std::size_t size = axis->labels.size();
    parts[a] = fmt::format("{} {}", axis->name, axis->labels[index % size]);
    index /= size;
  }
  std::string text;
  for (std::size_t a = 0; a < parts.size(); ++a) text += (a == 0 ? "" : ", ") + parts[a];
  return text;
}

}  // namespace

std::string FiniteWatch::first_non_finite() {
  for (const output::Variable& variable : registry_.variables()) {
    if (!variable.time_series) continue;
    values_.assign(output::sample_size(variable, axes_), 0.0);
    variable.sample(values_);
    for (std::size_t i = 0; i < values_.size(); ++i) {
      const double value = values_[i];
      if (std::isfinite(value) || (std::isnan(value) && variable.may_be_undefined)) continue;
      const std::string where = variable.axes.empty() ? "" : " at " + element_label(axes_, variable.axes, i);
      return fmt::format("{} is {}{}", variable.name, value, where);
    }
  }
  return "";
}

}  // namespace sim
