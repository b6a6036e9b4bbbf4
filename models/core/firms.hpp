#pragma once
// Firms as a structure of arrays: one vector per attribute, one row per living firm.
#include <array>
#include <cstdint>
#include <tuple>
#include <vector>

namespace models {

// Subsidies a firm received in each of the last ticks (ring indexed by tick modulo the window), to
// count what was spent on firms that exit soon after (docs/model.md, Staggered development).
inline constexpr int max_waste_window_ticks = 16;
using SubsidyWindow = std::array<double, max_waste_window_ticks>;

struct Firms {
  std::vector<std::uint64_t> id;            // unique for the run; keys the firm's random stream
  std::vector<std::int32_t> region;         // index into Regions
  std::vector<std::int32_t> industry;       // index into Industries
  std::vector<std::int32_t> birth_tick;     // tick of entry (-1 for the initial population)
  std::vector<double> productivity;         // real output per worker-year
  std::vector<double> price;                // 1e8 CNY per unit of real output, at the factory gate
  std::vector<double> price_power;          // price^(1 - sigma) at the last clearing; 0 before the firm's first
  std::vector<double> sales;                // 1e8 CNY/year
  std::vector<double> output;               // real output, units/year (sales / price)
  std::vector<double> employment;           // persons (production workers and researchers)
  std::vector<double> rd_spending;          // 1e8 CNY/year, own funds plus subsidy
  std::vector<double> rd_subsidy;           // 1e8 CNY/year, the government's part of rd_spending
  std::vector<double> profit;               // 1e8 CNY/year, after fixed cost and own R&D
  std::vector<double> net_worth;            // 1e8 CNY
  std::vector<std::int32_t> low_share_ticks;  // consecutive ticks below the market-share floor
  std::vector<double> debt;                 // 1e8 CNY: max(0, -net worth), borrowed within the credit limit
  std::vector<std::uint8_t> leading;        // 1 if among the leading enterprises of its cluster this tick
  std::vector<SubsidyWindow> recent_subsidies;  // 1e8 CNY received per tick, last planner.waste_window_ticks ticks

  std::size_t size() const { return id.size(); }

  // Every column, for operations that must touch all of them (append, compaction).
  auto columns() {
    return std::tie(id, region, industry, birth_tick, productivity, price, price_power, sales, output, employment,
                    rd_spending, rd_subsidy, profit, net_worth, low_share_ticks, debt, leading, recent_subsidies);
  }
};

}  // namespace models
