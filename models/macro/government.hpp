#pragma once
// The government (docs/model.md, Government): a consolidated general government whose budget is recorded
// region by region. It buys goods and education, pays for every lever that costs money, pays
// unemployment benefits and interest on its bonds, and levies taxes on wages, profits and consumption;
// its deficit is financed by bonds, which the bank holds. policy.financing decides how a policy's extra
// cost is met.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// What the levers cost this tick, per region, once every process has spent it: the tally of
// models/capital/government_budget.cpp plus the talent programmes' grants to arriving talent.
Eigen::VectorXd talent_grants(const Economy& economy);

// Settles the government's purchases for the tick: under budget-neutral financing its purchases of
// the background good take what the levers leave of the reference path (never below 0; the excess is
// then borrowed and reported). `modelled_share` is modelled_share_of_spending. Runs before the
// background sector produces.
void settle_government_purchases(Economy& economy, const Eigen::VectorXd& modelled_share);

// Wage tax rate in force: the balancing rate under tax financing, else the base rate corrected by the
// fiscal rule for last tick's debt over GDP.
double wage_tax_rate(const Economy& economy, double other_spending, double other_revenue, double wage_base);

void government_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
