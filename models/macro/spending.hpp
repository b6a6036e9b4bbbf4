#pragma once
// Final spending of the tick (docs/model.md, Sectors and their accounts): households' consumption from
// last tick's disposable income and their deposits, the government's planned purchases and education,
// and the background sector's investment, decided at the start of the tick from what is known then.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// GDP of each region at the start grown at the background sector's productivity growth to the tick:
// the reference path of autonomous spending, the same in every scenario.
Eigen::VectorXd reference_gdp(const Economy& economy);

// The reference path's growth since the start, exp(g_b t): amounts the scenario gives in money of the
// start that stand for real resources (a firm's fixed cost, an entrant's capital) grow with it, so that
// nominal growth does not shrink them.
double reference_growth(const Economy& economy);

// The background sector's investment on the reference path: background.investment_share of the
// reference GDP less the modelled firms' replacement of their initial machines grown on the same path,
// so that total investment starts at that share.
Eigen::VectorXd background_investment(const Economy& economy, const Eigen::VectorXd& reference_gdp);

// Stocks at the start of the tick, from which this tick's interest and the accounts' changes are measured.
void open_sector_books(Economy& economy);

// Share of each region's final spending that the modelled industries sold this tick: what households,
// the government and investors spent on them, less what reached no firm. The rest bought the background good.
Eigen::VectorXd modelled_share_of_spending(const Economy& economy);

void spending_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
