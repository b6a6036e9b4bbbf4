#pragma once
// The statistics a calibration moment takes of a run's series (docs/calibration.md, Moments): plain
// functions over plain vectors, no I/O. Each throws std::domain_error, saying why, when its value is not
// defined for the data (too few ticks, a logarithm of a value that is not positive, a zero mean), so that
// a moment that cannot be computed fails its run rather than reaching the loss as NaN.
#include <span>
#include <string_view>
#include <vector>

namespace sim::calibrate {

enum class Statistic {
  mean,                // mean of the series over the window
  standard_deviation,  // sample standard deviation (n - 1) of the series over the window
  growth_rate,         // (ln x_last - ln x_first) / years between them: the annual log growth rate
  growth_volatility,   // sample standard deviation of the per-tick log changes, each expressed per year
  share,               // sum of the series over the window / sum of the denominator's over the window
  correlation,         // Pearson correlation of the per-tick log changes of the series and its pair
  cross_section_cv,    // coefficient of variation across regions (population sd / mean), averaged over ticks
  tail_index,          // Hill estimator of the Pareto tail index of a firm-panel column at the window's end
};

// "mean", "standard_deviation", ..., as written in calibration files.
std::string_view to_string(Statistic statistic);
const std::vector<std::string_view>& statistic_names();

double mean(std::span<const double> values);
double standard_deviation(std::span<const double> values);  // n - 1 in the denominator; needs two values
// Annual log growth between the first and the last value, `years_per_step` apart per element.
double growth_rate(std::span<const double> values, double years_per_step);
// Per-step log changes divided by years_per_step (so per year); needs two values, all positive.
std::vector<double> log_changes_per_year(std::span<const double> values, double years_per_step);
double share(std::span<const double> numerator, std::span<const double> denominator);
double correlation(std::span<const double> a, std::span<const double> b);  // needs two pairs, neither constant
// Population standard deviation across `values` over their mean (the mean must be positive).
double coefficient_of_variation(std::span<const double> values);
// Hill (1975): with x_(1) >= x_(2) >= ... the positive values in decreasing order and k = the largest
// integer <= fraction * n (at least 2), 1 / [(1/k) sum_{i<=k} ln(x_(i) / x_(k+1))]. Needs k + 1 positive
// values.
double hill_tail_index(std::span<const double> values, double fraction);

}  // namespace sim::calibrate
