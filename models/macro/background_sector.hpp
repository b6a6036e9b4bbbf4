#pragma once
// The background sector (docs/model.md, Background sector): the rest of each region's economy. It
// produces the numeraire good (price 1 everywhere) to meet demand: households' and the government's
// purchases of it, investment, education and basic research, and the services modelled firms buy; by
// default each region's own demand, with background.traded the national demand shared by labour force. It
// employs the region's immobile non-talent labour and the talent the modelled firms do not hire, at a
// productivity that grows at a configured rate; what it cannot employ is unemployed. It invests along
// the reference path, financed partly by bank loans, and pays its surplus to the region's households.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

// A_b of each region at the tick: the productivity at the start grown at background.productivity_growth.
Eigen::VectorXd background_productivity(const Economy& economy);

// Labour cost of the modelled firms per region: production workers ((sigma - 1) / sigma of sales less
// intermediate purchases), researchers (R&D spending) and the fixed talent of the firms that sold this tick.
Eigen::VectorXd modelled_wage_bill(const Economy& economy);

// Where the background good is produced: where it is demanded (not traded), or, traded at no cost, the
// national demand shared in proportion to each region's labour force (the immobile sector of the
// core-periphery model, whose workers produce it).
Eigen::VectorXd place_background_output(const Eigen::VectorXd& demand, const Eigen::VectorXd& labour_force,
                                        bool traded);

// Services the modelled firms buy from the background sector: fixed costs and inputs no modelled firm supplies.
Eigen::VectorXd firm_services(const Economy& economy);

// Output, employment, wages, capital, loans and surplus of the background sector, and GDP, for the
// spending the tick has settled (settle_government_purchases first); `modelled_share` is
// modelled_share_of_spending.
void produce_background(Economy& economy, const Eigen::VectorXd& modelled_share);

void production_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
