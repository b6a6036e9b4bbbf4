#pragma once
// The parameters of staggered development (model brief §5) and their scenario keys, each declared once
// next to the member it fills.
#include <vector>

#include "models/core/firms.hpp"
#include "sim/config/binding.hpp"

namespace models {

struct StaggeredParameters {
  double plan_period_years{};    // the plan is revised this often
  int plan_period_ticks{};       // the same in whole ticks (at least one), derived from the tick length
  int waste_window_ticks{};      // subsidies to a firm exiting within this many ticks count as wasted
  double signal_window_years{};  // span of the average of value-added shares the planner plans on
  int signal_window_ticks{};     // the same in whole ticks (at least one), derived from the tick length
  int min_cluster_firms{};       // a cluster with fewer firms cannot become a priority (except by a pilot)
  double hysteresis{};           // a priority in force keeps its place unless beaten by more than this share
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
      bind_real("planner.signal_window_years", &StaggeredParameters::signal_window_years, 5.0, "year",
                {0, 1000, true},
                "The planner's comparative advantage is the location quotient of each cluster's share of national "
                "value added averaged over this window: an exponentially weighted average with weight 2 / (W + 1) "
                "on the latest tick, W the window in whole ticks (at least one; one tick plans on the current "
                "tick alone). Default: the plan period, so that a plan looks back over the period it closes."),
      bind_integer("planner.min_cluster_firms", &StaggeredParameters::min_cluster_firms, 5, "firm", {1, 1000000},
                   "A cluster with fewer firms than this when a plan is made cannot become a priority, unless an "
                   "application-scenario pilot for it is in force when the plan comes into force. Default 5: a "
                   "cluster of at most four firms is its four largest firms (a concentration ratio CR4 of 1), so "
                   "its value added and location quotient are the fortunes of single firms."),
      bind_real("planner.hysteresis", &StaggeredParameters::hysteresis, 0.1, "1", {0, 10},
                "At a revision, the advantage of every priority of the plan in force counts 1 + hysteresis "
                "times in the assignment, so a challenger replaces it only with an advantage above that. "
                "Default 0.1: about the dispersion of the location quotients of the initial economy, whose "
                "differences are noise (docs/model.md, Staggered development)."),
  };
  return keys;
}

}  // namespace models
