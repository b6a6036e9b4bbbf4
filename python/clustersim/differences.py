"""Differences between two sets of replicates with confidence intervals: B − A and (B − A)/A in %.

Paired replicates (the same seed and replicate on both sides, e.g. a sweep with common random numbers)
give the mean of the pairs' differences and a Student t interval over them; unpaired ones give the
difference of the means and Welch's interval. Arrays have replicates along their first axis and any
further axes (time) after it; NaN (a run not done) leaves that replicate out of that element. With fewer
than two replicates on a side there is no interval: its bounds are NaN."""
from collections import namedtuple

import numpy as np
from scipy import stats

LEVEL = 0.95

# mean_a, mean_b, difference, low, high: B − A and its interval; relative, relative_low, relative_high:
# the same in % of A; n: replicates used (pairs, or those of A and of B); paired: which method.
Difference = namedtuple("Difference", "mean_a mean_b difference low high relative relative_low relative_high "
                                      "n_a n_b paired")


def mean_and_half_width(values, level=LEVEL):
    """Mean over the first axis and the half-width of its t interval (NaN with fewer than two values)."""
    count = np.sum(np.isfinite(values), axis=0)
    mean = np.nanmean(values, axis=0)
    spread = np.nanstd(values, axis=0, ddof=1) if values.shape[0] > 1 else np.full(mean.shape, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf(0.5 + level / 2, count - 1) * spread / np.sqrt(count)
    return mean, np.where(count >= 2, half, np.nan), count


def paired_difference(a, b, level=LEVEL):
    """B − A of replicates paired along the first axis (a and b have the same shape)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    both = np.isfinite(a) & np.isfinite(b)
    a, b = np.where(both, a, np.nan), np.where(both, b, np.nan)
    difference, half, count = mean_and_half_width(b - a, level)
    with np.errstate(invalid="ignore", divide="ignore"):
        relative, relative_half, _ = mean_and_half_width(100.0 * (b - a) / a, level)
    return Difference(np.nanmean(a, axis=0), np.nanmean(b, axis=0), difference, difference - half,
                      difference + half, relative, relative - relative_half, relative + relative_half,
                      count, count, True)


def welch_difference(a, b, level=LEVEL):
    """Difference of the means of unpaired replicates, Welch's interval; the relative change's interval
    by the delta method (the variance of B/A − 1 from those of the two means)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n_a, n_b = np.sum(np.isfinite(a), axis=0), np.sum(np.isfinite(b), axis=0)
    mean_a, mean_b = np.nanmean(a, axis=0), np.nanmean(b, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        var_a = np.nanvar(a, axis=0, ddof=1) / n_a if a.shape[0] > 1 else np.full(mean_a.shape, np.nan)
        var_b = np.nanvar(b, axis=0, ddof=1) / n_b if b.shape[0] > 1 else np.full(mean_b.shape, np.nan)
        standard_error = np.sqrt(var_a + var_b)
        freedom = (var_a + var_b) ** 2 / (var_a ** 2 / (n_a - 1) + var_b ** 2 / (n_b - 1))
        quantile = np.where(standard_error > 0, stats.t.ppf(0.5 + level / 2, freedom), 0.0)
        half = np.where((n_a >= 2) & (n_b >= 2), quantile * standard_error, np.nan)
        relative = 100.0 * (mean_b - mean_a) / mean_a
        relative_error = 100.0 * np.sqrt(var_b / mean_a ** 2 + mean_b ** 2 * var_a / mean_a ** 4)
        relative_half = np.where(np.isfinite(half), quantile * relative_error, np.nan)
    difference = mean_b - mean_a
    return Difference(mean_a, mean_b, difference, difference - half, difference + half, relative,
                      relative - relative_half, relative + relative_half, n_a, n_b, False)


def replicate_difference(a, b, paired, level=LEVEL):
    """B − A over replicates, paired (same shapes required) or Welch's."""
    if paired:
        if np.shape(a) != np.shape(b):
            raise ValueError(f"paired replicates need the same shape, got {np.shape(a)} and {np.shape(b)}")
        return paired_difference(a, b, level)
    return welch_difference(a, b, level)


def excludes_zero(low, high):
    """Whether an interval lies wholly on one side of 0 (False where it is NaN)."""
    with np.errstate(invalid="ignore"):
        return (np.asarray(low) > 0) | (np.asarray(high) < 0)
