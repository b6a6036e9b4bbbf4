#pragma once
// Stops a run at the tick where a value the model reports first stops being a number. Every time series
// the model declares is sampled after each tick (burn-in included), so a NaN or an infinity is caught
// where it appears rather than written to the file, or carried for years into a hang or a crash.
#include <string>
#include <vector>

#include "sim/output/variable.hpp"
#include "sim/run/model.hpp"

namespace sim {

class FiniteWatch {
 public:
  explicit FiniteWatch(const ModelRun& run);
  // "" while every value is finite (NaN allowed where a variable declares values that may be undefined);
  // else the first offender: "gdp is inf at region Beijing" or "talent_wage is nan at region Hebei".
  std::string first_non_finite();

 private:
  output::Registry registry_;
  std::vector<output::Axis> axes_;
  std::vector<double> values_;
};

}  // namespace sim
