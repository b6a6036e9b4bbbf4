#include "sim/calibrate/moment_statistics.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace sim::calibrate {

namespace {

void need(std::size_t count, std::size_t at_least, std::string_view what) {
  if (count < at_least) {
    throw std::domain_error(fmt::format("{} needs at least {} values, the window has {}", what, at_least, count));
  }
}

double positive_log(double value, std::string_view what) {
  if (!(value > 0.0)) throw std::domain_error(fmt::format("{} takes logarithms and met {}", what, value));
  return std::log(value);
}

}  // namespace

const std::vector<std::string_view>& statistic_names() {
  static const std::vector<std::string_view> names = {"mean",        "standard_deviation", "growth_rate",
                                                      "growth_volatility", "share",        "correlation",
                                                      "cross_section_cv",  "tail_index"};
  return names;
}

std::string_view to_string(Statistic statistic) { return statistic_names()[static_cast<std::size_t>(statistic)]; }

double mean(std::span<const double> values) {
  need(values.size(), 1, "a mean");
  double sum = 0.0;
  for (double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

double standard_deviation(std::span<const double> values) {
  need(values.size(), 2, "a standard deviation");
  const double centre = mean(values);
  double squares = 0.0;
  for (double value : values) squares += (value - centre) * (value - centre);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

double growth_rate(std::span<const double> values, double years_per_step) {
  need(values.size(), 2, "a growth rate");
  const double first = positive_log(values.front(), "a growth rate");
  const double last = positive_log(values.back(), "a growth rate");
  return (last - first) / (years_per_step * static_cast<double>(values.size() - 1));
}

std::vector<double> log_changes_per_year(std::span<const double> values, double years_per_step) {
  need(values.size(), 2, "log changes");
  std::vector<double> changes;
  changes.reserve(values.size() - 1);
  double previous = positive_log(values[0], "a log change");
  for (std::size_t i = 1; i < values.size(); ++i) {
    const double now = positive_log(values[i], "a log change");
    changes.push_back((now - previous) / years_per_step);
    previous = now;
  }
  return changes;
}

double share(std::span<const double> numerator, std::span<const double> denominator) {
  need(numerator.size(), 1, "a share");
  double top = 0.0;
  double bottom = 0.0;
  for (double value : numerator) top += value;
  for (double value : denominator) bottom += value;
  if (bottom == 0.0) throw std::domain_error("a share's denominator sums to zero over the window");
  return top / bottom;
}

double correlation(std::span<const double> a, std::span<const double> b) {
  need(std::min(a.size(), b.size()), 2, "a correlation");
  if (a.size() != b.size()) throw std::domain_error("a correlation of series of different lengths");
  const double mean_a = mean(a);
  const double mean_b = mean(b);
  double ab = 0.0;
  double aa = 0.0;
  double bb = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ab += (a[i] - mean_a) * (b[i] - mean_b);
    aa += (a[i] - mean_a) * (a[i] - mean_a);
    bb += (b[i] - mean_b) * (b[i] - mean_b);
  }
  if (aa == 0.0 || bb == 0.0) throw std::domain_error("a correlation with a series that does not vary");
  return ab / std::sqrt(aa * bb);
}

double coefficient_of_variation(std::span<const double> values) {
  const double centre = mean(values);
  if (!(centre > 0.0)) throw std::domain_error(fmt::format("a coefficient of variation of values with mean {}", centre));
  double squares = 0.0;
  for (double value : values) squares += (value - centre) * (value - centre);
  return std::sqrt(squares / static_cast<double>(values.size())) / centre;
}

double hill_tail_index(std::span<const double> values, double fraction) {
  std::vector<double> positive;
  for (double value : values) {
    if (value > 0.0) positive.push_back(value);
  }
  const auto k = std::max<std::size_t>(2, static_cast<std::size_t>(std::floor(fraction * static_cast<double>(positive.size()))));
  need(positive.size(), k + 1, "a tail index (positive values)");
  std::partial_sort(positive.begin(), positive.begin() + static_cast<std::ptrdiff_t>(k + 1), positive.end(),
                    std::greater<>());
  const double threshold = std::log(positive[k]);
  double sum = 0.0;
  for (std::size_t i = 0; i < k; ++i) sum += std::log(positive[i]) - threshold;
  if (sum == 0.0) throw std::domain_error("a tail index of values that are all equal at the top");
  return static_cast<double>(k) / sum;
}

}  // namespace sim::calibrate
