#include "models/capital/credit.hpp"

#include <algorithm>

#include "models/core/cluster_loops.hpp"

namespace models {

double credit_limit(double multiple, double sales, double years_per_tick, double collateral) {
  return multiple * sales * years_per_tick + collateral;
}

Eigen::VectorXd regional_net_worth(const Economy& economy) {
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(economy.region_count());
  for (std::size_t i = 0; i < economy.firms.size(); ++i) sum(economy.firms.region[i]) += economy.firms.net_worth[i];
  return sum;
}

void record_debt(Economy& economy) {
  Firms& firms = economy.firms;
  Eigen::MatrixXd& debt = economy.capital.debt;
  debt.setZero(economy.region_count(), economy.industry_count());
  for_each_cluster_member(economy, [&](int r, int k, std::size_t i) {
    firms.debt[i] = std::max(0.0, -liquid_assets(firms, i));
    debt(r, k) += firms.debt[i];
  });
}

void open_capital_books(Economy& economy) {
  CapitalState& c = economy.capital;
  const int regions = economy.region_count();
  c.opening_net_worth = regional_net_worth(economy);
  c.profit = Eigen::VectorXd::Zero(regions);
  c.exited_net_worth = Eigen::VectorXd::Zero(regions);
  c.scrapped_capital = Eigen::VectorXd::Zero(regions);
  c.liquidations = Eigen::VectorXd::Zero(regions);
  c.write_offs = Eigen::VectorXd::Zero(regions);
  c.entered_net_worth = Eigen::VectorXd::Zero(regions);
  zero_firm_books(economy);
}

void zero_firm_books(Economy& economy) {
  FirmAccounts& books = economy.macro.firms;
  for (Eigen::VectorXd* flow :
       {&books.deposit_interest, &books.loan_interest, &books.profit_tax, &books.dividends, &books.fixed_costs, &books.fixed_talent_wages,
        &books.depreciation}) {
    flow->setZero(economy.region_count());
  }
}

}  // namespace models
