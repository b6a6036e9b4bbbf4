#include "models/talent/clearing_wage.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/industrial/fixed_costs.hpp"
#include "models/industrial/market.hpp"

namespace models {

double TalentDemand::at(double factor) const {
  double total = fixed + researchers / factor;
  for (std::size_t k = 0; k < production.size(); ++k) total += production[k] * std::pow(factor, exponent[k]);
  return total;
}

double clearing_wage_factor(const TalentDemand& demand, double stock) {
  double variable = demand.researchers;
  for (double workers : demand.production) variable += workers;
  if (!(variable > 0.0) || !(stock > demand.fixed)) return 0.0;
  // Demand falls in ln x and is convex in it (a sum of exponentials): Newton's method from ln x = 0
  // reaches the root from whichever side it starts, without overshooting past it after one step.
  double log_factor = 0.0;
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double factor = std::exp(log_factor);
    double excess = demand.fixed - stock + demand.researchers / factor;
    double slope = -demand.researchers / factor;
    for (std::size_t k = 0; k < demand.production.size(); ++k) {
      const double workers = demand.production[k] * std::pow(factor, demand.exponent[k]);
      excess += workers;
      slope += demand.exponent[k] * workers;
    }
    if (!(slope < 0.0)) return 0.0;
    const double step = excess / slope;
    log_factor -= step;
    if (std::abs(step) <= 1e-15) break;
  }
  return std::exp(log_factor);
}

namespace {

// Power mean of the industry's firms' productivity, (mean a^e)^(1/e), e = (sigma - 1)(1 - alpha): the
// productivity at which an entrant sells what the industry's mean firm sells at equal costs. 1 without firms.
Eigen::VectorXd industry_mean_productivity(const Economy& economy, const Eigen::VectorXd& alpha) {
  const int industries = economy.industry_count();
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(industries);
  Eigen::VectorXd count = Eigen::VectorXd::Zero(industries);
  const Firms& firms = economy.firms;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const int k = firms.industry[i];
    const double exponent = (economy.industries.elasticity(k) - 1.0) * (1.0 - alpha(k));
    sum(k) += std::pow(firms.productivity[i], exponent);
    count(k) += 1.0;
  }
  Eigen::VectorXd mean = Eigen::VectorXd::Ones(industries);
  for (int k = 0; k < industries; ++k) {
    const double exponent = (economy.industries.elasticity(k) - 1.0) * (1.0 - alpha(k));
    if (count(k) > 0.0) mean(k) = std::pow(sum(k) / count(k), 1.0 / exponent);
  }
  return mean;
}

// The cluster-level view of the last clearing that the wages act on.
struct ClearingAggregates {
  Eigen::MatrixXd supply;       // sum over a cluster's firms of p^(1 - sigma), R x K
  Eigen::MatrixXd expenditure;  // final and intermediate spending of each region on each industry, R x K
  Eigen::VectorXd researchers;  // persons, R
  Eigen::VectorXd fixed;        // persons, R
  Eigen::VectorXd firms;        // count, R
};

ClearingAggregates aggregates(const Economy& economy) {
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  ClearingAggregates a{Eigen::MatrixXd::Zero(regions, industries),
                       economy.chain.final_demand + economy.chain.intermediate_demand, Eigen::VectorXd::Zero(regions),
                       Eigen::VectorXd::Zero(regions), Eigen::VectorXd::Zero(regions)};
  const Firms& firms = economy.firms;
  for (std::size_t i = 0; i < firms.size(); ++i) {
    const int r = firms.region[i];
    a.supply(r, firms.industry[i]) += firms.price_power[i];
    a.researchers(r) += firms.rd_spending[i] / economy.talent.wage(r);
    a.firms(r) += 1.0;
  }
  a.fixed = a.firms * economy.parameters.firms.fixed_talent;
  return a;
}

// Wage factors x_r that clear every region's talent market when only the prices respond: cluster supply
// goes as x^((1 - alpha)(1 - sigma)), the price indices and market access follow, spending is held. Each
// pass solves every region's market with the others' factors and its market access held (Jacobi); the
// passes converge because a region's own price index softens the fall of its sales as its wage rises.
Eigen::VectorXd aggregate_clearing_factors(const Economy& economy, const ClearingAggregates& a,
                                           const Eigen::VectorXd& alpha) {
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const Eigen::VectorXd& sigma = economy.industries.elasticity;
  const Eigen::VectorXd& wage = economy.talent.wage;
  Eigen::VectorXd factor = Eigen::VectorXd::Ones(regions);
  Eigen::MatrixXd supply = a.supply;
  Eigen::MatrixXd index_power(regions, industries);
  TalentDemand demand;
  demand.exponent.resize(static_cast<std::size_t>(industries));
  for (int k = 0; k < industries; ++k) demand.exponent[static_cast<std::size_t>(k)] = (1.0 - alpha(k)) * (1.0 - sigma(k)) - 1.0;
  for (int pass = 0; pass < 100000; ++pass) {
    for (int r = 0; r < regions; ++r) {
      for (int k = 0; k < industries; ++k) supply(r, k) = a.supply(r, k) * std::pow(factor(r), (1.0 - alpha(k)) * (1.0 - sigma(k)));
    }
    // Each destination's price index (to the power 1 - sigma) is the same for every selling region:
    // computed once a pass, not once a seller.
    for (int k = 0; k < industries; ++k) {
      const Eigen::MatrixXd& freeness = economy.trade_freeness.of_industry(k);
      for (int s = 0; s < regions; ++s) index_power(s, k) = freeness.col(s).dot(supply.col(k));
    }
    double largest = 0.0;
    Eigen::VectorXd next = factor;
    for (int r = 0; r < regions; ++r) {
      if (a.firms(r) <= 0.0) continue;
      demand.production.assign(static_cast<std::size_t>(industries), 0.0);
      for (int k = 0; k < industries; ++k) {
        const Eigen::MatrixXd& freeness = economy.trade_freeness.of_industry(k);
        double access = 0.0;
        for (int s = 0; s < regions; ++s) {
          if (index_power(s, k) > 0.0) access += freeness(r, s) * a.expenditure(s, k) / index_power(s, k);
        }
        demand.production[static_cast<std::size_t>(k)] =
            (1.0 - alpha(k)) * (sigma(k) - 1.0) / sigma(k) * supply(r, k) * access / (wage(r) * factor(r));
      }
      demand.researchers = a.researchers(r) / factor(r);
      demand.fixed = a.fixed(r);
      const double step = clearing_wage_factor(demand, economy.talent.stock(r));
      if (!(step > 0.0)) continue;
      next(r) = factor(r) * step;
      largest = std::max(largest, std::abs(std::log(step)));
    }
    factor = next;
    if (largest <= 1e-14) break;
  }
  return factor;
}

}  // namespace

double entrant_break_even_wage(const Economy& economy, int region) {
  const Eigen::VectorXd alpha = priced_input_shares(economy);
  const bool has_chain = alpha.maxCoeff() > 0.0;
  const Eigen::MatrixXd input_factor = has_chain ? input_cost_factor(economy, alpha) : Eigen::MatrixXd();
  const Eigen::VectorXd productivity = industry_mean_productivity(economy, alpha);
  const Eigen::MatrixXd& learning = economy.future.regional_unit_cost;
  const bool learns = learning.rows() == economy.region_count() && learning.cols() == economy.industry_count();
  const double own_rd_share = economy.parameters.innovation.rd_share_of_sales;
  const double services = fixed_service_cost(economy);
  const double fixed_talent = economy.parameters.firms.fixed_talent;
  double best = 0.0;
  for (int k = 0; k < economy.industry_count(); ++k) {
    const double sigma = economy.industries.elasticity(k);
    const double margin = 1.0 / sigma - own_rd_share;
    const double access = economy.clusters.market_access(region, k);
    if (!(margin > 0.0) || !(access > 0.0)) continue;
    // Price at wage w: markup x learning multiple x (w / a)^(1 - alpha) x input factor; the entrant's
    // profit margin x p^(1 - sigma) x access - services - fixed talent x w falls in w.
    const double markup = sigma / (sigma - 1.0) * (learns ? learning(region, k) : 1.0) * (has_chain ? input_factor(region, k) : 1.0);
    const auto profit = [&](double wage) {
      const double price = markup * std::pow(wage / productivity(k), 1.0 - alpha(k));
      return margin * std::pow(price, 1.0 - sigma) * access - services - fixed_talent * wage;
    };
    // Bisection in ln w over a bracket wide enough for any wage the model produces.
    double low = std::log(1e-12), high = std::log(1e6);
    if (!(profit(std::exp(low)) > 0.0)) continue;
    if (profit(std::exp(high)) > 0.0) { best = std::max(best, std::exp(high)); continue; }
    for (int iteration = 0; iteration < 200 && high - low > 1e-15; ++iteration) {
      const double middle = 0.5 * (low + high);
      (profit(std::exp(middle)) > 0.0 ? low : high) = middle;
    }
    best = std::max(best, std::exp(0.5 * (low + high)));
  }
  return best;
}

int clear_talent_markets(Economy& economy) {
  constexpr int max_clearings = 100;
  const Eigen::VectorXd alpha = priced_input_shares(economy);
  const Eigen::VectorXd& floor = economy.macro.background.wage;
  Eigen::VectorXd& wage = economy.talent.wage;
  for (int clearing = 1;; ++clearing) {
    const ClearingAggregates a = aggregates(economy);
    const Eigen::VectorXd factor = aggregate_clearing_factors(economy, a, alpha);
    double largest = 0.0;
    for (int r = 0; r < economy.region_count(); ++r) {
      double next = wage(r);
      if (a.firms(r) > 0.0) next = wage(r) * factor(r);
      else if (const double entrant = entrant_break_even_wage(economy, r); entrant > 0.0) next = entrant;
      if (floor.size() == wage.size()) next = std::max(next, floor(r));
      largest = std::max(largest, std::abs(std::log(next / wage(r))));
      wage(r) = next;
    }
    if (largest <= 1e-12) return clearing;
    if (clearing >= max_clearings) {
      throw std::runtime_error(fmt::format("talent.clearing_wage: the talent wages still moved by {:.3g} (relative) "
                                           "after {} market clearings", largest, clearing));
    }
    clear_market(economy, ShareRule::hold);
  }
}

}  // namespace models
