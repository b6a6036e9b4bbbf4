#pragma once
// Cost of living and real wages of the regions (model brief §9.4): what migrants compare.
#include <Eigen/Dense>

#include "models/core/economy.hpp"

namespace models {

// Population density of each region: persons per km² (population in 1e4 persons * 1e4 / area), or the
// population itself (1e4 persons) when `area_km2` is empty (the regions' input gives no areas).
Eigen::VectorXd population_density(const Eigen::VectorXd& population, const Eigen::VectorXd& area_km2);

// National density in the same unit: total population over total area, or the mean population
// without areas (as if every region had the same area).
double national_density(const Eigen::VectorXd& population, const Eigen::VectorXd& area_km2);

// Housing cost h_r = lever_r * (density_r / reference_density)^epsilon.
Eigen::VectorXd housing_costs(const Eigen::VectorXd& density, double reference_density, const Eigen::VectorXd& lever,
                              double elasticity);

// Cost of living P_r = prod_k (P_kr / P_k0)^mu_k * h_r^eta * 1^(1 - sum mu - eta): P_kr the price index of
// industry k for buyers in r (rows r of `price_index`), P_k0 the national index of k at the start, mu_k
// the expenditure shares, h_r the housing cost, eta the housing share; the numeraire background good
// costs 1. An industry whose index is not positive in the region (no supplier reachable: the market
// reports 0) or at the start (no firm then) counts at its initial index, a ratio of 1: it has no price
// to compare, and the CES limit (an infinite index) would make a region uninhabitable through one
// missing industry.
Eigen::VectorXd cost_of_living(const Eigen::MatrixXd& price_index, const Eigen::VectorXd& initial_price_index,
                               const Eigen::VectorXd& expenditure_share, const Eigen::VectorXd& housing_cost,
                               double housing_share);

// The talent state's housing cost, cost of living and real wage (wage / cost of living) from this
// tick's price indices, the population and the housing_cost lever in force.
void update_cost_of_living(Economy& economy);

}  // namespace models
