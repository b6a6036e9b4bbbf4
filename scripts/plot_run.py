#!/usr/bin/python3
"""Panel figure of one clustersim run: national GDP, GDP by region, real output by industry, talent,
net talent migration, firms, the staggered-development indices (structural similarity, Krugman
specialisation) and the unit costs of the future industries, over dates. Lines are labelled with the
variables' short labels (`long_name`; the name where a file's long_name is a whole sentence) and axes
carry the unit (`units_note`, else `units`) scaled to the size of the numbers: trillion CNY/year rather
than 1e8 CNY/year with "1e6" above the axis.

A panel whose variables are not in the file (a sweep written with `keep = [...]`) is left out with a
note on stderr; a file holding none of them is an error. A sweep file is read as one of its runs
(--scenario, --replicate; default the first). Runs with /usr/bin/python3 (Debian's python3-xarray,
python3-matplotlib); headless (Agg). Bad input: one line on stderr, exit status 2.

Usage:
  /usr/bin/python3 scripts/plot_run.py RUN.h5 [-o FIG.png|FIG.pdf] [--top N] [--dpi DPI]
  /usr/bin/python3 scripts/plot_run.py SWEEP.h5 --scenario 3 --replicate 1 -o run3.png

Examples:
  scripts/plot_run.py results/baseline.h5                   # writes results/baseline.png
  scripts/plot_run.py results/baseline.h5 -o baseline.pdf   # PDF, format from the extension
"""
import argparse
import math
import pathlib
import sys
from collections import namedtuple

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402
from clustersim import figure_text as ft  # noqa: E402
from clustersim.figures import plain_numbers, readable_name  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

OTHER_COLOUR = "0.75"

# draw(axes, dataset, variables, top) draws the panel from whichever of its variables the file holds.
Panel = namedtuple("Panel", "title variables draw")


def largest(series_by_label, dim, count):
    """Labels of `dim` with the largest absolute values at the last tick, largest first."""
    last = np.abs(np.nan_to_num(series_by_label.isel(time=-1).values))
    order = np.argsort(last)[::-1]
    return [series_by_label[dim].values[i] for i in order[:count]]


def draw_totals(axes, dataset, names, top):
    """One line per variable, each summed over its non-time axes, in one scale when their units agree
    (else each in its own, named in the legend)."""
    totals = [ft.reduced(dataset[name], ("time",)) for name in names if name in dataset]
    units = {ft.human_unit(total) for total in totals}
    shared = ft.scale_of(totals[0], np.concatenate([total.values for total in totals])) if len(units) == 1 else None
    for total in totals:
        scale = shared or ft.scale_of(total)
        label = ft.short_label(total) if shared else ft.axis_label(total, scale, ft.short_label(total))
        axes.plot(dataset["time"].values, total.values * scale.factor, label=label)
    axes.set_ylabel(ft.bracketed(shared.unit).strip() if shared else "see legend")
    plain_numbers(axes)
    axes.legend(fontsize=7)


def draw_by_label(axes, series, dim, top, what, ranking=None, ylabel=""):
    """The `top` series of `dim` that rank highest (by `ranking`, default `series`, at the last tick) in
    colour, the others in grey; the y label is `ylabel` and the scaled unit."""
    times = series["time"].values
    scale = ft.scale_of(series)
    leaders = largest(series if ranking is None else ranking, dim, top)
    for label in series[dim].values:
        if label not in leaders:
            axes.plot(times, series.sel({dim: label}).values * scale.factor, color=OTHER_COLOUR, linewidth=0.6)
    for label in leaders:
        axes.plot(times, series.sel({dim: label}).values * scale.factor, label=readable_name(label),
                  linewidth=1.3)
    if len(series[dim]) > len(leaders):
        axes.plot([], [], color=OTHER_COLOUR, label=f"other {what}")
    axes.set_ylabel(f"{ylabel}{ft.bracketed(scale.unit)}".strip())
    plain_numbers(axes)
    leave_room_for_legend(axes)
    axes.legend(fontsize=6, ncol=4, loc="upper center")


def draw_gdp_by_region(axes, dataset, names, top):
    draw_by_label(axes, ft.reduced(dataset["gdp"], ("time", "region")), "region", top, "regions")


def draw_value_added_by_industry(axes, dataset, names, top):
    # Current prices: shares of a stack must add up, which chained volumes do not.
    output = ft.reduced(dataset["value_added"], ("time", "industry"))
    leaders = largest(output, "industry", top)
    others = [label for label in output["industry"].values if label not in leaders]
    scale = ft.scale_of(output, output.sum("industry").values)
    layers = [output.sel(industry=label).values * scale.factor for label in leaders]
    labels = [readable_name(label) for label in leaders]
    if others:
        layers.append(output.sel(industry=others).sum("industry").values * scale.factor)
        labels.append(f"{len(others)} other industries")
    colours = list(plt.get_cmap("tab10").colors[:len(leaders)]) + ([OTHER_COLOUR] if others else [])
    axes.stackplot(output["time"].values, np.nan_to_num(np.vstack(layers)), labels=labels, colors=colours)
    axes.set_ylabel(ft.bracketed(scale.unit).strip())
    plain_numbers(axes)
    # Reversed so the legend lists the layers top-down as they are stacked.
    handles, legend_labels = axes.get_legend_handles_labels()
    axes.legend(handles[::-1], legend_labels[::-1], fontsize=6, ncol=2, loc="upper left")


def draw_net_migration(axes, dataset, names, top):
    by_region = ("time", "region")
    net = ft.reduced(dataset["immigrants"], by_region) - ft.reduced(dataset["emigrants"], by_region)
    net.attrs = {key: value for key, value in dataset["immigrants"].attrs.items() if key in ft.KEPT_ATTRIBUTES}
    axes.axhline(0, color="black", linewidth=0.6)
    # Ranked by the whole run's net flow, since one tick's migration is noisy.
    draw_by_label(axes, net, "region", top, "regions", ranking=net.cumsum("time"), ylabel="arrivals − departures")


def draw_firms(axes, dataset, names, top):
    """Firms on the left axis, entries and exits on the right: they are two orders of magnitude smaller."""
    handles = []
    if "firms_total" in dataset:
        firms = ft.reduced(dataset["firms_total"], ("time",))
        scale = ft.scale_of(firms)
        handles += axes.plot(firms["time"].values, firms.values * scale.factor, color="black",
                             label=ft.short_label(firms))
        axes.set_ylabel(f"firms{ft.bracketed(scale.unit)}")
        plain_numbers(axes)
        leave_room_for_legend(axes)
    flows = [ft.reduced(dataset[name], ("time",)) for name in ("entries", "exits") if name in dataset]
    if flows:
        right = axes.twinx() if "firms_total" in dataset else axes
        scale = ft.scale_of(flows[0], np.concatenate([flow.values for flow in flows]))
        for flow, colour in zip(flows, ("tab:green", "tab:red")):
            handles += right.plot(flow["time"].values, flow.values * scale.factor, color=colour, linewidth=1.0,
                                  label=ft.short_label(flow))
        right.set_ylabel(f"{' and '.join(flow.name for flow in flows)} per tick{ft.bracketed(scale.unit)}")
        plain_numbers(right)
        leave_room_for_legend(right)
    # One row when the labels are short enough to fit across the panel.
    columns = len(handles) if sum(len(handle.get_label()) for handle in handles) <= 45 else 1
    axes.legend(handles=handles, fontsize=7, ncol=columns, loc="upper center")


def leave_room_for_legend(axes, fraction=0.3):
    """Raises the top of the y axis so a legend at the top does not hide the lines."""
    low, high = axes.get_ylim()
    axes.set_ylim(low, high + fraction * (high - low))


def future_industries(dataset):
    """Industries whose unit cost is not 1 at some tick: the future industries (1 for the others)."""
    cost = dataset["future_unit_cost"]
    return [label for label in cost["industry"].values if bool((cost.sel(industry=label) != 1).any())]


def draw_future_costs(axes, dataset, names, top):
    cost = dataset["future_unit_cost"]
    for label in future_industries(dataset):
        axes.plot(cost["time"].values, cost.sel(industry=label).values, label=readable_name(label))
    axes.axhline(1, color="black", linewidth=0.6, linestyle=":")
    axes.set_ylabel("unit cost / mature cost")
    axes.legend(fontsize=6, ncol=2)


PANELS = [
    Panel("National GDP and welfare", ["gdp_total", "real_gdp_total", "welfare_total"], draw_totals),
    Panel("GDP by region", ["gdp"], draw_gdp_by_region),
    Panel("Value added by industry, current prices (stacked)", ["value_added"], draw_value_added_by_industry),
    Panel("Talent, all regions", ["talent_stock", "talent_employed"], draw_totals),
    Panel("Net talent migration during each tick", ["immigrants", "emigrants"], draw_net_migration),
    Panel("Firms (left), entries and exits during each tick (right)", ["firms_total", "entries", "exits"], draw_firms),
    Panel("Staggered development: similarity of regions' industry mixes",
          ["mean_structural_similarity", "mean_krugman_specialisation"], draw_totals),
    Panel("Future industries: unit cost (Wright's law)", ["future_unit_cost"], draw_future_costs),
]

# Panels that need every one of their variables (the others draw whichever are there).
NEEDS_ALL = {draw_net_migration}


def drawable_panels(dataset):
    """The panels this file can draw, with a note on stderr for each one left out or drawn in part."""
    panels = []
    for panel in PANELS:
        missing = [name for name in panel.variables if name not in dataset]
        if len(missing) == len(panel.variables) or (missing and panel.draw in NEEDS_ALL):
            cf.note(f"note: panel '{panel.title}' left out: {', '.join(missing)} not in the file")
            continue
        if panel.draw is draw_future_costs and not future_industries(dataset):
            cf.note(f"note: panel '{panel.title}' left out: no future industry in this run")
            continue
        if missing:
            cf.note(f"note: panel '{panel.title}' drawn without {', '.join(missing)} (not in the file)")
        panels.append(panel)
    return panels


def plot_run(dataset, top):
    panels = drawable_panels(dataset)
    if not panels:
        wanted = sorted({name for panel in PANELS for name in panel.variables})
        raise cf.InputError(f"{cf.path_of(dataset)}: none of the variables plot_run.py draws is in the file "
                            f"(looked for {', '.join(wanted)})")
    columns = 2 if len(panels) > 1 else 1
    rows = math.ceil(len(panels) / columns)
    figure, axes_grid = plt.subplots(rows, columns, figsize=(5.5 * columns, 3.0 * rows + 0.5),
                                     squeeze=False, layout="constrained")
    all_axes = axes_grid.ravel()
    for axes, panel in zip(all_axes, panels):
        panel.draw(axes, dataset, panel.variables, top)
        axes.set_title(panel.title, fontsize=10)
        cf.format_time_axis(axes)
        axes.grid(alpha=0.3)
    for axes in all_axes[len(panels):]:
        axes.remove()
    figure.suptitle(cf.describe_run(dataset), fontsize=11)
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", type=pathlib.Path, metavar="RUN.h5", help="run file (or sweep file, see --scenario)")
    cf.add_output_argument(parser, "RUN.png next to the input")
    parser.add_argument("--top", type=int, default=8, metavar="N",
                        help="regions and industries drawn in colour in the by-region and by-industry panels "
                        "(default 8)")
    cf.add_run_selection_arguments(parser)
    args = parser.parse_args()
    output = cf.output_path(args.output, args.run)
    dataset = cf.open_run(args.run, args.scenario, args.replicate)
    cf.save_figure(plot_run(dataset, max(1, args.top)), output, args.dpi)
    return 0


if __name__ == "__main__":
    cf.run_script(main)
