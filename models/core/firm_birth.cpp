#include "models/core/firm_birth.hpp"

#include "sim/soa.hpp"

namespace models {

std::size_t add_firm(Economy& economy, int region, int industry, double productivity, double net_worth) {
  Firms& firms = economy.firms;
  const std::size_t row = sim::soa::append_row(firms.columns());
  firms.id[row] = economy.next_firm_id++;
  firms.region[row] = region;
  firms.industry[row] = industry;
  firms.birth_tick[row] = economy.tick;
  firms.productivity[row] = productivity;
  firms.technology[row] = productivity;  // it buys its first machines at what it knows
  firms.net_worth[row] = net_worth;
  return row;
}

}  // namespace models
