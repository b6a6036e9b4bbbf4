#include "models/industrial/accounts.hpp"

#include "models/capital/credit.hpp"
#include "models/core/cluster_loops.hpp"
#include "models/industrial/fixed_costs.hpp"
#include "models/macro/spending.hpp"

#include <algorithm>

namespace models {

void accounts_process(Economy& economy, const sim::TickContext&) {
  Firms& firms = economy.firms;
  Clusters& clusters = economy.clusters;
  const FirmParameters& p = economy.parameters.firms;
  const double years = economy.parameters.years_per_tick;
  const double interest_rate = economy.parameters.capital.interest_rate;
  const MacroParameters& macro = economy.parameters.macro;
  const double service_cost = fixed_service_cost(economy);
  open_capital_books(economy);
  FirmAccounts& books = economy.macro.firms;

  // National sales and firm counts per industry: the clusters' sums, added over regions in order.
  Eigen::MatrixXd cluster_sales = Eigen::MatrixXd::Zero(economy.region_count(), economy.industry_count());
  for_each_cluster_member(economy, [&](int r, int k, std::size_t i) { cluster_sales(r, k) += firms.sales[i]; });
  Eigen::VectorXd industry_sales = Eigen::VectorXd::Zero(economy.industry_count());
  Eigen::VectorXd industry_firms = Eigen::VectorXd::Zero(economy.industry_count());
  for (int r = 0; r < economy.region_count(); ++r) {
    for (int k = 0; k < economy.industry_count(); ++k) {
      industry_sales(k) += cluster_sales(r, k);
      industry_firms(k) += economy.cluster_index.size(r, k);
    }
  }

  clusters.profit.setZero();
  clusters.rd_spending.setZero();
  clusters.rd_subsidy.setZero();
  // Each region's books and clusters are written by one task (sim/parallel.hpp).
  for_each_cluster_member(economy, [&](int r, int k, std::size_t i) {
    // Under markup pricing variable cost (labour and intermediate inputs) is (sigma - 1) / sigma of
    // sales whatever the input share, so the operating surplus S - variable cost is S / sigma.
    const double operating_surplus = firms.sales[i] / economy.industries.elasticity(k);
    const double own_rd = firms.rd_spending[i] - firms.rd_subsidy[i];
    // Interest is due on the debt the firm carried out of last tick, and paid on its deposits (the
    // positive part of its money, net worth less machines) as they stand now, machines bought included.
    const double loan_interest = interest_rate * firms.debt[i];
    const double deposit_interest = macro.deposit_rate * std::max(0.0, liquid_assets(firms, i));
    // Machines worn out or scrapped this tick (models/industrial/investment.cpp) are a cost.
    const double talent_cost = fixed_talent_cost(economy, r);
    firms.profit[i] = operating_surplus - service_cost - talent_cost - own_rd - loan_interest + deposit_interest - firms.depreciation[i];
    const double tax = macro.profit_tax_rate * std::max(0.0, firms.profit[i]);
    const double dividend = macro.dividend_payout * std::max(0.0, firms.profit[i] - tax);
    firms.net_worth[i] += (firms.profit[i] - tax - dividend) * years;
    books.loan_interest(r) += loan_interest;
    books.deposit_interest(r) += deposit_interest;
    books.profit_tax(r) += tax;
    books.dividends(r) += dividend;
    books.fixed_costs(r) += service_cost;
    books.fixed_talent_wages(r) += talent_cost;
    books.depreciation(r) += firms.depreciation[i];

    // share < floor / n_k, written as share x n_k < floor: the firm's sales over its industry's mean firm sales.
    const double relative_share = industry_sales(k) > 0.0 ? firms.sales[i] * industry_firms(k) / industry_sales(k) : 0.0;
    firms.low_share_ticks[i] = relative_share < p.relative_share_floor ? firms.low_share_ticks[i] + 1 : 0;

    clusters.profit(r, k) += firms.profit[i];
    clusters.rd_spending(r, k) += firms.rd_spending[i];
    clusters.rd_subsidy(r, k) += firms.rd_subsidy[i];
    economy.capital.profit(r) += firms.profit[i];
  });
  record_debt(economy);
}

}  // namespace models
