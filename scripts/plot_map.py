#!/usr/bin/python3
"""Map of one variable over the regions of a clustersim run: each region is drawn at the longitude and
latitude of its capital (the static variables `longitude`, `latitude` of the file; no map data is
downloaded), as a circle whose area is proportional to the value's magnitude and whose colour shows
the value, labelled with the region's name.

The variable must have a `region` axis. It is taken at the last tick on or before --at (default the
last tick; ignored for a variable without a time axis, such as `population`) and summed over its other
axes (industry, destination, partner), or taken for one industry with --industry. Negative values get a
diverging colour scale centred on 0; regions where the value is undefined (NaN) are drawn hollow. A
sweep file is read as one of its runs (--scenario, --replicate; default the first).
Runs with /usr/bin/python3 (Debian's python3-xarray, python3-matplotlib); headless (Agg). Bad input:
one line on stderr, exit status 2.

Usage:
  /usr/bin/python3 scripts/plot_map.py RUN.h5 --var VARIABLE [--at YYYY-MM-DD] [--industry NAME] [-o FIG.png]

Examples:
  scripts/plot_map.py results/baseline.h5 --var gdp                      # writes results/baseline-map-gdp.png
  scripts/plot_map.py results/baseline.h5 --var real_value_added --industry new_energy --at 2030-12-31 -o ne.pdf
  scripts/plot_map.py results/baseline.h5 --var talent_stock --at 2030
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.patheffects as patheffects  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

LARGEST_MARKER_AREA = 1400.0  # points^2
SMALLEST_MARKER_AREA = 12.0


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
    return cf.reduce_to(variable, ("region",), industry=industry), date


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


def plot_map(dataset, values, date):
    longitude, latitude = region_coordinates(dataset)
    data = values.values
    magnitude = np.abs(data)
    largest = np.nanmax(magnitude) if np.isfinite(magnitude).any() else 0.0
    areas = np.full(data.shape, SMALLEST_MARKER_AREA)
    if largest > 0:
        areas = SMALLEST_MARKER_AREA + LARGEST_MARKER_AREA * np.nan_to_num(magnitude) / largest
    colour_map, norm = colour_scale(data)
    defined = np.isfinite(data)

    figure, axes = plt.subplots(figsize=(9, 6.5), layout="constrained")
    points = axes.scatter(longitude[defined], latitude[defined], s=areas[defined], c=data[defined],
                          cmap=colour_map, norm=norm, alpha=0.8, edgecolors="black", linewidths=0.5)
    if (~defined).any():
        axes.scatter(longitude[~defined], latitude[~defined], s=40, facecolors="none", edgecolors="grey",
                     label="undefined (NaN)")
        axes.legend(loc="lower right", fontsize=8)
    for name, x, y in zip(values["region"].values, longitude, latitude):
        # A white halo keeps names readable where they cross a circle.
        axes.annotate(str(name), (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7,
                      path_effects=[patheffects.withStroke(linewidth=2, foreground="white")])
    colour_bar = figure.colorbar(points, ax=axes, shrink=0.8)
    colour_bar.set_label(cf.axis_label(values))
    # Degrees of longitude shrink with latitude; this aspect keeps distances roughly true.
    axes.set_aspect(1.0 / np.cos(np.radians(np.nanmean(latitude))))
    axes.set_xlabel(cf.axis_label(dataset["longitude"], "longitude"))
    axes.set_ylabel(cf.axis_label(dataset["latitude"], "latitude"))
    axes.grid(alpha=0.3)
    long_name = values.attrs.get("long_name", values.name)
    axes.set_title(f"{long_name}\n{cf.describe_variable(values)}{', ' + date if date else ''}  "
                   "(circle area ∝ |value|)", fontsize=10)
    figure.suptitle(cf.describe_run(dataset), fontsize=11)
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", type=pathlib.Path, metavar="RUN.h5", help="run file (or sweep file, see --scenario)")
    parser.add_argument("--var", required=True, metavar="VARIABLE",
                        help="variable with a region axis, e.g. gdp, welfare_per_head, talent_stock, real_value_added, population")
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
