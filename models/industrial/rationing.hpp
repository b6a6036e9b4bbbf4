#pragma once
// Orders a firm cannot serve go to its competitors (docs/model.md §7.2): within a cluster, to the firms
// with spare capacity in proportion to their shares; what the whole cluster cannot serve is unserved.
#include <span>
#include <vector>

namespace models {

// Splits `orders` (money per year) among a market's firms: firm i is asked shares[i] x orders; a firm
// asked more than `capacity_value[i]` sells that and the rest is shared among the others in proportion to
// their shares, again up to capacity (water-filling). Writes the sales; returns what no firm could take.
// `open` is scratch space. Shares must sum to 1 over firms with a positive share.
double allocate_orders(std::span<const double> shares, std::span<const double> capacity_value, double orders,
                       std::span<double> sales, std::vector<std::size_t>& open);

}  // namespace models
