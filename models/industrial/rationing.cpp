#include "models/industrial/rationing.hpp"

#include <algorithm>
#include <numeric>

namespace models {

namespace {

// The common case, in one pass and without sorting: every firm has room for its share of the orders.
// Then the sort below would stop at its first firm with a share and give every firm share x orders /
// share sum: the same numbers, computed here by the same expressions. False (nothing written) when a
// firm would be full or no firm has a share.
bool fill_without_rationing(std::span<const double> shares, std::span<const double> capacity_value, double orders,
                            std::span<double> sales) {
  double share_left = 0.0;
  for (const double share : shares) share_left += share;
  if (!(share_left > 0.0)) return false;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (shares[i] > 0.0 && !(capacity_value[i] >= shares[i] * orders / share_left)) return false;
  }
  const double level = std::max(0.0, orders) / share_left;
  for (std::size_t i = 0; i < shares.size(); ++i) sales[i] = shares[i] > 0.0 ? shares[i] * level : 0.0;
  return true;
}

}  // namespace

double allocate_orders(std::span<const double> shares, std::span<const double> capacity_value, double orders,
                       std::span<double> sales, std::vector<std::size_t>& order) {
  const std::size_t n = shares.size();
  if (fill_without_rationing(shares, capacity_value, orders, sales)) return 0.0;
  // A firm is full at the level of orders per unit of share (orders / share sum) that equals its capacity
  // per unit of share; the firms fill up in that order, ties by position.
  order.resize(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto room = [&](std::size_t i) { return shares[i] > 0.0 ? capacity_value[i] / shares[i] : 0.0; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return room(a) < room(b); });
  double remaining = orders;
  double share_left = 0.0;
  for (std::size_t i = 0; i < n; ++i) share_left += shares[i];
  std::size_t next = 0;
  for (; next < n; ++next) {
    const std::size_t i = order[next];
    if (shares[i] <= 0.0) {
      sales[i] = 0.0;
      continue;
    }
    if (share_left <= 0.0 || capacity_value[i] >= shares[i] * remaining / share_left) break;
    sales[i] = capacity_value[i];
    remaining -= capacity_value[i];
    share_left -= shares[i];
  }
  if (next == n) return std::max(0.0, remaining);  // every firm is full
  // The rest have room at the common level: they take their share of what is left.
  const double level = std::max(0.0, remaining) / share_left;
  for (; next < n; ++next) {
    const std::size_t i = order[next];
    sales[i] = shares[i] * level;
  }
  return 0.0;
}

}  // namespace models
