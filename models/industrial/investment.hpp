#pragma once
// Firms' investment in machines (docs/model.md §7.17, after Dosi, Fagiolo and Roventini 2010): machines
// wear out; a firm orders new ones to expand towards the capacity its expected demand needs, once the
// gap exceeds a threshold (an (S, s) rule), and replaces all its machines when a better technology pays
// back within the payback period; it pays with its money first, then with loans within its credit limit.
// Machines are installed at once; their cost joins the region's final spending of the tick.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// What a firm has before it orders, after this tick's wear.
struct Plant {
  double capacity = 0.0;         // output units/year
  double productivity = 0.0;     // of the installed machines
  double technology = 0.0;       // of a machine bought now
  double capital = 0.0;          // book value, 1e8 CNY
  double net_worth = 0.0;        // equity after this tick's wear, 1e8 CNY
  double expected_output = 0.0;  // output units/year the firm expects to be asked for
  double unit_cost = 0.0;        // variable cost per unit of output at the installed productivity, 1e8 CNY
  double labour_share = 1.0;     // share of labour in variable cost (1 - alpha)
  double sales_credit = 0.0;     // the part of the credit limit that rests on sales, 1e8 CNY
};

struct MachineOrder {
  double capacity = 0.0;  // output units/year bought
  double cost = 0.0;      // 1e8 CNY
  bool replaces = false;  // the installed machines are scrapped
};

// The most a firm can spend on machines when it keeps machines of book value `capital_kept` and has
// equity `net_worth`: its debt afterwards, capital - net worth, stays within sales credit plus
// collateral_share times the capital (unbounded when collateral covers all and equity plus sales credit
// is not negative).
double affordable_machines(double net_worth, double capital_kept, double sales_credit, double collateral_share);

// The firm's order this tick (docs/model.md §7.17). A firm without machines that expects no demand (a
// pioneer of an industry nobody has sold in yet) buys what it can afford.
MachineOrder order_machines(const InvestmentParameters& parameters, double machine_price, const Plant& plant);

void investment_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
