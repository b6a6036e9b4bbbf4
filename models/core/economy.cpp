#include "models/core/economy.hpp"

namespace models {

void Clusters::resize(int regions, int industries) {
  for (Eigen::MatrixXd* m : {&firms, &entries, &exits, &innovations, &imitations, &sales, &physical_output, &employment,
                             &rd_spending, &rd_subsidy, &profit, &mean_productivity, &frontier_productivity,
                             &price_index, &market_access, &unserved, &capacity, &capital, &investment}) {
    m->setZero(regions, industries);
  }
}

}  // namespace models
