#pragma once
// Guidance funds (model brief §4.7): each region's government fund invests a share of its fiscal
// budget in its own young firms of its priority clusters; private co-investors follow with leverage.
#include <vector>

#include "models/capital/young_firms.hpp"
#include "models/core/economy.hpp"

namespace models {

// Invests every region's fund (capital.fiscal_share x policy.guidance_fund_share x GDP) in its own
// young firms of priority clusters, weighted by expected return; records the funds, the investment
// and the private co-investment per cluster. Returns each young firm's guidance money, 1e8 CNY/year,
// in the order of `young` (its co-investment is policy.guidance_leverage times that).
std::vector<double> invest_guidance_funds(Economy& economy, const YoungFirms& young);

}  // namespace models
