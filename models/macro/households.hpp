#pragma once
// Households of each region (docs/model.md, Households): they earn the wages of the region's modelled
// firms and background sector, the distributed profits of its firms, background sector and (by deposits)
// the bank, interest and transfers, and pay the wage tax; they consume out of last tick's disposable
// income and their deposits (models/macro/spending.cpp), put venture capital, co-investment and
// founders' capital into firms, and save the rest as deposits.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

void households_process(Economy& economy, const sim::TickContext& context);

// Deposits, loans and bonds the bank holds at the end of the tick, from the other sectors' stocks.
void close_bank_books(Economy& economy);

}  // namespace models
