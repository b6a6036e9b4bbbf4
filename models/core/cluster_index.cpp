#include "models/core/cluster_index.hpp"

#include "models/core/firms.hpp"
#include "sim/parallel.hpp"

namespace models {

void ClusterIndex::rebuild(const Firms& firms, int regions, int industries) {
  industries_ = industries;
  const std::size_t clusters = static_cast<std::size_t>(regions) * industries;
  const std::size_t rows = firms.size();
  const auto cluster_of = [&](std::size_t i) {
    return static_cast<std::size_t>(firms.region[i]) * industries + firms.industry[i];
  };
  block_next_.assign(sim::parallel::block_count(rows) * clusters, 0);
  sim::parallel::for_each_block(rows, [&](std::size_t begin, std::size_t end) {
    std::int32_t* count = block_next_.data() + begin / sim::parallel::block_rows * clusters;
    for (std::size_t i = begin; i < end; ++i) ++count[cluster_of(i)];
  });
  // Cluster by cluster, block by block: a cluster's members stay in row order.
  start_.assign(clusters + 1, 0);
  std::int32_t position = 0;
  for (std::size_t c = 0; c < clusters; ++c) {
    start_[c] = position;
    for (std::size_t at = c; at < block_next_.size(); at += clusters) {
      const std::int32_t count = block_next_[at];
      block_next_[at] = position;
      position += count;
    }
  }
  start_[clusters] = position;
  members_.resize(rows);
  sim::parallel::for_each_block(rows, [&](std::size_t begin, std::size_t end) {
    std::int32_t* next = block_next_.data() + begin / sim::parallel::block_rows * clusters;
    for (std::size_t i = begin; i < end; ++i) {
      members_[static_cast<std::size_t>(next[cluster_of(i)]++)] = static_cast<std::int32_t>(i);
    }
  });
}

std::span<const std::int32_t> ClusterIndex::members(int region, int industry) const {
  const std::size_t c = static_cast<std::size_t>(region) * industries_ + industry;
  return {members_.data() + start_[c], static_cast<std::size_t>(start_[c + 1] - start_[c])};
}

int ClusterIndex::size(int region, int industry) const {
  const std::size_t c = static_cast<std::size_t>(region) * industries_ + industry;
  return start_[c + 1] - start_[c];
}

}  // namespace models
