#include "models/talent/talent_market.hpp"

#include "models/talent/cost_of_living.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sim/checked_count.hpp"
#include "sim/random_draws.hpp"

namespace models {

double tightness_wage(double wage, double employed, double stock, double slack, double adjustment_rate,
                      double years_per_tick, double floor) {
  if (employed <= 0.0) return floor;
  const double gap = std::log(employed * (1.0 + slack) / std::max(stock, 1.0));
  return std::max(wage * std::exp(adjustment_rate * years_per_tick * gap), floor);
}

double training_mean(double population, double talent_per_resident, double replacement_ratio, double education_budget,
                     double retire) {
  return std::max(0.0, replacement_ratio * education_budget * retire * talent_per_resident * population * 1e4);
}

double retirement_probability(double retirement_rate, double years_per_tick) {
  return 1.0 - std::exp(-retirement_rate * years_per_tick);
}

void talent_market_process(Economy& economy, const sim::TickContext& context) {
  TalentState& talent = economy.talent;
  const TalentParameters& p = economy.parameters.talent;
  const double dt = economy.parameters.years_per_tick;
  const int regions = economy.region_count();

  talent.previous_stock = talent.stock;
  talent.employed = economy.clusters.employment.rowwise().sum();
  talent.trained = Eigen::VectorXd::Zero(regions);
  talent.retired = Eigen::VectorXd::Zero(regions);
  talent.immigrants = Eigen::VectorXd::Zero(regions);
  talent.emigrants = Eigen::VectorXd::Zero(regions);
  talent.flows = Eigen::MatrixXd::Zero(regions, regions);

  const double retire = retirement_probability(p.retirement_rate, dt);
  for (int r = 0; r < regions; ++r) {
    // The wage responds to the stock the firms could hire from this tick (before this tick's graduates,
    // who enter the market next tick); it applies from the next market clearing. It never falls below
    // what talent earns in the region's background sector (last tick's wage there): its outside option.
    // Under talent.clearing_wage the market process has set the wage that clears this tick's market.
    if (!p.clearing_wage) {
      talent.wage(r) = tightness_wage(talent.wage(r), talent.employed(r), talent.stock(r), p.initial_slack,
                                      p.wage_adjustment_rate, dt, economy.macro.background.wage(r));
    }

    sim::RandomStream stream = context.streams.stream(static_cast<std::uint64_t>(r));
    const double mean = training_mean(economy.regions.population(r), talent.initial_talent_per_resident,
                                      p.training_replacement_ratio, economy.levers.education_budget(r), retire);
    const auto where = [&] { return fmt::format("the training and retirement of talent in {}", economy.regions.names[r]); };
    const std::int64_t trained = sim::draw_poisson(mean, stream, where);
    const std::int64_t stock = sim::checked_count(talent.stock(r), where);
    const std::int64_t retired = retire >= 1.0 ? stock : sim::draw_binomial(stock, retire, stream, where);
    talent.trained(r) = static_cast<double>(trained);
    talent.retired(r) = static_cast<double>(retired);
    talent.stock(r) = static_cast<double>(stock - retired + trained);
  }
  // What this tick's migrants compare: the new wages over the cost of living at this tick's prices.
  update_cost_of_living(economy);
}

}  // namespace models
