#!/usr/bin/python3
"""Side-by-side differences of two clustersim runs A and B: a table of headline variables at one date
(A, B, B − A, (B − A)/A in %), printed as Markdown, optionally written as CSV (--csv) and drawn as time
series of B − A (-o FIG.png).

Headline variables, each summed over its non-time axes, whichever both files hold: welfare_total (else
welfare; money-metric welfare at common reference prices, the measure to compare scenarios with),
welfare_per_head_national, real_gdp_total (else real_gdp; chained volume), gdp_total (else gdp),
rd_spending, innovations, talent_stock, talent_employed,
firms_total (else firms), mean_structural_similarity, mean_krugman_specialisation, subsidies,
wasted_subsidies; --vars compares other time-series variables instead. The date is the last tick on or
before --at in each file (default: the last date of the shorter run). A sweep file
is read as one of its runs (--scenario, --replicate: one value for both files or one each).
Runs with /usr/bin/python3 (Debian's python3-xarray, python3-pandas, python3-matplotlib); headless
(Agg). Bad input: one line on stderr, exit status 2.

Usage:
  /usr/bin/python3 scripts/compare_runs.py A.h5 B.h5 [--at YYYY-MM-DD] [--vars NAME ...] [--csv TABLE.csv]
      [-o FIG.png|FIG.pdf]

Examples:
  scripts/compare_runs.py results/baseline.h5 results/high_rd_subsidy.h5
  scripts/compare_runs.py baseline.h5 subsidy.h5 --at 2030-12-31 --csv diff.csv -o diff.png
  scripts/compare_runs.py sweep.h5 sweep.h5 --scenario 0 3 --vars gdp talent_stock
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

# Each headline is its first variable that both files hold (alternatives for files with a `keep` list).
HEADLINES = [
    ("welfare_total", "welfare"),
    ("welfare_per_head_national",),
    ("real_gdp_total", "real_gdp"),
    ("gdp_total", "gdp"),
    ("rd_spending",),
    ("innovations",),
    ("talent_stock",),
    ("talent_employed",),
    ("firms_total", "firms"),
    ("mean_structural_similarity",),
    ("mean_krugman_specialisation",),
    ("subsidies",),
    ("wasted_subsidies",),
]


def selection_for(values, which, flag):
    """--scenario/--replicate value for run `which` (0 for A, 1 for B): one value serves both."""
    if values is None:
        return None
    if len(values) > 2:
        raise cf.InputError(f"{flag} takes one value (both files) or two (A, then B), got {len(values)}")
    return values[min(which, len(values) - 1)]


def compared_variables(run_a, run_b, requested):
    if requested:
        for run in (run_a, run_b):
            for name in requested:
                cf.require_variable(run, name, with_dims=("time",), what="time series")
        return list(requested)
    names = []
    for alternatives in HEADLINES:
        name = next((name for name in alternatives if name in run_a and name in run_b), None)
        if name is not None:
            names.append(name)
    if not names:
        wanted = sorted({name for alternatives in HEADLINES for name in alternatives})
        raise cf.InputError(f"{cf.path_of(run_a)} and {cf.path_of(run_b)} share none of the headline variables "
                            f"({', '.join(wanted)}); name some with --vars")
    return names


def comparison_dates(run_a, run_b, at):
    if at is None:
        at = str(min(run_a["time"].values[-1], run_b["time"].values[-1]))
    return cf.time_index_at(run_a, at), cf.time_index_at(run_b, at)


def relative_percent(a, b):
    return 100.0 * (b - a) / a if a != 0 and np.isfinite(a) else float("nan")


def comparison_table(run_a, run_b, names, index_a, index_b):
    rows = []
    for name in names:
        total_a = cf.reduce_to(run_a[name], ("time",))
        total_b = cf.reduce_to(run_b[name], ("time",))
        a, b = float(total_a.values[index_a]), float(total_b.values[index_b])
        rows.append({"variable": name, "reduction": total_a.attrs["reduction"],
                     "units": total_a.attrs.get("units", ""), "A": a, "B": b, "B_minus_A": b - a,
                     "relative_change_percent": relative_percent(a, b)})
    return pd.DataFrame(rows)


def print_markdown(table, run_a, run_b, index_a, index_b):
    print(f"A: {cf.describe_run(run_a)}, at {cf.date_text(run_a, index_a)}")
    print(f"B: {cf.describe_run(run_b)}, at {cf.date_text(run_b, index_b)}")
    print("Variables summed over their non-time axes.\n")
    print("| variable | units | A | B | B − A | (B − A)/A (%) |")
    print("|---|---|---|---|---|---|")
    for row in table.itertuples():
        label = f"{row.variable} ({row.reduction})" if row.reduction else row.variable
        print(f"| {label} | {row.units} | {row.A:.6g} | {row.B:.6g} | {row.B_minus_A:.6g} | "
              f"{row.relative_change_percent:.3g} |")


def plot_differences(run_a, run_b, names):
    """One panel per variable: B − A over the dates both runs share."""
    common = np.intersect1d(run_a["time"].values, run_b["time"].values)
    if len(common) == 0:
        raise cf.InputError(f"{cf.path_of(run_a)} and {cf.path_of(run_b)} share no date; no figure of differences")
    columns = min(3, len(names))
    rows = -(-len(names) // columns)
    figure, axes_grid = plt.subplots(rows, columns, figsize=(4.2 * columns, 2.8 * rows + 0.8),
                                     squeeze=False, layout="constrained")
    for axes, name in zip(axes_grid.ravel(), names):
        total_a = cf.reduce_to(run_a[name], ("time",)).sel(time=common)
        total_b = cf.reduce_to(run_b[name], ("time",)).sel(time=common)
        axes.plot(common, (total_b - total_a).values, color="tab:blue")
        axes.axhline(0, color="black", linewidth=0.6)
        axes.set_title(cf.describe_variable(total_a), fontsize=9)
        axes.set_ylabel(cf.axis_label(total_a, "B − A"), fontsize=8)
        cf.format_time_axis(axes)
        axes.grid(alpha=0.3)
    for axes in axes_grid.ravel()[len(names):]:
        axes.remove()
    figure.suptitle(f"B − A\nA = {cf.describe_run(run_a)}\nB = {cf.describe_run(run_b)}", fontsize=10)
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run_a", type=pathlib.Path, metavar="A.h5", help="the reference run")
    parser.add_argument("run_b", type=pathlib.Path, metavar="B.h5", help="the run compared with it")
    parser.add_argument("--at", metavar="DATE",
                        help="the last tick on or before this date (default: the last date of the shorter run)")
    parser.add_argument("--vars", nargs="+", metavar="NAME",
                        help="time-series variables to compare instead of the headlines")
    parser.add_argument("--csv", type=pathlib.Path, metavar="TABLE.csv",
                        help="also write the table as CSV (full precision)")
    cf.add_output_argument(parser, "no figure; with -o, B − A of every compared variable over time")
    cf.add_run_selection_arguments(parser, runs=2)
    args = parser.parse_args()
    figure_path = cf.output_path(args.output, args.run_a) if args.output else None
    # One value for both files applies to those that are sweeps; two values must each find a sweep.
    one_for_both = all(values is None or len(values) == 1 for values in (args.scenario, args.replicate))
    runs = [cf.open_run(path, selection_for(args.scenario, which, "--scenario"),
                        selection_for(args.replicate, which, "--replicate"), selection_must_apply=not one_for_both)
            for which, path in enumerate((args.run_a, args.run_b))]
    run_a, run_b = runs
    names = compared_variables(run_a, run_b, args.vars)
    index_a, index_b = comparison_dates(run_a, run_b, args.at)
    table = comparison_table(run_a, run_b, names, index_a, index_b)
    print_markdown(table, run_a, run_b, index_a, index_b)
    if args.csv:
        try:
            table.assign(date_A=cf.date_text(run_a, index_a), date_B=cf.date_text(run_b, index_b)).to_csv(
                args.csv, index=False, float_format="%.17g", na_rep="nan")  # a change relative to 0 is undefined: say so
        except OSError as error:
            raise cf.InputError(f"{args.csv}: cannot write the table: {error.strerror or error}") from None
        cf.note(f"wrote {args.csv}")
    if figure_path:
        cf.save_figure(plot_differences(run_a, run_b, names), figure_path, args.dpi)
    return 0


if __name__ == "__main__":
    cf.run_script(main)
