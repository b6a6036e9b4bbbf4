#include "models/capital/firm_funding.hpp"

#include "models/capital/credit.hpp"
#include "models/capital/guidance_funds.hpp"
#include "models/capital/leading_enterprises.hpp"
#include "models/capital/venture_capital.hpp"
#include "models/capital/young_firms.hpp"
#include "models/policy/wasted_subsidies.hpp"

namespace models {

void capital_process(Economy& economy, const sim::TickContext&) {
  Firms& firms = economy.firms;
  const double dt = economy.parameters.years_per_tick;
  const std::size_t n = firms.size();

  const std::vector<double> support = support_leading_enterprises(economy);
  const YoungFirms young = young_firms(economy);
  const std::vector<double> vc = invest_venture_capital(economy, young);
  const std::vector<double> guidance = invest_guidance_funds(economy, young);

  // Support and equity add to net worth; a firm's equity of the tick is booked in one sum so that its
  // rounding does not depend on how many investors it had.
  const Levers& levers = economy.levers;
  for (std::size_t i = 0; i < n; ++i) firms.net_worth[i] += support[i] * dt;
  for (std::size_t y = 0; y < young.size(); ++y) {
    const std::size_t i = young.rows[y];
    firms.net_worth[i] += (vc[y] + guidance[y] * (1.0 + levers.guidance_leverage(firms.region[i]))) * dt;
  }
  record_debt(economy);
  // Government money to firms, for the count of subsidies wasted on firms that exit soon after.
  for (std::size_t i = 0; i < n; ++i) {
    if (support[i] > 0.0) record_subsidy(economy, i, support[i]);
  }
  for (std::size_t y = 0; y < young.size(); ++y) {
    if (guidance[y] > 0.0) record_subsidy(economy, young.rows[y], guidance[y]);
  }
}

}  // namespace models
