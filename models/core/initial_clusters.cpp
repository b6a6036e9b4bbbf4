#include "models/core/initial_clusters.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <limits>

#include "models/core/regions_industries.hpp"

namespace models {

using sim::config::Error;
using sim::config::Kind;

void declare_initial_clusters_key(sim::config::Schema& schema) {
  schema.add({.path = std::string(initial_clusters_key), .kind = Kind::records, .unit = "", .description =
                  "Initial industrial structure from data: the relative size of each cluster (firms, output or "
                  "employment: only proportions count). firms.initial_count firms are split over the listed "
                  "clusters in proportion to size (largest remainder); clusters not listed start without firms. "
                  "Without a table, firms are split in proportion to demand, GDP x expenditure share "
                  "(docs/model.md §5).",
              .fields = {
                  {.name = "region", .kind = Kind::string, .unit = "", .description = "Region of the cluster."},
                  {.name = "industry", .kind = Kind::string, .unit = "", .description = "Industry of the cluster."},
                  {.name = "size", .kind = Kind::real, .unit = "1", .description =
                       "Relative size of the cluster, e.g. its firms or its share of the industry's output.",
                   .range = {0, 1.0e9}},
              },
              .required = false});
}


std::optional<Eigen::MatrixXd> read_initial_clusters(const sim::config::Config& config,
                                                     const std::vector<std::string>& regions,
                                                     const std::vector<std::string>& industries) {
  const sim::config::Records& records = config.records(initial_clusters_key);
  if (records.rows.empty()) return std::nullopt;
  std::vector<Error> errors;
  Eigen::MatrixXd size = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(regions.size()),
                                               static_cast<Eigen::Index>(industries.size()));
  Eigen::MatrixXi listed = Eigen::MatrixXi::Zero(size.rows(), size.cols());
  for (std::size_t row = 0; row < records.rows.size(); ++row) {
    const auto reference = [&](const char* field, const std::vector<std::string>& known, const char* what) {
      return index_of_name(records, row, field, records.string(row, field),
                           fmt::format("{}[{}].{}", initial_clusters_key, row, field), known,
                           fmt::format("the name of {} of the scenario", what), errors);
    };
    const auto region = reference("region", regions, "a region");
    const auto industry = reference("industry", industries, "an industry");
    if (!region || !industry) continue;
    if (listed(*region, *industry)++ > 0) {
      Error error;
      error.source = records.rows[row].source;
      error.key = fmt::format("{}[{}]", initial_clusters_key, row);
      error.expected = "each cluster (region, industry) once";
      error.found = fmt::format("{} in {} a second time", industries[static_cast<std::size_t>(*industry)],
                                regions[static_cast<std::size_t>(*region)]);
      errors.push_back(std::move(error));
      continue;
    }
    size(*region, *industry) = records.real(row, "size");
  }
  if (errors.empty() && size.sum() <= 0.0) {
    Error error;
    error.source = records.rows.front().source;
    error.key = std::string(initial_clusters_key);
    error.expected = "sizes that add up to more than 0";
    error.found = "only sizes of 0";
    errors.push_back(std::move(error));
  }
  if (!errors.empty()) throw sim::config::InputError(std::move(errors));
  return size;
}

}  // namespace models
