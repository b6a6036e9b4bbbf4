#pragma once
// Talent migration among regions by multinomial logit, drawn as multinomial flows (model brief §4.6).
#include <cstdint>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/random_stream.hpp"
#include "sim/schedule.hpp"

namespace models {

// Utility of living in each region: u_s = ln w_s + ln amenity_s + bonus_s, w_s the real wage (the
// wage over the cost of living) in the model.
Eigen::VectorXd talent_utility(const Eigen::VectorXd& wage, const Eigen::VectorXd& amenity, const Eigen::VectorXd& bonus);

// Mobility costs c_rs = c0 * (1 - o_rs) * (d_rs / 1000 km)^theta off the diagonal, c_rr = 0; o_rs the
// openness of the link (pairwise_openness).
Eigen::MatrixXd mobility_costs(const Eigen::MatrixXd& distance_km, const Eigen::MatrixXd& link_openness,
                               double mobility_cost, double distance_exponent);

// P(r -> s) = exp((u_s - c_rs) / lambda) / sum_j exp((u_j - c_rj) / lambda): rows origins r, columns
// destinations s (the diagonal is staying); every row sums to 1.
Eigen::MatrixXd migration_probabilities(const Eigen::VectorXd& utility, const Eigen::MatrixXd& costs, double logit_scale);

// Probability that one talent reconsiders its region within a tick: 1 - exp(-m * dt).
double reconsider_probability(double reconsider_rate, double years_per_tick);

// Multinomial draw of n over `probabilities` (summing to 1) by sequential conditional binomials:
// the counts always add up to n exactly.
std::vector<std::int64_t> draw_multinomial(std::int64_t n, const Eigen::VectorXd& probabilities, sim::RandomStream& stream);

// The expected counts of n persons over `probabilities` (summing to 1) in whole persons: the floor of
// each, and the persons left to the largest remainders (ties to the earlier category). Adds up to n.
std::vector<std::int64_t> split_by_largest_remainder(std::int64_t n, const Eigen::VectorXd& probabilities);

// Each region's talent reconsiders with probability 1 - exp(-m dt) (Binomial); the movers choose a
// destination (staying included) by the logit above on real wages (the talent market's wage over its
// cost of living) (Multinomial). Sets flows, immigrants, emigrants and the stock; the population
// moves with the talent: N_r = N_r(0) + cumulative net migration / 1e4. With talent.expected_migration the
// movers and their split are the expectations in whole persons instead of draws.
void migration_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
