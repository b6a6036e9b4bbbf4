#pragma once
// The economy at the start of a run (ODD: initialisation).
#include <cstdint>
#include <vector>

#include "models/economy.hpp"
#include "sim/config/config.hpp"

namespace models {

// Splits `total` firms over clusters in proportion to weight(r, k) = GDP_r * mu_k, by largest
// remainder, so the counts add up to the total exactly. Returned row-major (r * K + k).
std::vector<std::int64_t> allocate_initial_firms(const Eigen::VectorXd& regional_gdp,
                                                 const Eigen::VectorXd& expenditure_share, std::int64_t total);

// Builds the initial economy: regions, industries, wages, spatial weights, trade freeness, the
// initial firms with their productivity, and a first market clearing that sets sales and net worth.
// Random draws use the stream family "initialisation" of the scenario's seed and replicate.
Economy initial_economy(const sim::config::Config& config);

}  // namespace models
