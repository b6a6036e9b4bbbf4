#pragma once
// Chained Fisher volumes of the national accounts (docs/model.md, Measurement): value added by double
// deflation per cluster, per industry, per region (with the background sector and the services the firms
// buy, both the numeraire) and nationally; households' final consumption per region, per industry and nationally. The
// reference period is the first tick: volumes are in 1e8 CNY/year at its prices and equal the nominal
// values there.
#include "models/core/economy.hpp"
#include "models/measurement/fisher_index.hpp"

namespace models {

// The priced flows of this tick's clearing and accounts.
PricedFlows priced_flows(const Economy& economy);

// P1 / P0 of a price, 1 where either is undefined (0): an item without a price on one side is valued as
// if its price had not changed.
double price_relative(double current, double previous);

// Fisher terms of the value added of cluster (r, k): its output at its unit value, less its inputs, input j
// priced at the CES index P_jr of the buyers in r.
FisherTerms cluster_value_added_terms(const PricedFlows& previous, const PricedFlows& current,
                                      const Eigen::MatrixXd& input_coefficients, int region, int industry);

// Fisher terms of region s's households' consumption of industry k's composite, priced at P_ks.
FisherTerms consumption_terms(const PricedFlows& previous, const PricedFlows& current, int region, int industry);
// Fisher terms of region s's households' consumption: the composites and the numeraire good.
FisherTerms consumption_terms(const PricedFlows& previous, const PricedFlows& current, int region);

// Chains every volume one tick on (or starts them at the nominal values on the first tick), and adds the
// tick's nominal values and volumes to the reference year's sums when the tick is in that year.
void chain_national_accounts(Economy& economy);

// The factors that express the volumes in the average prices of the reference year: nominal sum over
// volume sum per aggregate; an aggregate without value in that year takes its parent's factor (cluster:
// its industry; industry and region: the nation). Valid once the reference year is over.
ChainedVolumes reference_year_factors(const MeasurementState& measurement);

}  // namespace models
