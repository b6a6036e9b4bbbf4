#include "models/core/observation.hpp"

#include "models/core/chain.hpp"
#include "models/core/firm_panel.hpp"
#include "models/macro/sector_matrices.hpp"

namespace models {

namespace {

const char* kind_name(IndustryKind kind) {
  switch (kind) {
    case IndustryKind::future: return "future";
    case IndustryKind::key: return "key";
    case IndustryKind::emerging: break;
  }
  return "emerging";
}

}  // namespace

std::vector<sim::output::Axis> output_axes(const Economy& economy) {
  std::vector<std::string> kinds;
  for (IndustryKind kind : economy.industries.kinds) kinds.emplace_back(kind_name(kind));
  // `destination` repeats the regions for region-to-region variables (flows), whose two axes need
  // distinct names; these variables are in the file's group `region_pairs`, apart from the time series
  // along region and industry.
  std::vector<sim::output::Axis> axes = {
      {.name = "region", .long_name = "Region", .description = "region (provincial-level division)",
       .labels = economy.regions.names},
      {.name = "industry", .long_name = "Industry", .description = "industry",
       .labels = economy.industries.names,
       .text_coordinates = {{.name = "industry_kind", .long_name = "Industry kind",
                             .description = "kind of industry: emerging (strategic emerging), future or key "
                                            "(a key industry to transform)",
                             .values = kinds}}},
      {.name = "destination", .long_name = "Destination", .description = "destination region of a flow",
       .labels = economy.regions.names, .group = "region_pairs"},
      {.name = "partner", .long_name = "Partner region", .description = "the other region of a pair",
       .labels = economy.regions.names, .group = "region_pairs"}};
  for (sim::output::Axis& axis : sector_matrix_axes()) axes.push_back(std::move(axis));
  return axes;
}

void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  for (const Chain* chain : chains()) {
    if (chain->declare_outputs != nullptr) chain->declare_outputs(economy, registry);
  }
  // What belongs to the economy as a whole, after every chain's variables.
  declare_firm_panel(economy, registry);
  registry.add({.name = "firms_total", .units = "1", .units_note = "firms", .long_name = "Firms, all clusters",
                .description = "number of firms in the economy at the end of the tick",
                .storage = sim::output::Storage::int64,
                .sample = [&economy](std::span<double> out) { out[0] = static_cast<double>(economy.firms.size()); }});
}

}  // namespace models
