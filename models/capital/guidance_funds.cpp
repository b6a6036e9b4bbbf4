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
  std::vector<double> weights(young.size());
  std::vector<double> parts(young.size());
  for (int r = 0; r < regions; ++r) {
    for (std::size_t y = 0; y < young.size(); ++y) {
      const std::size_t i = young.rows[y];
      const bool priority = economy.staggered.priority(firms.region[i], firms.industry[i]) > 0.0;
      weights[y] = firms.region[i] == r && priority ? young.expected[y] : 0.0;
    }
    std::fill(parts.begin(), parts.end(), 0.0);
    allocate_proportionally(c.guidance_fund(r), weights, parts);
    for (std::size_t y = 0; y < young.size(); ++y) {
      if (parts[y] == 0.0) continue;
      const std::size_t i = young.rows[y];
      guidance[y] += parts[y];
      c.guidance_investment(firms.region[i], firms.industry[i]) += parts[y];
      c.private_coinvestment(firms.region[i], firms.industry[i]) += levers.guidance_leverage(r) * parts[y];
    }
  }
  return guidance;
}

}  // namespace models
