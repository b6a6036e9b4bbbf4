#!/usr/bin/python3
"""Differences of two scenarios A and B over replicates: a table of headline variables at one date (A,
B, B − A and (B − A)/A in %, each with a 95 % confidence interval), printed as Markdown, optionally
written as CSV (--csv) and drawn as B − A over dates with its confidence band (-o FIG.png).

Each side is one or more run files (-a A1.h5 A2.h5 ..., -b B1.h5 ...: replicates of the scenario, e.g.
the same scenario run with --seed 1 to 10) or a sweep file, of which it takes every done replicate of one
scenario (--scenario: an index or swept values such as policy.rd_subsidy_rate=0.3, one for both sides or
one each; --replicate takes one replicate only). Runs of A and B are paired when their random streams
are the same (the same seed and replicate key: run files run with the same seeds, the scenarios of a
sweep with common random numbers): then the interval is Student's t over the paired differences;
otherwise it is Welch's. With one run on each side there is no interval: the difference then mixes the
scenario's effect with the luck of the random streams, and the table says so.

Headline variables, each summed over its non-time axes, whichever both sides hold: welfare_total (else
welfare; money-metric welfare at common reference prices, the measure to compare scenarios with),
welfare_per_head_national, real_gdp_total (else real_gdp; chained volume), gdp_total (else gdp),
rd_spending, innovations, talent_stock, talent_employed, firms_total (else firms),
mean_structural_similarity, mean_krugman_specialisation, subsidies, wasted_subsidies; --vars compares
other time-series variables instead. The date is the last tick on or before --at in each run (default:
the last date of the shortest run). Runs with /usr/bin/python3 (Debian's python3-xarray,
python3-pandas, python3-scipy, python3-matplotlib); headless (Agg). Bad input: one line on stderr, exit
status 2.

Usage:
  /usr/bin/python3 scripts/compare_runs.py A.h5 B.h5 [--at YYYY-MM-DD] [--vars NAME ...] [--csv TABLE.csv]
      [-o FIG.png|FIG.pdf]
  /usr/bin/python3 scripts/compare_runs.py -a A1.h5 A2.h5 ... -b B1.h5 B2.h5 ... [options]
  /usr/bin/python3 scripts/compare_runs.py SWEEP.h5 SWEEP.h5 --scenario N|KEY=VALUE,... [M|KEY=VALUE,...] [options]

Examples:
  scripts/compare_runs.py results/baseline.h5 results/high_rd_subsidy.h5        # one run each: no interval
  scripts/compare_runs.py -a results/base-seed*.h5 -b results/rd-seed*.h5 --csv diff.csv -o diff.png
  scripts/compare_runs.py sweep.h5 sweep.h5 --scenario policy.rd_subsidy_rate=0,policy.openness=0.5 \\
      policy.rd_subsidy_rate=0.3,policy.openness=0.5 --at 2035-12-31
"""
import argparse
import pathlib
import sys
import textwrap
from collections import namedtuple

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402
from clustersim import figure_text as ft  # noqa: E402
from clustersim.differences import replicate_difference  # noqa: E402
from clustersim.figures import plain_numbers, write_atomically  # noqa: E402
from clustersim.scaled_units import choose_scale, significant  # noqa: E402
from clustersim.scenario_choice import scenario_index, scenario_text  # noqa: E402

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


# One run of a side: its time series, and the key of its random streams (seed, replicate key).
Run = namedtuple("Run", "dataset stream_key")
# A side of the comparison: its runs, and one line naming them.
Side = namedtuple("Side", "runs text")


def selection_for(values, which, flag):
    """--scenario/--replicate value for side `which` (0 for A, 1 for B): one value serves both."""
    if values is None:
        return None
    if len(values) > 2:
        raise cf.InputError(f"{flag} takes one value (both sides) or two (A, then B), got {len(values)}")
    return values[min(which, len(values) - 1)]


def runs_of_sweep(path, scenario, replicate):
    """The done runs of one scenario of a sweep file (or the one replicate asked for)."""
    sweep = cf.open_sweep(path)
    index = scenario_index(sweep, scenario if scenario is not None else "0", "--scenario")
    if scenario is None:
        cf.note(f"note: {path} is a sweep file; using scenario 0 (choose with --scenario)")
    if replicate is not None:
        replicates = [int(replicate)]
    else:
        replicates = [r for r in range(sweep.sizes["replicate"])
                      if int(sweep["run_status"].values[index, r]) == cf.RUN_STATUS_DONE]
        if not replicates:
            raise cf.InputError(f"{path}: scenario {index} has no done run; choose another with --scenario")
    runs = []
    for r in replicates:
        dataset = cf.open_run(path, index, r)
        key = tuple(int(sweep[name].values[index, r]) if name in sweep else (path, index, r)
                    for name in ("run_seed", "run_replicate_key"))
        runs.append(Run(dataset, key))
    text = (f"{pathlib.Path(path).name}: scenario {index} ({scenario_text(sweep, index)}), "
            f"{plural(len(runs), 'replicate')}")
    return runs, text


def load_side(paths, scenario, replicate):
    """The runs of one side: every run file, and the chosen scenario's replicates of every sweep file."""
    runs, texts, run_files = [], [], []
    for path in paths:
        _, kind = cf.open_clustersim(path)
        if kind == "sweep":
            sweep_runs, text = runs_of_sweep(path, scenario, replicate)
            runs += sweep_runs
            texts.append(text)
        else:
            dataset = cf.open_run(path, selection_must_apply=False)
            runs.append(Run(dataset, (int(dataset.attrs.get("seed", -1)), int(dataset.attrs.get("replicate", 0)))))
            run_files.append(dataset)
    if len(run_files) == 1:
        texts.insert(0, cf.describe_run(run_files[0]))
    elif run_files:
        texts.insert(0, runs_text(run_files))
    return Side(runs, "; ".join(texts))


def runs_text(datasets):
    """"10 runs of configs/baseline.toml (seeds 1 to 10)": run files named by their scenarios and seeds."""
    scenarios = sorted({str(dataset.attrs.get("scenario_name", "?")) for dataset in datasets})
    seeds = sorted({int(dataset.attrs.get("seed", -1)) for dataset in datasets})
    consecutive = seeds == list(range(seeds[0], seeds[0] + len(seeds)))
    seed_text = f"seeds {seeds[0]} to {seeds[-1]}" if consecutive and len(seeds) > 2 else \
        f"seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, seeds))}"
    return f"{len(datasets)} runs of {' and '.join(scenarios)} ({seed_text})"


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def pairing(side_a, side_b):
    """Orders of A's and B's runs that pair them by their random streams, or None when they do not pair
    (the keys differ, or repeat on a side)."""
    keys_a = [run.stream_key for run in side_a.runs]
    keys_b = [run.stream_key for run in side_b.runs]
    if len(set(keys_a)) != len(keys_a) or set(keys_a) != set(keys_b):
        return None
    order_b = {key: position for position, key in enumerate(keys_b)}
    return list(range(len(keys_a))), [order_b[key] for key in keys_a]


def compared_variables(side_a, side_b, requested):
    runs = [run.dataset for run in side_a.runs + side_b.runs]
    if requested:
        for run in runs:
            for name in requested:
                cf.require_variable(run, name, with_dims=("time",), what="time series")
        return list(requested)
    names = []
    for alternatives in HEADLINES:
        name = next((name for name in alternatives if all(name in run for run in runs)), None)
        if name is not None:
            names.append(name)
    if not names:
        wanted = sorted({name for alternatives in HEADLINES for name in alternatives})
        raise cf.InputError(f"{side_a.text} and {side_b.text} share none of the headline variables "
                            f"({', '.join(wanted)}); name some with --vars")
    return names


def comparison_indices(side_a, side_b, at):
    """Per run of each side, the index of the last tick on or before `at` (default: the last date of the
    shortest run)."""
    runs = side_a.runs + side_b.runs
    if at is None:
        at = str(min(run.dataset["time"].values[-1] for run in runs))
    return ([cf.time_index_at(run.dataset, at) for run in side_a.runs],
            [cf.time_index_at(run.dataset, at) for run in side_b.runs])


def totals_at(side, name, indices):
    """The variable, summed over its non-time axes, of every run of a side at its index."""
    return np.array([float(ft.reduced(run.dataset[name], ("time",)).values[index])
                     for run, index in zip(side.runs, indices)])


def ordered(values, order):
    return values if order is None else values[order]


def comparison_table(side_a, side_b, names, indices_a, indices_b, order):
    rows = []
    for name in names:
        example = ft.reduced(side_a.runs[0].dataset[name], ("time",))
        a = ordered(totals_at(side_a, name, indices_a), order and order[0])
        b = ordered(totals_at(side_b, name, indices_b), order and order[1])
        difference = replicate_difference(a, b, paired=order is not None)
        rows.append({"variable": name, "label": ft.short_label(example), "reduction": example.attrs["reduction"],
                     "units": ft.human_unit(example), "A": float(difference.mean_a), "B": float(difference.mean_b),
                     "B_minus_A": float(difference.difference), "ci_low": float(difference.low),
                     "ci_high": float(difference.high), "relative_change_percent": float(difference.relative),
                     "relative_ci_low": float(difference.relative_low),
                     "relative_ci_high": float(difference.relative_high), "n_A": len(a), "n_B": len(b),
                     "paired": order is not None})
    return pd.DataFrame(rows)


def method_text(side_a, side_b, order, short=False):
    n_a, n_b = len(side_a.runs), len(side_b.runs)
    if n_a < 2 or n_b < 2:
        if short:
            return "one run on a side: no confidence interval"
        return ("one run on a side: no confidence interval; the difference mixes the scenario's effect with the "
                "luck of the random streams (compare replicates: several files per side, or a sweep)")
    if order is not None:
        return f"mean of {n_a} paired differences (same random streams), 95 % confidence band"
    return f"difference of the means of {n_a} and {n_b} unpaired runs, Welch's 95 % confidence band"


def with_interval(value, low, high, scale, digits=3, suffix=""):
    text = f"{significant(value * scale, digits)}{suffix}"
    if np.isfinite(low) and np.isfinite(high):
        text += f" [{significant(low * scale, digits)}, {significant(high * scale, digits)}]"
    return text


def print_markdown(table, side_a, side_b, dates_a, dates_b, order):
    print(f"A: {side_a.text}, at {dates_a}")
    print(f"B: {side_b.text}, at {dates_b}")
    method = method_text(side_a, side_b, order).replace("band", "interval")
    print(f"Variables summed over their non-time axes; {method}.\n")
    print("| variable | unit | A | B | B − A [95 % CI] | (B − A)/A in % [95 % CI] |")
    print("|---|---|---|---|---|---|")
    for row in table.itertuples():
        scale = choose_scale(row.units, np.array([row.A, row.B]), row.variable)
        label = f"{row.label} ({row.reduction})" if row.reduction and row.label == row.variable else row.label
        print(f"| {label} | {scale.unit} | {significant(row.A * scale.factor, 4)} | "
              f"{significant(row.B * scale.factor, 4)} | "
              f"{with_interval(row.B_minus_A, row.ci_low, row.ci_high, scale.factor)} | "
              f"{with_interval(row.relative_change_percent, row.relative_ci_low, row.relative_ci_high, 1.0, 2)} |")


def series(side, name, dates):
    """(runs, dates) of the variable summed over its non-time axes, at the dates every run has."""
    return np.array([ft.reduced(run.dataset[name], ("time",)).sel(time=dates).values for run in side.runs])


def plot_differences(side_a, side_b, names, order=None):
    """One panel per variable: B − A over the dates every run shares, with its 95 % band."""
    common = side_a.runs[0].dataset["time"].values
    for run in side_a.runs + side_b.runs:
        common = np.intersect1d(common, run.dataset["time"].values)
    if len(common) == 0:
        raise cf.InputError(f"{side_a.text} and {side_b.text} share no date; no figure of differences")
    columns = 2 if len(names) in (2, 4) else min(3, len(names))
    rows = -(-len(names) // columns)
    figure, axes_grid = plt.subplots(rows, columns, figsize=(4.0 * columns, 2.6 * rows + 1.0),
                                     squeeze=False, layout="constrained")
    for axes, name in zip(axes_grid.ravel(), names):
        example = ft.reduced(side_a.runs[0].dataset[name], ("time",))
        a = ordered(series(side_a, name, common), order and order[0])
        b = ordered(series(side_b, name, common), order and order[1])
        difference = replicate_difference(a, b, paired=order is not None)
        scale = ft.scale_of(example, np.concatenate([difference.difference, difference.low, difference.high]))
        if np.isfinite(difference.low).any():
            axes.fill_between(common, difference.low * scale.factor, difference.high * scale.factor,
                              color="tab:blue", alpha=0.25, linewidth=0, label="95 % confidence band")
        axes.plot(common, difference.difference * scale.factor, color="tab:blue", linewidth=1.2,
                  label="mean difference" if len(a) > 1 else "difference")
        axes.axhline(0, color="black", linewidth=0.6)
        axes.set_title(ft.display_label(example), fontsize=9)
        axes.set_ylabel(f"B − A{ft.bracketed(scale.unit)}", fontsize=8)
        plain_numbers(axes)
        cf.format_time_axis(axes)
        axes.tick_params(labelsize=7)
        axes.grid(alpha=0.3)
    for axes in axes_grid.ravel()[len(names):]:
        axes.remove()
    figure.suptitle(f"B − A: {method_text(side_a, side_b, order, short=True)}\n"
                    f"A = {textwrap.shorten(side_a.text, 110)}\nB = {textwrap.shorten(side_b.text, 110)}", fontsize=9)
    return figure


def sides_from_arguments(parser, args):
    if args.a or args.b:
        if not (args.a and args.b) or args.runs:
            parser.error("give both -a and -b (one or more files each), or two files A.h5 B.h5, not both ways")
        return args.a, args.b
    if len(args.runs) != 2:
        parser.error(f"expected two files A.h5 B.h5 (or -a FILES -b FILES), got {len(args.runs)}")
    return [args.runs[0]], [args.runs[1]]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", type=pathlib.Path, nargs="*", metavar="A.h5 B.h5",
                        help="the reference run A and the run B compared with it (one file each)")
    parser.add_argument("-a", nargs="+", type=pathlib.Path, metavar="A.h5",
                        help="side A: one or more run files (replicates) or a sweep file")
    parser.add_argument("-b", nargs="+", type=pathlib.Path, metavar="B.h5",
                        help="side B: one or more run files (replicates) or a sweep file")
    parser.add_argument("--at", metavar="DATE",
                        help="the last tick on or before this date (default: the last date of the shortest run)")
    parser.add_argument("--vars", nargs="+", metavar="NAME",
                        help="time-series variables to compare instead of the headlines")
    parser.add_argument("--csv", type=pathlib.Path, metavar="TABLE.csv",
                        help="also write the table as CSV (full precision, the files' units)")
    parser.add_argument("--scenario", nargs="+", metavar="N|KEY=VALUE,...",
                        help="sweep files: the scenario of each side, an index or swept values (default 0); "
                        "one value for both sides or two (A, then B)")
    parser.add_argument("--replicate", type=int, nargs="+", metavar="N",
                        help="sweep files: only this replicate (default: every done replicate); one or two values")
    cf.add_output_argument(parser, "no figure; with -o, B − A of every compared variable over time")
    args = parser.parse_args()
    paths_a, paths_b = sides_from_arguments(parser, args)
    figure_path = cf.output_path(args.output, paths_a[0]) if args.output else None
    side_a, side_b = (load_side(paths, selection_for(args.scenario, which, "--scenario"),
                                selection_for(args.replicate, which, "--replicate"))
                      for which, paths in enumerate((paths_a, paths_b)))
    names = compared_variables(side_a, side_b, args.vars)
    indices_a, indices_b = comparison_indices(side_a, side_b, args.at)
    dates_a = ", ".join(sorted({cf.date_text(run.dataset, i) for run, i in zip(side_a.runs, indices_a)}))
    dates_b = ", ".join(sorted({cf.date_text(run.dataset, i) for run, i in zip(side_b.runs, indices_b)}))
    order = pairing(side_a, side_b)
    table = comparison_table(side_a, side_b, names, indices_a, indices_b, order)
    print_markdown(table, side_a, side_b, dates_a, dates_b, order)
    if args.csv:
        written = table.assign(date_A=dates_a, date_B=dates_b)
        write_atomically(args.csv, lambda path: written.to_csv(path, index=False, float_format="%.17g",
                                                                 na_rep="nan"))
        cf.note(f"wrote {args.csv}")
    if figure_path:
        cf.save_figure(plot_differences(side_a, side_b, names, order), figure_path, args.dpi)
    return 0


if __name__ == "__main__":
    cf.run_script(main)
