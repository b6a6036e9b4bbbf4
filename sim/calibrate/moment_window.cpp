#include "sim/calibrate/moment_window.hpp"

#include <algorithm>
#include <cmath>

namespace sim::calibrate {

TickWindow window_ticks(const MomentSpec& moment, int ticks, double years_per_tick) {
  constexpr double slack = 1e-6;  // of a tick
  TickWindow window;
  window.first = static_cast<int>(std::ceil(moment.from_year / years_per_tick - slack));
  window.last = static_cast<int>(std::floor(moment.to_year / years_per_tick + slack)) - 1;
  window.first = std::max(window.first, 0);
  window.last = std::min(window.last, ticks - 1);
  return window;
}

}  // namespace sim::calibrate
