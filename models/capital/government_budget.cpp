#include "models/capital/government_budget.hpp"

namespace models {

void government_budget_process(Economy& economy, const sim::TickContext&) {
  CapitalState& c = economy.capital;
  const int regions = economy.region_count();
  c.rd_subsidies = economy.clusters.rd_subsidy.rowwise().sum();
  c.basic_research = economy.knowledge.funding.size() == regions ? economy.knowledge.funding
                                                                  : Eigen::VectorXd::Zero(regions);
  // An economy built without future industries (a hand-built test economy) has neither pilots nor adoption.
  const FutureState& f = economy.future;
  c.pilot_purchases = f.pilot_purchases.rows() == regions ? f.pilot_purchases.rowwise().sum().eval()
                                                          : Eigen::VectorXd::Zero(regions);
  c.adoption_subsidies = f.adoption_subsidies.rows() == regions ? f.adoption_subsidies.rowwise().sum().eval()
                                                                : Eigen::VectorXd::Zero(regions);
  c.budget_spent = c.rd_subsidies + c.leading_support + c.guidance_investment.rowwise().sum() + c.basic_research +
                   c.pilot_purchases + c.adoption_subsidies;
}

}  // namespace models
