#pragma once
// The parameters of staggered development (model brief §5) and their scenario keys, each declared once
// next to the member it fills.
#include <vector>

#include "models/core/firms.hpp"
#include "sim/config/binding.hpp"

namespace models {

struct StaggeredParameters {
  double plan_period_years{};  // the plan is revised this often
  int plan_period_ticks{};     // the same in whole ticks (at least one), derived from the tick length
  int waste_window_ticks{};    // subsidies to a firm exiting within this many ticks count as wasted
};

inline const std::vector<sim::config::Binding<StaggeredParameters>>& staggered_keys() {
  using sim::config::bind_integer;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<StaggeredParameters>> keys = {
      bind_real("planner.plan_period_years", &StaggeredParameters::plan_period_years, 5.0, "year", {0, 1000, true},
                "The planner revises every region's priority industries this often (a five-year plan), at the end "
                "of the tick that completes the period; rounded to whole ticks, at least one."),
      bind_integer("planner.waste_window_ticks", &StaggeredParameters::waste_window_ticks, 8, "tick",
                   {1, max_waste_window_ticks},
                   "Subsidies a firm received within this many ticks before it exits count as wasted duplicated "
                   "investment (wasted_subsidies)."),
  };
  return keys;
}

}  // namespace models
