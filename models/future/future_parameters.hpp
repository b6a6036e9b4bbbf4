#pragma once
// The parameters of future industries and key-industry transformation (model brief §4.8) and their
// scenario keys, each declared once next to the member it fills.
#include <limits>
#include <vector>

#include "sim/config/binding.hpp"

namespace models {

struct FutureParameters {
  double learning_exponent{};        // b in c = c0 (X / X0)^-b
  double initial_cost_multiple{};    // c0: unit cost of an immature future industry over a mature one
  double initial_experience_years{};  // X0 in years of the initial output
  double willingness_to_pay{};       // cost multiple at which half of the potential demand buys
  double demand_switch_width{};      // width of the switch in ln(cost multiple)
  double adoption_efficiency{};      // productivity growth per unit of adoption subsidy share
  double national_learning_share{};  // s: weight of national experience in a cluster's learning (1 - s local)
  // During a burn-in future industries stay as immature as the data's year has them (docs/model.md §5.1).
  bool learning_held = false;
};

inline const std::vector<sim::config::Binding<FutureParameters>>& future_keys() {
  using sim::config::bind_boolean;
  using sim::config::bind_integer;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<FutureParameters>> keys = {
      bind_real("future.learning_exponent", &FutureParameters::learning_exponent, 0.322, "1", {0, 5},
           "b in Wright's law c = c0 (X / X0)^-b: 0.322 is a 20 % cost decline per doubling of cumulative output."),
      bind_real("future.initial_cost_multiple", &FutureParameters::initial_cost_multiple, 2.5, "1", {1, 1000},
           "c0: unit cost of a future industry at the start over that of a mature technology."),
      bind_real("future.initial_experience_years", &FutureParameters::initial_experience_years, 0.5, "year", {0.01, 100},
           "X0: experience at the start, in years of the industry's potential output (what households would buy "
           "at a mature price)."),
      bind_real("future.willingness_to_pay", &FutureParameters::willingness_to_pay, 1.5, "1", {1.0e-6, 1.0e6},
           "Cost multiple at which half of a future industry's potential final demand buys. The range's ends are "
           "limit cases the tests use: 1e-6, no commercial demand; 1e6, demand that cost never limits."),
      bind_real("future.demand_switch_width", &FutureParameters::demand_switch_width, 0.1, "1", {0.001, 10},
           "Width of the switch-on of commercial demand in ln(cost multiple): smaller is sharper."),
      bind_real("future.adoption_efficiency", &FutureParameters::adoption_efficiency, 1.0, "1", {0, 100},
           "Productivity growth per year of a key-industry firm per unit of adoption subsidy (share of sales per "
           "year) and of adoptable technology."),
      bind_real("future.national_learning_share", &FutureParameters::national_learning_share, 0.8, "1", {0, 1},
           "s: national share of learning. A cluster's unit cost is c0 (X_rk / X0_rk)^(-b (1 - s)) "
           "(X_k / X0_k)^(-b s), X_rk its own cumulative output, X_k the nation's: 1 is one national curve for "
           "every region, 0 learning from the cluster's own output alone. 0.8 from Irwin and Klenow (1994) "
           "(docs/model.md, Future industries)."),
  };
  return keys;
}

}  // namespace models
