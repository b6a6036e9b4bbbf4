#pragma once
// A firm's fixed cost: services bought from the background sector (firms.fixed_cost, on the reference
// path) and talent it employs whatever it produces (firms.fixed_talent, at its region's wage).
#include "models/core/economy.hpp"

namespace models {

// Services per firm and tick, 1e8 CNY/year: firms.fixed_cost exp(g_b t).
double fixed_service_cost(const Economy& economy);

// Fixed talent per firm of the region at the wage it is paid now, 1e8 CNY/year.
double fixed_talent_cost(const Economy& economy, int region);

// Both: what a firm of the region pays whether or not it sells.
double fixed_cost(const Economy& economy, int region);

}  // namespace models
