#include "models/capital/venture_capital.hpp"

#include <algorithm>
#include <cmath>

#include "models/policy/levers.hpp"

namespace models {

double home_bias_factor(double home_bias, double distance_km, double openness) {
  return std::exp(-home_bias * distance_km / 1000.0 * (1.0 - openness));
}

std::vector<double> invest_venture_capital(Economy& economy, const YoungFirms& young) {
  const Firms& firms = economy.firms;
  CapitalState& c = economy.capital;
  const int regions = economy.region_count();
  const Levers& levers = economy.levers;
  const Eigen::MatrixXd link_openness = pairwise_openness(levers.openness);
  c.vc_pool = levers.vc_pool.cwiseProduct(economy.regions.gdp);
  c.vc_invested.setZero(regions);
  c.vc_received.setZero(regions, economy.industry_count());
  c.flows.setZero(regions, regions);
  std::vector<double> vc(young.size(), 0.0);
  std::vector<double> weights(young.size());
  std::vector<double> parts(young.size());
  for (int r = 0; r < regions; ++r) {
    for (std::size_t y = 0; y < young.size(); ++y) {
      const int s = firms.region[young.rows[y]];
      weights[y] = young.expected[y] *
                   home_bias_factor(economy.parameters.capital.home_bias, economy.regions.distance_km(r, s), link_openness(r, s));
    }
    std::fill(parts.begin(), parts.end(), 0.0);
    c.vc_invested(r) = allocate_proportionally(c.vc_pool(r), weights, parts);
    for (std::size_t y = 0; y < young.size(); ++y) {
      const std::size_t i = young.rows[y];
      vc[y] += parts[y];
      c.flows(r, firms.region[i]) += parts[y];
      c.vc_received(firms.region[i], firms.industry[i]) += parts[y];
    }
  }
  return vc;
}

}  // namespace models
