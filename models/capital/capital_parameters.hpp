#pragma once
// The capital chain's parameters (model brief §4.7) and their scenario keys, each declared once next
// to the member it fills.
#include <limits>
#include <vector>

#include "sim/config/binding.hpp"

namespace models {

struct CapitalParameters {
  double interest_rate{};        // 1/year, on last tick's debt
  double leading_share{};        // share of a cluster's firms (by sales) flagged leading
  double vc_max_age{};           // years: firms younger than this receive venture capital
  double home_bias{};            // per 1000 km of distance at openness 0
  double fiscal_share{};         // fiscal budget as a share of GDP
  bool write_flows{};            // write the region x destination venture-capital flow matrix
};

inline const std::vector<sim::config::Binding<CapitalParameters>>& capital_keys() {
  using sim::config::bind_boolean;
  using sim::config::bind_integer;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<CapitalParameters>> keys = {
      bind_real("capital.interest_rate", &CapitalParameters::interest_rate, 0.04, "1/year", {0, 1},
       "Interest on a firm's debt (max(0, -net worth) at the end of the last tick), charged to its profit."),
      bind_real("capital.leading_share", &CapitalParameters::leading_share, 0.05, "1", {0, 1},
       "Share of each cluster's firms, the largest by sales, flagged leading enterprises (at least one per "
       "cluster with firms)."),
      bind_real("capital.vc_max_age", &CapitalParameters::vc_max_age, 5.0, "year", {0, 100},
       "Firms younger than this (entrants and spin-offs, not the initial firms) receive venture capital and "
       "guidance funds."),
      bind_real("capital.home_bias", &CapitalParameters::home_bias, 1.0, "1/(1000 km)", {0, 100},
       "Home bias of investors: a firm d km away gets weight exp(-home_bias * d / 1000 km * (1 - o_rs)), o_rs the openness of the link (policy.openness)."),
      bind_real("capital.fiscal_share", &CapitalParameters::fiscal_share, 0.2, "1", {0, 1},
       "Fiscal budget of a region as a share of its GDP (the base of its guidance fund)."),
      bind_boolean("capital.write_flows", &CapitalParameters::write_flows, false,
                   "Write capital_flows, the venture capital from each investor region to firms of each destination "
                   "region (region x region per tick)."),
  };
  return keys;
}

}  // namespace models
