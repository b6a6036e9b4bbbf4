#include "sim/sweep/design.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/random/sobol.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using sim::sweep::Design;
using sim::sweep::DesignKind;
using sim::sweep::Parameter;
using sim::sweep::Points;
using sim::sweep::SaltelliMatrix;
using sim::sweep::SaltelliRole;

Parameter values(std::string key, std::vector<double> values) {
  Parameter parameter;
  parameter.key = std::move(key);
  parameter.values = std::move(values);
  return parameter;
}

Parameter range(std::string key, double low, double high, bool integer = false) {
  Parameter parameter;
  parameter.key = std::move(key);
  parameter.low = low;
  parameter.high = high;
  parameter.integer = integer;
  return parameter;
}

Design sampled(DesignKind kind, std::vector<Parameter> parameters, std::int64_t samples, std::uint64_t seed = 7) {
  Design design;
  design.kind = kind;
  design.parameters = std::move(parameters);
  design.samples = samples;
  design.seed = seed;
  return design;
}

Design of_values(DesignKind kind, std::vector<Parameter> parameters) { return sampled(kind, std::move(parameters), 0); }

std::vector<double> column(const Points& points, std::size_t p) {
  std::vector<double> out;
  for (const auto& row : points.rows) out.push_back(row.at(p));
  return out;
}

// The generate() error message, or "" if it did not throw std::invalid_argument.
std::string error_of(const Design& design) {
  try {
    sim::sweep::generate(design);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

void expect_error(const Design& design, const std::string& fragment) {
  const std::string message = error_of(design);
  EXPECT_NE(message, "") << "expected an error mentioning '" << fragment << "'";
  EXPECT_NE(message.find(fragment), std::string::npos) << "message: " << message;
  // point_count checks the same things.
  EXPECT_THROW(sim::sweep::point_count(design), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------- grid

TEST(SweepGrid, IsTheCartesianProductWithTheLastParameterFastest) {
  const Design design = of_values(DesignKind::grid, {values("a", {1, 2}), values("b", {10, 20, 30}), values("c", {-1, -2})});
  const Points points = sim::sweep::generate(design);
  EXPECT_EQ(points.keys, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(points.rows.size(), 12u);
  EXPECT_EQ(sim::sweep::point_count(design), 12);
  EXPECT_TRUE(points.roles.empty());
  EXPECT_EQ(points.rows[0], (std::vector<double>{1, 10, -1}));
  EXPECT_EQ(points.rows[1], (std::vector<double>{1, 10, -2}));
  EXPECT_EQ(points.rows[2], (std::vector<double>{1, 20, -1}));
  EXPECT_EQ(points.rows[5], (std::vector<double>{1, 30, -2}));
  EXPECT_EQ(points.rows[6], (std::vector<double>{2, 10, -1}));
  EXPECT_EQ(points.rows[11], (std::vector<double>{2, 30, -2}));
  const std::vector<double> a{1, 2}, b{10, 20, 30}, c{-1, -2};
  std::set<std::vector<double>> distinct;
  for (std::size_t r = 0; r < 12; ++r) {
    EXPECT_EQ(points.rows[r], (std::vector<double>{a[r / 6], b[(r / 2) % 3], c[r % 2]})) << "row " << r;
    distinct.insert(points.rows[r]);
  }
  EXPECT_EQ(distinct.size(), 12u);
}

TEST(SweepGrid, OneParameterIsItsValuesInOrder) {
  const Points points = sim::sweep::generate(of_values(DesignKind::grid, {values("x", {0.5, 0.25, 3})}));
  EXPECT_EQ(column(points, 0), (std::vector<double>{0.5, 0.25, 3}));
}

TEST(SweepGrid, IntegerParameterKeepsIntegerValues) {
  Parameter n = values("n", {2, 4});
  n.integer = true;
  const Points points = sim::sweep::generate(of_values(DesignKind::grid, {n, values("x", {0.5})}));
  EXPECT_EQ(points.rows, (std::vector<std::vector<double>>{{2, 0.5}, {4, 0.5}}));
}

// ---------------------------------------------------------------------------------------------- list

TEST(SweepList, RowITakesTheIthValueOfEveryParameter) {
  const Design design = of_values(DesignKind::list, {values("a", {1, 2, 3}), values("b", {0.1, 0.2, 0.3})});
  const Points points = sim::sweep::generate(design);
  EXPECT_EQ(points.keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(points.rows, (std::vector<std::vector<double>>{{1, 0.1}, {2, 0.2}, {3, 0.3}}));
  EXPECT_EQ(sim::sweep::point_count(design), 3);
  EXPECT_TRUE(points.roles.empty());
}

// -------------------------------------------------------------------------------------------- random

TEST(SweepRandom, PointsAreInRangeAndSpread) {
  const Design design = sampled(DesignKind::random, {range("a", -2, 3), range("b", 100, 100.5)}, 500);
  const Points points = sim::sweep::generate(design);
  ASSERT_EQ(points.rows.size(), 500u);
  EXPECT_TRUE(points.roles.empty());
  for (const auto& row : points.rows) {
    ASSERT_EQ(row.size(), 2u);
    EXPECT_GE(row[0], -2.0);
    EXPECT_LT(row[0], 3.0);
    EXPECT_GE(row[1], 100.0);
    EXPECT_LT(row[1], 100.5);
  }
  // Spread over the range: each half of each range is used, and the values are not repeated.
  for (std::size_t p = 0; p < 2; ++p) {
    const std::vector<double> values = column(points, p);
    const double middle = p == 0 ? 0.5 : 100.25;
    std::size_t below = 0;
    for (double v : values) below += v < middle ? 1 : 0;
    EXPECT_GT(below, 200u);
    EXPECT_LT(below, 300u);
    EXPECT_EQ(std::set<double>(values.begin(), values.end()).size(), values.size());
  }
}

TEST(SweepRandom, DependsOnlyOnTheSeed) {
  const std::vector<Parameter> parameters{range("a", 0, 1), range("b", 5, 9)};
  const Points first = sim::sweep::generate(sampled(DesignKind::random, parameters, 20, 123));
  EXPECT_EQ(first.rows, sim::sweep::generate(sampled(DesignKind::random, parameters, 20, 123)).rows);
  EXPECT_NE(first.rows, sim::sweep::generate(sampled(DesignKind::random, parameters, 20, 124)).rows);
  // More samples extend the design.
  const Points longer = sim::sweep::generate(sampled(DesignKind::random, parameters, 30, 123));
  EXPECT_EQ(first.rows, std::vector<std::vector<double>>(longer.rows.begin(), longer.rows.begin() + 20));
}

// ---------------------------------------------------------------------------------- latin hypercube

// The stratum of `value` among n equal strata of [low, high), using the bounds as documented.
std::size_t stratum_of(double value, double low, double high, std::size_t n) {
  const double count = static_cast<double>(n);
  for (std::size_t k = 0; k < n; ++k) {
    const double a = low + (static_cast<double>(k) / count) * (high - low);
    const double b = low + ((static_cast<double>(k) + 1) / count) * (high - low);
    if (a <= value && value < b) return k;
  }
  return n;  // in no stratum
}

TEST(SweepLatinHypercube, EveryStratumOfEveryParameterIsHitExactlyOnce) {
  const std::vector<Parameter> all{range("a", 0, 1), range("b", -3, 7.5), range("c", 1e-3, 2e-3), range("d", -1, 0),
                                   range("e", 10, 1000)};
  for (std::size_t n : {1u, 2u, 3u, 10u, 64u, 257u}) {
    for (std::size_t d : {1u, 2u, 5u}) {
      const std::vector<Parameter> parameters(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(d));
      const Points points = sim::sweep::generate(
          sampled(DesignKind::latin_hypercube, parameters, static_cast<std::int64_t>(n), 1000 + n));
      ASSERT_EQ(points.rows.size(), n);
      for (std::size_t p = 0; p < d; ++p) {
        std::vector<int> hits(n + 1, 0);
        for (double v : column(points, p)) ++hits[stratum_of(v, parameters[p].low, parameters[p].high, n)];
        EXPECT_EQ(hits[n], 0) << "values outside every stratum, n=" << n << " p=" << p;
        for (std::size_t k = 0; k < n; ++k) EXPECT_EQ(hits[k], 1) << "n=" << n << " d=" << d << " p=" << p << " k=" << k;
      }
    }
  }
}

TEST(SweepLatinHypercube, PositionsWithinStrataAndPermutationsAreRandom) {
  const std::size_t n = 100;
  const Points points = sim::sweep::generate(
      sampled(DesignKind::latin_hypercube, {range("a", 0, 1), range("b", 0, 1)}, static_cast<std::int64_t>(n), 5));
  std::vector<std::size_t> order_a, order_b;
  std::set<long> offsets;  // position within the stratum, in hundredths
  for (const auto& row : points.rows) {
    order_a.push_back(stratum_of(row[0], 0, 1, n));
    order_b.push_back(stratum_of(row[1], 0, 1, n));
    offsets.insert(std::lround(std::floor((row[0] * 100 - static_cast<double>(order_a.back())) * 100)));
  }
  std::vector<std::size_t> identity(n);
  for (std::size_t k = 0; k < n; ++k) identity[k] = k;
  EXPECT_NE(order_a, identity);
  EXPECT_NE(order_a, order_b);  // independent permutation per parameter
  EXPECT_GT(offsets.size(), 30u);  // not all at one position within the stratum
}

TEST(SweepLatinHypercube, IsDeterministicForASeed) {
  const std::vector<Parameter> parameters{range("a", 0, 1), range("b", 2, 3)};
  const Points first = sim::sweep::generate(sampled(DesignKind::latin_hypercube, parameters, 16, 9));
  EXPECT_EQ(first.rows, sim::sweep::generate(sampled(DesignKind::latin_hypercube, parameters, 16, 9)).rows);
  EXPECT_NE(first.rows, sim::sweep::generate(sampled(DesignKind::latin_hypercube, parameters, 16, 10)).rows);
  EXPECT_TRUE(first.roles.empty());
}

// ---------------------------------------------------------------------------------------------- sobol

// The first n points of Boost's Sobol sequence of dimension `dimension`, as numbers in [0, 1).
std::vector<std::vector<double>> boost_sobol(std::size_t dimension, std::size_t n) {
  boost::random::sobol engine(dimension);
  std::vector<std::vector<double>> out(n, std::vector<double>(dimension));
  for (auto& point : out) {
    for (double& x : point) x = std::ldexp(static_cast<double>(engine()), -64);
  }
  return out;
}

TEST(SweepSobol, UnitRangeRowsAreBoostsSobolSequenceInSaltelliBlocks) {
  const std::size_t d = 3, n = 32;
  const Points points = sim::sweep::generate(
      sampled(DesignKind::sobol, {range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)}, static_cast<std::int64_t>(n)));
  ASSERT_EQ(points.rows.size(), n * (d + 2));
  ASSERT_EQ(points.roles.size(), n * (d + 2));
  const auto sequence = boost_sobol(2 * d, n);
  EXPECT_EQ(sequence[0], std::vector<double>(2 * d, 0.5));  // Boost omits the all-zero point
  for (std::size_t j = 0; j < n; ++j) {
    const std::vector<double> a(sequence[j].begin(), sequence[j].begin() + d);
    const std::vector<double> b(sequence[j].begin() + d, sequence[j].end());
    const std::size_t base = j * (d + 2);
    EXPECT_EQ(points.rows[base], a) << "A_" << j;
    EXPECT_EQ(points.rows[base + 1], b) << "B_" << j;
    for (std::size_t i = 0; i < d; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      EXPECT_EQ(points.rows[base + 2 + i], ab) << "AB^(" << i << ")_" << j;
    }
  }
}

TEST(SweepSobol, ScalesEachColumnToItsRange) {
  const std::size_t d = 2, n = 16;
  const std::vector<Parameter> parameters{range("a", -1, 3), range("b", 0.25, 0.5)};
  const Points points = sim::sweep::generate(sampled(DesignKind::sobol, parameters, static_cast<std::int64_t>(n)));
  ASSERT_EQ(points.rows.size(), n * (d + 2));
  const auto sequence = boost_sobol(2 * d, n);
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t p = 0; p < d; ++p) {
      const double width = parameters[p].high - parameters[p].low;
      EXPECT_EQ(points.rows[j * (d + 2)][p], parameters[p].low + sequence[j][p] * width);
      EXPECT_EQ(points.rows[j * (d + 2) + 1][p], parameters[p].low + sequence[j][d + p] * width);
    }
  }
}

TEST(SweepSobol, RolesLabelEveryRowConsistently) {
  const std::size_t d = 4, n = 8;
  const Points points = sim::sweep::generate(sampled(
      DesignKind::sobol, {range("a", 0, 1), range("b", 1, 2), range("c", 2, 3), range("e", 3, 4)}, static_cast<std::int64_t>(n)));
  ASSERT_EQ(points.roles.size(), n * (d + 2));
  EXPECT_EQ(sim::sweep::point_count(sampled(DesignKind::sobol, {range("a", 0, 1), range("b", 1, 2)}, 8)), 32);
  // Find A_j and B_j through the roles alone, then check every AB row against them.
  std::vector<int> a_row(n, -1), b_row(n, -1);
  std::set<std::pair<std::int64_t, std::int64_t>> ab_seen;
  for (std::size_t r = 0; r < points.roles.size(); ++r) {
    const SaltelliRole& role = points.roles[r];
    ASSERT_GE(role.sample, 0);
    ASSERT_LT(role.sample, static_cast<std::int64_t>(n));
    const auto j = static_cast<std::size_t>(role.sample);
    switch (role.matrix) {
      case SaltelliMatrix::a:
        EXPECT_EQ(role.parameter, -1);
        EXPECT_EQ(a_row[j], -1);
        a_row[j] = static_cast<int>(r);
        break;
      case SaltelliMatrix::b:
        EXPECT_EQ(role.parameter, -1);
        EXPECT_EQ(b_row[j], -1);
        b_row[j] = static_cast<int>(r);
        break;
      case SaltelliMatrix::ab:
        EXPECT_GE(role.parameter, 0);
        EXPECT_LT(role.parameter, static_cast<std::int64_t>(d));
        EXPECT_TRUE(ab_seen.insert({role.sample, role.parameter}).second);
        break;
    }
  }
  EXPECT_EQ(ab_seen.size(), n * d);
  std::size_t ab_differing = 0;
  for (std::size_t r = 0; r < points.roles.size(); ++r) {
    const SaltelliRole& role = points.roles[r];
    if (role.matrix != SaltelliMatrix::ab) continue;
    const auto j = static_cast<std::size_t>(role.sample);
    const auto i = static_cast<std::size_t>(role.parameter);
    ASSERT_GE(a_row[j], 0);
    ASSERT_GE(b_row[j], 0);
    const auto& a = points.rows[static_cast<std::size_t>(a_row[j])];
    const auto& b = points.rows[static_cast<std::size_t>(b_row[j])];
    for (std::size_t p = 0; p < d; ++p) EXPECT_EQ(points.rows[r][p], p == i ? b[p] : a[p]) << "row " << r << " p " << p;
    // Early unscrambled Sobol points often share coordinates between A and B (A_0 = B_0 = midpoints),
    // so an AB row may equal A; most do not.
    ab_differing += points.rows[r] != a ? 1 : 0;
  }
  EXPECT_GT(ab_differing, n * d / 2);
  // The documented block layout: A_j, B_j, AB^(0)_j, ..., AB^(d-1)_j.
  EXPECT_EQ(points.roles[0], (SaltelliRole{SaltelliMatrix::a, 0, -1}));
  EXPECT_EQ(points.roles[1], (SaltelliRole{SaltelliMatrix::b, 0, -1}));
  EXPECT_EQ(points.roles[2], (SaltelliRole{SaltelliMatrix::ab, 0, 0}));
  EXPECT_EQ(points.roles[5], (SaltelliRole{SaltelliMatrix::ab, 0, 3}));
  EXPECT_EQ(points.roles[6], (SaltelliRole{SaltelliMatrix::a, 1, -1}));
}

TEST(SweepSobol, MoreSamplesExtendTheDesign) {
  const std::vector<Parameter> parameters{range("a", 0, 1), range("b", 0, 10)};
  const Points small = sim::sweep::generate(sampled(DesignKind::sobol, parameters, 4));
  const Points large = sim::sweep::generate(sampled(DesignKind::sobol, parameters, 8));
  EXPECT_EQ(small.rows, std::vector<std::vector<double>>(large.rows.begin(), large.rows.begin() + 16));
  EXPECT_EQ(small.roles, std::vector<SaltelliRole>(large.roles.begin(), large.roles.begin() + 16));
}

// -------------------------------------------------------------------------------------------- integer

TEST(SweepInteger, SampledValuesAreRoundedAfterScaling) {
  for (DesignKind kind : {DesignKind::random, DesignKind::latin_hypercube, DesignKind::sobol}) {
    const Points real = sim::sweep::generate(sampled(kind, {range("n", 1, 20), range("x", 0, 1)}, 64, 3));
    const Points whole = sim::sweep::generate(sampled(kind, {range("n", 1, 20, true), range("x", 0, 1)}, 64, 3));
    ASSERT_EQ(real.rows.size(), whole.rows.size());
    std::size_t changed = 0;
    for (std::size_t r = 0; r < real.rows.size(); ++r) {
      EXPECT_EQ(whole.rows[r][0], std::round(real.rows[r][0])) << sim::sweep::to_string(kind) << " row " << r;
      EXPECT_EQ(whole.rows[r][1], real.rows[r][1]);  // other parameters untouched
      changed += whole.rows[r][0] != real.rows[r][0] ? 1 : 0;
    }
    EXPECT_GT(changed, 0u) << sim::sweep::to_string(kind);
  }
}

// --------------------------------------------------------------------------------------------- errors

TEST(SweepErrors, NoParameters) {
  for (DesignKind kind : {DesignKind::grid, DesignKind::list, DesignKind::random, DesignKind::latin_hypercube,
                          DesignKind::sobol}) {
    expect_error(sampled(kind, {}, 4), "no parameters");
  }
}

TEST(SweepErrors, EmptyOrRepeatedKey) {
  expect_error(of_values(DesignKind::grid, {values("a", {1}), values("", {1})}), "parameter 2 has an empty key");
  expect_error(sampled(DesignKind::random, {range("a.b", 0, 1), range("a.b", 0, 2)}, 3), "'a.b'");
}

TEST(SweepErrors, GridOrListParameterWithoutValues) {
  expect_error(of_values(DesignKind::grid, {values("a", {1}), values("policy.x", {})}), "'policy.x'");
  expect_error(of_values(DesignKind::list, {values("policy.y", {})}), "'policy.y'");
}

TEST(SweepErrors, ListLengthsDiffer) {
  expect_error(of_values(DesignKind::list, {values("a", {1, 2}), values("b", {1, 2, 3})}), "'b'");
}

TEST(SweepErrors, BadValues) {
  expect_error(of_values(DesignKind::grid, {values("a", {1, std::numeric_limits<double>::quiet_NaN()})}), "'a'");
  expect_error(of_values(DesignKind::list, {values("a", {std::numeric_limits<double>::infinity()})}), "'a'");
  Parameter n = values("firms.count", {2, 2.5});
  n.integer = true;
  expect_error(of_values(DesignKind::grid, {n}), "'firms.count': value 2.5 is not an integer");
}

TEST(SweepErrors, BadRange) {
  for (DesignKind kind : {DesignKind::random, DesignKind::latin_hypercube, DesignKind::sobol}) {
    expect_error(sampled(kind, {range("a", 0, 1), range("r", 2, 1)}, 4), "'r': low (2) must be less than high (1)");
    expect_error(sampled(kind, {range("r", 1, 1)}, 4), "'r'");
    expect_error(sampled(kind, {range("r", std::numeric_limits<double>::quiet_NaN(), 1)}, 4), "'r'");
    expect_error(sampled(kind, {range("r", 0, std::numeric_limits<double>::infinity())}, 4), "'r'");
    expect_error(sampled(kind, {range("r", -1e308, 1e308)}, 4), "'r': the range");
  }
}

TEST(SweepErrors, TooFewSamples) {
  for (DesignKind kind : {DesignKind::random, DesignKind::latin_hypercube, DesignKind::sobol}) {
    expect_error(sampled(kind, {range("a", 0, 1)}, 0), "samples must be at least 1, found 0");
    expect_error(sampled(kind, {range("a", 0, 1)}, -5), "found -5");
  }
}

TEST(SweepErrors, SobolDimensionAboveBoostsLimit) {
  std::vector<Parameter> parameters;
  for (int p = 0; p < 1834; ++p) parameters.push_back(range(fmt::format("p{}", p), 0, 1));
  expect_error(sampled(DesignKind::sobol, parameters, 1), "above Boost's limit");
  parameters.pop_back();  // 1833 parameters: dimension 3666 is allowed
  EXPECT_EQ(sim::sweep::point_count(sampled(DesignKind::sobol, parameters, 1)), 1835);
}

TEST(SweepErrors, TooManyPoints) {
  std::vector<double> distinct(100);
  for (std::size_t k = 0; k < distinct.size(); ++k) distinct[k] = static_cast<double>(k);
  expect_error(of_values(DesignKind::grid, {values("a", distinct), values("b", distinct), values("c", distinct),
                                            values("d", distinct)}),
               "more than");
  EXPECT_EQ(sim::sweep::point_count(of_values(DesignKind::grid, {values("a", distinct), values("b", distinct),
                                                                 values("c", distinct)})),
            1'000'000);
  expect_error(sampled(DesignKind::random, {range("a", 0, 1)}, sim::sweep::max_points + 1), "more than");
  expect_error(sampled(DesignKind::latin_hypercube, {range("a", 0, 1)}, std::numeric_limits<std::int64_t>::max()),
               "more than");
  expect_error(sampled(DesignKind::sobol, {range("a", 0, 1)}, sim::sweep::max_points / 3 + 1), "more than");
}

TEST(SweepDesignKind, Names) {
  EXPECT_EQ(sim::sweep::to_string(DesignKind::grid), "grid");
  EXPECT_EQ(sim::sweep::to_string(DesignKind::list), "list");
  EXPECT_EQ(sim::sweep::to_string(DesignKind::random), "random");
  EXPECT_EQ(sim::sweep::to_string(DesignKind::latin_hypercube), "latin_hypercube");
  EXPECT_EQ(sim::sweep::to_string(DesignKind::sobol), "sobol");
}

}  // namespace
