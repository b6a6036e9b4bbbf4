#!/usr/bin/python3
"""The loss of a calibration over two of its parameters (docs/calibration.md).

Every evaluated point of the search (global, batch and local stages) is drawn at its values of the two
parameters, coloured by log10 of its loss under the final weighting; with more than two parameters the
others vary among the points, so the picture is a projection, not a slice. The estimate is marked, with its
95 % confidence ellipse from the sandwich covariance.

    /usr/bin/python3 scripts/plot_calibration.py results/china.h5 [--x KEY] [--y KEY] -o figure.png
"""
import argparse
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

CHI2_2DF_95 = 5.991464547107979  # the 0.95 quantile of chi-squared with 2 degrees of freedom


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--x", help="parameter on the horizontal axis (default: the first)")
    parser.add_argument("--y", help="parameter on the vertical axis (default: the second)")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    with h5py.File(args.results, "r") as f:
        keys = text(f["parameter"][()])
        if len(keys) < 2:
            sys.exit(f"plot_calibration: {args.results} estimates one parameter; a surface needs two")
        x_key = args.x or keys[0]
        y_key = args.y or keys[1]
        for key in (x_key, y_key):
            if key not in keys:
                sys.exit(f"plot_calibration: '{key}' is not a parameter of {args.results} ({', '.join(keys)})")
        i, j = keys.index(x_key), keys.index(y_key)
        points = f["evaluated_parameters"][()]
        loss = f["loss"][()]
        stages = text(f["evaluation_stage"][()])
        estimate = f["estimate"][()]
        covariance = f["parameter_covariance"][()]
        low, high = f["bound_low"][()], f["bound_high"][()]
    searched = np.array([s in ("global", "batch", "local", "efficient_local") for s in stages]) & np.isfinite(loss)
    fig, ax = plt.subplots(figsize=(6.4, 5.0))
    scatter = ax.scatter(points[searched, i], points[searched, j], c=np.log10(loss[searched]), cmap="viridis_r", s=22,
                         edgecolors="none")
    fig.colorbar(scatter, ax=ax, label="log10 loss")
    ax.plot(estimate[i], estimate[j], marker="*", color="red", markersize=14, label="estimate")
    block = covariance[np.ix_([i, j], [i, j])]
    if np.all(np.isfinite(block)):
        values, vectors = np.linalg.eigh(block)
        angle = np.linspace(0, 2 * np.pi, 200)
        circle = np.stack([np.cos(angle), np.sin(angle)])
        ellipse = vectors @ (np.sqrt(np.maximum(values, 0) * CHI2_2DF_95)[:, None] * circle)
        ax.plot(estimate[i] + ellipse[0], estimate[j] + ellipse[1], color="red", lw=1, label="95 % confidence region")
    ax.set_xlim(low[i], high[i])
    ax.set_ylim(low[j], high[j])
    ax.set_xlabel(x_key)
    ax.set_ylabel(y_key)
    ax.set_title("Loss of every evaluated point")
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    fig.savefig(args.output, dpi=120)


if __name__ == "__main__":
    main()
