#!/usr/bin/python3
"""Headline figures of the four chains for one or more run files, as a Markdown table.

    /usr/bin/python3 scripts/chain_summary.py results/closed_regions.h5 results/open_regions.h5

Columns: mean inter-regional talent flow (persons moving to another region per tick, national total),
mean spillover received from other regions (mean over clusters and ticks), welfare dispersion
(coefficient of variation of money-metric welfare per head across regions in the last tick: common prices,
so regions compare), national welfare and real GDP (chained Fisher) growth per year, and firms at the end.
A file that is not a clustersim run file, or lacks one of these variables, is bad input: one line on
stderr naming it, exit status 2.

Examples:
    /usr/bin/python3 scripts/chain_summary.py results/baseline.h5
    /usr/bin/python3 scripts/chain_summary.py results/closed_regions.h5 results/open_regions.h5
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402

import numpy as np  # noqa: E402

REQUIRED = ("emigrants", "spillover_received", "welfare_per_head", "welfare_total", "real_gdp_total", "firms_total")


def summarise(path):
    with cf.open_run(path) as ds:
        missing = [name for name in REQUIRED if name not in ds]
        if missing:
            raise cf.InputError(f"{path}: not a clustersim run file with the four chains "
                                f"(missing {', '.join(missing)})")
        years = float((ds.time[-1] - ds.time[0]) / np.timedelta64(1, "D")) / 365.25
        per_head = ds.welfare_per_head.isel(time=-1)

        def growth(series):
            return (float(series[-1]) / float(series[0])) ** (1.0 / years) - 1.0

        return {
            "run": path,
            "talent flow / tick": float(ds.emigrants.sum("region").mean("time")),
            "spillover received": float(ds.spillover_received.mean()),
            "welfare/head CV (end)": float(per_head.std() / per_head.mean()),
            "welfare growth / year": growth(ds.welfare_total),
            "real GDP growth / year": growth(ds.real_gdp_total),
            "firms (end)": int(ds.firms_total[-1]),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="clustersim run files (.h5)")
    args = parser.parse_args()
    rows = [summarise(path) for path in args.runs]
    columns = list(rows[0].keys())
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        cells = []
        for column in columns:
            value = row[column]
            cells.append(f"{value:.4g}" if isinstance(value, float) else str(value))
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    cf.run_script(main)
