#pragma once
// The innovation chain's parameters (model brief §4.2-§4.4) and their scenario keys, each declared
// once next to the member it fills.
#include <limits>
#include <vector>

#include "sim/config/binding.hpp"

namespace models {

// Firms' R&D, innovation and imitation (§4.3).
struct InnovationParameters {
  double rd_share_of_sales{};    // nu
  double innovation_share{};      // xi: the rest of R&D goes to imitation
  double innovation_rate{};     // zeta1, 1/(researcher-year)
  double imitation_rate{};      // zeta2, 1/(researcher-year)
  double step_min{};            // x_lo
  double step_max{};             // x_hi
  double step_beta_a{};
  double step_beta_b{};
};

inline const std::vector<sim::config::Binding<InnovationParameters>>& innovation_keys() {
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<InnovationParameters>> keys = {
      bind_real("innovation.rd_share_of_sales", &InnovationParameters::rd_share_of_sales, 0.04, "1", {0, 1}, "R&D spending as a share of last tick's sales (nu)."),
      bind_real("innovation.innovation_share", &InnovationParameters::innovation_share, 0.5, "1", {0, 1}, "Share of R&D spent on innovation; the rest on imitation (xi)."),
      bind_real("innovation.innovation_rate", &InnovationParameters::innovation_rate, 0.008, "1/(researcher*year)", {0, 10},
       "Success rate of innovation per researcher-year (zeta1)."),
      bind_real("innovation.imitation_rate", &InnovationParameters::imitation_rate, 0.004, "1/(researcher*year)", {0, 10},
       "Success rate of imitation per researcher-year (zeta2)."),
      bind_real("innovation.step_min", &InnovationParameters::step_min, -0.05, "1", {-1, 0, true}, "Lower bound of the relative productivity step of an innovation."),
      bind_real("innovation.step_max", &InnovationParameters::step_max, 0.05, "1", {0, 10, true}, "Upper bound of the relative productivity step of an innovation."),
      bind_real("innovation.step_beta_a", &InnovationParameters::step_beta_a, 3.0, "1", {0.1, 1000}, "First shape parameter of the Beta draw of the step."),
      bind_real("innovation.step_beta_b", &InnovationParameters::step_beta_b, 3.0, "1", {0.1, 1000}, "Second shape parameter of the Beta draw of the step."),
  };
  return keys;
}

struct KnowledgeParameters {
  double distance_decay_km{};  // delta_d
  double cutoff_km{};          // no spatial link beyond this distance


  // Research institutes (§4.2).
  double basic_depreciation{};     // delta_B, 1/year
  double research_productivity{};  // phi, basic knowledge per year per unit of F^alpha Res^beta
  double funding_elasticity{};     // alpha
  double researcher_elasticity{};  // beta
  double researcher_share{};       // researchers as a share of the region's talent stock
  double field_specialisation{};   // theta: weight of output shares (vs equal shares) in the field allocation

  // Technology proximity P (§4.4).
  double proximity_linked{};     // industries linked by an input
  double proximity_same_kind{};  // same kind, not linked
  double proximity_other{};      // any other pair

  // Absorptive capacity and its use (§4.3, §4.4).
  double absorption_rate{};         // kappa
  double cooperation_absorption{};  // chi: cooperation multiplies kappa by 1 + chi c
  double step_gain{};               // g: the innovation step's upper bound rises by up to this share
  double pool_half_saturation{};    // h: the pool at which its effect is half its maximum

  // Spin-offs (§4.2) and entry (§4.9).
  double leading_supplier_spillover{};  // extra knowledge leading enterprises pass to local suppliers
  double spinoff_rate{};           // lambda_s, firms per unit of shared basic knowledge per year
  double entry_knowledge_sensitivity{};  // psi_K
  double entry_talent_elasticity{};      // psi_H

  bool write_flows{};  // write the region x destination matrix of knowledge reaching each region's pool
};

inline const std::vector<sim::config::Binding<KnowledgeParameters>>& knowledge_keys() {
  using sim::config::bind_boolean;
  using sim::config::bind_integer;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<KnowledgeParameters>> keys = {
      bind_real("knowledge.distance_decay_km", &KnowledgeParameters::distance_decay_km, 250.0, "km", {1, 20040},
       "Distance over which a spatial link decays by a factor e (delta_d)."),
      bind_real("knowledge.cutoff_km", &KnowledgeParameters::cutoff_km, 750.0, "km", {0, 20040}, "No spatial link between regions farther apart than this."),
      bind_real("knowledge.basic_depreciation", &KnowledgeParameters::basic_depreciation, 0.1, "1/year", {0.01, 1},
       "Share of basic knowledge that becomes obsolete per year (delta_B)."),
      bind_real("knowledge.research_productivity", &KnowledgeParameters::research_productivity, 0.002, "1/year", {0, 1},
       "phi: basic knowledge produced per year per unit of funding^alpha * researchers^beta, funding of a field in "
       "1e8 CNY/year and researchers in persons."),
      bind_real("knowledge.funding_elasticity", &KnowledgeParameters::funding_elasticity, 0.5, "1", {0, 1}, "Elasticity of basic-knowledge production to funding (alpha)."),
      bind_real("knowledge.researcher_elasticity", &KnowledgeParameters::researcher_elasticity, 0.5, "1", {0, 1},
       "Elasticity of basic-knowledge production to researchers (beta)."),
      bind_real("knowledge.researcher_share", &KnowledgeParameters::researcher_share, 0.005, "1", {0, 1},
       "Researchers of a region's research institutes as a share of its talent stock."),
      bind_real("knowledge.field_specialisation", &KnowledgeParameters::field_specialisation, 0.5, "1", {0, 1},
       "Weight of the region's industry output shares in allocating its basic-research funding and researchers over "
       "fields; the rest is split equally."),
      bind_real("knowledge.proximity_linked", &KnowledgeParameters::proximity_linked, 0.3, "1", {0, 1},
       "Technology proximity of two industries linked by an input (either buys from the other)."),
      bind_real("knowledge.proximity_same_kind", &KnowledgeParameters::proximity_same_kind, 0.1, "1", {0, 1},
       "Technology proximity of two industries of the same kind that no input links."),
      bind_real("knowledge.proximity_other", &KnowledgeParameters::proximity_other, 0.02, "1", {0, 1}, "Technology proximity of any other pair of industries."),
      bind_real("knowledge.absorption_rate", &KnowledgeParameters::absorption_rate, 25.0, "1", {0, 1000},
       "kappa in absorptive capacity 1 - exp(-kappa (1 + chi c) R&D / sales)."),
      bind_real("knowledge.cooperation_absorption", &KnowledgeParameters::cooperation_absorption, 1.0, "1", {0, 100},
       "chi: university-industry cooperation c multiplies kappa by 1 + chi c."),
      bind_real("knowledge.step_gain", &KnowledgeParameters::step_gain, 0.5, "1", {0, 10},
       "g: the upper bound of an innovation step rises by up to this share with absorptive capacity times the "
       "saturation of the cluster's knowledge pool."),
      bind_real("knowledge.pool_half_saturation", &KnowledgeParameters::pool_half_saturation, 6.0, "1", {0.001, 1000},
       "h: the knowledge pool at which its effect on innovation steps and entry is half its maximum."),
      bind_real("knowledge.leading_supplier_spillover", &KnowledgeParameters::leading_supplier_spillover, 0.5, "1", {0, 10},
       "Extra knowledge that leading enterprises pass to their local suppliers: the pool of supplier industry j in "
       "region r gains this times the leading firms' output share of each local buyer cluster times its knowledge."),
      bind_real("knowledge.spinoff_rate", &KnowledgeParameters::spinoff_rate, 1.0, "1/year", {0, 10},
       "lambda_s: spin-off firms per year per unit of basic knowledge shared with firms (c B)."),
      bind_real("entry.knowledge_sensitivity", &KnowledgeParameters::entry_knowledge_sensitivity, 0.3, "1", {0, 10},
       "psi_K: entry scales with 1 + psi_K S / (S + h), S the cluster's knowledge pool."),
      bind_real("entry.talent_elasticity", &KnowledgeParameters::entry_talent_elasticity, 0.5, "1", {0, 5},
       "psi_H: entry scales with (talent stock / talent employed in the region)^psi_H, the ratio bounded to [1/4, 4]."),
      bind_boolean("knowledge.write_flows", &KnowledgeParameters::write_flows, false,
                   "Write knowledge_flows, the knowledge from each region that reaches each destination's spillover "
                   "pool, summed over industries (region x destination per tick; docs/model.md, Knowledge spillovers)."),
  };
  return keys;
}

}  // namespace models
