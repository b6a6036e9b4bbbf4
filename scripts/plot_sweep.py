#!/usr/bin/python3
"""Figures of a clustersim sweep file (`clustersim sweep`): fan charts of a metric, one small panel per
scenario, as the difference from a baseline scenario with a confidence band, and a heat map of the
metric over two swept parameters.

The metric is a time-series variable of the file summed over its non-time axes (`gdp` gives national
GDP), or taken for one region (--region) or industry (--industry); NaN elements are left out of the sum.
Only runs with run_status == 1 (done) count; a scenario without one is left out with a note.

The baseline (--baseline, default scenario 0) is a scenario index or the values of swept keys,
`policy.rd_subsidy_rate=0.1,policy.openness=0.5`. Differences are taken over replicates: paired
(replicate j against replicate j) when the sweep has common random numbers (its attribute
common_random_numbers), Welch's otherwise, each with a 95 % confidence interval.

  fan      one panel per scenario (a grid over the two swept parameters when they form one), sharing the
           y axis: the mean over replicates of the scenario minus the baseline over dates, with its 95 %
           confidence band and a zero line; --relative draws it in % of the baseline. --levels draws the
           metric itself instead (the mean with the 95 % interval of the mean). At most 24 panels.
  heatmap  the metric at --at (the last tick on or before the date; default the last tick) on the grid
           of the --x and --y parameters (default: the first two swept parameters): the change from the
           baseline in %, marked * where its 95 % interval excludes 0, on a colour scale centred at 0;
           --levels: the mean over replicates in scaled units. With more than two swept parameters each
           cell averages over the others. When the scenarios' (x, y) values do not fill a grid
           (latin_hypercube, sobol, random designs) it draws a scatter of the scenarios instead. A sweep
           with fewer than two swept parameters has no heat map: asking for one is an error.
  both     (default) fan charts and heat map side by side; the fan charts alone for one swept parameter.

Runs with /usr/bin/python3 (Debian's python3-xarray, python3-matplotlib, python3-scipy); headless (Agg).
Bad input (not a sweep file, an unknown metric, parameter, baseline or date): one line on stderr, exit
status 2.

Usage:
  /usr/bin/python3 scripts/plot_sweep.py SWEEP.h5 [--metric VARIABLE] [--plot fan|heatmap|both]
      [--baseline INDEX|KEY=VALUE,...] [--relative] [--levels] [--region NAME] [--industry NAME]
      [--at YYYY-MM-DD] [--x KEY] [--y KEY] [-o FIG.png|FIG.pdf]

Examples:
  scripts/plot_sweep.py sweep.h5                                          # welfare_total: sweep-welfare_total.png
  scripts/plot_sweep.py sweep.h5 --plot fan --baseline policy.rd_subsidy_rate=0,policy.openness=0.5
  scripts/plot_sweep.py sweep.h5 --metric gdp --region Anhui --plot fan --relative -o anhui.pdf
  scripts/plot_sweep.py sweep.h5 --metric mean_structural_similarity --plot heatmap --levels \\
      --x policy.openness --y policy.rd_subsidy_rate --at 2030-12-31
"""
import argparse
import math
import pathlib
import sys
import textwrap

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402
from clustersim import figure_text as ft  # noqa: E402
from clustersim.differences import LEVEL, excludes_zero, mean_and_half_width, replicate_difference  # noqa: E402
from clustersim.figures import plain_numbers  # noqa: E402
from clustersim.scaled_units import Scale, significant  # noqa: E402
from clustersim.scenario_choice import scenario_index, scenario_text  # noqa: E402

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

MAX_FAN_PANELS = 24
MAX_ANNOTATED_CELLS = 64
BAND_COLOUR = "tab:blue"
PERCENT = Scale(1.0, "%")


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def short_key(key):
    """policy.rd_subsidy_rate -> rd_subsidy_rate: the panel titles have little room."""
    return str(key).split(".")[-1]


def metric_runs(sweep, metric, region, industry):
    """The metric per (scenario, replicate, time), NaN for runs that are not done."""
    variable = cf.require_variable(sweep, metric, with_dims=("time",), what="time series")
    runs = ft.reduced(variable, ("scenario", "replicate", "time"), region=region, industry=industry)
    return runs.where(cf.done_runs(sweep)).transpose("scenario", "replicate", "time")


def choose_axes_parameters(sweep, x, y):
    parameters = cf.swept_parameters(sweep)
    for flag, key in (("--x", x), ("--y", y)):
        if key is not None and key not in parameters:
            raise cf.InputError(f"{cf.path_of(sweep)}: {flag} {key} is not a swept parameter; swept parameters: "
                                f"{', '.join(parameters) or 'none'}")
    x = x or next((key for key in parameters if key != y), None)
    y = y or next((key for key in parameters if key != x), None)
    return parameters, x, y


def is_paired(sweep):
    """Replicate j of every scenario shares its random streams (the sweep's common_random_numbers)."""
    return str(sweep.attrs.get("common_random_numbers", "")).strip().lower() in ("true", "1")


def done_scenarios(sweep, runs):
    done = np.isfinite(runs.values).any(axis=2).sum(axis=1)
    skipped = [s for s in range(len(done)) if done[s] == 0]
    if skipped:
        cf.note(f"note: scenarios without a done run left out: {', '.join(map(str, skipped))}")
    drawn = [s for s in range(len(done)) if done[s] > 0]
    if not drawn:
        raise cf.InputError(f"{cf.path_of(sweep)}: no run is done (run_status == 1); nothing to plot")
    return drawn, done


class Comparison:
    """What the figures show of each scenario: the metric itself (levels) or its change from the baseline
    (in the metric's unit, or in % with relative), with a 95 % interval, over replicates."""

    def __init__(self, sweep, runs, baseline, levels, relative):
        self.sweep, self.runs, self.baseline, self.levels, self.relative = sweep, runs, baseline, levels, relative
        self.paired = is_paired(sweep)
        self.values = runs.values
        if baseline is not None and not np.isfinite(self.values[baseline]).any():
            raise cf.InputError(f"{cf.path_of(sweep)}: the baseline, scenario {baseline}, has no done run; "
                                "choose another with --baseline")

    def of(self, scenario, time_index=slice(None)):
        """(centre, low, high, significant) of a scenario over time (or at one time index)."""
        values = self.values[scenario][:, time_index]
        if self.levels:
            mean, half, _ = mean_and_half_width(values)
            return mean, mean - half, mean + half, np.zeros(np.shape(mean), dtype=bool)
        difference = replicate_difference(self.values[self.baseline][:, time_index], values, self.paired)
        if self.relative:
            centre, low, high = difference.relative, difference.relative_low, difference.relative_high
        else:
            centre, low, high = difference.difference, difference.low, difference.high
        return centre, low, high, excludes_zero(low, high)

    def method(self):
        """How the band was made, for a subtitle."""
        replicates = int(np.isfinite(self.values).any(axis=2).sum(axis=1).max())
        if replicates < 2:
            return "one replicate per scenario: no confidence band"
        if self.levels:
            return f"mean over {replicates} replicates and its {LEVEL:.0%} confidence band"
        how = "paired replicates (common random numbers)" if self.paired else "replicates, Welch's interval"
        return f"mean difference over {replicates} {how}, {LEVEL:.0%} confidence band"

    def quantity(self):
        """"Welfare" or "Welfare, change from baseline" with the baseline named."""
        label = ft.display_label(self.runs)
        if self.levels:
            return label
        return f"{label}: change from {scenario_text(self.sweep, self.baseline)}"

    def scale(self, values):
        return PERCENT if self.relative and not self.levels else ft.scale_of(self.runs, values)

    def value_label(self, scale):
        """The y axis or colour bar: "Δ Welfare [billion CNY/year]"."""
        label = ft.short_label(self.runs)
        text = label if self.levels else (f"{label}, change" if self.relative else f"Δ {label}")
        return f"{text}{ft.bracketed(scale.unit)}"


def grid_positions(sweep, scenarios, parameters):
    """(rows, columns, {scenario: (row, column)}, row titles, column titles): a grid over the two swept
    parameters when they form one (the first along columns, the second along rows, largest at the top),
    else the scenarios in reading order."""
    if len(parameters) == 2:
        x_key, y_key = parameters
        x_values = sorted(set(float(v) for v in sweep[x_key].values))
        y_values = sorted(set(float(v) for v in sweep[y_key].values), reverse=True)
        pairs = {(float(sweep[x_key].values[s]), float(sweep[y_key].values[s])): s
                 for s in range(sweep.sizes["scenario"])}
        if len(pairs) == len(x_values) * len(y_values) == sweep.sizes["scenario"]:
            positions = {pairs[(x, y)]: (row, column) for row, y in enumerate(y_values)
                         for column, x in enumerate(x_values) if pairs[(x, y)] in scenarios}
            return (len(y_values), len(x_values), positions,
                    [f"{short_key(y_key)} = {y:g}" for y in y_values],
                    [f"{short_key(x_key)} = {x:g}" for x in x_values])
    columns = min(len(scenarios), 4 if len(scenarios) > 9 else 3)
    rows = math.ceil(len(scenarios) / columns)
    return rows, columns, {s: divmod(position, columns) for position, s in enumerate(scenarios)}, None, None


def panel_title(sweep, scenario, parameters):
    values = ", ".join(f"{short_key(key)} {float(sweep[key].values[scenario]):g}" for key in parameters)
    return values or f"scenario {scenario}"


def draw_fan(container, comparison, parameters):
    sweep, runs = comparison.sweep, comparison.runs
    scenarios, _ = done_scenarios(sweep, runs)
    if len(scenarios) > MAX_FAN_PANELS:
        cf.note(f"note: {len(scenarios)} scenarios; fan charts of the first {MAX_FAN_PANELS} only")
        kept = scenarios[:MAX_FAN_PANELS]
        if comparison.baseline is not None and comparison.baseline not in kept:
            kept = kept[:-1] + [comparison.baseline]
        scenarios = sorted(kept)
    rows, columns, positions, row_titles, column_titles = grid_positions(sweep, scenarios, parameters)
    curves = {s: comparison.of(s) for s in scenarios if comparison.levels or s != comparison.baseline}
    everything = np.concatenate([np.ravel(part) for curve in curves.values() for part in curve[:3]] or [[0.0]])
    scale = comparison.scale(everything)
    axes_grid = container.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    times = runs["time"].values
    for scenario, (row, column) in positions.items():
        axes = axes_grid[row, column]
        axes.set_title(panel_title(sweep, scenario, parameters) if row_titles is None else "", fontsize=8)
        if scenario not in curves:
            axes.text(0.5, 0.5, "baseline", transform=axes.transAxes, ha="center", va="center", fontsize=9,
                      color="0.3")
            axes.axhline(0, color="black", linewidth=0.6)
        else:
            centre, low, high, _ = curves[scenario]
            axes.fill_between(times, low * scale.factor, high * scale.factor, color=BAND_COLOUR, alpha=0.25,
                              linewidth=0, label=f"{LEVEL:.0%} confidence band")
            axes.plot(times, centre * scale.factor, color=BAND_COLOUR, linewidth=1.2, label="mean")
            if not comparison.levels:
                axes.axhline(0, color="black", linewidth=0.6)
        axes.grid(alpha=0.3)
        cf.format_time_axis(axes)
        axes.tick_params(labelsize=7)
    plain_numbers(axes_grid[0, 0])
    for row in range(rows):
        for column in range(columns):
            if not any(position == (row, column) for position in positions.values()):
                axes_grid[row, column].set_visible(False)
    if column_titles:
        for column, title in enumerate(column_titles):
            axes_grid[0, column].set_title(title, fontsize=8)
        for row, title in enumerate(row_titles):
            axes_grid[row, -1].yaxis.set_label_position("right")
            axes_grid[row, -1].set_ylabel(title, fontsize=8, rotation=270, labelpad=12)
    container.supylabel(comparison.value_label(scale), fontsize=9)
    title = f"{comparison.quantity()}\n{comparison.method()}"
    container.suptitle("\n".join(textwrap.fill(line, 25 * len(axes_grid[0]) + 20) for line in title.split("\n")),
                       fontsize=9)
    return axes_grid


def heatmap_values(comparison, scenarios, index):
    """Per scenario at a time index: value and whether its interval excludes 0 (differences only)."""
    count = comparison.sweep.sizes["scenario"]
    values, marks = np.full(count, np.nan), np.zeros(count, bool)
    for scenario in scenarios:
        if not comparison.levels and scenario == comparison.baseline:
            values[scenario] = 0.0
            continue
        centre, _, _, significant_here = comparison.of(scenario, index)
        values[scenario], marks[scenario] = float(centre), bool(significant_here)
    return values, marks


def colour_scale(comparison, values):
    """Diverging and centred at 0 for changes, so gains and losses read apart; viridis for levels."""
    finite = values[np.isfinite(values)]
    if comparison.levels or not finite.size:
        return plt.get_cmap("viridis").copy(), None
    limit = float(np.abs(finite).max()) or 1.0
    return plt.get_cmap("RdBu").copy(), mcolors.Normalize(-limit, limit)


def cell_text(comparison, value, mark, scale, is_baseline):
    if is_baseline:
        return "baseline"
    if not np.isfinite(value):
        return "no done run"
    if scale is PERCENT:
        decimals = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
        return f"{value:+.{decimals}f} %{'*' if mark else ''}".replace("-", "−")
    return significant(value * scale.factor, 3)


def draw_heatmap(container, comparison, parameters, x, y, at):
    sweep, runs = comparison.sweep, comparison.runs
    if len(parameters) < 2:
        raise cf.InputError(f"{cf.path_of(sweep)}: a heat map needs two swept parameters, the sweep has "
                            f"{len(parameters)} ({', '.join(parameters) or 'none'}); use --plot fan")
    if x == y:
        raise cf.InputError(f"--x and --y are both {x}; choose two different swept parameters")
    scenarios, _ = done_scenarios(sweep, runs)
    index = cf.time_index_at(sweep, at)
    date = cf.date_text(sweep, index)
    # The change in % whatever the fan charts show: cells of different scenarios read alike.
    heat = comparison if comparison.levels else Comparison(sweep, runs, comparison.baseline, False, True)
    values, marks = heatmap_values(heat, scenarios, index)
    scale = heat.scale(values)
    table = pd.DataFrame({"x": sweep[x].values.astype(float), "y": sweep[y].values.astype(float),
                          "value": values, "mark": marks, "scenario": np.arange(len(values))})
    x_values, y_values = np.unique(table.x), np.unique(table.y)
    others = [key for key in parameters if key not in (x, y)]
    colour_map, norm = colour_scale(heat, values * scale.factor)
    colour_map.set_bad("lightgrey")
    axes = container.subplots()
    title = (f"{ft.display_label(runs)} at {date}" if heat.levels else
             f"{ft.display_label(runs)} at {date}, change in % from the baseline\n"
             f"({scenario_text(sweep, heat.baseline)})")
    if len(set(zip(table.x, table.y))) == len(x_values) * len(y_values):
        cells = table.groupby(["y", "x"])["value"].mean().unstack("x").reindex(index=y_values, columns=x_values)
        image = axes.imshow(np.ma.masked_invalid(cells.values * scale.factor), origin="lower", aspect="auto",
                            cmap=colour_map, norm=norm)
        axes.set_xticks(range(len(x_values)), [f"{value:g}" for value in x_values])
        axes.set_yticks(range(len(y_values)), [f"{value:g}" for value in y_values])
        one_per_cell = not others
        if cells.size <= MAX_ANNOTATED_CELLS:
            for (row, y_value) in enumerate(y_values):
                for (column, x_value) in enumerate(x_values):
                    chosen = table[(table.x == x_value) & (table.y == y_value)]
                    value = float(cells.values[row, column])
                    mark = one_per_cell and bool(chosen["mark"].any())
                    is_baseline = (not heat.levels and one_per_cell and
                                   int(chosen["scenario"].iloc[0]) == heat.baseline)
                    shade = image.norm(value * scale.factor) if np.isfinite(value) else 0.5
                    dark = shade < 0.3 if heat.levels else abs(shade - 0.5) > 0.3
                    axes.text(column, row, cell_text(heat, value, mark, scale, is_baseline), ha="center",
                              va="center", fontsize=8, color="white" if dark else "black")
        if others:
            title += f"\nmean over {', '.join(others)}"
    else:
        cf.note(f"note: the scenarios' ({x}, {y}) values do not form a grid; drawing a scatter of the scenarios")
        image = axes.scatter(table.x, table.y, c=table.value * scale.factor, cmap=colour_map, norm=norm, s=40,
                             edgecolors="black", linewidths=0.4, plotnonfinite=True)
        axes.grid(alpha=0.3)
        if others:
            title += f"\n{', '.join(others)} also {'vary' if len(others) > 1 else 'varies'}"
    if not heat.levels:
        title += f"\n{heat.method().replace(' confidence band', ' interval')}\n* the interval excludes 0"
    else:
        title += f"\n{heat.method().replace(' and its', ';').replace(' confidence band', ' interval not shown')}"
    axes.set_xlabel(x)
    axes.set_ylabel(y)
    axes.set_title("\n".join(textwrap.fill(line, 80) for line in title.split("\n")), fontsize=8)
    colour_bar = container.colorbar(image, ax=axes)
    colour_bar.set_label(heat.value_label(scale))
    colour_bar.ax.ticklabel_format(axis="y", style="plain", useOffset=False)
    return axes


def plot_sweep(sweep, runs, plot, x, y, at, baseline="0", levels=False, relative=False):
    parameters, x, y = choose_axes_parameters(sweep, x, y)
    if plot == "both" and len(parameters) < 2:
        cf.note(f"note: one swept parameter ({', '.join(parameters)}): no heat map, fan charts only")
        plot = "fan"
    baseline_index = None if levels else scenario_index(sweep, baseline)
    comparison = Comparison(sweep, runs, baseline_index, levels, relative)
    panels = ["fan", "heatmap"] if plot == "both" else [plot]
    fan_columns = grid_positions(sweep, list(range(sweep.sizes["scenario"])), parameters)[1] if "fan" in panels else 0
    widths = {"fan": max(5.0, 2.4 * min(fan_columns, 4) + 1.2), "heatmap": 6.4}
    rows = grid_positions(sweep, list(range(sweep.sizes["scenario"])), parameters)[0] if "fan" in panels else 1
    height = max(4.6, 1.9 * min(rows, 6) + 1.4)
    figure = plt.figure(figsize=(sum(widths[p] for p in panels), height), layout="constrained")
    containers = figure.subfigures(1, len(panels), width_ratios=[widths[p] for p in panels], squeeze=False)[0]
    for container, panel in zip(containers, panels):
        if panel == "fan":
            draw_fan(container, comparison, parameters)
        else:
            draw_heatmap(container, comparison, parameters, x, y, at)
    figure.suptitle(f"{pathlib.Path(cf.path_of(sweep)).name}: {sweep.attrs.get('design', '')} sweep, "
                    f"{plural(sweep.sizes['scenario'], 'scenario')} × {plural(sweep.sizes['replicate'], 'replicate')}",
                    fontsize=10)
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sweep", type=pathlib.Path, metavar="SWEEP.h5", help="sweep file written by clustersim sweep")
    parser.add_argument("--metric", default="welfare_total", metavar="VARIABLE",
                        help="time-series variable (default welfare_total: money-metric welfare, comparable across "
                             "scenarios), e.g. real_gdp_total, gdp, talent_stock, mean_structural_similarity")
    parser.add_argument("--plot", choices=("fan", "heatmap", "both"), default="both",
                        help="what to draw (default both)")
    parser.add_argument("--baseline", default="0", metavar="INDEX|KEY=VALUE,...",
                        help="the scenario the others are compared with: its index, or the values of its swept keys, "
                             "e.g. policy.rd_subsidy_rate=0,policy.openness=0.5 (default 0)")
    parser.add_argument("--relative", action="store_true",
                        help="fan charts: the change in %% of the baseline instead of in the metric's unit "
                             "(the heat map always shows %%)")
    parser.add_argument("--levels", action="store_true",
                        help="draw the metric itself (mean over replicates) instead of its change from the baseline")
    parser.add_argument("--region", metavar="NAME", help="take this region instead of summing over regions")
    parser.add_argument("--industry", metavar="NAME", help="take this industry instead of summing over industries")
    parser.add_argument("--at", metavar="DATE",
                        help="heat map: the last tick on or before this date (default: the last tick)")
    parser.add_argument("--x", metavar="KEY", help="heat map: swept parameter on the x axis (default: the first)")
    parser.add_argument("--y", metavar="KEY", help="heat map: swept parameter on the y axis (default: the second)")
    cf.add_output_argument(parser, "SWEEP-METRIC.png next to the input (SWEEP-fan-METRIC.png, SWEEP-heatmap-METRIC.png "
                           "with --plot fan, heatmap)")
    args = parser.parse_args()
    if args.levels and args.relative:
        raise cf.InputError("--levels and --relative exclude each other: levels are the metric itself")
    tag = args.metric if args.plot == "both" else f"{args.plot}-{args.metric}"
    output = cf.output_path(args.output, args.sweep, cf.safe_file_tag(tag))
    sweep = cf.open_sweep(args.sweep)
    runs = metric_runs(sweep, args.metric, args.region, args.industry)
    figure = plot_sweep(sweep, runs, args.plot, args.x, args.y, args.at, args.baseline, args.levels, args.relative)
    cf.save_figure(figure, output, args.dpi)
    return 0


if __name__ == "__main__":
    cf.run_script(main)
