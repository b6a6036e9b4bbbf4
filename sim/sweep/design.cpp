#include "sim/sweep/design.hpp"

#include <fmt/format.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/sobol.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <unordered_set>
#include <utility>

namespace sim::sweep {

namespace {

constexpr std::int64_t sobol_max_dimension = BOOST_RANDOM_SOBOL_MAX_DIMENSION;

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument(message); }

[[noreturn]] void fail(const Parameter& parameter, std::string_view what) {
  fail(fmt::format("sweep parameter '{}': {}", parameter.key, what));
}

bool is_sampled(DesignKind kind) {
  return kind == DesignKind::random || kind == DesignKind::latin_hypercube || kind == DesignKind::sobol;
}

[[noreturn]] void fail_too_many(const Design& design) {
  fail(fmt::format("{} design: more than {} scenarios", to_string(design.kind), max_points));
}

void check_keys(const Design& design) {
  if (design.parameters.empty()) fail(fmt::format("{} design: no parameters", to_string(design.kind)));
  std::unordered_set<std::string_view> seen;
  for (std::size_t p = 0; p < design.parameters.size(); ++p) {
    const Parameter& parameter = design.parameters[p];
    if (parameter.key.empty()) {
      fail(fmt::format("{} design: parameter {} has an empty key", to_string(design.kind), p + 1));
    }
    if (!seen.insert(parameter.key).second) fail(parameter, "appears more than once in the design");
  }
}

void check_values(const Design& design, const Parameter& parameter) {
  if (parameter.values.empty()) {
    fail(parameter, fmt::format("a {} design needs at least one value", to_string(design.kind)));
  }
  for (double value : parameter.values) {
    if (!std::isfinite(value)) fail(parameter, fmt::format("value {} is not a finite number", value));
    if (parameter.integer && value != std::round(value)) {
      fail(parameter, fmt::format("value {} is not an integer (the parameter is of integer kind)", value));
    }
  }
}

void check_range(const Parameter& parameter) {
  if (!std::isfinite(parameter.low) || !std::isfinite(parameter.high)) {
    fail(parameter, fmt::format("low ({}) and high ({}) must be finite numbers", parameter.low, parameter.high));
  }
  if (!(parameter.low < parameter.high)) {
    fail(parameter, fmt::format("low ({}) must be less than high ({})", parameter.low, parameter.high));
  }
  if (!std::isfinite(parameter.high - parameter.low)) {
    fail(parameter, fmt::format("the range [{}, {}] is too wide", parameter.low, parameter.high));
  }
}

double finish(const Parameter& parameter, double value) {
  return parameter.integer ? std::round(value) : value;
}

double scale(const Parameter& parameter, double unit) {
  return finish(parameter, parameter.low + unit * (parameter.high - parameter.low));
}

Points with_keys(const Design& design, std::int64_t count) {
  Points points;
  points.keys.reserve(design.parameters.size());
  for (const Parameter& parameter : design.parameters) points.keys.push_back(parameter.key);
  points.rows.assign(static_cast<std::size_t>(count), std::vector<double>(design.parameters.size()));
  return points;
}

void fill_grid(const Design& design, Points& points) {
  // Row r in mixed radix, the last parameter the least significant digit.
  for (std::size_t r = 0; r < points.rows.size(); ++r) {
    std::size_t rest = r;
    for (std::size_t p = design.parameters.size(); p-- > 0;) {
      const std::vector<double>& values = design.parameters[p].values;
      points.rows[r][p] = values[rest % values.size()];
      rest /= values.size();
    }
  }
}

void fill_list(const Design& design, Points& points) {
  for (std::size_t r = 0; r < points.rows.size(); ++r) {
    for (std::size_t p = 0; p < design.parameters.size(); ++p) points.rows[r][p] = design.parameters[p].values[r];
  }
}

void fill_random(const Design& design, Points& points) {
  boost::random::mt19937_64 engine(design.seed);
  for (std::vector<double>& row : points.rows) {
    for (std::size_t p = 0; p < design.parameters.size(); ++p) {
      const Parameter& parameter = design.parameters[p];
      row[p] = finish(parameter, boost::random::uniform_real_distribution<double>(parameter.low, parameter.high)(engine));
    }
  }
}

void fill_latin_hypercube(const Design& design, Points& points) {
  boost::random::mt19937_64 engine(design.seed);
  const std::size_t n = points.rows.size();
  const double count = static_cast<double>(n);
  std::vector<std::size_t> stratum(n);
  for (std::size_t p = 0; p < design.parameters.size(); ++p) {
    const Parameter& parameter = design.parameters[p];
    const double width = parameter.high - parameter.low;
    for (std::size_t k = 0; k < n; ++k) stratum[k] = k;
    for (std::size_t k = n; k-- > 1;) {
      std::swap(stratum[k], stratum[boost::random::uniform_int_distribution<std::size_t>(0, k)(engine)]);
    }
    boost::random::uniform_real_distribution<double> position(0.0, 1.0);
    for (std::size_t r = 0; r < n; ++r) {
      const double k = static_cast<double>(stratum[r]);
      const double a = parameter.low + (k / count) * width;
      const double b = parameter.low + ((k + 1) / count) * width;
      double value = a + position(engine) * (b - a);
      if (value >= b && b > a) value = std::nextafter(b, a);
      points.rows[r][p] = finish(parameter, value);
    }
  }
}

void fill_sobol(const Design& design, Points& points) {
  const std::size_t d = design.parameters.size();
  const auto n = static_cast<std::size_t>(design.samples);
  boost::random::sobol engine(2 * d);
  std::vector<double> a(d), b(d);
  points.roles.resize(points.rows.size());
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t p = 0; p < d; ++p) a[p] = scale(design.parameters[p], static_cast<double>(engine()) * 0x1p-64);
    for (std::size_t p = 0; p < d; ++p) b[p] = scale(design.parameters[p], static_cast<double>(engine()) * 0x1p-64);
    const std::size_t base = j * (d + 2);
    const auto sample = static_cast<std::int64_t>(j);
    points.rows[base] = a;
    points.roles[base] = {SaltelliMatrix::a, sample, -1};
    points.rows[base + 1] = b;
    points.roles[base + 1] = {SaltelliMatrix::b, sample, -1};
    for (std::size_t i = 0; i < d; ++i) {
      points.rows[base + 2 + i] = a;
      points.rows[base + 2 + i][i] = b[i];
      points.roles[base + 2 + i] = {SaltelliMatrix::ab, sample, static_cast<std::int64_t>(i)};
    }
  }
}

}  // namespace

std::string_view to_string(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid: return "grid";
    case DesignKind::list: return "list";
    case DesignKind::random: return "random";
    case DesignKind::latin_hypercube: return "latin_hypercube";
    case DesignKind::sobol: return "sobol";
  }
  return "unknown";
}

std::int64_t point_count(const Design& design) {
  check_keys(design);
  const auto d = static_cast<std::int64_t>(design.parameters.size());
  switch (design.kind) {
    case DesignKind::grid: {
      std::int64_t count = 1;
      for (const Parameter& parameter : design.parameters) {
        check_values(design, parameter);
        const auto size = static_cast<std::int64_t>(parameter.values.size());
        if (count > max_points / size) fail_too_many(design);
        count *= size;
      }
      return count;
    }
    case DesignKind::list: {
      const Parameter& first = design.parameters.front();
      for (const Parameter& parameter : design.parameters) {
        check_values(design, parameter);
        if (parameter.values.size() != first.values.size()) {
          fail(parameter, fmt::format("has {} values but '{}' has {} (a list design takes row i from every "
                                      "parameter's i-th value)",
                                      parameter.values.size(), first.key, first.values.size()));
        }
      }
      const auto count = static_cast<std::int64_t>(first.values.size());
      if (count > max_points) fail_too_many(design);
      return count;
    }
    case DesignKind::random:
    case DesignKind::latin_hypercube:
    case DesignKind::sobol: break;
  }
  if (!is_sampled(design.kind)) fail(fmt::format("unknown design kind {}", static_cast<int>(design.kind)));
  for (const Parameter& parameter : design.parameters) check_range(parameter);
  if (design.samples < 1) {
    fail(fmt::format("{} design: samples must be at least 1, found {}", to_string(design.kind), design.samples));
  }
  if (design.kind != DesignKind::sobol) {
    if (design.samples > max_points) fail_too_many(design);
    return design.samples;
  }
  if (2 * d > sobol_max_dimension) {
    fail(fmt::format("sobol design: {} parameters need a Sobol sequence of dimension {}, above Boost's limit of {}",
                     d, 2 * d, sobol_max_dimension));
  }
  if (design.samples > max_points / (d + 2)) fail_too_many(design);
  return design.samples * (d + 2);
}

Points generate(const Design& design) {
  const std::int64_t count = point_count(design);
  Points points = with_keys(design, count);
  switch (design.kind) {
    case DesignKind::grid: fill_grid(design, points); break;
    case DesignKind::list: fill_list(design, points); break;
    case DesignKind::random: fill_random(design, points); break;
    case DesignKind::latin_hypercube: fill_latin_hypercube(design, points); break;
    case DesignKind::sobol: fill_sobol(design, points); break;
  }
  return points;
}

}  // namespace sim::sweep
