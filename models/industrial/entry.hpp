#pragma once
// Entry of firms (model brief §4.9): Poisson entrants per cluster, drawn by profit, knowledge, slack
// talent, venture capital and the plan of staggered development; or, under entry.mode = "free",
// entrants until a further one would expect a loss (docs/model.md §7.7).
#include <cstdint>
#include <string_view>

#include "models/core/economy.hpp"
#include "models/core/firm_birth.hpp"
#include "sim/random_stream.hpp"
#include "sim/schedule.hpp"

namespace models {

// What a cluster offers an entrant this tick. The capital chain adds the venture capital available to
// the cluster's entrants here, with its own factor in expected_entrants.
struct EntryConditions {
  int incumbents = 0;
  double cluster_profit = 0.0;   // 1e8 CNY/year
  double cluster_sales = 0.0;    // 1e8 CNY/year
  double knowledge_pool = 0.0;   // S_rk of the spillover sub-model
  double talent_stock = 0.0;     // persons of talent living in the region
  double talent_employed = 0.0;  // persons employed by the region's modelled firms
  double venture_capital = 0.0;  // 1e8 CNY/year: VC, guidance and co-investment in the cluster this tick
  double planning_factor = 1.0;  // staggered development: 1 + bonus (priority), 1 - penalty (planned, not priority)
};

// Venture capital over the cluster's sales, bounded to [0, 1] (1 for investment without sales).
double venture_capital_share(double venture_capital, double cluster_sales);

// Talent per job of the region, bounded to [1/4, 4] (4 when talent lives there but no firm employs
// any, 1 when there is neither): above 1, slack talent waits for employers.
double talent_slack(double talent_stock, double talent_employed);

// Expected entrants in a cluster per tick:
//   dt (b0 + b1 n) exp(eta m) (1 + psi_K sigma(S)) slack^psi_H (1 + psi_V v) f_plan,
// m the cluster's profit over its sales (0 without sales), sigma(S) = S / (S + h) the saturation of
// its knowledge pool, slack = talent_slack(stock, employed), v = venture_capital_share (psi_V =
// entry.vc_sensitivity, the scenario key capital.entry_vc_sensitivity), f_plan the planning factor.
double expected_entrants(const EntryParameters& entry, const KnowledgeParameters& knowledge, double years_per_tick,
                         const EntryConditions& conditions);

// The national best productivity of each industry (1 for an industry without firms).
Eigen::VectorXd industry_best_productivity(const Economy& economy);

// The productivity an entrant scales its draw by: the cluster's best firm, or for an empty cluster
// the industry's national best scaled by the region's wage relative to the national mean.
double entry_frontier(const Economy& economy, int region, int industry, const Eigen::VectorXd& industry_best);

// An entrant's productivity: frontier * (floor + (1 - floor) Beta(a, b)). Shared by entrants and
// research spin-offs.
double entrant_productivity(const EntryParameters& parameters, double frontier, sim::RandomStream& stream);

// Founds Poisson(mean) firms in cluster (region, industry), drawn from the cluster's stream of the
// calling process: each with entrant_productivity below the cluster's frontier and the entrants' net
// worth, booked as entered net worth. Returns how many. Shared by entry and research spin-offs, which name
// themselves as `process` in the sim::ModelFailure thrown for an impossible mean or for a count that
// would take the firm population past firms.max_count.
std::int64_t found_firms(Economy& economy, std::string_view process, int region, int industry, double mean,
                         const sim::TickStreams& streams, const Eigen::VectorXd& industry_best);

// What a firm of an industry keeps of its sales and what it pays whatever it sells, per year, as the
// accounts (docs/model.md §7.4) book them for a firm without debt: the operating surplus 1 / sigma less
// own R&D nu per unit of sales, and the fixed cost of a firm of the region (services F(t) and fixed talent
// at the region's wage).
struct EntrantMargins {
  double margin = 0.0;      // per unit of sales
  double fixed_cost = 0.0;  // 1e8 CNY/year
};

EntrantMargins entrant_margins(const Economy& economy, int region, int industry);

// With machines (investment.enabled), the user cost of the machines a unit of sales needs in cluster
// (region, industry), per year: (delta_K + r) times the cluster's book value of machines over its sales
// (wear, and interest on the loans or the deposits the machines take); 0 without machines or sales.
double machine_cost_per_sales(const Economy& economy, int region, int industry);

// The expected profit, per year, of each of `firms` firms that share a cluster's sales: the mean firm's
// margin on sales / firms, less the fixed cost. The cluster's sales stand for the spending that reaches
// it at the current market access; that they stay put as firms enter is exact in a one-cluster economy
// and an approximation with trade (docs/model.md §7.7).
double expected_entrant_profit(const EntrantMargins& margins, double cluster_sales, int firms);

// n*: the most firms at which each expects a profit of at least zero, floor(sales margin / fixed cost)
// (0 when the margin is not positive). Throws std::invalid_argument without a positive fixed cost.
int free_entry_firm_count(const EntrantMargins& margins, double cluster_sales);

// The productivity at which a firm of cluster (region, industry) sells the cluster's mean sales: firms
// of a cluster sell in proportion to a^((sigma - 1)(1 - alpha)), so the power mean of the incumbents'
// productivities with that exponent. For a cluster without firms, entry_frontier.
double cluster_mean_productivity(const Economy& economy, int region, int industry, const Eigen::VectorXd& industry_best);

// Founds one firm in cluster (region, industry) with the entrants' net worth, booked as entered net worth.
void found_firm(Economy& economy, int region, int industry, double productivity);

// Draws entrants per cluster (Poisson) with productivity Beta-drawn below the cluster frontier; under
// free entry, founds max(0, n* - n) entrants at the cluster's mean productivity instead.
void entry_process(Economy& economy, const sim::TickContext& context);


}  // namespace models
