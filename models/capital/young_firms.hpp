#pragma once
// Young firms as investors see them (model brief §4.7): venture capital and guidance funds invest in
// entrants and spin-offs younger than capital.vc_max_age, in proportion to what they expect of them.
#include <cstdint>
#include <span>
#include <vector>

#include "models/core/economy.hpp"

namespace models {

// Whether a firm may receive venture capital or guidance funds: not an initial firm, and younger than
// `max_age` years (age counted as in the firm panel).
bool is_young(std::int32_t birth_tick, int tick, double years_per_tick, double max_age);

// What an investor expects from a firm: max(0, cluster margin) * productivity / cluster frontier
// (0 without a frontier).
double expected_return(double cluster_margin, double productivity, double frontier);

// Splits `amount` over `weights` in proportion (nothing when the weights sum to 0); adds each part to
// `out` and returns the total given out.
double allocate_proportionally(double amount, std::span<const double> weights, std::span<double> out);

// The young firms of this tick (rows into Firms, in firm order) and what investors expect of each.
struct YoungFirms {
  std::vector<std::size_t> rows;
  std::vector<double> expected;
  std::size_t size() const { return rows.size(); }
};
YoungFirms young_firms(const Economy& economy);

}  // namespace models
