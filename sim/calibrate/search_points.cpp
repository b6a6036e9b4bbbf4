#include "sim/calibrate/search_points.hpp"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/sobol.hpp>
#include <cmath>

namespace sim::calibrate {

namespace {

// Folds x into [0, 1] by reflection at the bounds (a step past a bound comes back inside).
double reflect(double x) {
  x = std::fmod(std::abs(x), 2.0);
  return x > 1.0 ? 2.0 - x : x;
}

}  // namespace

std::vector<std::vector<double>> sobol_points(std::size_t dimension, std::size_t count) {
  boost::random::sobol engine(dimension);
  std::vector<std::vector<double>> points(count, std::vector<double>(dimension));
  for (std::vector<double>& point : points) {
    for (double& u : point) u = static_cast<double>(engine()) * 0x1p-64;
  }
  return points;
}

std::vector<std::vector<double>> best_batch_points(const std::vector<std::vector<double>>& best, double spread,
                                                   std::uint64_t seed, int round) {
  boost::random::mt19937_64 engine(seed + static_cast<std::uint64_t>(round));
  boost::random::normal_distribution<double> step(0.0, spread);
  std::vector<std::vector<double>> points;
  for (const std::vector<double>& centre : best) {
    std::vector<double> point(centre.size());
    for (std::size_t p = 0; p < centre.size(); ++p) point[p] = reflect(centre[p] + step(engine));
    points.push_back(std::move(point));
  }
  return points;
}

double best_batch_spread(int round) { return 0.1 / std::ldexp(1.0, round); }

}  // namespace sim::calibrate
