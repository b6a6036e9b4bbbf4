#!/usr/bin/python3
"""Does homogeneous development cost something, and through which channel? Per scenario (typically the
three planner modes, configs/staggered_none.toml, staggered_comparative.toml, staggered_coordinated.toml),
over seeds, the channels through which many regions chasing the same industries could waste resources
(issue 15, item 6; docs/scenarios.md, "Why staggering matters, measured"), all over the planned industries
(kind emerging or future, from the scenario embedded in each file) unless said otherwise:

- capacity: capital-weighted mean capacity utilisation over the last year (output over what the machines
  could make), and idle machines: the book value of machines times (1 - utilisation), last year's mean;
- unserved orders: orders full machines could not serve, summed over the run (1e8 CNY);
- fragmented learning (future industries): the effective number of regions producing each future
  industry (1 / Herfindahl of the regions' sales shares) and the output-weighted mean of the regional
  unit costs (Wright's law on local experience, 1 = mature) at the end of year 5 and at the end;
- losses and exits: exits over the run, and losses: the sum of negative cluster profits over the run
  (annual rates times the tick length, 1e8 CNY);
- wasted subsidies: to firms that exited within planner.waste_window_ticks of receiving them (1e8 CNY);
- prices: the mean of national_price_index over planned industries at the end (1 = the model's first
  clearing; lower is cheaper for buyers);
- and the bottom line, welfare per head at the end (money-metric, common reference prices).

Prints a Markdown table: mean [95 % interval of the mean] per scenario, and for every scenario after the
first its paired difference from the first (same seed: the scenarios share the start and the random
numbers) with a 95 % Student t interval. Runs each scenario once per seed with the clustersim binary into
--out (default results/scenarios; a file that exists is read, not rerun, like scenario_table.py).
Runs with /usr/bin/python3 (numpy, scipy, xarray).

Usage:
  /usr/bin/python3 scripts/duplication_costs.py configs/staggered_none.toml configs/staggered_comparative.toml \\
      configs/staggered_coordinated.toml [--seeds 1 ... 10] [--out results/scenarios] [--clustersim build/clustersim]
"""
import argparse
import pathlib
import tomllib

import numpy as np
import xarray as xr
from scipy import stats

from scenario_table import run


def kinds(ds):
    industries = tomllib.loads(ds.attrs["scenario"])["industries"]
    return {row["industry"]: row["kind"] for row in industries}


def channels(ds):
    months = tomllib.loads(ds.attrs["scenario"])["simulation"]["months_per_tick"]
    dt = months / 12.0
    per_year = max(1, round(12 / months))
    kind = kinds(ds)
    planned = [i for i in ds.industry.values if kind[str(i)] in ("emerging", "future")]
    future = [i for i in ds.industry.values if kind[str(i)] == "future"]
    p = ds.sel(industry=planned)
    last = p.isel(time=slice(-per_year, None))
    capital = last.capital
    utilisation = last.capacity_utilisation
    weighted_use = float((capital * utilisation).sum() / capital.sum())
    idle = float((capital * (1.0 - utilisation)).sum("region").sum("industry").mean())

    def learning(tick):
        f = ds.sel(industry=future).isel(time=tick)
        sales = f.sales
        shares = sales / sales.sum("region")
        effective = (1.0 / (shares ** 2).sum("region")).where(sales.sum("region") > 0)
        cost = (f.regional_future_unit_cost * sales).sum("region") / sales.sum("region")
        return float(effective.mean()), float(cost.mean())

    year5 = min(5 * per_year, ds.sizes["time"]) - 1
    regions5, cost5 = learning(year5)
    regions_end, cost_end = learning(-1)
    return {
        "capacity utilisation, last year (capital-weighted)": weighted_use,
        "idle machines, last year (1e8 CNY of book value)": idle,
        "unserved orders (1e8 CNY, whole run)": float(p.unserved_demand.sum()) * dt,
        "future industries: producing regions, effective number (year 5)": regions5,
        "future industries: producing regions, effective number (end)": regions_end,
        "future industries: unit cost, output-weighted (year 5)": cost5,
        "future industries: unit cost, output-weighted (end)": cost_end,
        "exits (whole run)": float(p.exits.sum()),
        "losses: negative cluster profits (1e8 CNY, whole run)": float(p.profit.where(p.profit < 0, 0.0).sum()) * dt,
        "wasted subsidies (1e8 CNY, whole run)": float(p.wasted_subsidies.sum()) * dt,
        "price index of planned industries (end, mean)": float(p.national_price_index.isel(time=-1).mean()),
        "welfare per head (end, 1e4 CNY/person/year)": float(ds.welfare_per_head_national.values[-1]),
    }


def interval(values):
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return f"{values.mean():.4g}"
    half = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
    return f"{values.mean():.4g} [{values.mean() - half:.4g}, {values.mean() + half:.4g}]"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="+", type=pathlib.Path)
    parser.add_argument("--seeds", nargs="+", type=int, default=list(range(1, 11)))
    parser.add_argument("--clustersim", default="build/clustersim")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("results/scenarios"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    table = {}
    for scenario in args.scenarios:
        rows = []
        for seed in args.seeds:
            with xr.open_dataset(run(args.clustersim, scenario, seed, args.out, False)) as ds:
                rows.append(channels(ds))
        table[scenario.stem] = {key: np.array([row[key] for row in rows]) for key in rows[0]}
    names = list(table)
    first = names[0]
    header = names + [f"{name} - {first} (paired)" for name in names[1:]]
    print(f"Mean [95 % interval of the mean] over seeds {', '.join(map(str, args.seeds))}; paired differences "
          f"from {first} by seed.\n")
    print("| channel | " + " | ".join(header) + " |")
    print("|---|" + "---|" * len(header))
    for key in table[first]:
        cells = [interval(table[name][key]) for name in names]
        cells += [interval(table[name][key] - table[first][key]) for name in names[1:]]
        print(f"| {key} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
