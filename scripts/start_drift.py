#!/usr/bin/python3
"""How far a run's regional structure still drifts, year by year: the measure behind the default burn-in
(docs/model.md §5.1). For each run file given (e.g. a long run of the baseline without a burn-in, one per
seed), per year of the run (the mean of its ticks) and relative to the year before:

- regional shares: sum over regions of |change of the region's share of national GDP| (the share of GDP
  that moved between regions; 1 % means one hundredth of GDP changed region that year);
- cluster shares: the same for each industry's value added split over regions, averaged over industries
  (weighted by the industry's value added);
- productivity dispersion: |relative change| of the dispersion of productivity across regions, the
  standard deviation of ln(mean_productivity) over the regions with firms, averaged over industries.

Prints a Markdown table (mean over the files, and the largest file's value in brackets) and, as its last
line, the first year from which every measure stays under --threshold (default 1 %) in the mean over the
files for every later year. Runs with /usr/bin/python3 (numpy, h5py). Bad input: one line on stderr
naming the file, exit status 2.
"""
import argparse
import sys

import h5py
import numpy as np


def fail(message):
    print(f"start_drift.py: {message}", file=sys.stderr)
    sys.exit(2)


def annual_means(values, ticks_per_year):
    years = values.shape[0] // ticks_per_year
    trimmed = values[: years * ticks_per_year]
    return trimmed.reshape((years, ticks_per_year) + values.shape[1:]).mean(axis=1)


def ticks_per_year_of(file, path):
    units = file["time"].attrs.get("units", b"")
    units = units.decode() if isinstance(units, bytes) else str(units)
    if "days since" not in units:
        fail(f"{path}: its time axis has no 'days since' units")
    days = np.diff(file["time"][:])
    if days.size == 0:
        fail(f"{path}: fewer than two ticks")
    return max(1, int(round(365.25 / float(np.median(days)))))


def drift_of(path):
    try:
        file = h5py.File(path, "r")
    except OSError as error:
        fail(f"{path}: cannot open ({error})")
    for name in ("gdp", "value_added", "mean_productivity", "firms", "time"):
        if name not in file:
            fail(f"{path}: not a clustersim run file (no variable '{name}')")
    per_year = ticks_per_year_of(file, path)
    gdp = annual_means(file["gdp"][:], per_year)                      # year x region
    value_added = annual_means(file["value_added"][:], per_year)      # year x region x industry
    productivity = annual_means(file["mean_productivity"][:], per_year)
    firms = annual_means(file["firms"][:], per_year)
    if gdp.shape[0] < 2:
        fail(f"{path}: shorter than two years")
    regional = gdp / gdp.sum(axis=1, keepdims=True)
    regional_drift = np.abs(np.diff(regional, axis=0)).sum(axis=1)
    totals = value_added.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        cluster = np.where(totals > 0, value_added / totals, 0.0)
    industry_weight = totals[1:, 0, :] / totals[1:, 0, :].sum(axis=1, keepdims=True)
    cluster_drift = (np.abs(np.diff(cluster, axis=0)).sum(axis=1) * industry_weight).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        log_productivity = np.where((firms > 0) & (productivity > 0), np.log(np.maximum(productivity, 1e-300)), np.nan)
    dispersion = np.nanstd(log_productivity, axis=1)  # year x industry
    dispersion_weight = totals[:, 0, :] / totals[:, 0, :].sum(axis=1, keepdims=True)
    mean_dispersion = np.nansum(dispersion * dispersion_weight, axis=1)
    dispersion_drift = np.abs(np.diff(mean_dispersion)) / mean_dispersion[:-1]
    return np.stack([regional_drift, cluster_drift, dispersion_drift], axis=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="run files (clustersim run) of one scenario, e.g. several seeds")
    parser.add_argument("--threshold", type=float, default=0.01, help="drift per year to stay under (default 0.01)")
    args = parser.parse_args()
    drifts = [drift_of(path) for path in args.files]
    years = min(d.shape[0] for d in drifts)
    stacked = np.stack([d[:years] for d in drifts])  # file x year x measure
    mean = stacked.mean(axis=0)
    worst = stacked.max(axis=0)
    print("| year of the run | regional shares | cluster shares | productivity dispersion |")
    print("| --- | --- | --- | --- |")
    for year in range(years):
        cells = [f"{100 * mean[year, m]:.2f} % ({100 * worst[year, m]:.2f} %)" for m in range(3)]
        print(f"| {year + 2} (vs {year + 1}) | " + " | ".join(cells) + " |")
    below = np.all(mean < args.threshold, axis=1)
    settled = next((year for year in range(years) if below[year:].all()), None)
    if settled is None:
        print(f"never under {100 * args.threshold:g} % a year for the rest of the run")
    else:
        # Year `settled + 2` of the run is the first whose change from the year before stays under the
        # threshold: a burn-in of settled + 1 years starts the scenario there.
        print(f"burn_in_years={settled + 1}")


if __name__ == "__main__":
    main()
