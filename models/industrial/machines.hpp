#pragma once
// Machines (docs/model.md §7.17): a machine of technology A makes up to A units of output a year and is
// bought at one national price; a firm's machines are summarised by their capacity, their mean
// productivity and their book value.
#include "models/core/economy.hpp"

namespace models {

// 1e8 CNY per machine: fixed at the start, then growing on the reference path, as wages do.
double machine_price(const Economy& economy);

// Productivity of a firm's machines once `added_capacity` of technology `technology` joins
// `kept_capacity` of productivity `productivity`: capacity over the number of machines, so that the
// labour a unit of output needs at full use is that of the mix.
double installed_productivity(double kept_capacity, double productivity, double added_capacity, double technology);

// K+S payback rule: the machines of technology `technology` replace those of productivity
// `productivity` when their price per unit of capacity is repaid within `payback_years` by the saving
// in unit cost. `unit_cost` is today's variable cost per unit of output; labour is `labour_share` of it
// (1 - alpha), and only labour gets cheaper with a better machine.
bool replacement_pays(double price_per_capacity, double unit_cost, double labour_share, double productivity,
                      double technology, double payback_years);

// Position of the n-th initial firm in its investment cycle, in [0, 1): a Weyl sequence, evenly spread
// and the same in every run, so that the initial firms do not all order machines in the same tick.
double initial_cycle_position(std::uint64_t firm_id);

// After the first clearing: every firm's technology is its productivity, its machines make its first
// output at a point of its (S, s) band, and the machine price makes them worth
// investment.capital_to_sales years of sales in total; equity gains the machines. Without
// investment.enabled it only sets technology and the market shares.
void install_initial_machines(Economy& economy);

}  // namespace models

namespace sim::output {
class Registry;
}

namespace models {

// Cluster stocks and flows of machines, and the machine price.
void declare_machine_outputs(const Economy& economy, sim::output::Registry& registry);

}  // namespace models
