#!/usr/bin/python3
"""Figures of a clustersim sweep file (`clustersim sweep`): fan charts of a metric over replicates,
one per scenario, and a heat map of the metric over two swept parameters.

The metric is a time-series variable of the file summed over its non-time axes (`gdp` gives national
GDP), or taken for one region (--region) or industry (--industry); NaN elements are left out of the sum.
Only runs with run_status == 1 (done) count; a scenario without one is left out with a note.

  fan      the median over replicates of every scenario over dates, with a band from the 5 % to the 95 %
           quantile when every scenario has at least 10 done replicates, else from the minimum to the
           maximum (a single replicate gives a line). One colour per scenario with the swept values in
           the legend; with more than 10 scenarios the colour shows the value of the --x parameter instead.
  heatmap  the metric at --at (the last tick on or before the date; default the last tick), averaged over
           replicates, on the grid of the --x and --y parameters (default: the first two swept
           parameters); with more than two swept parameters each cell also averages over the others.
           When the scenarios' (x, y) values do not fill a grid (latin_hypercube, sobol, random designs)
           it draws a scatter of the scenarios coloured by the metric instead. A sweep with fewer than
           two swept parameters has no heat map: asking for one is an error.
  both     (default) fan chart and heat map side by side; the fan chart alone for one swept parameter.

Runs with /usr/bin/python3 (Debian's python3-xarray, python3-matplotlib); headless (Agg). Bad input
(not a sweep file, an unknown metric, parameter or date): one line on stderr, exit status 2.

Usage:
  /usr/bin/python3 scripts/plot_sweep.py SWEEP.h5 [--metric VARIABLE] [--plot fan|heatmap|both]
      [--region NAME] [--industry NAME] [--at YYYY-MM-DD] [--x KEY] [--y KEY] [-o FIG.png|FIG.pdf]

Examples:
  scripts/plot_sweep.py sweep.h5                                          # welfare_total: sweep-welfare_total.png
  scripts/plot_sweep.py sweep.h5 --metric real_gdp_total                   # writes sweep-real_gdp_total.png
  scripts/plot_sweep.py sweep.h5 --metric gdp --region Anhui --plot fan -o anhui.pdf
  scripts/plot_sweep.py sweep.h5 --metric mean_structural_similarity --plot heatmap \\
      --x policy.openness --y policy.rd_subsidy_rate --at 2030-12-31
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

MIN_REPLICATES_FOR_QUANTILES = 10
MAX_SCENARIOS_IN_LEGEND = 10
MAX_ANNOTATED_CELLS = 64


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def parameter_values_text(sweep, scenario, parameters):
    return ", ".join(f"{float(sweep[key].values[scenario]):g}" for key in parameters) or f"scenario {scenario}"


def metric_runs(sweep, metric, region, industry):
    """The metric per (scenario, replicate, time), NaN for runs that are not done."""
    variable = cf.require_variable(sweep, metric, with_dims=("time",), what="time series")
    runs = cf.reduce_to(variable, ("scenario", "replicate", "time"), region=region, industry=industry)
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


def draw_fan(axes, sweep, runs, parameters, colour_key):
    values = runs.values
    done_count = np.isfinite(values).any(axis=2).sum(axis=1)
    drawn = [s for s in range(values.shape[0]) if done_count[s] > 0]
    skipped = [s for s in range(values.shape[0]) if done_count[s] == 0]
    if skipped:
        cf.note(f"note: scenarios without a done run left out: {', '.join(map(str, skipped))}")
    if not drawn:
        raise cf.InputError(f"{cf.path_of(sweep)}: no run is done (run_status == 1); nothing to plot")
    use_quantiles = done_count[drawn].min() >= MIN_REPLICATES_FOR_QUANTILES
    band_text = "5–95 % of replicates" if use_quantiles else "min–max over replicates"
    times = runs["time"].values
    by_value = len(drawn) > MAX_SCENARIOS_IN_LEGEND and colour_key is not None
    if by_value:
        colour_values = sweep[colour_key].values.astype(float)
        norm = plt.Normalize(np.nanmin(colour_values), np.nanmax(colour_values))
        colour_map = plt.get_cmap("viridis")
    for position, scenario in enumerate(drawn):
        replicates = values[scenario][np.isfinite(values[scenario]).any(axis=1)]
        colour = colour_map(norm(colour_values[scenario])) if by_value else plt.get_cmap("tab10")(position % 10)
        axes.plot(times, np.nanmedian(replicates, axis=0), color=colour, linewidth=1.3,
                  label=None if by_value else parameter_values_text(sweep, scenario, parameters))
        if len(replicates) > 1:
            if use_quantiles:
                low, high = np.nanquantile(replicates, [0.05, 0.95], axis=0)
            else:
                low, high = np.nanmin(replicates, axis=0), np.nanmax(replicates, axis=0)
            axes.fill_between(times, low, high, color=colour, alpha=0.15, linewidth=0)
    if by_value:
        colour_bar = plt.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=colour_map), ax=axes)
        colour_bar.set_label(colour_key)
    else:
        axes.legend(title=", ".join(parameters) or None, fontsize=7, title_fontsize=7)
    fewest, most = done_count[drawn].min(), done_count[drawn].max()
    if most == 1:
        summary = "one run per scenario"
    else:
        summary = f"median and {band_text} ({fewest if fewest == most else f'{fewest}–{most}'} done replicates)"
    axes.set_title(f"{cf.describe_variable(runs)}, {len(drawn)} scenarios:\n{summary}", fontsize=9)
    axes.set_ylabel(cf.units_label(runs))
    cf.format_time_axis(axes)
    axes.grid(alpha=0.3)


def scenario_means_at(sweep, runs, at):
    index = cf.time_index_at(sweep, at)
    return runs.isel(time=index).mean("replicate", skipna=True).values, cf.date_text(sweep, index)


def draw_heatmap(figure, axes, sweep, runs, parameters, x, y, at):
    if len(parameters) < 2:
        raise cf.InputError(f"{cf.path_of(sweep)}: a heat map needs two swept parameters, the sweep has "
                            f"{len(parameters)} ({', '.join(parameters) or 'none'}); use --plot fan")
    if x == y:
        raise cf.InputError(f"--x and --y are both {x}; choose two different swept parameters")
    means, date = scenario_means_at(sweep, runs, at)
    table = pd.DataFrame({"x": sweep[x].values.astype(float), "y": sweep[y].values.astype(float), "value": means})
    x_values, y_values = np.unique(table.x), np.unique(table.y)
    pairs = set(zip(table.x, table.y))
    others = [key for key in parameters if key not in (x, y)]
    title = f"{cf.describe_variable(runs)} at {date}, mean over done replicates"
    if len(pairs) == len(x_values) * len(y_values):
        cells = table.groupby(["y", "x"])["value"].mean().unstack("x").reindex(index=y_values, columns=x_values)
        colour_map = plt.get_cmap("viridis").copy()
        colour_map.set_bad("lightgrey")
        image = axes.imshow(np.ma.masked_invalid(cells.values), origin="lower", aspect="auto", cmap=colour_map)
        axes.set_xticks(range(len(x_values)), [f"{value:g}" for value in x_values])
        axes.set_yticks(range(len(y_values)), [f"{value:g}" for value in y_values])
        if cells.size <= MAX_ANNOTATED_CELLS:
            annotate_cells(axes, cells.values, image)
        if others:
            title += f"\nand over {', '.join(others)}"
    else:
        cf.note(f"note: the scenarios' ({x}, {y}) values do not form a grid; drawing a scatter coloured by the metric")
        image = axes.scatter(table.x, table.y, c=table.value, cmap="viridis", s=40, edgecolors="black",
                             linewidths=0.4, plotnonfinite=True)
        axes.grid(alpha=0.3)
        title = title.replace(" at ", " of each scenario at ", 1)
        if others:
            title += f"\n{', '.join(others)} also {'vary' if len(others) > 1 else 'varies'}"
    axes.set_xlabel(x)
    axes.set_ylabel(y)
    axes.set_title(title, fontsize=9)
    colour_bar = figure.colorbar(image, ax=axes)
    colour_bar.set_label(cf.axis_label(runs))


def annotate_cells(axes, cells, image):
    finite = cells[np.isfinite(cells)]
    # Enough significant digits to tell the cells apart, however small their differences are.
    spread = np.ptp(finite) if len(finite) else 0.0
    largest = np.abs(finite).max() if len(finite) else 0.0
    digits = 4 if spread == 0 or largest == 0 else int(min(10, max(4, np.ceil(np.log10(largest / spread)) + 2)))
    for row in range(cells.shape[0]):
        for column in range(cells.shape[1]):
            value = cells[row, column]
            if not np.isfinite(value):
                axes.text(column, row, "no done run", ha="center", va="center", fontsize=7)
                continue
            # Dark text on the bright end of viridis, light text on the dark end.
            shade = image.norm(value)
            axes.text(column, row, f"{value:.{digits}g}", ha="center", va="center", fontsize=7,
                      color="black" if shade > 0.5 else "white")


def plot_sweep(sweep, runs, plot, x, y, at):
    parameters, x, y = choose_axes_parameters(sweep, x, y)
    if plot == "both" and len(parameters) < 2:
        cf.note(f"note: one swept parameter ({', '.join(parameters)}): no heat map, fan chart only")
        plot = "fan"
    panels = ["fan", "heatmap"] if plot == "both" else [plot]
    widths = {"fan": 7.0, "heatmap": 5.8}
    figure, axes_list = plt.subplots(1, len(panels), figsize=(sum(widths[p] for p in panels), 5.0),
                                     squeeze=False, layout="constrained",
                                     gridspec_kw={"width_ratios": [widths[p] for p in panels]})
    for axes, panel in zip(axes_list[0], panels):
        if panel == "fan":
            draw_fan(axes, sweep, runs, parameters, x)
        else:
            draw_heatmap(figure, axes, sweep, runs, parameters, x, y, at)
    figure.suptitle(f"{pathlib.Path(cf.path_of(sweep)).name}: {sweep.attrs.get('design', '')} sweep, "
                    f"{plural(sweep.sizes['scenario'], 'scenario')} × {plural(sweep.sizes['replicate'], 'replicate')}",
                    fontsize=11)
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sweep", type=pathlib.Path, metavar="SWEEP.h5", help="sweep file written by clustersim sweep")
    parser.add_argument("--metric", default="welfare_total", metavar="VARIABLE",
                        help="time-series variable (default welfare_total: money-metric welfare, comparable across "
                             "scenarios), e.g. real_gdp_total, gdp, talent_stock, "
                        "mean_structural_similarity")
    parser.add_argument("--plot", choices=("fan", "heatmap", "both"), default="both",
                        help="what to draw (default both)")
    parser.add_argument("--region", metavar="NAME", help="take this region instead of summing over regions")
    parser.add_argument("--industry", metavar="NAME", help="take this industry instead of summing over industries")
    parser.add_argument("--at", metavar="DATE",
                        help="heat map: the last tick on or before this date (default: the last tick)")
    parser.add_argument("--x", metavar="KEY", help="heat map: swept parameter on the x axis (default: the first)")
    parser.add_argument("--y", metavar="KEY", help="heat map: swept parameter on the y axis (default: the second)")
    cf.add_output_argument(parser, "SWEEP-METRIC.png next to the input (SWEEP-fan-METRIC.png, SWEEP-heatmap-METRIC.png "
                           "with --plot fan, heatmap)")
    args = parser.parse_args()
    tag = args.metric if args.plot == "both" else f"{args.plot}-{args.metric}"
    output = cf.output_path(args.output, args.sweep, cf.safe_file_tag(tag))
    sweep = cf.open_sweep(args.sweep)
    runs = metric_runs(sweep, args.metric, args.region, args.industry)
    cf.save_figure(plot_sweep(sweep, runs, args.plot, args.x, args.y, args.at), output, args.dpi)
    return 0


if __name__ == "__main__":
    cf.run_script(main)
