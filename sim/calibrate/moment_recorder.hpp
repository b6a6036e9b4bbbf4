#pragma once
// The moments of one run: records, tick by tick, only the output values a calibration's moments read,
// then computes each moment's statistic over its window. Knows the output registry, not the economics:
// a moment is a statistic of named variables (docs/calibration.md, Moments).
#include <memory>
#include <vector>

#include "sim/calibrate/calibration_file.hpp"
#include "sim/output/variable.hpp"

namespace sim::calibrate {

class MomentRecorder {
 public:
  // `registry` and `axes` are those the run declared; the recorder keeps pointers into the registry, which
  // must outlive it. Throws std::invalid_argument when a moment names a variable the registry lacks.
  MomentRecorder(const std::vector<MomentSpec>& moments, const output::Registry& registry,
                 const std::vector<output::Axis>& axes, int ticks, double years_per_tick);
  ~MomentRecorder();
  MomentRecorder(const MomentRecorder&) = delete;
  MomentRecorder& operator=(const MomentRecorder&) = delete;

  // Samples what the moments need after the run's tick `tick` (0-based).
  void after_tick(int tick);
  // The moments, in the order of `moments`, once every tick has run. Throws std::domain_error naming
  // the moment when its statistic is not defined for the run's values.
  // The first call applies the variables' final scale factors (output::Variable::final_scale), so no tick
  // may run after it.
  std::vector<double> moments();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sim::calibrate
