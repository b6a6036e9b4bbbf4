#include "models/capital/guidance_funds.hpp"

#include <algorithm>

namespace models {

std::vector<double> invest_guidance_funds(Economy& economy, const YoungFirms& young) {
  const Firms& firms = economy.firms;
  CapitalState& c = economy.capital;
  const int regions = economy.region_count();
  const Levers& levers = economy.levers;
  c.guidance_fund = economy.parameters.capital.fiscal_share * levers.guidance_fund_share.cwiseProduct(economy.regions.gdp);
  c.guidance_investment.setZero(regions, economy.industry_count());
  c.private_coinvestment.setZero(regions, economy.industry_count());
  std::vector<double> guidance(young.size(), 0.0);
  // A region's fund invests in its own young priority firms only, so each region's split runs over its
  // own firms (in firm order, as young lists them).
  std::vector<std::vector<std::size_t>> by_region(static_cast<std::size_t>(regions));
  for (std::size_t y = 0; y < young.size(); ++y) {
    const std::size_t i = young.rows[y];
    if (economy.staggered.priority(firms.region[i], firms.industry[i]) > 0.0) {
      by_region[static_cast<std::size_t>(firms.region[i])].push_back(y);
    }
  }
  std::vector<double> weights, parts;
  for (int r = 0; r < regions; ++r) {
    const std::vector<std::size_t>& own = by_region[static_cast<std::size_t>(r)];
    weights.clear();
    for (const std::size_t y : own) weights.push_back(young.expected[y]);
    parts.assign(own.size(), 0.0);
    allocate_proportionally(c.guidance_fund(r), weights, parts);
    for (std::size_t m = 0; m < own.size(); ++m) {
      if (parts[m] == 0.0) continue;
      const std::size_t y = own[m];
      const std::size_t i = young.rows[y];
      guidance[y] += parts[m];
      c.guidance_investment(firms.region[i], firms.industry[i]) += parts[m];
      c.private_coinvestment(firms.region[i], firms.industry[i]) += levers.guidance_leverage(r) * parts[m];
    }
  }
  return guidance;
}

}  // namespace models
