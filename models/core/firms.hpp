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

// Machines bought in each of the last ticks (1e8 CNY, ring indexed by tick modulo its size), for a
// firm's investment over the past year (the firm panel); a year is at most 12 ticks.
inline constexpr int investment_window_ticks = 12;
using InvestmentWindow = std::array<double, investment_window_ticks>;

struct Firms {
  std::vector<std::uint64_t> id;            // unique for the run; keys the firm's random stream
  std::vector<std::int32_t> region;         // index into Regions
  std::vector<std::int32_t> industry;       // index into Industries
  std::vector<std::int32_t> birth_tick;     // tick of entry (-1 for the initial population)
  std::vector<double> productivity;         // real output per worker-year of the installed machines (their mean)
  std::vector<double> technology;           // real output per worker-year of a machine the firm would install now
  std::vector<double> capacity;             // real output per year the installed machines can make
  std::vector<double> capital;              // 1e8 CNY: book value of the machines (cost less depreciation)
  std::vector<double> investment;           // 1e8 CNY/year: machines bought this tick
  std::vector<double> depreciation;         // 1e8 CNY/year: wear and scrapping of machines charged this tick
  std::vector<double> market_share;         // share of its cluster's demand for the industry (0 before its first clearing)
  std::vector<double> demand;               // real output per year its buyers asked for at the last clearing
  std::vector<double> price;                // 1e8 CNY per unit of real output, at the factory gate
  std::vector<double> price_power;          // price^(1 - sigma) at the last clearing; 0 before the firm's first
  std::vector<double> sales;                // 1e8 CNY/year
  std::vector<double> output;               // real output, units/year (sales / price)
  std::vector<double> employment;           // persons (production workers and researchers)
  std::vector<double> rd_spending;          // 1e8 CNY/year, own funds plus subsidy
  std::vector<double> rd_subsidy;           // 1e8 CNY/year, the government's part of rd_spending
  std::vector<double> profit;               // 1e8 CNY/year, after fixed cost and own R&D
  std::vector<double> net_worth;            // 1e8 CNY: equity, machines at book value plus deposits less loans
  std::vector<std::int32_t> low_share_ticks;  // consecutive ticks below the market-share floor
  std::vector<double> debt;                 // 1e8 CNY: max(0, capital - net worth), borrowed within the credit limit
  std::vector<std::uint8_t> leading;        // 1 if among the leading enterprises of its cluster this tick
  std::vector<SubsidyWindow> recent_subsidies;  // 1e8 CNY received per tick, last planner.waste_window_ticks ticks
  std::vector<InvestmentWindow> recent_investment;  // 1e8 CNY spent on machines per tick, last 12 ticks

  std::size_t size() const { return id.size(); }

  // Every column, for operations that must touch all of them (append, compaction).
  auto columns() {
    return std::tie(id, region, industry, birth_tick, productivity, technology, capacity, capital, investment,
                    depreciation, market_share, demand, price, price_power, sales, output, employment, rd_spending,
                    rd_subsidy, profit, net_worth, low_share_ticks, debt, leading, recent_subsidies,
                    recent_investment);
  }
  // Their names, in the order of columns() (saved states).
  static constexpr std::array<const char*, 26> column_names = {
      "id", "region", "industry", "birth_tick", "productivity", "technology", "capacity", "capital", "investment",
      "depreciation", "market_share", "demand", "price", "price_power", "sales", "output", "employment",
      "rd_spending", "rd_subsidy", "profit", "net_worth", "low_share_ticks", "debt", "leading", "recent_subsidies",
      "recent_investment"};
};

// Money a firm holds (positive) or owes the bank (negative): its equity less what is tied up in machines.
inline double liquid_assets(const Firms& firms, std::size_t i) { return firms.net_worth[i] - firms.capital[i]; }

}  // namespace models
