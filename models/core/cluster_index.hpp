#pragma once
// Firms grouped by cluster (region r, industry k; cluster id r * K + k), by a counting sort of row
// indices. The firms themselves do not move; members of a cluster keep their row order. The sort runs
// over fixed blocks of rows in parallel (sim::parallel::for_each_block); the index is the same whatever
// the threads.
#include <cstdint>
#include <span>
#include <vector>

namespace models {

struct Firms;

class ClusterIndex {
 public:
  void rebuild(const Firms& firms, int regions, int industries);
  std::span<const std::int32_t> members(int region, int industry) const;
  int size(int region, int industry) const;
  int industries() const { return industries_; }
  // Built from `rows` firms over regions x industries clusters: false for an index never built or
  // built before firms entered or left.
  bool covers(std::size_t rows, int regions, int industries) const {
    return start_.size() == static_cast<std::size_t>(regions) * industries + 1 && members_.size() == rows;
  }

 private:
  int industries_ = 0;
  std::vector<std::int32_t> start_;    // cluster id -> first position in members_, size clusters + 1
  std::vector<std::int32_t> members_;  // firm rows, grouped by cluster
  // Per block of rows and cluster: its firms, then where the block's first one goes in members_
  // (kept between rebuilds, which come several times a tick).
  std::vector<std::int32_t> block_next_;
};

}  // namespace models
