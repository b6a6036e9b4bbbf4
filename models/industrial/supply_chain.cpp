#include "models/core/output_helpers.hpp"
#include "models/industrial/supply_chain.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/core/identities.hpp"
#include "models/industrial/market.hpp"

namespace models {

Eigen::MatrixXd input_coefficients(const std::vector<std::vector<int>>& inputs, double input_share) {
  const Eigen::Index industries = static_cast<Eigen::Index>(inputs.size());
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(industries, industries);
  for (Eigen::Index k = 0; k < industries; ++k) {
    const auto& suppliers = inputs[static_cast<std::size_t>(k)];
    if (suppliers.empty()) continue;
    const double each = input_share / static_cast<double>(suppliers.size());
    for (int j : suppliers) a(j, k) += each;
  }
  return a;
}

Eigen::MatrixXd colocation_multiplier(const Eigen::MatrixXd& a, const Eigen::MatrixXd& spatial_weight,
                                      const Eigen::MatrixXd& sales, double beta) {
  const Eigen::Index regions = sales.rows();
  const Eigen::Index industries = sales.cols();
  // Local supply share l_rj = sum_s W_rs sales_sj / national sales of j.
  Eigen::MatrixXd local = spatial_weight * sales;
  for (Eigen::Index j = 0; j < industries; ++j) {
    const double national = sales.col(j).sum();
    if (national > 0.0) {
      local.col(j) /= national;
    } else {
      local.col(j).setZero();
    }
  }
  // Supplier weights A(j, k) / alpha_k: the composition of k's input bundle.
  Eigen::MatrixXd weights = Eigen::MatrixXd::Zero(industries, industries);
  for (Eigen::Index k = 0; k < industries; ++k) {
    const double alpha = a.col(k).sum();
    if (alpha > 0.0) weights.col(k) = a.col(k) / alpha;
  }
  return (Eigen::MatrixXd::Ones(regions, industries) + beta * local * weights).eval();
}

namespace {

// An input price index that was never positive (no supplier of j ever reachable from r) falls back to
// the mean positive index of the same industry, then to the mean positive index of all industries,
// then to 1, so that a unit cost is always finite.
void fill_missing_prices(Eigen::MatrixXd& price) {
  double all_sum = 0.0;
  int all_count = 0;
  for (Eigen::Index j = 0; j < price.cols(); ++j)
    for (Eigen::Index r = 0; r < price.rows(); ++r)
      if (price(r, j) > 0.0) {
        all_sum += price(r, j);
        ++all_count;
      }
  const double all_mean = all_count > 0 ? all_sum / all_count : 1.0;
  for (Eigen::Index j = 0; j < price.cols(); ++j) {
    double sum = 0.0;
    int count = 0;
    for (Eigen::Index r = 0; r < price.rows(); ++r)
      if (price(r, j) > 0.0) {
        sum += price(r, j);
        ++count;
      }
    const double fallback = count > 0 ? sum / count : all_mean;
    for (Eigen::Index r = 0; r < price.rows(); ++r)
      if (!(price(r, j) > 0.0)) price(r, j) = fallback;
  }
}

double max_relative_change(const Eigen::MatrixXd& before, const Eigen::MatrixXd& after) {
  double change = 0.0;
  for (Eigen::Index i = 0; i < before.size(); ++i) {
    const double scale = std::max(std::abs(before(i)), std::abs(after(i)));
    if (scale > 0.0) change = std::max(change, std::abs(after(i) - before(i)) / scale);
  }
  return change;
}

}  // namespace

void update_chain_signals(Economy& economy) {
  IndustrialChainState& chain = economy.chain;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  if (chain.input_coefficients.rows() != industries) return;  // chain never initialised: no inputs
  if (chain.input_price_index.rows() != regions || chain.input_price_index.cols() != industries) {
    chain.input_price_index = Eigen::MatrixXd::Zero(regions, industries);
  }
  const Eigen::MatrixXd& price_index = economy.clusters.price_index;
  for (int j = 0; j < industries; ++j)
    for (int r = 0; r < regions; ++r)
      if (price_index(r, j) > 0.0) chain.input_price_index(r, j) = price_index(r, j);
  fill_missing_prices(chain.input_price_index);
  chain.colocation = colocation_multiplier(chain.input_coefficients, economy.spatial_weight, economy.clusters.sales,
                                           economy.parameters.chain.colocation_benefit);
}

void initialise_industrial_chain(Economy& economy) {
  IndustrialChainState& chain = economy.chain;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const Eigen::MatrixXd a = input_coefficients(economy.industries.inputs, economy.parameters.chain.input_share);
  chain.input_price_index = Eigen::MatrixXd::Zero(regions, industries);
  chain.colocation = Eigen::MatrixXd::Ones(regions, industries);

  // First the market without inputs, for the first guess of the input price indices and of where
  // suppliers sell; then clear again with inputs until prices and multipliers no longer change.
  chain.input_coefficients = Eigen::MatrixXd::Zero(industries, industries);
  chain.input_share = Eigen::VectorXd::Zero(industries);
  clear_market(economy);
  chain.input_coefficients = a;
  chain.input_share = a.colwise().sum().transpose();
  update_chain_signals(economy);
  if (chain.input_share.maxCoeff() <= 0.0) return;
  // Prices contract in logs with factor max alpha_k (<= 0.95), multipliers move with supplier sales:
  // 1e-12 is reached in a few dozen rounds for the default alpha 0.5.
  constexpr int max_rounds = 1000;
  for (int round = 0; round < max_rounds; ++round) {
    const Eigen::MatrixXd price_before = chain.input_price_index;
    const Eigen::MatrixXd colocation_before = chain.colocation;
    clear_market(economy);
    update_chain_signals(economy);
    if (max_relative_change(price_before, chain.input_price_index) < 1e-12 &&
        max_relative_change(colocation_before, chain.colocation) < 1e-12) {
      break;
    }
  }
}

void declare_industrial_chain_outputs(const Economy& economy, sim::output::Registry& registry) {
  const IndustrialChainState& chain = economy.chain;
  add_cluster_output(registry, chain.value_added,
                     {.name = "value_added", .units_note = "1e8 CNY/year", .long_name = "Value added",
                      .description = "value added: sales minus intermediate purchases, annual rate"});
  add_cluster_output(registry, chain.intermediate_purchases,
                     {.name = "intermediate_purchases", .units_note = "1e8 CNY/year",
                      .long_name = "Intermediate purchases",
                      .description = "intermediate inputs bought by the cluster from the modelled industries, "
                                     "annual rate"});
  add_cluster_output(registry, chain.intermediate_demand,
                     {.name = "intermediate_demand", .units_note = "1e8 CNY/year", .long_name = "Intermediate demand",
                      .description = "spending on the industry by the modelled industries of the region "
                                     "(intermediate demand), annual rate"});
  add_cluster_output(registry, chain.colocation,
                     {.name = "colocation_benefit", .units = "1", .long_name = "Co-location benefit",
                      .description = "co-location multiplier of productivity from nearby upstream suppliers (1 = "
                                     "none)"});
}

void check_industrial_chain_identities(const Economy& economy, int tick, std::vector<std::string>& violations) {
  const IndustrialChainState& chain = economy.chain;
  const Clusters& clusters = economy.clusters;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const auto shaped = [&](const Eigen::MatrixXd& m) { return m.rows() == regions && m.cols() == industries; };
  if (!shaped(chain.intermediate_demand) || !shaped(chain.intermediate_purchases) || !shaped(chain.value_added)) {
    violations.push_back(fmt::format("tick {}: industrial chain: flows not computed (market not cleared)", tick));
    return;
  }
  const bool has_inputs = chain.input_coefficients.rows() == industries;
  for (int r = 0; r < regions; ++r) {
    // What the region's industries buy is what its industries spend on their suppliers.
    const double bought = chain.intermediate_purchases.row(r).sum();
    const double spent = chain.intermediate_demand.row(r).sum();
    if (identity_differs(bought, spent)) {
      violations.push_back(fmt::format(
          "tick {}, region {}: intermediate purchases = spending on suppliers: {} != {}", tick,
          economy.regions.names[r], bought, spent));
    }
    for (int k = 0; k < industries; ++k) {
      const double sigma = economy.industries.elasticity(k);
      const double alpha = has_inputs ? chain.input_share(k) : 0.0;
      const double expected = alpha * (sigma - 1.0) / sigma * clusters.sales(r, k);
      if (identity_differs(chain.intermediate_purchases(r, k), expected)) {
        violations.push_back(fmt::format(
            "tick {}, region {}, industry {}: intermediate purchases = input share x variable cost: {} != {}", tick,
            economy.regions.names[r], economy.industries.names[k], chain.intermediate_purchases(r, k), expected));
      }
      const double value_added = clusters.sales(r, k) - chain.intermediate_purchases(r, k);
      if (identity_differs(chain.value_added(r, k), value_added)) {
        violations.push_back(fmt::format(
            "tick {}, region {}, industry {}: value added = sales - intermediate purchases: {} != {}", tick,
            economy.regions.names[r], economy.industries.names[k], chain.value_added(r, k), value_added));
      }
    }
  }
}

}  // namespace models
