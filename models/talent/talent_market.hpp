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

// Mean number of graduates of a region in one tick: rate (per 1e4 residents per year) * budget *
// population (1e4 persons) * dt.
double training_mean(double population, double training_rate, double education_budget, double years_per_tick);

// Probability that one talent retires within a tick: 1 - exp(-rate * dt).
double retirement_probability(double retirement_rate, double years_per_tick);

// Wages from last tick's stock and this tick's demand; then training (Poisson) and retirement
// (Binomial) change the stock. Resets this tick's migration flows (migration_process fills them).
void talent_market_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
