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
  c.vc_received.setZero(regions, economy.industry_count());
  c.flows.resize(regions, regions);
  // Investors of r give young firm y the part pool_r x e_y b_rs / sum_z e_z b_rs(z) of their pool, with e
  // the firm's expected return and b the home bias towards its region s. The bias depends on the two
  // regions only, so the sums run over regions: with E_s the sum of e over the young firms of s, r
  // invests pool_r b_rs E_s / sum_s' b_rs' E_s' in s, and every young firm of s gets e_y times
  // per_expected(s) = sum_r pool_r b_rs / sum_s' b_rs' E_s'. O(R^2 + firms) rather than O(R x firms).
  Eigen::VectorXd expected_by_region = Eigen::VectorXd::Zero(regions);
  for (std::size_t y = 0; y < young.size(); ++y) expected_by_region(firms.region[young.rows[y]]) += young.expected[y];
  Eigen::VectorXd per_expected = Eigen::VectorXd::Zero(regions);
  Eigen::VectorXd bias(regions);
  for (int r = 0; r < regions; ++r) {
    double total = 0.0;
    for (int s = 0; s < regions; ++s) {
      bias(s) = home_bias_factor(economy.parameters.capital.home_bias, economy.regions.distance_km(r, s), link_openness(r, s));
      total += bias(s) * expected_by_region(s);
    }
    for (int s = 0; s < regions; ++s) {
      const double rate = total > 0.0 ? c.vc_pool(r) * bias(s) / total : 0.0;
      c.flows(r, s) = rate * expected_by_region(s);
      per_expected(s) += rate;
    }
  }
  c.vc_invested = c.flows.rowwise().sum();
  std::vector<double> vc(young.size(), 0.0);
  for (std::size_t y = 0; y < young.size(); ++y) {
    const std::size_t i = young.rows[y];
    vc[y] = young.expected[y] * per_expected(firms.region[i]);
    c.vc_received(firms.region[i], firms.industry[i]) += vc[y];
  }
  return vc;
}

}  // namespace models
