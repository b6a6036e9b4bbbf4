#pragma once
// Parameters of the measurement chain (docs/model.md, Measurement) and their scenario keys.
#include <vector>

#include "sim/config/binding.hpp"

namespace models {

struct MeasurementParameters {
  int reference_year{};  // 0: the calendar year the run's first tick ends in
  // Derived from the year and the calendar: the ticks whose observation date falls in it, [first, last).
  int reference_first_tick = 0;
  int reference_last_tick = 0;
};

inline const std::vector<sim::config::Binding<MeasurementParameters>>& measurement_keys() {
  static const std::vector<sim::config::Binding<MeasurementParameters>> keys = {
      sim::config::bind_integer(
          "measurement.reference_year", &MeasurementParameters::reference_year, 0, "year", {0, 9999},
          "Calendar year whose average prices the chained volumes (real_gdp, real_value_added, real_consumption) "
          "are expressed in: their mean over the year's ticks equals the nominal mean. 0: the year of the run's first tick (the year its end falls in: a run that "
          "starts in December with quarterly ticks observes its first tick the next year). "
          "The year must have a tick of the run."),
  };
  return keys;
}

}  // namespace models
