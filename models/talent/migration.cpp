#include "models/talent/migration.hpp"

#include <algorithm>
#include <cmath>

#include "sim/checked_count.hpp"
#include "sim/random_draws.hpp"

namespace models {

namespace {

// A share that rounding took a hair past 0 or 1 is the bound itself; a NaN goes on to the checked draw,
// which stops the run.
std::int64_t draw_movers(std::int64_t n, double p, sim::RandomStream& stream) {
  if (n <= 0 || p <= 0.0) return 0;
  if (p >= 1.0) return n;
  return sim::draw_binomial(n, p, stream, [] { return std::string("migration"); });
}

}  // namespace

std::vector<std::int64_t> split_by_largest_remainder(std::int64_t n, const Eigen::VectorXd& probabilities) {
  const auto k = static_cast<std::size_t>(probabilities.size());
  std::vector<std::int64_t> counts(k, 0);
  if (k == 0 || n <= 0) return counts;
  std::vector<double> remainder(k, 0.0);
  std::int64_t assigned = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double expected = static_cast<double>(n) * probabilities(static_cast<Eigen::Index>(i));
    counts[i] = static_cast<std::int64_t>(std::floor(expected));
    remainder[i] = expected - static_cast<double>(counts[i]);
    assigned += counts[i];
  }
  // The persons the floors leave go to the largest remainders; ties to the earlier category, so that the
  // split is a function of its inputs alone.
  std::vector<std::size_t> order(k);
  for (std::size_t i = 0; i < k; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t j = 0; assigned < n; j = (j + 1) % k, ++assigned) ++counts[order[j]];
  return counts;
}

Eigen::VectorXd talent_utility(const Eigen::VectorXd& wage, const Eigen::VectorXd& amenity, const Eigen::VectorXd& bonus) {
  return (wage.array().log() + amenity.array().log() + bonus.array()).matrix();
}

Eigen::MatrixXd mobility_costs(const Eigen::MatrixXd& distance_km, const Eigen::MatrixXd& link_openness,
                               double mobility_cost, double distance_exponent) {
  const Eigen::Index n = distance_km.rows();
  Eigen::MatrixXd costs = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index r = 0; r < n; ++r) {
    for (Eigen::Index s = 0; s < n; ++s) {
      if (r != s) {
        costs(r, s) = mobility_cost * (1.0 - link_openness(r, s)) * std::pow(distance_km(r, s) / 1000.0, distance_exponent);
      }
    }
  }
  return costs;
}

Eigen::MatrixXd migration_probabilities(const Eigen::VectorXd& utility, const Eigen::MatrixXd& costs, double logit_scale) {
  const Eigen::Index n = utility.size();
  Eigen::MatrixXd probabilities(n, n);
  for (Eigen::Index r = 0; r < n; ++r) {
    // Subtract the row's largest value before exponentiating, so that no term overflows.
    const Eigen::RowVectorXd value = (utility.transpose() - costs.row(r)) / logit_scale;
    const Eigen::RowVectorXd weight = (value.array() - value.maxCoeff()).exp().matrix();
    probabilities.row(r) = weight / weight.sum();
  }
  return probabilities;
}

double reconsider_probability(double reconsider_rate, double years_per_tick) {
  return 1.0 - std::exp(-reconsider_rate * years_per_tick);
}

std::vector<std::int64_t> draw_multinomial(std::int64_t n, const Eigen::VectorXd& probabilities, sim::RandomStream& stream) {
  const Eigen::Index k = probabilities.size();
  std::vector<std::int64_t> counts(static_cast<std::size_t>(k), 0);
  if (k == 0) return counts;
  // Tail masses sum_{j >= i} p_j, summed from the end so that small probabilities keep their precision.
  std::vector<double> tail(static_cast<std::size_t>(k) + 1, 0.0);
  for (Eigen::Index i = k - 1; i >= 0; --i) tail[static_cast<std::size_t>(i)] = tail[static_cast<std::size_t>(i) + 1] + probabilities(i);
  std::int64_t remaining = n;
  for (Eigen::Index i = 0; i + 1 < k && remaining > 0; ++i) {
    const double mass = tail[static_cast<std::size_t>(i)];
    const double share = mass > 0.0 ? std::min(1.0, probabilities(i) / mass) : 1.0;
    const std::int64_t drawn = draw_movers(remaining, share, stream);
    counts[static_cast<std::size_t>(i)] = drawn;
    remaining -= drawn;
  }
  counts[static_cast<std::size_t>(k) - 1] += remaining;  // the last category takes the rest
  return counts;
}

void migration_process(Economy& economy, const sim::TickContext& context) {
  TalentState& talent = economy.talent;
  const TalentParameters& p = economy.parameters.talent;
  const int regions = economy.region_count();
  // Larger regions offer more opportunities: population enters as a destination-size term, which
  // keeps every region, however small, from drawing talent as if it were as large as the others.
  const Eigen::VectorXd& population = economy.regions.population;
  const Eigen::VectorXd attraction =
      (economy.regions.amenity.array() * (population.array() / population.mean()).pow(p.destination_size_weight))
          .matrix();
  const Eigen::MatrixXd probabilities = migration_probabilities(
      talent_utility(talent.wage.cwiseQuotient(talent.cost_of_living), attraction, economy.levers.talent_programme_bonus),
      mobility_costs(economy.regions.distance_km, pairwise_openness(economy.levers.openness), p.mobility_cost,
                     p.mobility_distance_exponent),
      p.logit_scale);
  const double reconsider = reconsider_probability(p.reconsider_rate, economy.parameters.years_per_tick);

  talent.flows = Eigen::MatrixXd::Zero(regions, regions);
  for (int r = 0; r < regions; ++r) {
    const std::int64_t stock = sim::checked_count(
        talent.stock(r), [&] { return fmt::format("the talent stock of {} before migration", economy.regions.names[r]); });
    std::vector<std::int64_t> destination;
    if (p.expected_migration) {
      const auto movers = static_cast<std::int64_t>(std::llround(static_cast<double>(stock) * reconsider));
      destination = split_by_largest_remainder(std::min(movers, stock), probabilities.row(r).transpose());
    } else {
      sim::RandomStream stream = context.streams.stream(static_cast<std::uint64_t>(r));
      const std::int64_t movers = draw_movers(stock, reconsider, stream);
      destination = draw_multinomial(movers, probabilities.row(r).transpose(), stream);
    }
    for (int s = 0; s < regions; ++s) {
      if (s != r) talent.flows(r, s) = static_cast<double>(destination[static_cast<std::size_t>(s)]);
    }
  }
  talent.emigrants = talent.flows.rowwise().sum();
  talent.immigrants = talent.flows.colwise().sum().transpose();
  talent.stock += talent.immigrants - talent.emigrants;
  // Residents move with the talent: whole persons summed exactly, then converted to 1e4 persons.
  talent.net_migration += talent.immigrants - talent.emigrants;
  economy.regions.population = talent.initial_population + talent.net_migration * 1e-4;
}

}  // namespace models
