#!/usr/bin/python3
"""Firm-level and aggregate stylised facts of clustersim runs against the targets of issue 14, as a
Markdown table: target, measured value, target range, pass/fail (n/a, with the reason, when the files lack
a variable the target needs). Pooled over the run files given (e.g. five seeds of one scenario), using
only what comes after a burn-in (--skip-years, default 5). Each file must be a run file with the firm
panel (`--set output.snapshot_every=4` with quarterly ticks: a snapshot at the end of every year;
docs/output.md, Firm panel). Runs with /usr/bin/python3 (numpy, scipy, pandas, xarray, matplotlib).
Bad input: one line on stderr naming the file, exit status 2. The status is 0 whether targets pass or not.

Which data. A snapshot is "after the burn-in" when it is taken at the end of year --skip-years or later
(with the default, the state at the end of year 5 and every later one): growth rates are then those of
years 6, 7, ...; levels are those of the snapshots after the burn-in. Snapshots one year apart (ticks
per year, from the scenario's months_per_tick) form the annual pairs; a file needs at least 2 snapshots
after the burn-in, two of them one year apart. Sales of a snapshot are the annual rate of its tick.
Firm records with sales <= 0 (entrants of the snapshot's tick, which have not sold yet) are left out of
every size and growth statistic (their number is printed). Means used for normalising are taken within
each file (a run), never across runs.

Definitions (natural logarithms throughout):
- Annual growth rate of sales g_it = ln S_i,t+1 - ln S_i,t for firm i present with positive sales in two
  snapshots one year apart (same file, same firm_id). Normalised growth (Bottazzi and Secchi 2006):
  g_it minus the mean of g over the firms of the same file, year (interval) and industry.
- Subbotin shape b: scipy.stats.gennorm.fit (maximum likelihood, location and scale free) of the
  normalised growth rates, pooled; target [0.6, 1.4] (b = 1 is the Laplace, b = 2 the normal). The
  figure (--figure) adds the Laplace fitted by scipy.stats.laplace.fit (median, mean absolute deviation).
- 1st percentile of growth: the 1st percentile (numpy's linear interpolation) of the un-normalised g,
  shown as the relative change exp(q) - 1; target below -30 %.
- Size-variance slope (Stanley et al. 1996): size x = ln S_i,t at the start of the interval minus its mean
  over the pairs of the same file, year and industry; the pairs sorted by x (ties by normalised growth)
  and split into 10 groups of equal count (numpy.array_split: size deciles); in each group the standard
  deviation (ddof 1) of normalised growth and the mean of x; the OLS slope of ln sd on mean x over the 10
  groups (numpy.polyfit); target [-0.35, -0.05].
- Size distribution: relative size = sales over the mean positive sales of the same file and snapshot (all
  industries), pooled over snapshots after the burn-in and files. Skewness of relative sales
  (scipy.stats.skew, biased) > 0; skewness of ln relative sales >= 0 ("not left-skewed").
- Hill tail index on the top 5 % of sales: the n relative sizes sorted in decreasing order X_(1) >= ...,
  k = max(1, floor(0.05 n)), alpha = k / sum_{i=1..k} ln(X_(i) / X_(k+1)); target [0.8, 2.0] (Zipf is 1).
- Persistence of productivity: relative productivity = firm_productivity over its mean over the firms of
  the same file, snapshot and industry (all of them, with sales or not); the Spearman rank correlation (scipy.stats.spearmanr) of a firm's
  relative productivity in two snapshots one year apart, pooled over the annual pairs of firms present in
  both; target > 0.7.
- Investment spikes (Doms and Dunne 1998), only when the panel has the columns firm_investment_year and
  firm_capital (n/a otherwise): a firm-year is a firm in two snapshots one year apart (same file, same
  firm_id, both after the burn-in) with firm_capital > 0 at the first; its investment rate is
  firm_investment_year at the second (machines bought over that year) over firm_capital at the first
  (capital at the start of the year, I_t / K_(t-1) as in Doms and Dunne). Targets: the share of
  firm-years with a rate above 0.2 (10 % to 40 %) and the spikes' share of the sum of the year's
  investment (> 1/3).
- Aggregates, from the time series of ticks after the burn-in (ticks ending after year --skip-years):
  output real_gdp_total (chained volume; gdp_total when it is missing), consumption real_consumption_total
  (else household_consumption - consumption_tax, summed over regions), investment the national total of
  the transactions-flow rows named investment* (what the sellers receive: today investment_modelled and
  investment_background, i.e. the background sector's investment, in current prices of the numeraire; no
  volume of investment is written), else final_spending - (household_consumption - consumption_tax) -
  government_purchases summed over regions. Each log series of each file is HP-filtered (Hodrick-Prescott,
  lambda = 1600 (ticks per year / 4)^4: 1600 for quarterly ticks, Ravn and Uhlig 2002) and the cycles of
  all files pooled (concatenated; an HP cycle sums to zero, so each file's is centred). Targets: sd
  (numpy.std, ddof 0) of the investment cycle over sd of the output cycle > 1, sd of the output cycle over
  sd of the consumption cycle > 1, Pearson correlation of the investment and output cycles > 0. A cycle
  with sd below 1e-9 is rounding noise of a smooth path (today's investment, a fixed share of each region's
  exponential reference path, docs/model.md §7.15) and counts as zero: its ratio is 0 and its correlation
  undefined, both fail with a note.

Usage:
  /usr/bin/python3 scripts/stylised_facts.py FILE.h5 [FILE.h5 ...] [--skip-years N] [--figure OUT.png]

Examples:
  for s in 1 2 3 4 5; do build/clustersim run configs/baseline.toml --seed $s \\
      --set output.snapshot_every=4 -o results/facts/baseline-$s.h5; done
  scripts/stylised_facts.py results/facts/baseline-*.h5 --figure results/facts/growth.png
"""
import argparse
import math
import pathlib
import sys
import tomllib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import sparse, stats  # noqa: E402
from scipy.sparse.linalg import spsolve  # noqa: E402

EXPECTED = ("expected a clustersim run file with the firm panel "
            "(`clustersim run SCENARIO --set output.snapshot_every=4 -o FILE.h5`)")
PANEL_COLUMNS = ("firm_record_time", "firm_id", "firm_industry", "firm_sales", "firm_productivity")
OPTIONAL_COLUMNS = ("firm_capital", "firm_investment_year")
HP_QUARTERLY_LAMBDA = 1600.0
DECILES = 10
HILL_TOP_SHARE = 0.05
SPIKE_RATE = 0.2
TOLERANCE_YEARS = 1e-9
# A cycle of ln values with a smaller sd is rounding noise: the series is a smooth path (e.g. exponential).
ZERO_CYCLE_SD = 1e-9

# The table's rows in order: key, target text, target range text.
ROWS = [
    ("subbotin_b", "Subbotin shape b of normalised annual sales growth", "[0.6, 1.4]"),
    ("growth_p1", "1st percentile of annual sales growth", "< -30 %"),
    ("size_variance_slope", "slope of ln sd(growth) on ln size (size deciles)", "[-0.35, -0.05]"),
    ("sales_skewness", "skewness of sales", "> 0"),
    ("hill_alpha", "Hill tail index, top 5 % of sales", "[0.8, 2.0]"),
    ("log_sales_skewness", "skewness of ln sales", ">= 0"),
    ("productivity_rank_correlation", "Spearman correlation of relative productivity one year apart", "> 0.7"),
    ("spike_share_of_firm_years", "firm-years with an investment spike (I/K > 20 %)", "[10 %, 40 %]"),
    ("spike_share_of_investment", "share of investment in spikes", "> 1/3"),
    ("investment_to_output_volatility", "sd of HP cycles: ln investment / ln output", "> 1"),
    ("output_to_consumption_volatility", "sd of HP cycles: ln output / ln consumption", "> 1"),
    ("investment_output_correlation", "correlation of HP cycles of investment and output", "> 0"),
]


class Result:
    """A measured value (float or NaN), whether it meets its target (None when not measured), the text shown
    in the table's measured column, and the reason when it is n/a."""

    def __init__(self, value, passes=None, shown=None, reason="", note=""):
        self.value = value
        self.passes = passes if not reason else None
        self.shown = shown
        self.reason = reason
        self.note = note

    @classmethod
    def missing(cls, reason):
        return cls(math.nan, None, "n/a", reason)

    def result_text(self):
        if self.reason:
            return f"n/a: {self.reason}"
        return ("pass" if self.passes else "fail") + (f" ({self.note})" if self.note else "")


# ---------------------------------------------------------------------------------------------------
# Reading


def months_per_tick(dataset):
    """From the resolved scenario the file carries; else from the spacing of the time coordinate."""
    try:
        return float(tomllib.loads(dataset.attrs.get("scenario", ""))["simulation"]["months_per_tick"])
    except (tomllib.TOMLDecodeError, KeyError, TypeError):
        days = np.diff(dataset["time"].values).astype("timedelta64[D]").astype(float)
        if len(days) == 0:
            raise cf.InputError(f"{cf.path_of(dataset)}: one tick and no scenario attribute; cannot tell the tick "
                                "length") from None
        return float(round(np.mean(days) / (365.2425 / 12)))


def ticks_per_year(dataset):
    return 12.0 / months_per_tick(dataset)


def open_panel_run(path):
    """The run file, checked: a run (not a sweep) with a non-empty firm panel."""
    dataset, kind = cf.open_clustersim(path, EXPECTED)
    if kind != "run":
        dataset.close()
        raise cf.InputError(f"{path}: a clustersim sweep file, not a run file; {EXPECTED}")
    dataset.attrs["_run_description"] = cf.run_file_description(dataset, path)
    dataset = cf.with_firm_panel(dataset)  # the panel in the group `firm_panel` or, in earlier files, the root
    if dataset.sizes.get("firm_record", 0) == 0:
        raise cf.InputError(f"{path}: no firm panel (dimension firm_record is empty: the run had "
                            f"output.snapshot_every = 0); {EXPECTED}")
    missing = [name for name in PANEL_COLUMNS if name not in dataset]
    if missing:
        raise cf.InputError(f"{path}: the firm panel lacks {', '.join(missing)}; {EXPECTED}")
    return dataset


def read_panel(dataset, file_index, skip_years):
    """The firm records of snapshots after the burn-in: columns file, tick (0-based index of the
    snapshot's tick), id, industry, sales, productivity, and capital and investment where the panel has them."""
    path = cf.path_of(dataset)
    times = dataset["time"].values
    record_times = dataset["firm_record_time"].values
    ticks = np.searchsorted(times, record_times)
    if (ticks >= len(times)).any() or (times[np.minimum(ticks, len(times) - 1)] != record_times).any():
        raise cf.InputError(f"{path}: firm_record_time holds dates that are not ticks of the time axis")
    per_year = ticks_per_year(dataset)
    elapsed_years = (ticks + 1) / per_year
    kept = elapsed_years >= skip_years - TOLERANCE_YEARS
    columns = {"file": np.full(kept.sum(), file_index), "tick": ticks[kept],
               "id": dataset["firm_id"].values[kept].astype(np.int64),
               "industry": dataset["firm_industry"].values[kept].astype(np.int64),
               "sales": dataset["firm_sales"].values[kept].astype(float),
               "productivity": dataset["firm_productivity"].values[kept].astype(float)}
    for name in OPTIONAL_COLUMNS:
        if name in dataset:
            columns[name.removeprefix("firm_")] = dataset[name].values[kept].astype(float)
    panel = pd.DataFrame(columns)
    snapshots = np.unique(panel["tick"])
    all_snapshots = len(np.unique(ticks))
    if len(snapshots) < 2:
        raise cf.InputError(f"{path}: {len(snapshots)} snapshot(s) at or after the end of year {skip_years:g} "
                            f"(--skip-years) of {all_snapshots} in the firm panel; need at least 2, one year apart")
    step = round(per_year)
    if abs(per_year - step) > 1e-9 or not np.isin(snapshots + step, snapshots).any():
        raise cf.InputError(f"{path}: no two snapshots one year apart after the burn-in (snapshots at ticks "
                            f"{', '.join(str(t + 1) for t in snapshots[:6])}{', ...' if len(snapshots) > 6 else ''}; "
                            f"{per_year:g} ticks per year)")
    return panel, step


def aggregate_series(dataset):
    """National output, consumption and investment per tick: name -> (values, what they are); a name is
    absent when the file has no series for it."""
    def total(name):
        return cf.reduce_to(dataset[name], ("time",)).values

    series = {}
    if "real_gdp_total" in dataset:
        series["output"] = (total("real_gdp_total"), "real_gdp_total")
    elif "gdp_total" in dataset:
        series["output"] = (total("gdp_total"), "gdp_total")
    if "real_consumption_total" in dataset:
        series["consumption"] = (total("real_consumption_total"), "real_consumption_total")
    elif "household_consumption" in dataset and "consumption_tax" in dataset:
        series["consumption"] = (total("household_consumption") - total("consumption_tax"),
                                 "household_consumption - consumption_tax")
    flows = dataset["transactions_flow"] if "transactions_flow" in dataset else None
    rows = [str(row) for row in flows["flow"].values if str(row).startswith("investment")] if flows is not None else []
    if rows:
        received = flows.sel(flow=rows).clip(min=0).sum(["flow", "sector"]).values.astype(float)
        series["investment"] = (received, "transactions_flow " + " + ".join(rows))
    elif all(name in dataset for name in ("final_spending", "household_consumption", "consumption_tax",
                                          "government_purchases")):
        series["investment"] = (total("final_spending") - total("household_consumption") + total("consumption_tax")
                                - total("government_purchases"),
                                "final_spending - (household_consumption - consumption_tax) - government_purchases")
    return series


# ---------------------------------------------------------------------------------------------------
# Statistics


def hp_filter(values, smoothing):
    """Hodrick-Prescott filter: the trend t minimising sum (y - t)^2 + smoothing sum (second difference of
    t)^2, i.e. (I + smoothing D'D) t = y with D the (n-2) x n second-difference matrix. Returns (trend, cycle)."""
    y = np.asarray(values, dtype=float)
    n = len(y)
    if n < 3:
        return y.copy(), np.zeros(n)
    second_difference = sparse.diags([np.ones(n - 2), -2 * np.ones(n - 2), np.ones(n - 2)], [0, 1, 2],
                                     shape=(n - 2, n))
    system = (sparse.identity(n) + smoothing * (second_difference.T @ second_difference)).tocsc()
    trend = spsolve(system, y)
    return trend, y - trend


def hp_lambda(per_year):
    """Ravn-Uhlig scaling of the quarterly 1600 to other frequencies."""
    return HP_QUARTERLY_LAMBDA * (per_year / 4.0) ** 4


def annual_pairs(panel, step):
    """Firms present in two snapshots `step` ticks apart (one file's panel): columns file, tick (of the
    first snapshot), id, industry and sales0, sales1, relative_productivity0, relative_productivity1."""
    values = ["sales", "relative_productivity"]
    first = panel[["file", "tick", "id", "industry", *values]]
    second = panel[["file", "tick", "id", *values]].assign(tick=panel["tick"] - step)
    return first.merge(second, on=["file", "tick", "id"], suffixes=("0", "1"))


def growth_rates(pairs):
    """Pairs with positive sales at both ends, with raw growth g, normalised growth g_norm and normalised
    initial log size x (each minus its mean over the same file, year and industry)."""
    positive = pairs[(pairs["sales0"] > 0) & (pairs["sales1"] > 0)].copy()
    positive["g"] = np.log(positive["sales1"]) - np.log(positive["sales0"])
    positive["log_size"] = np.log(positive["sales0"])
    groups = positive.groupby(["file", "tick", "industry"])
    positive["g_norm"] = positive["g"] - groups["g"].transform("mean")
    positive["x"] = positive["log_size"] - groups["log_size"].transform("mean")
    return positive


def size_variance_slope(x, g_norm, bins=DECILES):
    order = np.lexsort((g_norm, x))
    groups = np.array_split(order, bins)
    sizes = np.array([x[group].mean() for group in groups])
    spreads = np.array([g_norm[group].std(ddof=1) for group in groups])
    return float(np.polyfit(sizes, np.log(spreads), 1)[0]), sizes, spreads


def hill_index(values, top_share=HILL_TOP_SHARE):
    ordered = np.sort(np.asarray(values, dtype=float))[::-1]
    k = max(1, int(math.floor(top_share * len(ordered))))
    if k >= len(ordered):
        return math.nan, k
    return float(k / np.sum(np.log(ordered[:k] / ordered[k]))), k


def in_range(value, low, high):
    return bool(low <= value <= high)


def firm_years(panel, steps):
    """Firms in two snapshots one year apart with capital at the first: the second snapshot's investment
    over the year (investment_year) and the first's capital (capital_start)."""
    start = panel[["file", "tick", "id", "capital"]].copy()
    start["tick"] = start["tick"] + start["file"].map(steps)
    years = panel[["file", "tick", "id", "investment_year"]].merge(
        start.rename(columns={"capital": "capital_start"}), on=["file", "tick", "id"])
    return years[years["capital_start"] > 0]


def measure(datasets, skip_years):
    """Every target of the table for the datasets pooled (a list of open run files). Returns (results,
    details): results by row key; details holds the pooled data the figure and the summary lines use."""
    panels, pairs, cycles, sources = [], [], {"output": [], "consumption": [], "investment": []}, {}
    steps = {}
    for file_index, dataset in enumerate(datasets):
        panel, step = read_panel(dataset, file_index, skip_years)
        steps[file_index] = step
        mean_productivity = panel.groupby(["tick", "industry"])["productivity"].transform("mean")
        panel["relative_productivity"] = panel["productivity"] / mean_productivity
        panels.append(panel)
        pairs.append(annual_pairs(panel, step))
        per_year = ticks_per_year(dataset)
        after = (np.arange(dataset.sizes["time"]) + 1) / per_year > skip_years + TOLERANCE_YEARS
        for name, (values, source) in aggregate_series(dataset).items():
            sources.setdefault(name, source)
            values = values[after]
            if len(values) >= 3 and np.all(values > 0):
                cycles[name].append(hp_filter(np.log(values), hp_lambda(per_year))[1])
            else:
                cycles[name].append(None)
    panel = pd.concat(panels, ignore_index=True)
    pairs = pd.concat(pairs, ignore_index=True)
    growth = growth_rates(pairs)
    results = {}
    details = {"records": len(panel), "zero_sales_records": int((panel["sales"] <= 0).sum()),
               "pairs": len(pairs), "growth_rates": len(growth), "snapshots": panel.groupby("file")["tick"].nunique(),
               "sources": sources}

    g, g_norm, x = growth["g"].to_numpy(), growth["g_norm"].to_numpy(), growth["x"].to_numpy()
    details["g_norm"] = g_norm
    if len(g_norm) < 3 * DECILES:
        reason = f"{len(g_norm)} annual growth rates"
        for key in ("subbotin_b", "growth_p1", "size_variance_slope"):
            results[key] = Result.missing(reason)
    else:
        beta, location, scale = stats.gennorm.fit(g_norm)
        details["subbotin"] = (beta, location, scale)
        details["laplace"] = stats.laplace.fit(g_norm)
        details["growth_skewness"] = float(stats.skew(g_norm))
        details["growth_kurtosis"] = float(stats.kurtosis(g_norm, fisher=False))
        results["subbotin_b"] = Result(float(beta), in_range(beta, 0.6, 1.4), f"{beta:.3g}")
        q = float(np.percentile(g, 1))
        change = math.expm1(q)
        details["growth_p99"] = math.expm1(float(np.percentile(g, 99)))
        results["growth_p1"] = Result(change, change < -0.30, f"{100 * change:.1f} %")
        slope, sizes, spreads = size_variance_slope(x, g_norm)
        details["decile_sizes"], details["decile_spreads"] = sizes, spreads
        results["size_variance_slope"] = Result(slope, in_range(slope, -0.35, -0.05), f"{slope:.3g}")

    positive = panel[panel["sales"] > 0]
    relative = (positive["sales"] / positive.groupby(["file", "tick"])["sales"].transform("mean")).to_numpy()
    details["sizes"] = len(relative)
    skewness = float(stats.skew(relative))
    results["sales_skewness"] = Result(skewness, skewness > 0, f"{skewness:.3g}")
    alpha, k = hill_index(relative)
    details["hill_k"] = k
    results["hill_alpha"] = (Result(alpha, in_range(alpha, 0.8, 2.0), f"{alpha:.3g}") if math.isfinite(alpha)
                             else Result.missing(f"{len(relative)} firm records with sales"))
    log_skewness = float(stats.skew(np.log(relative)))
    results["log_sales_skewness"] = Result(log_skewness, log_skewness >= 0, f"{log_skewness:.3g}")

    details["productivity_pairs"] = len(pairs)
    if len(pairs) >= 3:
        rho = float(stats.spearmanr(pairs["relative_productivity0"], pairs["relative_productivity1"])[0])
        results["productivity_rank_correlation"] = Result(rho, rho > 0.7, f"{rho:.3g}")
    else:
        results["productivity_rank_correlation"] = Result.missing(f"{len(pairs)} firms in two snapshots")

    missing_columns = [name for name in OPTIONAL_COLUMNS if name.removeprefix("firm_") not in panel]
    if missing_columns:
        reason = f"no {' or '.join(missing_columns)} in the firm panel"
        results["spike_share_of_firm_years"] = Result.missing(reason)
        results["spike_share_of_investment"] = Result.missing(reason)
    else:
        years = firm_years(panel, steps)
        spikes = (years["investment_year"] / years["capital_start"]) > SPIKE_RATE
        if len(years) == 0 or years["investment_year"].sum() <= 0:
            reason = "no firm-year with capital at its start and investment"
            results["spike_share_of_firm_years"] = Result.missing(reason)
            results["spike_share_of_investment"] = Result.missing(reason)
        else:
            share = float(spikes.mean())
            investment_share = float(years["investment_year"][spikes].sum() / years["investment_year"].sum())
            results["spike_share_of_firm_years"] = Result(share, in_range(share, 0.10, 0.40), f"{100 * share:.1f} %")
            results["spike_share_of_investment"] = Result(investment_share, investment_share > 1 / 3,
                                                          f"{100 * investment_share:.1f} %")

    def pooled(name):
        if not cycles[name] or any(cycle is None for cycle in cycles[name]):
            return None
        return np.concatenate(cycles[name])

    output, consumption, investment = pooled("output"), pooled("consumption"), pooled("investment")
    details["cycles"] = {"output": output, "consumption": consumption, "investment": investment}

    def spread(cycle):
        """sd of a pooled cycle; 0 below ZERO_CYCLE_SD (rounding noise of a smooth series)."""
        value = float(np.std(cycle))
        return 0.0 if value < ZERO_CYCLE_SD else value

    def zero_note(names_and_cycles):
        zero = [name for name, cycle in names_and_cycles if spread(cycle) == 0]
        return f"{' and '.join(zero)} cycle zero: a smooth path" if zero else ""

    def ratio_row(numerator, denominator, names):
        missing = [name for name, values in zip(names, (numerator, denominator)) if values is None]
        if missing:
            return Result.missing(f"no {' or '.join(missing)} series (or < 3 positive ticks after the burn-in)")
        top, bottom = spread(numerator), spread(denominator)
        value = top / bottom if bottom > 0 else (math.inf if top > 0 else math.nan)
        note = zero_note(zip(names, (numerator, denominator)))
        return Result(value, value > 1, f"{value:.3g} ({top:.3g} / {bottom:.3g})", note=note)

    results["investment_to_output_volatility"] = ratio_row(investment, output, ("investment", "output"))
    results["output_to_consumption_volatility"] = ratio_row(output, consumption, ("output", "consumption"))
    if investment is None or output is None:
        results["investment_output_correlation"] = Result.missing("no investment or output series")
    elif spread(investment) == 0 or spread(output) == 0:
        note = zero_note((("investment", investment), ("output", output)))
        results["investment_output_correlation"] = Result(math.nan, False, "undefined", note=note)
    else:
        correlation = float(np.corrcoef(investment, output)[0, 1])
        results["investment_output_correlation"] = Result(correlation, correlation > 0, f"{correlation:.3g}")
    return results, details


# ---------------------------------------------------------------------------------------------------
# Output


def print_table(results, details, datasets, skip_years):
    files = len(datasets)
    print(f"Stylised facts of {files} run file{'s' if files != 1 else ''}, pooled, after a burn-in of "
          f"{skip_years:g} years (snapshots from the end of year {skip_years:g} on):")
    for dataset, snapshots in zip(datasets, details["snapshots"]):
        print(f"- {cf.describe_run(dataset)}: {snapshots} snapshots")
    print(f"Firm records {details['records']} (with sales <= 0, left out of sizes and growth: "
          f"{details['zero_sales_records']}); firms in two snapshots one year apart {details['pairs']}, "
          f"with positive sales in both (growth rates) {details['growth_rates']}.")
    sources = details["sources"]
    print("Aggregates: " + "; ".join(f"{name} = {sources[name]}" for name in ("output", "consumption", "investment")
                                     if name in sources) + ".\n")
    print("| target | measured | target range | result |")
    print("|---|---|---|---|")
    for key, text, target in ROWS:
        result = results[key]
        print(f"| {text} | {result.shown} | {target} | {result.result_text()} |")
    if "subbotin" in details:
        beta, location, scale = details["subbotin"]
        laplace_location, laplace_scale = details["laplace"]
        print(f"\nSubbotin fit: b {beta:.4g}, location {location:.4g}, scale {scale:.4g}; Laplace fit: location "
              f"{laplace_location:.4g}, scale {laplace_scale:.4g}; normalised growth: skewness "
              f"{details['growth_skewness']:.3g}, kurtosis {details['growth_kurtosis']:.3g} (both fits are "
              f"symmetric); 99th percentile of growth {100 * details['growth_p99']:.1f} %; Hill index on the top "
              f"{details['hill_k']} of {details['sizes']} firm records.")


def plot_growth_density(details, datasets, skip_years):
    """The density of normalised growth rates (histogram, log y axis) with the fitted Laplace and Subbotin."""
    g_norm = details["g_norm"]
    beta, location, scale = details["subbotin"]
    laplace_location, laplace_scale = details["laplace"]
    low, high = np.percentile(g_norm, [0.05, 99.95])
    edges = np.linspace(low, high, 81)
    counts, _ = np.histogram(g_norm, bins=edges)
    density = counts / (len(g_norm) * np.diff(edges))  # share of all growth rates, tails outside the range included
    centres = 0.5 * (edges[:-1] + edges[1:])
    figure, axes = plt.subplots(figsize=(6.4, 4.6), layout="constrained")
    shown = density > 0
    axes.plot(centres[shown], density[shown], "o", markersize=3.5, color="black",
              label=f"normalised growth rates (n = {len(g_norm)})")
    grid = np.linspace(low, high, 600)
    axes.plot(grid, stats.laplace.pdf(grid, laplace_location, laplace_scale), color="tab:blue",
              label=f"Laplace (scale {laplace_scale:.3g})")
    axes.plot(grid, stats.gennorm.pdf(grid, beta, location, scale), color="tab:red", linestyle="--",
              label=f"Subbotin (b = {beta:.3g}, scale {scale:.3g})")
    axes.set_yscale("log")
    axes.set_ylim(bottom=max(density[shown].min() / 3, 1e-6))
    axes.set_xlabel("annual growth of ln sales, minus its year-industry mean [1]")
    axes.set_ylabel("density [1]")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    names = ", ".join(pathlib.Path(cf.path_of(dataset)).name for dataset in datasets)
    axes.set_title(f"Growth-rate density after year {skip_years:g}, pooled over {len(datasets)} run(s)\n{names}",
                   fontsize=9)
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=pathlib.Path, metavar="FILE",
                        help="clustersim run files with the firm panel (pooled)")
    parser.add_argument("--skip-years", type=float, default=5.0, metavar="N",
                        help="burn-in: use the snapshots from the end of year N on and the ticks after it (default 5)")
    parser.add_argument("--figure", type=pathlib.Path, metavar="OUT.png",
                        help="draw the density of normalised growth rates (log y axis) with the fitted Laplace and "
                        f"Subbotin; the format follows the extension ({', '.join(cf.FIGURE_FORMATS)})")
    parser.add_argument("--dpi", type=int, default=cf.DEFAULT_DPI,
                        help=f"resolution of PNG output (default {cf.DEFAULT_DPI})")
    args = parser.parse_args()
    if args.skip_years < 0:
        raise cf.InputError(f"--skip-years {args.skip_years:g}: must be 0 or more")
    figure_path = cf.output_path(args.figure, args.files[0]) if args.figure else None
    datasets = [open_panel_run(path) for path in args.files]
    results, details = measure(datasets, args.skip_years)
    print_table(results, details, datasets, args.skip_years)
    if figure_path:
        if "subbotin" not in details:
            raise cf.InputError(f"too few growth rates ({details['growth_rates']}) for the figure")
        cf.save_figure(plot_growth_density(details, datasets, args.skip_years), figure_path, args.dpi)
    return 0


if __name__ == "__main__":
    cf.run_script(main)
