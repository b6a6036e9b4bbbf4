#!/usr/bin/python3
"""Headline figures of the four chains for one or more run files, as a Markdown table.

    /usr/bin/python3 scripts/chain_summary.py results/closed_regions.h5 results/open_regions.h5

Columns: mean inter-regional talent flow (persons moving to another region per tick, national total),
mean spillover received from other regions (mean over clusters and ticks), GDP dispersion (coefficient
of variation of real GDP per head across regions in the last tick), national real GDP growth per year,
and firms at the end.
"""
import argparse
import sys

import numpy as np
import xarray as xr

REQUIRED = ("emigrants", "spillover_received", "real_gdp", "population", "real_gdp_total", "firms_total")


def summarise(path):
    with xr.open_dataset(path) as ds:
        missing = [name for name in REQUIRED if name not in ds]
        if missing:
            sys.exit(f"{path}: not a clustersim run file with the four chains (missing {', '.join(missing)})")
        years = float((ds.time[-1] - ds.time[0]) / np.timedelta64(1, "D")) / 365.25
        per_head = ds.real_gdp.isel(time=-1) / ds.population
        growth = (float(ds.real_gdp_total[-1]) / float(ds.real_gdp_total[0])) ** (1.0 / years) - 1.0
        return {
            "run": path,
            "talent flow / tick": float(ds.emigrants.sum("region").mean("time")),
            "spillover received": float(ds.spillover_received.mean()),
            "GDP/head CV (end)": float(per_head.std() / per_head.mean()),
            "real GDP growth / year": growth,
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
    main()
