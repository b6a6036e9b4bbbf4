#pragma once
// The two matrices of stock-flow consistent accounting (Godley and Lavoie 2007, ch. 2): the
// transactions-flow matrix, one row per flow and one column per sector account, every row and column
// summing to zero; and the balance-sheet matrix, one row per asset, one column per sector. National
// totals of the tick; flows are annual rates (1e8 CNY/year), stocks are at the end of the tick (1e8 CNY).
#include <string>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/output/variable.hpp"

namespace models {

// Labels of the rows and columns, in the order of the matrices.
const std::vector<std::string>& flow_names();
const std::vector<std::string>& flow_sector_names();
const std::vector<std::string>& asset_names();
const std::vector<std::string>& balance_sector_names();

// The axes the matrices are written along: flow, sector (of the transactions matrix), asset, holder.
std::vector<sim::output::Axis> sector_matrix_axes();

Eigen::MatrixXd transactions_flow_matrix(const Economy& economy);
Eigen::MatrixXd balance_sheet_matrix(const Economy& economy);

// The modelled firms' money, national: deposits (sum of positive net worth), loans (of negative net
// worth) and book equity (net worth).
struct FirmMoney {
  double deposits = 0.0;
  double loans = 0.0;
  double machines = 0.0;  // book value
  double equity = 0.0;    // deposits - loans + machines
};
FirmMoney firm_money(const Firms& firms);

// National sums the matrices and the identities share (0 for an economy without future industries):
// the government's pilot purchases, its adoption subsidies, and what the modelled firms keep of the
// tick (profit less tax and dividends, plus leading-enterprise support and adoption subsidies).
double pilot_purchases(const Economy& economy);
double adoption_subsidies(const Economy& economy);
double firms_retained(const Economy& economy);

// Households' wealth per region: deposits and the book value of the region's firms and background sector.
Eigen::VectorXd household_equity(const Economy& economy);

}  // namespace models
