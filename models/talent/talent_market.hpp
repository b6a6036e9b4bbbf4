#pragma once
// The regional talent market (model brief §4.6): wages from market tightness, training and retirement.
// Migration is in migration.hpp.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// Partial adjustment of the log wage to the tightness of the regional talent market:
//   ln w' = ln w + kappa * dt * ln(D (1 + s) / H),
// D talent employed (demanded) by the modelled firms, H the stock, s the normal slack. The wage rises
// while demand exceeds the employable stock H / (1 + s), falls while it is below, and is bounded below
// by `floor`. With no stock and positive demand the gap is taken at H = 1 person; with no demand the
// wage drops to the floor.
double tightness_wage(double wage, double employed, double stock, double slack, double adjustment_rate,
                      double years_per_tick, double floor);

// Mean number of graduates of a region in one tick, calibrated to replacement:
//   replacement_ratio * education_budget * retire * talent_per_resident * population * 1e4,
// retire the probability that one talent retires within the tick, talent_per_resident the national
// talent stock over the national population at the start (persons per person), population in 1e4
// persons. With ratio and budget 1 the nation's graduates equal its expected retirements at the start.
double training_mean(double population, double talent_per_resident, double replacement_ratio, double education_budget,
                     double retire);

// Probability that one talent retires within a tick: 1 - exp(-rate * dt).
double retirement_probability(double retirement_rate, double years_per_tick);

// Wages from last tick's stock and this tick's demand; then training (Poisson) and retirement
// (Binomial) change the stock; then the cost of living and real wages (cost_of_living.hpp) that this
// tick's migration compares. Resets this tick's migration flows (migration_process fills them).
void talent_market_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
