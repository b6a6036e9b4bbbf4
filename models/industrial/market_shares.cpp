#include "models/industrial/market_shares.hpp"

#include <cmath>
#include <vector>

#include "sim/parallel.hpp"

namespace models {

double competitiveness(double price_power, double unfilled_share, double unfilled_demand_weight, double sigma) {
  // A firm that filled its orders (the common case) keeps its price power: exp(0) is 1 exactly.
  if (unfilled_share == 0.0) return price_power;
  return price_power * std::exp(-(sigma - 1.0) * unfilled_demand_weight * unfilled_share);
}

double replicator_weight(double share_adjustment_rate, double years_per_tick, double sigma) {
  return 1.0 - std::exp(-share_adjustment_rate * years_per_tick / (sigma - 1.0));
}

double unfilled_share(double demand, double output) {
  if (!(demand > 0.0)) return 0.0;
  return std::max(0.0, 1.0 - output / demand);
}

void replicate_shares(std::span<double> shares, std::span<const double> competitiveness, double weight) {
  double total = 0.0, weighted = 0.0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (shares[i] <= 0.0) continue;
    total += shares[i];
    weighted += shares[i] * competitiveness[i];
  }
  if (total <= 0.0 || weighted <= 0.0) return;
  const double mean = weighted / total;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (shares[i] > 0.0) shares[i] *= 1.0 + weight * (competitiveness[i] - mean) / mean;
  }
}

void update_market_shares(Economy& economy, bool replicate) {
  Firms& firms = economy.firms;
  const MarketParameters& p = economy.parameters.market;
  const int industries = economy.industry_count();
  // In [0, 1): shares stay non-negative whatever chi and the tick length.
  std::vector<double> weights;
  for (int k = 0; k < industries; ++k) {
    weights.push_back(replicator_weight(p.share_adjustment_rate, economy.parameters.years_per_tick,
                                        economy.industries.elasticity(k)));
  }
  // Clusters are independent: the regions run in parallel (sim/parallel.hpp).
  sim::parallel::for_each_task(economy.region_count(), [&](std::int64_t region) {
    const int r = static_cast<int>(region);
    std::vector<double> shares, strength;
    for (int k = 0; k < industries; ++k) {
      const double sigma = economy.industries.elasticity(k);
      const double weight = weights[static_cast<std::size_t>(k)];
      const auto members = economy.cluster_index.members(r, k);
      shares.clear();
      strength.clear();
      double strength_sum = 0.0;
      for (const std::int32_t i : members) {
        shares.push_back(replicate ? firms.market_share[i] : 0.0);
        strength.push_back(!replicate ? firms.price_power[i]
                                           : competitiveness(firms.price_power[i],
                                                             unfilled_share(firms.demand[i], firms.output[i]),
                                                             p.unfilled_demand_weight, sigma));
        strength_sum += strength.back();
      }
      replicate_shares(shares, strength, weight);
      // Entrants (and every firm of a static market) get the share their competitiveness gives them
      // against the whole cluster.
      double total = 0.0;
      for (std::size_t m = 0; m < shares.size(); ++m) {
        if (shares[m] <= 0.0) shares[m] = strength_sum > 0.0 ? strength[m] / strength_sum : 0.0;
        total += shares[m];
      }
      for (std::size_t m = 0; m < shares.size(); ++m) firms.market_share[members[m]] = total > 0.0 ? shares[m] / total : 0.0;
    }
  });
}

}  // namespace models
