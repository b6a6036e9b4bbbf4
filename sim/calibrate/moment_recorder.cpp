#include "sim/calibrate/moment_recorder.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>

#include "sim/calibrate/moment_window.hpp"

namespace sim::calibrate {

namespace {

// A time series recorded over every tick (a few small arrays: the moments' variables are aggregates).
struct Recorded {
  const output::Variable* variable = nullptr;
  std::size_t size = 0;            // values per tick
  std::size_t region_stride = 0;   // elements between successive regions; 0: no region axis
  std::size_t regions = 0;
  std::vector<double> values;      // ticks x size
};

// A firm-panel column sampled once, at the end of a tail_index moment's window.
struct PanelSample {
  const output::Table* table = nullptr;
  std::size_t column = 0;
  int tick = 0;
  std::vector<double> values;
};

}  // namespace

struct MomentRecorder::Impl {
  std::vector<MomentSpec> moments;
  int ticks = 0;
  double years_per_tick = 0.25;
  std::map<std::string, Recorded, std::less<>> series;
  std::vector<std::string> region_labels;
  std::vector<PanelSample> panels;  // one per moment, empty table for moments that are not tail_index
  std::vector<std::vector<double>> table_buffer;
  bool scaled = false;  // the final scale factors are applied, once

  void add_series(const std::string& name, const output::Registry& registry, const std::vector<output::Axis>& axes) {
    if (name.empty() || series.contains(name)) return;
    const output::Variable* variable = registry.find(name);
    if (variable == nullptr || !variable->time_series) {
      throw std::invalid_argument(fmt::format("moment variable '{}' is not a time series of the run", name));
    }
    Recorded recorded;
    recorded.variable = variable;
    recorded.size = output::sample_size(*variable, axes);
    const auto at = std::ranges::find(variable->axes, "region");
    if (at != variable->axes.end()) {
      recorded.regions = output::axis_length(axes, "region");
      recorded.region_stride = 1;
      for (auto later = at + 1; later != variable->axes.end(); ++later) {
        recorded.region_stride *= output::axis_length(axes, *later);
      }
    }
    recorded.values.assign(recorded.size * static_cast<std::size_t>(ticks), 0.0);
    series.emplace(name, std::move(recorded));
  }

  int region_index(const std::string& label) const {
    if (label.empty()) return -1;
    const auto it = std::ranges::find(region_labels, label);
    if (it == region_labels.end()) throw std::invalid_argument(fmt::format("no region '{}' in the run", label));
    return static_cast<int>(it - region_labels.begin());
  }

  // Per tick of the window: the sum of the variable's values (of region `region` only, when >= 0).
  std::vector<double> totals(const std::string& name, int region, const TickWindow& window) const {
    const Recorded& r = series.find(name)->second;
    std::vector<double> out;
    for (int t = window.first; t <= window.last; ++t) {
      const double* row = r.values.data() + static_cast<std::size_t>(t) * r.size;
      double sum = 0.0;
      for (std::size_t i = 0; i < r.size; ++i) {
        if (region >= 0 && static_cast<int>((i / r.region_stride) % r.regions) != region) continue;
        sum += row[i];
      }
      out.push_back(sum);
    }
    return out;
  }

  // The variable's values at tick t summed within each region.
  std::vector<double> by_region(const std::string& name, int t) const {
    const Recorded& r = series.find(name)->second;
    std::vector<double> out(r.regions, 0.0);
    const double* row = r.values.data() + static_cast<std::size_t>(t) * r.size;
    for (std::size_t i = 0; i < r.size; ++i) out[(i / r.region_stride) % r.regions] += row[i];
    return out;
  }

  double compute(std::size_t index) const {
    const MomentSpec& m = moments[index];
    const TickWindow window = window_ticks(m, ticks, years_per_tick);
    switch (m.statistic) {
      case Statistic::mean:
        return mean(totals(m.variable, region_index(m.region), window));
      case Statistic::standard_deviation:
        return standard_deviation(totals(m.variable, region_index(m.region), window));
      case Statistic::growth_rate:
        return growth_rate(totals(m.variable, region_index(m.region), window), years_per_tick);
      case Statistic::growth_volatility:
        return standard_deviation(log_changes_per_year(totals(m.variable, region_index(m.region), window), years_per_tick));
      case Statistic::share:
        return share(totals(m.variable, region_index(m.region), window),
                     totals(m.denominator, region_index(m.denominator_region), window));
      case Statistic::correlation:
        return correlation(log_changes_per_year(totals(m.variable, region_index(m.region), window), years_per_tick),
                           log_changes_per_year(totals(m.paired_with, region_index(m.region), window), years_per_tick));
      case Statistic::cross_section_cv: {
        std::vector<double> per_tick;
        for (int t = window.first; t <= window.last; ++t) {
          std::vector<double> values = by_region(m.variable, t);
          if (!m.denominator.empty()) {
            const std::vector<double> divisor = by_region(m.denominator, t);
            for (std::size_t r = 0; r < values.size(); ++r) {
              if (!(divisor[r] > 0.0)) {
                throw std::domain_error(fmt::format("'{}' of region {} is {} at tick {}", m.denominator,
                                                    region_labels.at(r), divisor[r], t));
              }
              values[r] /= divisor[r];
            }
          }
          per_tick.push_back(coefficient_of_variation(values));
        }
        return mean(per_tick);
      }
      case Statistic::tail_index:
        return hill_tail_index(panels[index].values, m.tail_fraction);
    }
    return std::numeric_limits<double>::quiet_NaN();
  }
};

MomentRecorder::MomentRecorder(const std::vector<MomentSpec>& moments, const output::Registry& registry,
                               const std::vector<output::Axis>& axes, int ticks, double years_per_tick)
    : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.moments = moments;
  im.ticks = ticks;
  im.years_per_tick = years_per_tick;
  for (const output::Axis& axis : axes) {
    if (axis.name == "region") im.region_labels = axis.labels;
  }
  im.panels.resize(moments.size());
  for (std::size_t i = 0; i < moments.size(); ++i) {
    const MomentSpec& m = moments[i];
    if (m.statistic == Statistic::tail_index) {
      PanelSample& panel = im.panels[i];
      for (const output::Table& table : registry.tables()) {
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
          if (table.columns[c].name != m.variable) continue;
          panel.table = &table;
          panel.column = c;
        }
      }
      if (panel.table == nullptr) {
        throw std::invalid_argument(fmt::format("moment variable '{}' is not a column of the run's tables", m.variable));
      }
      panel.tick = window_ticks(m, ticks, years_per_tick).last;
      continue;
    }
    im.add_series(m.variable, registry, axes);
    im.add_series(m.denominator, registry, axes);
    im.add_series(m.paired_with, registry, axes);
  }
}

MomentRecorder::~MomentRecorder() = default;

void MomentRecorder::after_tick(int tick) {
  Impl& im = *impl_;
  for (auto& [name, recorded] : im.series) {
    recorded.variable->sample(
        std::span<double>(recorded.values.data() + static_cast<std::size_t>(tick) * recorded.size, recorded.size));
  }
  for (PanelSample& panel : im.panels) {
    if (panel.table == nullptr || panel.tick != tick) continue;
    im.table_buffer.assign(panel.table->columns.size(), {});
    panel.table->sample(im.table_buffer);
    panel.values = std::move(im.table_buffer[panel.column]);
  }
}

std::vector<double> MomentRecorder::moments() {
  Impl& im = *impl_;
  // Values that are only final after the last tick (chained volumes in a reference year's prices).
  for (auto& [name, recorded] : im.series) {
    if (im.scaled || !recorded.variable->final_scale) continue;
    std::vector<double> factors(recorded.size, std::numeric_limits<double>::quiet_NaN());
    recorded.variable->final_scale(factors);
    for (std::size_t i = 0; i < recorded.values.size(); ++i) recorded.values[i] *= factors[i % recorded.size];
  }
  im.scaled = true;
  std::vector<double> values;
  for (std::size_t i = 0; i < im.moments.size(); ++i) {
    try {
      values.push_back(im.compute(i));
    } catch (const std::domain_error& problem) {
      throw std::domain_error(fmt::format("moment '{}': {}", im.moments[i].name, problem.what()));
    }
  }
  return values;
}

}  // namespace sim::calibrate
