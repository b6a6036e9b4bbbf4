#pragma once
// Credit and the net-worth books (model brief §4.7): a firm borrows within a credit limit to cover
// losses and machines its money cannot; debt is the negative part of its money (net worth less the
// book value of its machines).
#include "models/core/economy.hpp"

namespace models {

// The most a bank lends a firm: multiple * sales * dt (the multiple is in ticks of sales) plus the
// collateral its machines give (investment.collateral_share times their book value).
double credit_limit(double multiple, double sales, double years_per_tick, double collateral = 0.0);

// Per region: the sum of the firms' net worth.
Eigen::VectorXd regional_net_worth(const Economy& economy);
// Sets every firm's debt to max(0, K_i - N_i) and the clusters' debt to their sums.
void record_debt(Economy& economy);

// Opens the tick's net-worth books (called by the accounts before booking profit).
void open_capital_books(Economy& economy);

// Sets the firms' tick flows the closure collects (interest, profit tax, dividends, fixed costs) to 0.
void zero_firm_books(Economy& economy);

}  // namespace models
