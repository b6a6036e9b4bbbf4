#pragma once
// Firms' shares of their cluster's demand (docs/model.md §7.2): the static CES shares, or
// quasi-replicator dynamics driven by competitiveness (Dosi, Fagiolo and Roventini 2010).
#include <span>

#include "models/core/economy.hpp"

namespace models {

// Competitiveness of a firm: its CES attraction p^(1 - sigma) at a price raised by the factor
// exp(omega u), u the share of its last demand it could not serve (customers count unfilled orders like
// a dearer price): p^(1 - sigma) exp(-(sigma - 1) omega u).
double competitiveness(double price_power, double unfilled_share, double unfilled_demand_weight, double sigma);

// Weight of one tick's replicator step in a market of elasticity sigma: 1 - exp(-chi dt / (sigma - 1)),
// so that a firm 1 % cheaper than its market's mean gains about chi % of share a year whatever sigma
// (competitiveness p^(1 - sigma) is (sigma - 1) % higher), as with K+S's competitiveness linear in price.
double replicator_weight(double share_adjustment_rate, double years_per_tick, double sigma);

// Share of its demand a firm could not serve at the last clearing (0 without demand).
double unfilled_share(double demand, double output);

// One step of the quasi-replicator: f_i (1 + w (E_i - E_bar) / E_bar), E_bar the share-weighted mean
// competitiveness, for the members of one market. `weight` w in [0, 1] keeps shares non-negative; the
// sum of shares is unchanged. Members with share 0 are left out (entrants get theirs elsewhere).
void replicate_shares(std::span<double> shares, std::span<const double> competitiveness, double weight);

// Sets firms.market_share for this clearing from firms.price_power (set for this clearing): with
// `replicate`, one replicator step for incumbents from last clearing's demand and output and the
// competitiveness share for entrants, then normalised to sum to 1 in every cluster; without, every
// firm's static CES share. The replicator step belongs to a tick, not to a clearing: clearings repeated
// within a tick (initialisation) must not compound it.
void update_market_shares(Economy& economy, bool replicate);

}  // namespace models
