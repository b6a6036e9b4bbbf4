#include "models/output_helpers.hpp"
#include "models/schema_helpers.hpp"
#include "models/knowledge_chain.hpp"

#include <limits>

#include "models/basic_research.hpp"
#include "models/spillovers.hpp"

namespace models {

using sim::config::Kind;
using sim::config::Range;
using sim::config::Schema;

void declare_knowledge_keys(Schema& schema) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  add_real(schema, "knowledge.distance_decay_km", 250.0, "km", {0, inf, true},
       "Distance over which a spatial link decays by a factor e (delta_d).");
  add_real(schema, "knowledge.cutoff_km", 750.0, "km", {0, inf}, "No spatial link between regions farther apart than this.");

  // Research institutes (docs/model.md, Basic research).
  add_real(schema, "knowledge.basic_depreciation", 0.1, "1/year", {0, 1, true},
       "Share of basic knowledge that becomes obsolete per year (delta_B).");
  add_real(schema, "knowledge.research_productivity", 0.002, "1/year", {0, inf},
       "phi: basic knowledge produced per year per unit of funding^alpha * researchers^beta, funding of a field in "
       "1e8 CNY/year and researchers in persons.");
  add_real(schema, "knowledge.funding_elasticity", 0.5, "1", {0, 1}, "Elasticity of basic-knowledge production to funding (alpha).");
  add_real(schema, "knowledge.researcher_elasticity", 0.5, "1", {0, 1},
       "Elasticity of basic-knowledge production to researchers (beta).");
  add_real(schema, "knowledge.researcher_share", 0.005, "1", {0, 1},
       "Researchers of a region's research institutes as a share of its talent stock.");
  add_real(schema, "knowledge.field_specialisation", 0.5, "1", {0, 1},
       "Weight of the region's industry output shares in allocating its basic-research funding and researchers over "
       "fields; the rest is split equally.");

  // Technology proximity (docs/model.md, Knowledge spillovers).
  add_real(schema, "knowledge.proximity_linked", 0.3, "1", {0, 1},
       "Technology proximity of two industries linked by an input (either buys from the other).");
  add_real(schema, "knowledge.proximity_same_kind", 0.1, "1", {0, 1},
       "Technology proximity of two industries of the same kind that no input links.");
  add_real(schema, "knowledge.proximity_other", 0.02, "1", {0, 1}, "Technology proximity of any other pair of industries.");

  // Absorptive capacity and its use.
  add_real(schema, "knowledge.absorption_rate", 25.0, "1", {0, inf},
       "kappa in absorptive capacity 1 - exp(-kappa (1 + chi c) R&D / sales).");
  add_real(schema, "knowledge.cooperation_absorption", 1.0, "1", {0, inf},
       "chi: university-industry cooperation c multiplies kappa by 1 + chi c.");
  add_real(schema, "knowledge.step_gain", 0.5, "1", {0, 10},
       "g: the upper bound of an innovation step rises by up to this share with absorptive capacity times the "
       "saturation of the cluster's knowledge pool.");
  add_real(schema, "knowledge.pool_half_saturation", 6.0, "1", {0, inf, true},
       "h: the knowledge pool at which its effect on innovation steps and entry is half its maximum.");
  add_real(schema, "knowledge.leading_supplier_spillover", 0.5, "1", {0, 10},
       "Extra knowledge that leading enterprises pass to their local suppliers: the pool of supplier industry j in "
       "region r gains this times the leading firms' output share of each local buyer cluster times its knowledge.");
  add_real(schema, "knowledge.spinoff_rate", 1.0, "1/year", {0, inf},
       "lambda_s: spin-off firms per year per unit of basic knowledge shared with firms (c B).");
  add_real(schema, "entry.knowledge_sensitivity", 0.3, "1", {0, 10},
       "psi_K: entry scales with 1 + psi_K S / (S + h), S the cluster's knowledge pool.");
  add_real(schema, "entry.talent_elasticity", 0.5, "1", {0, 5},
       "psi_H: entry scales with (talent stock / talent employed in the region)^psi_H, the ratio bounded to [1/4, 4].");
}

KnowledgeParameters read_knowledge_parameters(const sim::config::Config& c) {
  KnowledgeParameters p;
  p.distance_decay_km = c.real("knowledge.distance_decay_km");
  p.cutoff_km = c.real("knowledge.cutoff_km");
  p.basic_depreciation = c.real("knowledge.basic_depreciation");
  p.research_productivity = c.real("knowledge.research_productivity");
  p.funding_elasticity = c.real("knowledge.funding_elasticity");
  p.researcher_elasticity = c.real("knowledge.researcher_elasticity");
  p.researcher_share = c.real("knowledge.researcher_share");
  p.field_specialisation = c.real("knowledge.field_specialisation");
  p.proximity_linked = c.real("knowledge.proximity_linked");
  p.proximity_same_kind = c.real("knowledge.proximity_same_kind");
  p.proximity_other = c.real("knowledge.proximity_other");
  p.absorption_rate = c.real("knowledge.absorption_rate");
  p.cooperation_absorption = c.real("knowledge.cooperation_absorption");
  p.step_gain = c.real("knowledge.step_gain");
  p.pool_half_saturation = c.real("knowledge.pool_half_saturation");
  p.leading_supplier_spillover = c.real("knowledge.leading_supplier_spillover");
  p.spinoff_rate = c.real("knowledge.spinoff_rate");
  p.entry_knowledge_sensitivity = c.real("entry.knowledge_sensitivity");
  p.entry_talent_elasticity = c.real("entry.talent_elasticity");
  return p;
}

void resize_knowledge(Economy& economy) {
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  KnowledgeState& s = economy.knowledge;
  for (Eigen::MatrixXd* m : {&s.basic, &s.field_share, &s.cluster_knowledge, &s.pool, &s.received, &s.spinoffs,
                             &s.absorptive_capacity}) {
    *m = Eigen::MatrixXd::Zero(regions, industries);
  }
  s.proximity = Eigen::MatrixXd::Zero(industries, industries);
  s.funding = Eigen::VectorXd::Zero(regions);
  s.researchers = Eigen::VectorXd::Zero(regions);
}

void initialise_knowledge(Economy& economy) {
  resize_knowledge(economy);
  update_research_inputs(economy);
  const KnowledgeParameters& p = economy.parameters.knowledge;
  KnowledgeState& s = economy.knowledge;
  // Institutes have been at work for a long time: start at the steady state of the initial inputs.
  for (Eigen::Index r = 0; r < s.basic.rows(); ++r) {
    for (Eigen::Index k = 0; k < s.basic.cols(); ++k) {
      const double share = s.field_share(r, k);
      s.basic(r, k) = basic_knowledge_inflow(p, s.funding(r) * share, s.researchers(r) * share) / p.basic_depreciation;
    }
  }
  compute_spillover_pool(economy);
}

void declare_knowledge_outputs(const Economy& economy, sim::output::Registry& registry) {
  const KnowledgeState& s = economy.knowledge;
  add_cluster_output(registry, s.basic, "basic_knowledge", "1",
                 "basic knowledge of the region's research institute in the industry's field (1: see docs/model.md)");
  add_cluster_output(registry, s.pool, "knowledge_pool", "1",
                 "knowledge spillover pool available to the cluster's firms, S = W X P^T");
  add_cluster_output(registry, s.received, "spillover_received", "1",
                 "part of the knowledge pool that comes from other regions");
  add_cluster_output(registry, s.spinoffs, "spinoffs", "1", "research spin-off firms founded during the tick",
                 sim::output::Storage::int32);
  add_cluster_output(registry, s.absorptive_capacity, "absorptive_capacity", "1",
                 "mean absorptive capacity of the cluster's firms during the tick (0 without firms)");
  add_region_output(registry, s.funding, "basic_research_funding", "1e8 CNY/year",
                "basic-research funding of the region's research institutes, annual rate");
  add_region_output(registry, s.researchers, "researchers", "persons", "researchers of the region's research institutes");
}

}  // namespace models
