#include "sim/analysis/sobol_indices.hpp"

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>

namespace sim::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The base samples without NaN, laid out for one pass per (re)sample: for sample j,
// row[j] = (f(A)_j, f(B)_j, f(AB^(0))_j, ..., f(AB^(k-1))_j).
struct Samples {
  std::size_t k = 0;
  std::size_t n = 0;
  std::vector<double> values;  // n rows of k + 2
  const double* row(std::size_t j) const { return values.data() + j * (k + 2); }
};

Samples complete_samples(const SaltelliResults& r) {
  Samples s;
  s.k = r.ab.size();
  const std::size_t n = r.a.size();
  s.values.reserve(n * (s.k + 2));
  for (std::size_t j = 0; j < n; ++j) {
    bool complete = !std::isnan(r.a[j]) && !std::isnan(r.b[j]);
    for (std::size_t i = 0; i < s.k && complete; ++i) complete = !std::isnan(r.ab[i][j]);
    if (!complete) continue;
    s.values.push_back(r.a[j]);
    s.values.push_back(r.b[j]);
    for (std::size_t i = 0; i < s.k; ++i) s.values.push_back(r.ab[i][j]);
    ++s.n;
  }
  return s;
}

// first[i], total[i] from the samples at `indices` (all samples, in order, when indices is empty), in
// one pass. f is centred by its mean m over A and B: sum_j (f(B)_j - m)(f(AB^(i))_j - f(A)_j) is
// accumulated as sum_j (f(B)_j - c)(...) - (m - c) sum_j (...), with c the first selected f(A), and V
// from sums of (f - c) and (f - c)^2, so a mean large relative to the spread costs no precision.
void estimate(const Samples& s, const std::vector<std::size_t>& indices, std::vector<double>& first,
              std::vector<double>& total, std::vector<double>& differences) {
  const std::size_t n = indices.empty() ? s.n : indices.size();
  std::fill(first.begin(), first.end(), 0.0);
  std::fill(total.begin(), total.end(), 0.0);
  std::fill(differences.begin(), differences.end(), 0.0);
  const double shift = s.row(indices.empty() ? 0 : indices[0])[0];
  double sum = 0.0;
  double squares = 0.0;
  for (std::size_t m = 0; m < n; ++m) {
    const double* row = s.row(indices.empty() ? m : indices[m]);
    const double fa = row[0] - shift;
    const double fb = row[1] - shift;
    sum += fa + fb;
    squares += fa * fa + fb * fb;
    for (std::size_t i = 0; i < s.k; ++i) {
      const double d = (row[2 + i] - shift) - fa;  // f(AB^(i)) - f(A)
      first[i] += fb * d;
      differences[i] += d;
      total[i] += d * d;
    }
  }
  const double count = 2.0 * static_cast<double>(n);
  const double mean = sum / count;  // mean of f - shift
  const double variance = std::max(0.0, squares / count - mean * mean);
  for (std::size_t i = 0; i < s.k; ++i) {
    first[i] = variance > 0.0 ? (first[i] - mean * differences[i]) / static_cast<double>(n) / variance : nan;
    total[i] = variance > 0.0 ? total[i] / count / variance : nan;
  }
}

// Type-7 percentile of the finite values (sorted in place); NaN if there are none.
double percentile(std::vector<double>& values, double p) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
               values.end());
  if (values.empty()) return nan;
  std::sort(values.begin(), values.end());
  const double h = p * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(h));
  const std::size_t upper = std::min(lower + 1, values.size() - 1);
  return values[lower] + (h - static_cast<double>(lower)) * (values[upper] - values[lower]);
}

}  // namespace

std::vector<SobolIndex> sobol_indices(const SaltelliResults& results, int resamples, double level, std::uint64_t seed) {
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument(fmt::format("sobol_indices: level must lie in (0, 1), got {}", level));
  }
  if (resamples < 0) {
    throw std::invalid_argument(fmt::format("sobol_indices: resamples must be >= 0, got {}", resamples));
  }
  const std::size_t n = results.a.size();
  if (results.b.size() != n) {
    throw std::invalid_argument(fmt::format("sobol_indices: a has {} values but b has {}", n, results.b.size()));
  }
  for (std::size_t i = 0; i < results.ab.size(); ++i) {
    if (results.ab[i].size() != n) {
      throw std::invalid_argument(
          fmt::format("sobol_indices: a has {} values but ab[{}] has {}", n, i, results.ab[i].size()));
    }
  }

  const std::size_t k = results.ab.size();
  std::vector<SobolIndex> indices(k, SobolIndex{nan, nan, nan, nan, nan, nan});
  const Samples samples = complete_samples(results);
  if (samples.n < 2) return indices;

  std::vector<double> first(k);
  std::vector<double> total(k);
  std::vector<double> differences(k);
  estimate(samples, {}, first, total, differences);
  for (std::size_t i = 0; i < k; ++i) {
    indices[i].first_order = first[i];
    indices[i].total = total[i];
  }
  if (resamples == 0) return indices;

  // Resampled estimates, parameter-major: boot_first[i * resamples + r].
  const auto count = static_cast<std::size_t>(resamples);
  std::vector<double> boot_first(k * count);
  std::vector<double> boot_total(k * count);
  boost::random::mt19937_64 engine(seed);
  boost::random::uniform_int_distribution<std::size_t> pick(0, samples.n - 1);
  std::vector<std::size_t> drawn(samples.n);
  for (std::size_t r = 0; r < count; ++r) {
    for (auto& j : drawn) j = pick(engine);
    estimate(samples, drawn, first, total, differences);
    for (std::size_t i = 0; i < k; ++i) {
      boot_first[i * count + r] = first[i];
      boot_total[i * count + r] = total[i];
    }
  }

  const double tail = (1.0 - level) / 2.0;
  std::vector<double> scratch;
  for (std::size_t i = 0; i < k; ++i) {
    const auto begin = static_cast<std::ptrdiff_t>(i * count);
    const auto end = static_cast<std::ptrdiff_t>((i + 1) * count);
    scratch.assign(boot_first.begin() + begin, boot_first.begin() + end);
    indices[i].first_low = percentile(scratch, tail);
    indices[i].first_high = percentile(scratch, 1.0 - tail);
    scratch.assign(boot_total.begin() + begin, boot_total.begin() + end);
    indices[i].total_low = percentile(scratch, tail);
    indices[i].total_high = percentile(scratch, 1.0 - tail);
  }
  return indices;
}

std::vector<std::string> stability_problems(const std::vector<SobolIndex>& indices,
                                            const std::vector<std::string>& parameters, double widest) {
  if (indices.size() != parameters.size()) {
    throw std::invalid_argument(fmt::format("stability_problems: {} indices but {} parameter names", indices.size(),
                                            parameters.size()));
  }
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const SobolIndex& x = indices[i];
    const struct {
      const char* name;
      double value, low, high;
    } parts[] = {{"first-order", x.first_order, x.first_low, x.first_high}, {"total", x.total, x.total_low, x.total_high}};
    for (const auto& part : parts) {
      if (std::isnan(part.value) || std::isnan(part.low) || std::isnan(part.high)) {
        problems.push_back(fmt::format("{}: the {} index has no {}", parameters[i], part.name,
                                       std::isnan(part.value) ? "value (no variance, or too few samples)"
                                                              : "bootstrap interval"));
        continue;
      }
      if (part.high - part.low > widest) {
        problems.push_back(fmt::format("{}: the {} index's interval [{:.3g}, {:.3g}] is {:.2g} wide, more than {:g}",
                                       parameters[i], part.name, part.low, part.high, part.high - part.low, widest));
      }
      if (part.high < 0.0 || part.low > 1.0) {
        problems.push_back(fmt::format("{}: the {} index's interval [{:.3g}, {:.3g}] lies outside [0, 1]",
                                       parameters[i], part.name, part.low, part.high));
      }
    }
  }
  return problems;
}

}  // namespace sim::analysis
