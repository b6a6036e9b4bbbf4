#include "models/capital.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "models/wasted_subsidies.hpp"

namespace models {

double credit_limit(double multiple, double sales, double years_per_tick) {
  return multiple * sales * years_per_tick;
}

double home_bias_factor(double home_bias, double distance_km, double openness) {
  return std::exp(-home_bias * distance_km / 1000.0 * (1.0 - openness));
}

double expected_return(double cluster_margin, double productivity, double frontier) {
  if (!(frontier > 0.0)) return 0.0;
  return std::max(0.0, cluster_margin) * productivity / frontier;
}

double allocate_proportionally(double amount, std::span<const double> weights, std::span<double> out) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (!(total > 0.0) || amount == 0.0) return 0.0;
  double given = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double part = amount * weights[i] / total;
    out[i] += part;
    given += part;
  }
  return given;
}

bool is_young(std::int32_t birth_tick, int tick, double years_per_tick, double max_age) {
  return birth_tick >= 0 && (tick - birth_tick) * years_per_tick < max_age;
}

Eigen::VectorXd regional_net_worth(const Economy& economy) {
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(economy.region_count());
  for (std::size_t i = 0; i < economy.firms.size(); ++i) sum(economy.firms.region[i]) += economy.firms.net_worth[i];
  return sum;
}

void record_debt(Economy& economy) {
  Firms& firms = economy.firms;
  Eigen::MatrixXd& debt = economy.capital.debt;
  debt.setZero(economy.region_count(), economy.industry_count());
  for (std::size_t i = 0; i < firms.size(); ++i) {
    firms.debt[i] = std::max(0.0, -firms.net_worth[i]);
    debt(firms.region[i], firms.industry[i]) += firms.debt[i];
  }
}

void open_capital_books(Economy& economy) {
  CapitalState& c = economy.capital;
  const int regions = economy.region_count();
  c.opening_net_worth = regional_net_worth(economy);
  c.profit = Eigen::VectorXd::Zero(regions);
  c.exited_net_worth = Eigen::VectorXd::Zero(regions);
  c.entered_net_worth = Eigen::VectorXd::Zero(regions);
}

namespace {

// Flags the top leading_share of each cluster's firms by sales (at least one; ties to the lower id)
// and returns each firm's support, 1e8 CNY/year.
std::vector<double> leading_support(Economy& economy) {
  Firms& firms = economy.firms;
  CapitalState& c = economy.capital;
  const CapitalParameters& p = economy.parameters.capital;
  std::vector<double> support(firms.size(), 0.0);
  std::fill(firms.leading.begin(), firms.leading.end(), std::uint8_t{0});
  c.leading_firms.setZero(economy.region_count(), economy.industry_count());
  c.leading_support.setZero(economy.region_count());
  std::vector<std::int32_t> members;
  for (int r = 0; r < economy.region_count(); ++r) {
    for (int k = 0; k < economy.industry_count(); ++k) {
      const auto span = economy.cluster_index.members(r, k);
      if (span.empty()) continue;
      members.assign(span.begin(), span.end());
      const std::size_t n = members.size();
      const std::size_t leaders =
          std::clamp<std::size_t>(static_cast<std::size_t>(std::floor(p.leading_share * static_cast<double>(n))), 1, n);
      std::partial_sort(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(leaders), members.end(),
                        [&firms](std::int32_t a, std::int32_t b) {
                          if (firms.sales[a] != firms.sales[b]) return firms.sales[a] > firms.sales[b];
                          return firms.id[a] < firms.id[b];
                        });
      for (std::size_t m = 0; m < leaders; ++m) {
        const std::int32_t i = members[m];
        firms.leading[i] = 1;
        support[i] = economy.levers.leading_support(r) * firms.sales[i];
        c.leading_support(r) += support[i];
      }
      c.leading_firms(r, k) = static_cast<double>(leaders);
    }
  }
  return support;
}

}  // namespace

void capital_process(Economy& economy, const sim::TickContext&) {
  Firms& firms = economy.firms;
  CapitalState& c = economy.capital;
  const CapitalParameters& p = economy.parameters.capital;
  const Clusters& clusters = economy.clusters;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const double dt = economy.parameters.years_per_tick;
  const std::size_t n = firms.size();

  const std::vector<double> support = leading_support(economy);

  // Young firms and what investors expect of them.
  Eigen::MatrixXd frontier = Eigen::MatrixXd::Zero(regions, industries);
  for (std::size_t i = 0; i < n; ++i) {
    double& best = frontier(firms.region[i], firms.industry[i]);
    best = std::max(best, firms.productivity[i]);
  }
  std::vector<std::size_t> young;
  std::vector<double> expected;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_young(firms.birth_tick[i], economy.tick, dt, p.vc_max_age)) continue;
    const int r = firms.region[i];
    const int k = firms.industry[i];
    const double margin = clusters.sales(r, k) > 0.0 ? clusters.profit(r, k) / clusters.sales(r, k) : 0.0;
    young.push_back(i);
    expected.push_back(expected_return(margin, firms.productivity[i], frontier(r, k)));
  }

  // Venture capital: every region's pool goes to young firms anywhere, weighted by expected return
  // and home bias.
  const Levers& levers = economy.levers;
  const Eigen::MatrixXd link_openness = pairwise_openness(levers.openness);
  c.vc_pool = levers.vc_pool.cwiseProduct(economy.regions.gdp);
  c.vc_invested.setZero(regions);
  c.vc_received.setZero(regions, industries);
  c.flows.setZero(regions, regions);
  std::vector<double> vc(young.size(), 0.0);
  std::vector<double> weights(young.size());
  std::vector<double> parts(young.size());
  for (int r = 0; r < regions; ++r) {
    for (std::size_t y = 0; y < young.size(); ++y) {
      const int s = firms.region[young[y]];
      weights[y] = expected[y] * home_bias_factor(p.home_bias, economy.regions.distance_km(r, s), link_openness(r, s));
    }
    std::fill(parts.begin(), parts.end(), 0.0);
    c.vc_invested(r) = allocate_proportionally(c.vc_pool(r), weights, parts);
    for (std::size_t y = 0; y < young.size(); ++y) {
      const std::size_t i = young[y];
      vc[y] += parts[y];
      c.flows(r, firms.region[i]) += parts[y];
      c.vc_received(firms.region[i], firms.industry[i]) += parts[y];
    }
  }

  // Guidance funds: each region's fund invests in its own young firms of its priority clusters,
  // weighted by expected return; private co-investors follow with leverage times as much.
  c.guidance_fund = p.fiscal_share * levers.guidance_fund_share.cwiseProduct(economy.regions.gdp);
  c.guidance_investment.setZero(regions, industries);
  c.private_coinvestment.setZero(regions, industries);
  std::vector<double> guidance(young.size(), 0.0);
  for (int r = 0; r < regions; ++r) {
    for (std::size_t y = 0; y < young.size(); ++y) {
      const std::size_t i = young[y];
      const bool priority = economy.staggered.priority(firms.region[i], firms.industry[i]) > 0.0;
      weights[y] = firms.region[i] == r && priority ? expected[y] : 0.0;
    }
    std::fill(parts.begin(), parts.end(), 0.0);
    allocate_proportionally(c.guidance_fund(r), weights, parts);
    for (std::size_t y = 0; y < young.size(); ++y) {
      if (parts[y] == 0.0) continue;
      const std::size_t i = young[y];
      guidance[y] += parts[y];
      c.guidance_investment(firms.region[i], firms.industry[i]) += parts[y];
      c.private_coinvestment(firms.region[i], firms.industry[i]) += levers.guidance_leverage(r) * parts[y];
    }
  }

  // Support and equity add to net worth.
  for (std::size_t i = 0; i < n; ++i) firms.net_worth[i] += support[i] * dt;
  for (std::size_t y = 0; y < young.size(); ++y) {
    const std::size_t i = young[y];
    firms.net_worth[i] += (vc[y] + guidance[y] * (1.0 + levers.guidance_leverage(firms.region[i]))) * dt;
  }
  record_debt(economy);
  // Government money to firms, for the count of subsidies wasted on firms that exit soon after.
  for (std::size_t i = 0; i < n; ++i) {
    if (support[i] > 0.0) record_subsidy(economy, i, support[i]);
  }
  for (std::size_t y = 0; y < young.size(); ++y) {
    if (guidance[y] > 0.0) record_subsidy(economy, young[y], guidance[y]);
  }
}

void government_budget_process(Economy& economy, const sim::TickContext&) {
  CapitalState& c = economy.capital;
  const int regions = economy.region_count();
  c.rd_subsidies = economy.clusters.rd_subsidy.rowwise().sum();
  c.basic_research = economy.knowledge.funding.size() == regions ? economy.knowledge.funding
                                                                  : Eigen::VectorXd::Zero(regions);
  // An economy built without future industries (a hand-built test economy) has neither pilots nor adoption.
  const FutureState& f = economy.future;
  c.pilot_purchases = f.pilot_purchases.rows() == regions ? f.pilot_purchases.rowwise().sum().eval()
                                                          : Eigen::VectorXd::Zero(regions);
  c.adoption_subsidies = f.adoption_subsidies.rows() == regions ? f.adoption_subsidies.rowwise().sum().eval()
                                                                : Eigen::VectorXd::Zero(regions);
  c.budget_spent = c.rd_subsidies + c.leading_support + c.guidance_investment.rowwise().sum() + c.basic_research +
                   c.pilot_purchases + c.adoption_subsidies;
}

}  // namespace models
