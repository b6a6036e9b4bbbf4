#include "models/industrial/rationing.hpp"

#include <algorithm>

namespace models {

double allocate_orders(std::span<const double> shares, std::span<const double> capacity_value, double orders,
                       std::span<double> sales, std::vector<std::size_t>& open) {
  // Water-filling in rounds: at the level of orders per unit of share that the open firms face, every
  // firm whose capacity is below its share of it is full and sells its capacity; the rest of the orders go
  // to the others, whose level rises, so a firm full once stays full. Rounds repeat until none fills up:
  // usually one (no firm full), a few at most, each one pass over the open firms. (A sort of the firms by
  // capacity per unit of share does the same in one pass but cost more than the rest of the clearing.)
  double remaining = orders;
  double share_left = 0.0;
  open.clear();
  for (std::size_t i = 0; i < shares.size(); ++i) {
    share_left += shares[i];
    if (shares[i] > 0.0) open.push_back(i);
    else sales[i] = 0.0;
  }
  while (!open.empty() && share_left > 0.0) {
    const double level = remaining / share_left;
    std::size_t kept = 0;
    double filled_capacity = 0.0, filled_share = 0.0;
    for (const std::size_t i : open) {
      if (capacity_value[i] >= shares[i] * level) {
        open[kept++] = i;
        continue;
      }
      sales[i] = capacity_value[i];
      filled_capacity += capacity_value[i];
      filled_share += shares[i];
    }
    if (kept == open.size()) break;
    open.resize(kept);
    remaining -= filled_capacity;
    share_left -= filled_share;
  }
  if (open.empty() || !(share_left > 0.0)) {
    // Every firm is full; firms still open with a share that rounding left at zero sell nothing.
    for (const std::size_t i : open) sales[i] = 0.0;
    return std::max(0.0, remaining);
  }
  const double level = std::max(0.0, remaining) / share_left;
  for (const std::size_t i : open) sales[i] = shares[i] * level;
  return 0.0;
}

}  // namespace models
