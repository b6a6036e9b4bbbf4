#pragma once
// The economy at the start of a run (ODD: initialisation).
#include <cstdint>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run_settings.hpp"

namespace models {

// Splits `total` firms over clusters in proportion to weight(r, k) (regions in rows), by largest
// remainder, so the counts add up to the total exactly. Returned row-major (r * K + k).
std::vector<std::int64_t> allocate_initial_firms(const Eigen::MatrixXd& weight, std::int64_t total);
// The same with weight(r, k) = GDP_r * mu_k, the split that follows demand.
std::vector<std::int64_t> allocate_initial_firms(const Eigen::VectorXd& regional_gdp,
                                                 const Eigen::VectorXd& expenditure_share, std::int64_t total);

// Every chain's parameters from a resolved scenario and the run's settings.
Parameters read_parameters(const sim::config::Config& config, const sim::RunSettings& settings);

// Builds the initial economy (docs/model.md §5): regions and industries, then every chain's state in
// three stages around the initial firms (before them, the first market clearing, after it). Random
// draws use the initialisation streams of the run's seed and replicate.
Economy initial_economy(const sim::config::Config& config, const sim::RunSettings& settings);
// The same with the run settings of the scenario's own keys (for tests and benchmarks).
Economy initial_economy(const sim::config::Config& config);

}  // namespace models
