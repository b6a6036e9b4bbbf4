#pragma once
// The initial industrial structure from data (docs/model.md §5): an optional table of cluster sizes
// (region, industry, size) over which firms.initial_count firms are split. Without it the split follows
// demand, GDP_r x mu_k.
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/config.hpp"

namespace models {

inline constexpr std::string_view initial_clusters_key = "firms.initial_clusters";

void declare_initial_clusters_key(sim::config::Schema& schema);

// The sizes of the table as a regions x industries matrix (0 where a cluster is not listed), or nothing
// when the scenario gives no table. Throws sim::config::InputError naming the row of an unknown region
// or industry, a cluster listed twice, or a table whose sizes add up to 0.
std::optional<Eigen::MatrixXd> read_initial_clusters(const sim::config::Config& config,
                                                     const std::vector<std::string>& regions,
                                                     const std::vector<std::string>& industries);

}  // namespace models
