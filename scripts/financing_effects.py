#!/usr/bin/python3
"""Effect of a policy under each way of financing it (docs/model.md §7.15): runs a baseline scenario and a
policy scenario under policy.financing = debt, tax and budget_neutral for several seeds, and prints, per
financing mode, the mean and 95 % interval over seeds of the paired difference (policy - baseline, same
seed) of headline outcomes at the last tick: nominal GDP, real GDP, households' consumption, government
debt, unemployment and the money the levers cost.

Usage:
  /usr/bin/python3 scripts/financing_effects.py configs/baseline.toml configs/high_rd_subsidy.toml \
      --seeds 1 2 3 4 5 6 7 8 9 10 [--clustersim build/clustersim] [--out results/financing] [-j 2]
"""
import argparse
import concurrent.futures
import pathlib
import sys

import numpy as np
import xarray as xr

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from policy_effects import paired_effect  # noqa: E402
from scenario_table import run_clustersim  # noqa: E402

MODES = ("debt", "tax", "budget_neutral")
OUTCOMES = [  # name in the table, how it is read from a run, unit
    ("nominal GDP", lambda ds: float(ds.gdp.isel(time=-1).sum()), "1e8 CNY/year"),
    ("welfare", lambda ds: float(ds.welfare_total.isel(time=-1)), "1e8 CNY/year (common reference prices)"),
    ("real GDP", lambda ds: float(ds.real_gdp_total.isel(time=-1)), "1e8 CNY/year (chained Fisher, first-tick prices)"),
    ("household consumption", lambda ds: float(ds.household_consumption.isel(time=-1).sum()), "1e8 CNY/year"),
    ("government debt", lambda ds: float(ds.government_debt.isel(time=-1)), "1e8 CNY"),
    ("unemployment", lambda ds: float(ds.unemployment.isel(time=-1).sum()) / 1e4, "1e4 persons"),
    ("programme spending", lambda ds: float(ds.programme_spending.isel(time=-1).sum()), "1e8 CNY/year"),
]


def run(clustersim, scenario, mode, seed, out):
    path = out / f"{pathlib.Path(scenario).stem}-{mode}-{seed}.h5"
    if not path.exists():
        run_clustersim([clustersim, "run", "-q", scenario, "--seed", str(seed), "--set", f'policy.financing="{mode}"',
                        "-o", str(path)])
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("baseline")
    parser.add_argument("policy")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(1, 11)))
    parser.add_argument("--clustersim", default="build/clustersim")
    parser.add_argument("--out", default="results/financing")
    parser.add_argument("-j", type=int, default=2)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(scenario, mode, seed) for scenario in (args.baseline, args.policy) for mode in MODES for seed in args.seeds]
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        paths = dict(zip(jobs, pool.map(lambda job: run(args.clustersim, *job, out), jobs)))
    values = {}
    for job, path in paths.items():
        with xr.open_dataset(path) as ds:
            values[job] = [read(ds) for _, read, _ in OUTCOMES]
    n = len(args.seeds)
    print(f"Effect of {args.policy} against {args.baseline} at the last tick: mean of the paired difference over "
          f"{n} seeds and its 95 % interval (t, {n - 1} degrees of freedom); baseline mean in brackets.\n")
    print("| financing | outcome | unit | baseline | effect | 95 % interval | effect, % of baseline |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for mode in MODES:
        for index, (name, _, unit) in enumerate(OUTCOMES):
            base = np.array([values[(args.baseline, mode, seed)][index] for seed in args.seeds])
            mean, half = paired_effect(base, [values[(args.policy, mode, seed)][index] for seed in args.seeds])
            print(f"| {mode} | {name} | {unit} | {base.mean():.6g} | {mean:+.4g} | "
                  f"[{mean - half:+.4g}, {mean + half:+.4g}] | {100 * mean / base.mean():+.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
