#pragma once
// Venture capital (model brief §4.7): each region's investors put a share of its GDP into young firms
// anywhere, weighted by expected return and a home bias that openness weakens.
#include <vector>

#include "models/capital/young_firms.hpp"
#include "models/core/economy.hpp"

namespace models {

// exp(-home_bias * d / 1000 km * (1 - openness)): the weight an investor gives a firm d km away.
double home_bias_factor(double home_bias, double distance_km, double openness);

// Invests every region's pool (policy.vc_pool x GDP) in the young firms; records pools, investment,
// what each cluster received and the flows among regions. Returns each young firm's venture capital,
// 1e8 CNY/year, in the order of `young`.
std::vector<double> invest_venture_capital(Economy& economy, const YoungFirms& young);

}  // namespace models
