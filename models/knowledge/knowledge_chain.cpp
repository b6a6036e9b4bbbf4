#include "models/core/output_helpers.hpp"
#include "models/knowledge/knowledge_chain.hpp"

#include <limits>

#include "models/knowledge/basic_research.hpp"
#include "models/knowledge/innovation.hpp"
#include "models/knowledge/knowledge_flows.hpp"
#include "models/knowledge/spillovers.hpp"
#include "models/knowledge/spinoffs.hpp"
#include "models/core/stream_ids.hpp"

namespace models {

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
  add_cluster_output(registry, s.basic,
                     {.name = "basic_knowledge", .units = "1", .long_name = "Basic knowledge",
                      .description = "basic knowledge of the region's research institute in the industry's field "
                                     "(1: see docs/model.md)"});
  add_cluster_output(registry, s.pool,
                     {.name = "knowledge_pool", .units = "1", .long_name = "Knowledge pool",
                      .description = "knowledge spillover pool available to the cluster's firms, S = W X P^T"});
  add_cluster_output(registry, s.received,
                     {.name = "spillover_received", .units = "1", .long_name = "Spillover from other regions",
                      .description = "part of the knowledge pool that comes from other regions"});
  add_cluster_output(registry, s.spinoffs,
                     {.name = "spinoffs", .units = "1", .units_note = "firms", .long_name = "Research spin-offs",
                      .description = "research spin-off firms founded during the tick",
                      .storage = sim::output::Storage::int64});
  add_cluster_output(registry, s.absorptive_capacity,
                     {.name = "absorptive_capacity", .units = "1", .long_name = "Absorptive capacity",
                      .description = "mean absorptive capacity of the cluster's firms during the tick (0 without "
                                     "firms)",
                      .cell_method = sim::output::CellMethod::mean});
  add_region_output(registry, s.funding,
                    {.name = "basic_research_funding", .units_note = "1e8 CNY/year",
                     .long_name = "Basic-research funding",
                     .description = "basic-research funding of the region's research institutes, annual rate"});
  add_region_output(registry, s.researchers,
                    {.name = "researchers", .units = "1", .units_note = "persons", .long_name = "Researchers",
                     .description = "researchers of the region's research institutes"});
  declare_knowledge_flow_outputs(economy, registry);
}

namespace {

void declare_keys(sim::config::Schema& schema) {
  sim::config::declare(schema, innovation_keys());
  sim::config::declare(schema, knowledge_keys());
}

void read_parameters(const sim::config::Config& config, const sim::RunSettings&, Parameters& parameters) {
  sim::config::read(config, innovation_keys(), parameters.innovation);
  sim::config::read(config, knowledge_keys(), parameters.knowledge);
}

constexpr ProcessSpec processes[] = {
    {"basic_research", 5, stream_id::basic_research, basic_research_process,
     "Research institutes produce basic knowledge (docs/model.md, Basic research)."},
    {"spillovers", 6, stream_id::spillovers, spillover_process,
     "Knowledge spills over within and among clusters (docs/model.md, Knowledge spillovers)."},
    {"innovation", 7, stream_id::innovation, innovation_process,
     "Firms spend on R&D and draw innovations and imitations (docs/model.md, Innovation)."},
    {"spinoffs", 17, stream_id::spinoffs, spinoff_process,
     "Research institutes spin off firms (docs/model.md, Basic research)."},
};

// Proximities between industries are not saved: the scenario's parameters give them every tick.
void visit_knowledge_state(sim::state::StateVisitor& visitor, Economy& economy) {
  const sim::state::StateVisitor::Group group(visitor, "knowledge");
  KnowledgeState& k = economy.knowledge;
  visitor("basic", k.basic);
  visitor("funding", k.funding);
  visitor("researchers", k.researchers);
  visitor("field_share", k.field_share);
  visitor("cluster_knowledge", k.cluster_knowledge);
  visitor("pool", k.pool);
  visitor("received", k.received);
  visitor("spinoffs", k.spinoffs);
  visitor("absorptive_capacity", k.absorptive_capacity);
}

}  // namespace

const Chain knowledge_chain{
    .name = "knowledge",
    .declare_keys = declare_keys,
    .read_parameters = read_parameters,
    .after_first_clearing = initialise_knowledge,
    .processes = processes,
    .declare_outputs = declare_knowledge_outputs,
    .visit_state = visit_knowledge_state,
};

}  // namespace models
