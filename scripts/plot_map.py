#!/usr/bin/python3
"""Map of one variable over the regions of a clustersim run: each region is drawn at the longitude and
latitude of its capital (the static variables `longitude`, `latitude` of the file; no map data is
downloaded), as a circle whose area is proportional to the value's magnitude (a legend gives three sizes)
and whose colour shows the value, in a unit scaled to its size (thousand CNY, million persons). Each
region's name is placed where it overlaps neither another name nor a circle, with a thin leader line
where that place is away from its circle.

Without --var the map shows welfare_per_head: money-metric welfare per resident at common reference
prices, the measure that regions can be compared by (nominal GDP cannot: docs/output.md, "Real
measures"). The variable must have a `region` axis. It is taken at the last tick on or before --at
(default the last tick; ignored for a variable without a time axis, such as `population`) and summed over
its other axes (industry, destination, partner), or taken for one industry with --industry. Negative
values get a diverging colour scale centred on 0; regions where the value is undefined (NaN) are drawn
hollow. A sweep file is read as one of its runs (--scenario, --replicate; default the first).
Runs with /usr/bin/python3 (Debian's python3-xarray, python3-matplotlib); headless (Agg). Bad input:
one line on stderr, exit status 2.

Usage:
  /usr/bin/python3 scripts/plot_map.py RUN.h5 [--var VARIABLE] [--at YYYY-MM-DD] [--industry NAME] [-o FIG.png]

Examples:
  scripts/plot_map.py results/baseline.h5                    # writes results/baseline-map-welfare_per_head.png
  scripts/plot_map.py results/baseline.h5 --var real_value_added --industry new_energy --at 2030-12-31 -o ne.pdf
  scripts/plot_map.py results/baseline.h5 --var talent_stock --at 2030
"""
import argparse
import math
import pathlib
import sys
import textwrap

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402
from clustersim import figure_text as ft  # noqa: E402
from clustersim.label_placement import place_labels  # noqa: E402

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.patheffects as patheffects  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

LARGEST_MARKER_AREA = 900.0  # points^2
SMALLEST_MARKER_AREA = 12.0
LABEL_FONT_SIZE = 7
DEFAULT_VARIABLE = "welfare_per_head"


def region_coordinates(dataset):
    """Longitude and latitude of each region: coordinates along `region` (cf.open_run makes them so)."""
    for name in ("longitude", "latitude"):
        if name not in dataset.coords or dataset[name].dims != ("region",):
            raise cf.InputError(f"{cf.path_of(dataset)}: no {name} of the regions (a variable or coordinate "
                                f"along `region`); expected a clustersim run file")
    return dataset["longitude"].values.astype(float), dataset["latitude"].values.astype(float)


def values_by_region(dataset, name, at, industry):
    """The variable reduced to one value per region, and the date it was taken at (None if static)."""
    variable = cf.require_variable(dataset, name, with_dims=("region",), what="variables with a region axis")
    date = None
    if "time" in variable.dims:
        index = cf.time_index_at(dataset, at)
        variable = variable.isel(time=index)
        date = cf.date_text(dataset, index)
    elif at is not None:
        cf.note(f"note: '{name}' has no time axis; --at ignored")
    return ft.reduced(variable, ("region",), industry=industry), date


def colour_scale(values):
    """Diverging and centred on 0 when the values have both signs, so gains and losses read apart."""
    finite = values[np.isfinite(values)]
    if len(finite) == 0:
        return plt.get_cmap("viridis"), mcolors.Normalize(0, 1)
    low, high = float(finite.min()), float(finite.max())
    if low < 0 < high:
        return plt.get_cmap("RdBu_r"), mcolors.TwoSlopeNorm(vcenter=0.0, vmin=low, vmax=high)
    if low == high:
        low, high = low - 0.5, high + 0.5
    return plt.get_cmap("viridis"), mcolors.Normalize(low, high)


def marker_areas(magnitudes, largest):
    """Circle areas proportional to |value| (the smallest kept visible)."""
    if largest <= 0:
        return np.full(np.shape(magnitudes), SMALLEST_MARKER_AREA)
    return np.maximum(SMALLEST_MARKER_AREA, LARGEST_MARKER_AREA * np.nan_to_num(magnitudes) / largest)


def size_legend_values(largest):
    """Three round values for the size legend, the largest near the largest magnitude."""
    if largest <= 0 or not np.isfinite(largest):
        return []
    power = 10 ** math.floor(math.log10(largest))
    top = math.floor(largest / power) * power  # one significant digit, rounded down: 458 -> 400
    return [top / 4, top / 2, top]


def add_size_legend(axes, largest, scale, label):
    values = size_legend_values(largest)
    handles = [axes.scatter([], [], s=float(marker_areas(value, largest)), facecolors="none", edgecolors="0.3",
                            linewidths=0.8, label=f"{value * scale.factor:.3g}")
               for value in values]
    if not handles:
        return None
    legend = axes.legend(handles=handles, title=f"circle area ∝ |{label}|" + ft.bracketed(scale.unit),
                         loc="lower left", fontsize=7, title_fontsize=7, labelspacing=1.6, borderpad=1.0,
                         frameon=True, framealpha=0.9, ncol=len(handles), columnspacing=2.2, handletextpad=1.2)
    axes.add_artist(legend)
    return legend


def label_regions(figure, axes, names, longitude, latitude, areas):
    """Each region's name beside its circle, clear of the other names and circles; a thin leader line
    where the nearest free place is away from the circle."""
    figure.canvas.draw()  # fixes the layout, so that positions on the screen are final
    figure.set_layout_engine("none")
    renderer = figure.canvas.get_renderer()
    to_points = 72.0 / figure.dpi
    centres = axes.transData.transform(np.column_stack([longitude, latitude])) * to_points
    sizes = []
    for name in names:
        probe = axes.text(0, 0, name, fontsize=LABEL_FONT_SIZE)
        extent = probe.get_window_extent(renderer)
        sizes.append((extent.width * to_points + 2, extent.height * to_points))
        probe.remove()
    box = axes.get_window_extent(renderer)
    bounds = (box.x0 * to_points, box.y0 * to_points, box.x1 * to_points, box.y1 * to_points)
    radii = np.sqrt(np.asarray(areas)) / 2  # a scatter's size is the square of the marker's diameter
    placements = place_labels(centres, radii, sizes, bounds)
    for name, x, y, radius, placement in zip(names, longitude, latitude, radii, placements):
        arrow = None
        if placement.away:
            arrow = dict(arrowstyle="-", color="0.35", linewidth=0.5, shrinkA=1, shrinkB=radius)
        # A white halo keeps a name readable where it crosses a grid line.
        axes.annotate(name, (x, y), xytext=(placement.dx, placement.dy), textcoords="offset points",
                      ha="center", va="center", fontsize=LABEL_FONT_SIZE, arrowprops=arrow, annotation_clip=False,
                      path_effects=[patheffects.withStroke(linewidth=2, foreground="white")])


def plot_map(dataset, values, date):
    longitude, latitude = region_coordinates(dataset)
    data = values.values
    magnitude = np.abs(data)
    largest = float(np.nanmax(magnitude)) if np.isfinite(magnitude).any() else 0.0
    areas = marker_areas(magnitude, largest)
    scale = ft.scale_of(values)
    colour_map, norm = colour_scale(data * scale.factor)
    defined = np.isfinite(data)

    figure, axes = plt.subplots(figsize=(9, 7), layout="constrained")
    points = axes.scatter(longitude[defined], latitude[defined], s=areas[defined], c=data[defined] * scale.factor,
                          cmap=colour_map, norm=norm, alpha=0.75, edgecolors="black", linewidths=0.5)
    if (~defined).any():
        undefined = axes.scatter(longitude[~defined], latitude[~defined], s=40, facecolors="none", edgecolors="grey",
                                 label="undefined (NaN)")
        axes.add_artist(axes.legend(handles=[undefined], loc="lower right", fontsize=8))
    colour_bar = figure.colorbar(points, ax=axes, shrink=0.8)
    colour_bar.set_label(ft.axis_label(values, scale))
    colour_bar.ax.ticklabel_format(axis="y", style="plain", useOffset=False)
    add_size_legend(axes, largest, scale, ft.short_label(values))
    # Room around the outermost circles and their names; degrees of longitude shrink with latitude, and
    # this aspect keeps distances roughly true.
    axes.set_xlim(np.nanmin(longitude) - 4, np.nanmax(longitude) + 4)
    axes.set_ylim(np.nanmin(latitude) - 6, np.nanmax(latitude) + 3)
    axes.set_aspect(1.0 / np.cos(np.radians(np.nanmean(latitude))))
    axes.set_xlabel("longitude (°E)")
    axes.set_ylabel("latitude (°N)")
    axes.grid(alpha=0.3)
    axes.set_title(f"{ft.display_label(values)}{', ' + date if date else ''}\n"
                   f"{textwrap.shorten(ft.description(values), 110)}", fontsize=9)
    figure.suptitle(cf.describe_run(dataset), fontsize=10)
    label_regions(figure, axes, [str(name) for name in values["region"].values], longitude, latitude, areas)
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", type=pathlib.Path, metavar="RUN.h5", help="run file (or sweep file, see --scenario)")
    parser.add_argument("--var", default=DEFAULT_VARIABLE, metavar="VARIABLE",
                        help=f"variable with a region axis (default {DEFAULT_VARIABLE}: money-metric welfare per "
                        "resident, comparable across regions), e.g. talent_stock, real_value_added, population")
    parser.add_argument("--at", metavar="DATE", help="the last tick on or before this date (default: the last tick)")
    parser.add_argument("--industry", metavar="NAME", help="take this industry instead of summing over industries")
    cf.add_output_argument(parser, "RUN-map-VARIABLE.png next to the input")
    cf.add_run_selection_arguments(parser)
    args = parser.parse_args()
    output = cf.output_path(args.output, args.run, cf.safe_file_tag(f"map-{args.var}"))
    dataset = cf.open_run(args.run, args.scenario, args.replicate)
    values, date = values_by_region(dataset, args.var, args.at, args.industry)
    cf.save_figure(plot_map(dataset, values, date), output, args.dpi)
    return 0


if __name__ == "__main__":
    cf.run_script(main)
