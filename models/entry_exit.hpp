#pragma once
// Exit and entry of firms (model brief §4.9).
#include <cstdint>

#include "models/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// A firm exits when its net worth is negative or its national market share stayed below the floor
// for the configured number of ticks.
bool exits(const Firms& firms, std::size_t firm, const FirmParameters& parameters);

// Expected entrants in a cluster per tick:
//   years_per_tick * (base_rate + rate_per_firm * incumbents) * exp(profit_sensitivity * margin),
// with margin the cluster's profit over its sales (0 for a cluster without sales).
double expected_entrants(const EntryParameters& parameters, double years_per_tick, int incumbents,
                         double cluster_profit, double cluster_sales);

// Removes exiting firms (keeping the others in order), counts exits per cluster.
void exit_process(Economy& economy, const sim::TickContext& context);

// Draws entrants per cluster (Poisson) with productivity Beta-drawn below the cluster frontier.
void entry_process(Economy& economy, const sim::TickContext& context);

// Appends one firm with the given identity and productivity; every other attribute starts at zero.
std::size_t add_firm(Economy& economy, int region, int industry, double productivity, double net_worth);

}  // namespace models
