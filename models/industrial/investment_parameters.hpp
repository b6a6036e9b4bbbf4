#pragma once
// Firms' machines and investment (docs/model.md §7.17) and their scenario keys, each declared once next
// to the member it fills. Sources of the defaults are in docs/model.md §7.17.
#include <limits>
#include <vector>

#include "sim/config/binding.hpp"

namespace models {

struct InvestmentParameters {
  bool enabled{};               // firms hold machines that bound their output
  double capital_to_sales{};    // years of sales that the initial firms' machines are worth
  double depreciation_rate{};   // 1/year: share of machines worn out
  double desired_utilisation{}; // output over capacity that firms plan for
  double expansion_threshold{}; // capacity gap, as a share of capacity, below which a firm does not order
  double payback_years{};       // a better machine replaces the installed ones when it pays back within this
  double collateral_share{};    // share of machines' book value that banks lend against
};

inline const std::vector<sim::config::Binding<InvestmentParameters>>& investment_keys() {
  using sim::config::bind_boolean;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<InvestmentParameters>> keys = {
      bind_boolean("investment.enabled", &InvestmentParameters::enabled, true,
                   "Firms own machines that bound their output and invest in them; a better technology raises "
                   "productivity only as new machines are installed. false: no machines, output meets demand and "
                   "an adopted technology raises productivity at once (the market of the Krugman limit)."),
      bind_real("investment.capital_to_sales", &InvestmentParameters::capital_to_sales, 0.4, "year", {0.01, 100},
                "Book value of the initial firms' machines in years of their initial sales; it also sets the "
                "price of a machine (kappa)."),
      bind_real("investment.depreciation_rate", &InvestmentParameters::depreciation_rate, 0.1, "1/year", {0, 1},
                "Share of a firm's machines (capacity and book value) that wears out per year (delta_K)."),
      bind_real("investment.desired_utilisation", &InvestmentParameters::desired_utilisation, 0.75, "1",
                {0, 1, true, false},
                "Output over capacity that a firm plans for: it wants capacity of expected demand over this (u*)."),
      bind_real("investment.expansion_threshold", &InvestmentParameters::expansion_threshold, 0.1, "1", {0, 10},
                "A firm orders machines only when the capacity it wants exceeds what it keeps by more than this "
                "share of it (the s of an (S, s) rule); then it closes the whole gap."),
      bind_real("investment.payback_years", &InvestmentParameters::payback_years, 3.0, "year", {0, 100},
                "A firm replaces its installed machines by machines of its best technology when their price per "
                "unit of capacity is repaid by the saving in unit cost within this many years (b)."),
      bind_real("investment.collateral_share", &InvestmentParameters::collateral_share, 0.6, "1", {0, 1},
                "Share of the book value of a firm's machines that banks lend against, on top of "
                "policy.credit_multiple ticks of sales (lambda)."),
  };
  return keys;
}

}  // namespace models
