#include "models/industrial/market.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "models/core/cluster_loops.hpp"
#include "models/industrial/market_shares.hpp"
#include "models/industrial/rationing.hpp"
#include "models/industrial/supply_chain.hpp"
#include "models/industrial/trade_products.hpp"
#include "models/talent/clearing_wage.hpp"
#include "sim/anderson.hpp"
#include "sim/parallel.hpp"
#include "sim/power.hpp"

namespace models {

namespace {

// Relative accuracy of the intermediate-demand fixed point: far below the identities' tolerance.
constexpr double demand_tolerance = 1e-14;
constexpr int max_demand_iterations = 10000;
// Past steps the fixed point mixes (Anderson acceleration): 5 took the clearings of the baseline and of
// cities300 from 32 steps to 13.
constexpr int anderson_depth = 5;

// Firm prices are a constant markup over unit cost. Unit cost is Cobb-Douglas in labour (talent) and
// the inputs: c_i = (w_r / a_i)^(1 - alpha_k) prod_j P_jr^A(j, k) / m_rk; with no inputs, w_r / a_i.
// An immature future technology costs its cluster's learning-curve multiple of a mature one (models/future/future_industries.cpp).
void set_prices(Economy& economy, const Eigen::VectorXd& alpha, const Eigen::MatrixXd& input_factor) {
  Firms& firms = economy.firms;
  const Eigen::VectorXd& sigma = economy.industries.elasticity;
  const Eigen::MatrixXd& learning = economy.future.regional_unit_cost;
  const bool learns = learning.rows() == economy.region_count() && learning.cols() == economy.industry_count();
  std::vector<sim::Power> labour_power, price_power;
  for (int k = 0; k < economy.industry_count(); ++k) {
    labour_power.emplace_back(1.0 - alpha(k));
    price_power.emplace_back(1.0 - sigma(k));
  }
  // The price power p^(1 - sigma) that the market shares and the cluster supply read is computed here,
  // once per firm and clearing.
  sim::parallel::for_each_block(firms.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const int r = firms.region[i];
      const int k = firms.industry[i];
      const double markup = sigma(k) / (sigma(k) - 1.0) * (learns ? learning(r, k) : 1.0);
      if (alpha(k) > 0.0) {
        const double labour_cost = economy.talent.wage(r) / firms.productivity[i];
        firms.price[i] = markup * labour_power[static_cast<std::size_t>(k)](labour_cost) * input_factor(r, k);
      } else {
        firms.price[i] = markup * economy.talent.wage(r) / firms.productivity[i];
      }
      firms.price_power[i] = price_power[static_cast<std::size_t>(k)](firms.price[i]);
    }
  });
}

}  // namespace

Eigen::VectorXd priced_input_shares(const Economy& economy) {
  const IndustrialChainState& chain = economy.chain;
  const int industries = economy.industry_count();
  // The chain is off until initialise_industrial_chain has built A.
  const bool has_chain = chain.input_coefficients.rows() == industries && chain.input_share.size() == industries &&
                         chain.input_share.maxCoeff() > 0.0;
  return has_chain ? chain.input_share : Eigen::VectorXd::Zero(industries);
}

// Input cost factor of cluster (r, k): prod_j P_jr^A(j, k) / m_rk, with the input price indices and
// co-location multipliers of the chain's signals (last clearing). 1 for an industry without inputs.
Eigen::MatrixXd input_cost_factor(const Economy& economy, const Eigen::VectorXd& alpha) {
  const IndustrialChainState& chain = economy.chain;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  Eigen::MatrixXd factor = Eigen::MatrixXd::Ones(regions, industries);
  for (int k = 0; k < industries; ++k) {
    if (alpha(k) <= 0.0) continue;
    for (int r = 0; r < regions; ++r) {
      double log_cost = 0.0;
      for (int j = 0; j < industries; ++j) {
        const double a = chain.input_coefficients(j, k);
        if (a > 0.0) log_cost += a * std::log(chain.input_price_index(r, j));
      }
      factor(r, k) = std::exp(log_cost) / chain.colocation(r, k);
    }
  }
  return factor;
}

void clear_market(Economy& economy, ShareRule share_rule) {
  Firms& firms = economy.firms;
  Clusters& clusters = economy.clusters;
  IndustrialChainState& chain = economy.chain;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const Eigen::VectorXd& sigma = economy.industries.elasticity;

  const Eigen::VectorXd alpha = priced_input_shares(economy);
  const bool has_chain = alpha.size() > 0 && alpha.maxCoeff() > 0.0;
  set_prices(economy, alpha, has_chain ? input_cost_factor(economy, alpha) : Eigen::MatrixXd());
  const Eigen::MatrixXd& learning = economy.future.regional_unit_cost;
  const bool learns = learning.rows() == regions && learning.cols() == industries;
  economy.cluster_index.rebuild(firms, regions, industries);

  // Supply side of each cluster: sum over its firms of p^(1 - sigma). The powers are kept for the
  // firms' market shares below and for measuring variety.
  Eigen::MatrixXd supply = Eigen::MatrixXd::Zero(regions, industries);
  for_each_cluster_member(economy, [&](int r, int k, std::size_t i) { supply(r, k) += firms.price_power[i]; });
  if (share_rule != ShareRule::hold) {
    update_market_shares(economy, share_rule == ShareRule::tick && !economy.parameters.market.static_shares);
  }

  // Machines bound what a cluster can sell: the sum over its firms of price times capacity.
  const bool limited = economy.parameters.investment.enabled && economy.machines.installed;
  Eigen::MatrixXd capacity_value = Eigen::MatrixXd::Zero(regions, industries);
  clusters.capacity.setZero(regions, industries);
  if (limited) {
    for_each_cluster_member(economy, [&](int r, int k, std::size_t i) {
      capacity_value(r, k) += firms.price[i] * firms.capacity[i];
      clusters.capacity(r, k) += firms.capacity[i];
    });
  }

  // P_ks^(1-sigma) = sum_r phi_rs supply_rk. Cost O(R^2 K), independent of the number of firms.
  const Eigen::MatrixXd index_power = freeness_to_destinations(economy, supply);
  for (int k = 0; k < industries; ++k) {
    for (int s = 0; s < regions; ++s) {
      // With no supplier reachable the price index is unbounded: report 0 rather than infinity.
      clusters.price_index(s, k) =
          index_power(s, k) > 0.0 ? std::pow(index_power(s, k), 1.0 / (1.0 - sigma(k))) : 0.0;
    }
  }

  // Expenditure E_ks = mu_k E_s + intermediate demand (E_s the region's final spending), market access M_rk = sum_s phi_rs E_ks / P_ks^(1-sigma).
  // Intermediate demand of region s for j is sum_k A(j, k) x variable cost of cluster (s, k), and variable
  // cost is (sigma_k - 1) / sigma_k of sales under markup pricing; sales are the orders S_rk M_rk, up to
  // the machines' capacity, so E solves a fixed point E = F + B(E) with B a contraction of factor at most
  // max_k alpha_k (sigma_k - 1) / sigma_k < 1 (the capacity bound, a minimum, does not raise it). It is
  // iterated from E = F to relative accuracy 1e-14, each step mixing the last ones (Anderson acceleration).
  // Households buy a future industry's output only as far as its cost has fallen towards what they will pay.
  const FutureState& future = economy.future;
  const bool has_future = future.commercial_share.size() == industries;
  const Eigen::VectorXd spending_share = has_future
                                             ? economy.industries.expenditure_share.cwiseProduct(future.commercial_share)
                                             : economy.industries.expenditure_share;
  chain.final_demand = economy.regions.income * spending_share.transpose();
  // Pilots buy from the region's own firms of the industry, shared among them like the market's orders,
  // where the cluster has firms; the government's contracts are served first, up to the machines' capacity.
  const bool has_pilots = future.pilot_budget.rows() == regions && future.pilot_budget.cols() == industries;
  Eigen::MatrixXd pilot_orders = Eigen::MatrixXd::Zero(regions, industries);
  Eigen::MatrixXd pilot_served = Eigen::MatrixXd::Zero(regions, industries);
  if (has_pilots) {
    for (int r = 0; r < regions; ++r) {
      for (int k = 0; k < industries; ++k) {
        if (future.pilot_budget(r, k) <= 0.0 || supply(r, k) <= 0.0) continue;
        pilot_orders(r, k) = future.pilot_budget(r, k);
        pilot_served(r, k) = limited ? std::min(pilot_orders(r, k), capacity_value(r, k)) : pilot_orders(r, k);
      }
    }
    economy.future.pilot_purchases = pilot_served;
  }
  const Eigen::MatrixXd market_room = capacity_value - pilot_served;
  Eigen::VectorXd cost_share(industries);  // variable cost per unit of sales
  for (int k = 0; k < industries; ++k) cost_share(k) = (sigma(k) - 1.0) / sigma(k);
  Eigen::MatrixXd intermediate = Eigen::MatrixXd::Zero(regions, industries);
  Eigen::MatrixXd orders(regions, industries), served(regions, industries);
  const double scale = chain.final_demand.cwiseAbs().sum();
  chain.demand_iterations = 0;
  Eigen::MatrixXd demand_per_index(regions, industries);
  sim::AndersonMixer mixer(anderson_depth);
  double last_change = std::numeric_limits<double>::infinity();
  for (int iteration = 0;; ++iteration) {
    for (int k = 0; k < industries; ++k) {
      for (int s = 0; s < regions; ++s) {
        demand_per_index(s, k) =
            index_power(s, k) > 0.0 ? (chain.final_demand(s, k) + intermediate(s, k)) / index_power(s, k) : 0.0;
      }
    }
    clusters.market_access = freeness_to_origins(economy, demand_per_index);
    orders = supply.cwiseProduct(clusters.market_access);
    served = limited ? orders.cwiseMin(market_room) : orders;
    chain.demand_iterations = iteration;
    if (!has_chain) break;
    const Eigen::MatrixXd variable_cost = (served + pilot_served) * cost_share.asDiagonal();
    const Eigen::MatrixXd next = variable_cost * chain.input_coefficients.transpose();
    const double change = (next - intermediate).cwiseAbs().sum();
    if (change <= demand_tolerance * (scale + next.cwiseAbs().sum()) || iteration >= max_demand_iterations) break;
    // Anderson-mixed step (sim/anderson.hpp), kept non-negative since no industry buys a negative amount;
    // a change that grew (the capacity bound switched on or off) restarts the mix from a plain step.
    if (change > last_change) mixer.reset();
    last_change = change;
    const Eigen::VectorXd mixed = mixer.next(Eigen::Map<const Eigen::VectorXd>(intermediate.data(), intermediate.size()),
                                             Eigen::Map<const Eigen::VectorXd>(next.data(), next.size()));
    intermediate = Eigen::Map<const Eigen::MatrixXd>(mixed.data(), regions, industries).cwiseMax(0.0);
  }
  clusters.unserved = orders - served;
  for (int k = 0; k < industries; ++k) {
    for (int r = 0; r < regions; ++r) {
      if (supply(r, k) > 0.0) clusters.market_access(r, k) += pilot_orders(r, k) / supply(r, k);
    }
  }

  // The buyers of every region lose the unserved part of their orders to each cluster in proportion:
  // buyers in s give cluster r the share phi_rs S_rk / P_ks^(1-sigma) of their spending on k.
  chain.unserved_final = Eigen::MatrixXd::Zero(regions, industries);
  chain.unserved_intermediate = Eigen::MatrixXd::Zero(regions, industries);
  if (limited) {
    for (int k = 0; k < industries; ++k) {
      Eigen::VectorXd unserved_supply = Eigen::VectorXd::Zero(regions);  // S_rk x unserved share of its orders
      for (int r = 0; r < regions; ++r) {
        if (orders(r, k) > 0.0) unserved_supply(r) = supply(r, k) * clusters.unserved(r, k) / orders(r, k);
      }
      const Eigen::VectorXd lost = economy.trade_freeness.of_industry(k).transpose() * unserved_supply;
      for (int s = 0; s < regions; ++s) {
        if (index_power(s, k) <= 0.0) continue;
        chain.unserved_final(s, k) = lost(s) / index_power(s, k) * chain.final_demand(s, k);
        chain.unserved_intermediate(s, k) = lost(s) / index_power(s, k) * intermediate(s, k);
      }
    }
  }

  // Each cluster's sales go to its firms by their shares, none beyond its capacity. Production workers
  // are labour cost over the wage, labour cost being (1 - alpha_k) of variable cost c q (q / a with no
  // inputs). An immature technology needs more workers per unit: cost multiple times output over productivity.
  const Eigen::MatrixXd labour_multiple = learns ? learning : Eigen::MatrixXd::Ones(regions, industries);
  clusters.sales.setZero();
  clusters.physical_output.setZero();
  clusters.employment.setZero();
  constexpr double unlimited = std::numeric_limits<double>::infinity();
  sim::parallel::for_each_task(regions, [&](std::int64_t region) {
    const int r = static_cast<int>(region);
    std::vector<double> shares, room, sales;
    std::vector<std::size_t> scratch;
    for (int k = 0; k < industries; ++k) {
      const auto members = economy.cluster_index.members(r, k);
      shares.clear();
      room.clear();
      for (const std::int32_t i : members) {
        shares.push_back(firms.market_share[i]);
        room.push_back(limited ? firms.price[i] * firms.capacity[i] : unlimited);
      }
      sales.assign(members.size(), 0.0);
      allocate_orders(shares, room, served(r, k) + pilot_served(r, k), sales, scratch);
      const double asked = orders(r, k) + pilot_orders(r, k);
      for (std::size_t m = 0; m < members.size(); ++m) {
        const std::int32_t i = members[m];
        firms.sales[i] = sales[m];
        // What buyers asked of the firm: its share of the cluster's orders, or more when peers' orders came to it.
        firms.demand[i] = std::max(shares[m] * asked, sales[m]) / firms.price[i];
      }
    }
  });
  for_each_cluster_member(economy, [&](int r, int k, std::size_t i) {
    firms.output[i] = firms.sales[i] / firms.price[i];
    const double production_workers = alpha(k) > 0.0
                                           ? (1.0 - alpha(k)) * cost_share(k) * firms.sales[i] / economy.talent.wage(r)
                                           : labour_multiple(r, k) * firms.output[i] / firms.productivity[i];
    const double researchers = firms.rd_spending[i] / economy.talent.wage(r);
    firms.employment[i] = production_workers + researchers + economy.parameters.firms.fixed_talent;
    clusters.sales(r, k) += firms.sales[i];
    clusters.physical_output(r, k) += firms.output[i];
    clusters.employment(r, k) += firms.employment[i];
  });

  // The chain's flows from the cluster sales: purchases alpha_k x variable cost, spending on each
  // supplier A x variable cost, value added = sales - purchases.
  const Eigen::MatrixXd variable_cost = clusters.sales * cost_share.asDiagonal();
  chain.intermediate_purchases = variable_cost * alpha.asDiagonal();
  chain.intermediate_demand = has_chain ? (variable_cost * chain.input_coefficients.transpose()).eval()
                                        : Eigen::MatrixXd::Zero(regions, industries);
  chain.value_added = clusters.sales - chain.intermediate_purchases;

  // Spending on an industry no firm supplies (index_power 0) reaches no modelled firm, nor does the
  // unserved part of the orders.
  chain.unsupplied_final = chain.unserved_final.rowwise().sum();
  chain.unsupplied_intermediate = chain.unserved_intermediate.rowwise().sum();
  for (int s = 0; s < regions; ++s) {
    for (int k = 0; k < industries; ++k) {
      if (index_power(s, k) > 0.0) continue;
      chain.unsupplied_final(s) += chain.final_demand(s, k);
      chain.unsupplied_intermediate(s) += chain.intermediate_demand(s, k);
    }
  }

  // National price index per industry: expenditure-weighted mean over regions (weights mu_k E_s).
  const Eigen::VectorXd income_share = economy.regions.income / economy.regions.income.sum();
  economy.national_price_index = clusters.price_index.transpose() * income_share;
}

void market_process(Economy& economy, const sim::TickContext&) {
  // Unit costs read last tick's input price indices and supplier locations (update_chain_signals).
  update_chain_signals(economy);
  clear_market(economy, ShareRule::tick);
  if (economy.parameters.talent.clearing_wage) clear_talent_markets(economy);
}

}  // namespace models
