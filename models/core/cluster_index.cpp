#include "models/core/cluster_index.hpp"

#include "models/core/firms.hpp"

namespace models {

void ClusterIndex::rebuild(const Firms& firms, int regions, int industries) {
  industries_ = industries;
  const std::size_t clusters = static_cast<std::size_t>(regions) * industries;
  start_.assign(clusters + 1, 0);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    ++start_[static_cast<std::size_t>(firms.region[i]) * industries + firms.industry[i] + 1];
  }
  for (std::size_t c = 0; c < clusters; ++c) start_[c + 1] += start_[c];
  members_.resize(firms.size());
  std::vector<std::int32_t> next(start_.begin(), start_.end() - 1);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const std::size_t c = static_cast<std::size_t>(firms.region[i]) * industries + firms.industry[i];
    members_[next[c]++] = static_cast<std::int32_t>(i);
  }
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
