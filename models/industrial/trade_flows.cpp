#include "models/industrial/trade_flows.hpp"

#include <cmath>

namespace models {

namespace {

bool sized(const Eigen::MatrixXd& matrix, int rows, int cols) { return matrix.rows() == rows && matrix.cols() == cols; }

}  // namespace

std::vector<Eigen::MatrixXd> trade_flows(const Economy& economy) {
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  std::vector<Eigen::MatrixXd> flows(static_cast<std::size_t>(industries), Eigen::MatrixXd::Zero(regions, regions));
  const Clusters& clusters = economy.clusters;
  const IndustrialChainState& chain = economy.chain;
  // Before the first clearing there is nothing to divide.
  if (!sized(clusters.sales, regions, industries) || !sized(chain.final_demand, regions, industries) ||
      static_cast<int>(economy.trade_freeness.group.size()) != industries) {
    return flows;
  }
  const bool has_intermediate = sized(chain.intermediate_demand, regions, industries);
  const bool has_pilots = sized(economy.future.pilot_purchases, regions, industries);
  const Eigen::VectorXd& sigma = economy.industries.elasticity;
  for (int k = 0; k < industries; ++k) {
    const Eigen::MatrixXd& phi = economy.trade_freeness.of_industry(k);
    // D_sk: the buyers' spending per unit of P^(1 - sigma). The market clears on the same spending; the
    // cluster-level state is all that is kept once the tick is over (firms may have exited since), which
    // is why the flows are rebuilt from it rather than from the firms' prices.
    Eigen::VectorXd demand_per_index = Eigen::VectorXd::Zero(regions);
    for (int s = 0; s < regions; ++s) {
      const double index = clusters.price_index(s, k);
      if (index <= 0.0) continue;  // no supplier reachable: the spending reaches no modelled firm
      const double spending = chain.final_demand(s, k) + (has_intermediate ? chain.intermediate_demand(s, k) : 0.0);
      demand_per_index(s) = spending / std::pow(index, 1.0 - sigma(k));
    }
    Eigen::MatrixXd& x = flows[static_cast<std::size_t>(k)];
    for (int r = 0; r < regions; ++r) {
      const double pilot_sales = has_pilots ? economy.future.pilot_purchases(r, k) : 0.0;
      const double served = clusters.sales(r, k) - pilot_sales;
      double access = 0.0;  // M_rk
      for (int s = 0; s < regions; ++s) access += phi(r, s) * demand_per_index(s);
      if (served > 0.0 && access > 0.0) {
        for (int s = 0; s < regions; ++s) x(r, s) = served * phi(r, s) * demand_per_index(s) / access;
      }
      x(r, r) += pilot_sales;
    }
  }
  return flows;
}

void declare_trade_flow_outputs(const Economy& economy, sim::output::Registry& registry) {
  if (!economy.parameters.market.write_flows) return;
  registry.add({.name = "trade_flows", .axes = {"region", "destination", "industry"}, .units_note = "1e8 CNY/year",
                .long_name = "Trade flows",
                .description = "sales of the cluster (region, industry) to the buyers of the destination at the "
                               "tick's clearing, final, intermediate and pilot purchases, delivered value (iceberg "
                               "costs included)",
                .sample = [&economy](std::span<double> out) {
                  const std::vector<Eigen::MatrixXd> flows = trade_flows(economy);
                  const std::size_t regions = static_cast<std::size_t>(economy.region_count());
                  const std::size_t industries = flows.size();
                  for (std::size_t r = 0; r < regions; ++r)
                    for (std::size_t s = 0; s < regions; ++s)
                      for (std::size_t k = 0; k < industries; ++k)
                        out[(r * regions + s) * industries + k] =
                            flows[k](static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(s));
                }});
}

}  // namespace models
