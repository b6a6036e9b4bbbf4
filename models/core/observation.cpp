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
  std::vector<sim::output::Axis> axes = {{"region", "region", economy.regions.names},
                                         {"industry", "industry", economy.industries.names,
                                          {{"industry_kind",
                                            "kind of industry: emerging (strategic emerging), future or key "
                                            "(a key industry to transform)",
                                            kinds}}},
                                         {"destination", "destination region of a flow", economy.regions.names, {},
                                          "region_pairs"},
                                         {"partner", "the other region of a pair", economy.regions.names, {},
                                          "region_pairs"}};
  for (sim::output::Axis& axis : sector_matrix_axes()) axes.push_back(std::move(axis));
  return axes;
}

void declare_outputs(const Economy& economy, sim::output::Registry& registry) {
  for (const Chain* chain : chains()) {
    if (chain->declare_outputs != nullptr) chain->declare_outputs(economy, registry);
  }
  // What belongs to the economy as a whole, after every chain's variables.
  declare_firm_panel(economy, registry);
  registry.add({"firms_total", {}, "1", "number of firms in the economy at the end of the tick", true,
                sim::output::Storage::int32,
                [&economy](std::span<double> out) { out[0] = static_cast<double>(economy.firms.size()); }});
}

}  // namespace models
