#include "models/policy/wasted_subsidies.hpp"

#include <numeric>

#include "sim/parallel.hpp"

namespace models {

namespace {

std::size_t slot_of(const Economy& economy) {
  return static_cast<std::size_t>(economy.tick % economy.parameters.staggered.waste_window_ticks);
}

}  // namespace

void open_subsidy_window(Economy& economy) {
  Firms& firms = economy.firms;
  const std::size_t slot = slot_of(economy);
  // One cache line a firm: a pass over the whole table, shared among the threads.
  sim::parallel::for_each_block(firms.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) firms.recent_subsidies[i][slot] = 0.0;
  });
  economy.staggered.subsidies.setZero(economy.region_count(), economy.industry_count());
  economy.staggered.wasted_subsidies.setZero(economy.region_count(), economy.industry_count());
}

void record_subsidy(Economy& economy, std::size_t firm, double rate_per_year) {
  Firms& firms = economy.firms;
  const double amount = rate_per_year * economy.parameters.years_per_tick;
  firms.recent_subsidies[firm][slot_of(economy)] += amount;
  economy.staggered.subsidies(firms.region[firm], firms.industry[firm]) += amount;
}

void book_wasted_subsidies(Economy& economy, std::size_t firm) {
  const Firms& firms = economy.firms;
  const SubsidyWindow& window = firms.recent_subsidies[firm];
  economy.staggered.wasted_subsidies(firms.region[firm], firms.industry[firm]) +=
      std::accumulate(window.begin(), window.end(), 0.0);
}

}  // namespace models
