#pragma once
// Talent wages that clear each region's talent market within the tick (talent.clearing_wage): the
// wage at which the modelled firms, at the demand they face, employ exactly the region's talent stock.
// The core-periphery limit of docs/validation.md needs it; the default is the tightness rule of
// models/talent/talent_market.cpp.
#include <vector>

#include "models/core/economy.hpp"

namespace models {

// Talent a region's firms demand at the wage w x, relative to what they employ at w with the market
// access held: production workers of industry k scale as x^exponent_k (sales go as price^(1 - sigma_k),
// the price as w^(1 - alpha_k), and workers as sales over the wage), researchers as 1 / x, fixed talent
// not at all.
struct TalentDemand {
  std::vector<double> production;  // production workers per industry at x = 1, persons
  std::vector<double> exponent;    // (1 - alpha_k)(1 - sigma_k) - 1, per industry
  double researchers = 0.0;        // at x = 1, persons
  double fixed = 0.0;              // firms.fixed_talent times the firms, persons

  double at(double factor) const;
};

// The factor x at which demand.at(x) equals the stock; 0 when no factor does (the stock cannot staff
// the firms' fixed talent, or there is no variable demand to scale).
double clearing_wage_factor(const TalentDemand& demand, double stock);

// The wage at which an entrant of the region, at the market access of the last clearing, would just
// break even (its operating margin less own R&D on its sales equals its fixed cost), the best over the
// region's industries: what a talent arriving in a region without firms could be paid. 0 when no wage
// lets an entrant break even.
double entrant_break_even_wage(const Economy& economy, int region);

// Sets every region's talent wage so that its talent market clears at this tick's demand and clears the
// market again, until no wage moves by more than a relative 1e-12; regions without firms get the
// entrant's break-even wage. Wages never fall below the background wage (the talent's outside option).
// Returns the number of market clearings it took.
int clear_talent_markets(Economy& economy);

}  // namespace models
