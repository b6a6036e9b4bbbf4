#pragma once
// Loops over the firms cluster by cluster, the regions in parallel (sim/parallel.hpp). A loop that adds
// firms' values into their cluster's cell reaches each cell from one task only, in row order, so its
// sums are the same bits as a plain loop over the rows, whatever the number of threads. Needs a current
// cluster index.
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>

#include "models/core/economy.hpp"
#include "sim/parallel.hpp"

namespace models {

// Calls visit(region, industry, row) for every firm; a region's clusters run on one thread, in order.
template <class Visit>
void for_each_cluster_member(const Economy& economy, Visit&& visit) {
  // An index built before firms entered or left would skip some or visit rows that moved.
  if (!economy.cluster_index.covers(economy.firms.size(), economy.region_count(), economy.industry_count())) {
    throw std::logic_error(fmt::format("for_each_cluster_member: the cluster index is not built from the {} firms "
                                       "of {} regions and {} industries",
                                       economy.firms.size(), economy.region_count(), economy.industry_count()));
  }
  const int industries = economy.industry_count();
  sim::parallel::for_each_task(economy.region_count(), [&](std::int64_t region) {
    const int r = static_cast<int>(region);
    for (int k = 0; k < industries; ++k) {
      for (const std::int32_t member : economy.cluster_index.members(r, k)) visit(r, k, static_cast<std::size_t>(member));
    }
  });
}

}  // namespace models
