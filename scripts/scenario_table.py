#!/usr/bin/python3
"""Headline outcomes of several scenarios over several seeds, as a Markdown table (mean and standard
deviation across seeds): the table of docs/scenarios.md. Welfare (money-metric, at common reference
prices) comes first: it is the row to compare scenarios by.

Runs each scenario once per seed with the clustersim binary (skipping runs whose file exists unless
--rerun), then reads the files with xarray.

Usage:
  /usr/bin/python3 scripts/scenario_table.py configs/staggered_none.toml configs/staggered_coordinated.toml \
      [--seeds 1 2 ... 10] [--clustersim build/clustersim] [--out results/scenarios] [--rerun]
"""
import argparse
import pathlib
import subprocess
import sys
import tomllib

import numpy as np
import xarray as xr
from scipy import stats

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))
from clustersim.scripting import one_line  # noqa: E402

def planned_industries(ds):
    """Industries a planner may make priorities: those some region ever had as a priority."""
    return ds.industry[(ds.priority.max(["time", "region"]) > 0).values]


def outcomes(ds):
    months = tomllib.loads(ds.attrs["scenario"])["simulation"]["months_per_tick"]
    years = ds.sizes["time"] * months / 12.0
    ticks_per_year = max(1, round(12 / months))
    real_gdp = ds.real_gdp_total.values
    planned = planned_industries(ds)
    future = [i for i in ds.industry.values if str(i).startswith("future")]
    last_year = ds.isel(time=slice(-ticks_per_year, None))
    return {
        "welfare per head (end, 1e4 CNY/person/year at reference prices)": float(ds.welfare_per_head_national.values[-1]),
        "welfare growth (%/year)": 100.0 * ((float(ds.welfare_total.values[-1]) / float(ds.welfare_total.values[0]))
                                             ** (1.0 / years) - 1.0),
        "mean structural similarity (end)": float(ds.mean_structural_similarity.values[-1]),
        "mean Krugman specialisation (end)": float(ds.mean_krugman_specialisation.values[-1]),
        "regions with LQ > 1 per planned industry (end)": float(
            ds.duplication.isel(time=-1).sel(industry=planned).mean()),
        # Annual rates over each tick: times the tick's length in years, summed, is the whole run's amount.
        "subsidies to firms (1e8 CNY, whole run)": float(ds.subsidies.sum()) * months / 12.0,
        "wasted subsidies (1e8 CNY, whole run)": float(ds.wasted_subsidies.sum()) * months / 12.0,
        "wasted share of subsidies (%)": 100.0 * float(ds.wasted_subsidies.sum()) / max(float(ds.subsidies.sum()), 1e-300),
        "exits in the last year": float(last_year.exits.sum()),
        "real GDP growth (%/year, chained Fisher)": 100.0 * ((real_gdp[-1] / real_gdp[0]) ** (1.0 / years) - 1.0),
        "nominal GDP (end, 1e8 CNY/year)": float(ds.gdp_total.values[-1]),
        "government programmes, purchases and education (1e8 CNY, whole run)": float(
            (ds.programme_spending + ds.government_purchases + ds.education_spending).sum()) * months / 12.0,
        "government debt over GDP (end)": float(ds.government_debt.values[-1] / ds.gdp_total.values[-1]),
        "firms (end)": float(ds.firms_total.values[-1]),
        "future industries' unit cost (mean, end of year 5)": float(
            ds.future_unit_cost.isel(time=min(5 * ticks_per_year, ds.sizes["time"]) - 1).sel(industry=future).mean()),
        "future industries' share of sales (%, end of year 5)": 100.0 * float(
            ds.sales.isel(time=min(5 * ticks_per_year, ds.sizes["time"]) - 1).sel(industry=future).sum()
            / ds.sales.isel(time=min(5 * ticks_per_year, ds.sizes["time"]) - 1).sum()),
    }


def run_clustersim(command):
    """Runs the binary; a failed run ends the script with one line naming the command, the binary's status
    and its messages (one line per error of a scenario from the binary, joined). Shared by the scripts
    that run scenarios over seeds."""
    try:
        result = subprocess.run([str(part) for part in command], capture_output=True, text=True)
    except OSError as error:  # no binary there, or not executable
        sys.exit(f"{pathlib.Path(sys.argv[0]).name}: error: cannot run {command[0]}: {error.strerror}")
    if result.returncode != 0:
        sys.exit(f"{pathlib.Path(sys.argv[0]).name}: error: {' '.join(map(str, command))} failed "
                 f"(status {result.returncode}): {one_line(result.stderr) or 'no message'}")


def run(clustersim, scenario, seed, out, rerun, overrides=()):
    """The run of `scenario` with `seed` (and --set `overrides`) in `out`: OUT/STEM-seedSEED.h5, run unless it
    exists (or `rerun`). Shared by plan_agreement.py and duplication_costs.py."""
    path = out / f"{scenario.stem}-seed{seed}.h5"
    if rerun or not path.exists():
        command = [clustersim, "run", "-q", str(scenario), "--seed", str(seed), "-o", str(path)]
        for override in overrides:
            command += ["--set", override]
        run_clustersim(command)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="+", type=pathlib.Path)
    parser.add_argument("--seeds", nargs="+", type=int, default=list(range(1, 11)))
    parser.add_argument("--clustersim", default="build/clustersim")
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("results/scenarios"))
    parser.add_argument("--rerun", action="store_true")
    parser.add_argument("--interval", action="store_true",
                        help="print mean [95 %% interval of the mean] (Student t over seeds) instead of mean ± sd")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    table = {}
    for scenario in args.scenarios:
        rows = []
        for seed in args.seeds:
            with xr.open_dataset(run(args.clustersim, scenario, seed, args.out, args.rerun)) as ds:
                rows.append(outcomes(ds))
        table[scenario.stem] = {key: np.array([row[key] for row in rows]) for key in rows[0]}

    names = list(table)
    keys = list(next(iter(table.values())))
    if args.interval:
        print(f"Mean [95 % interval of the mean, Student t] over seeds {', '.join(map(str, args.seeds))}.\n")
    else:
        print(f"Mean ± standard deviation over seeds {', '.join(map(str, args.seeds))}.\n")
    print("| outcome | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for key in keys:
        cells = []
        for name in names:
            values = table[name][key]
            spread = values.std(ddof=1) if len(values) > 1 else 0.0
            if args.interval and len(values) > 1:
                half = stats.t.ppf(0.975, len(values) - 1) * spread / np.sqrt(len(values))
                cells.append(f"{values.mean():.4g} [{values.mean() - half:.4g}, {values.mean() + half:.4g}]")
            else:
                cells.append(f"{values.mean():.4g} ± {spread:.2g}")
        print(f"| {key} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
