#pragma once
// The ticks a moment's window [from_year, to_year) covers: those whose whole span lies inside it.
#include "sim/calibrate/calibration_file.hpp"

namespace sim::calibrate {

struct TickWindow {
  int first = 0;  // the first tick in the window
  int last = -1;  // the last; last < first when the window holds no whole tick
  int count() const { return last - first + 1; }
};

// Tick t spans [t, t + 1) * years_per_tick; a span that ends within a millionth of a tick of the window's
// end counts as inside it, so that windows written in whole years hold whole quarters despite rounding.
TickWindow window_ticks(const MomentSpec& moment, int ticks, double years_per_tick);

}  // namespace sim::calibrate
