#!/usr/bin/python3
"""Effects of policies against a baseline, in one unit, over seeds: runs the baseline and each policy for
every seed with the clustersim binary (a run whose file exists is read, not rerun), and prints a Markdown
table of the paired effect (policy - baseline, same seed) of each outcome at the last tick, in % of the
baseline: the mean over seeds and its 95 % interval (Student t over the seeds' relative differences).

A policy is NAME=SCENARIO[,KEY=VALUE...]: a scenario file and `--set` overrides, e.g.
  rd_subsidy=configs/high_rd_subsidy.toml
  education_x2=configs/baseline.toml,policy.education_budget=2
  closed=configs/baseline.toml,policy.openness=0

Outcomes (time series summed over their other axes) default to money-metric welfare (welfare_total, the
measure to compare scenarios by), welfare per head, chained real GDP and nominal GDP; --outcomes names
others (e.g. real_gdp_total alone, for a binary of an earlier version).

Usage:
  /usr/bin/python3 scripts/policy_effects.py configs/baseline.toml rd_subsidy=configs/high_rd_subsidy.toml \
      [--seeds 1 2 ... 10] [--outcomes welfare_total real_gdp_total] [--clustersim build/clustersim]
      [--out results/effects] [-j 2] [--csv effects.csv]
"""
import argparse
import concurrent.futures
import pathlib
import sys

import numpy as np
import xarray as xr
from scipy import stats

from scenario_table import run_clustersim

DEFAULT_OUTCOMES = ("welfare_total", "welfare_per_head_national", "real_gdp_total", "gdp_total")


def paired_effect(base, policy, level=0.95):
    """Mean of the paired differences policy - base and the half-width of its t interval (NaN for one pair)."""
    diff = np.asarray(policy, dtype=float) - np.asarray(base, dtype=float)
    n = diff.size
    if n < 2:
        return diff.mean(), float("nan")
    return diff.mean(), stats.t.ppf(0.5 + level / 2, n - 1) * diff.std(ddof=1) / np.sqrt(n)


def parse_policy(text):
    name, _, spec = text.partition("=")
    if not name or not spec:
        sys.exit(f"policy_effects: error: '{text}' is not NAME=SCENARIO[,KEY=VALUE...]")
    scenario, *overrides = spec.split(",")
    return name, scenario, overrides


def run(clustersim, name, scenario, overrides, seed, out):
    path = out / f"{name}-seed{seed}.h5"
    if not path.exists():
        command = [clustersim, "run", "-q", scenario, "--seed", str(seed), "-o", str(path)]
        for override in overrides:
            command += ["--set", override]
        run_clustersim(command)
    return path


def last_value(path, outcome):
    with xr.open_dataset(path) as ds:
        if outcome not in ds:
            sys.exit(f"policy_effects: error: {path}: no variable '{outcome}'")
        series = ds[outcome]
        return float(series.isel(time=-1).sum())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("baseline", help="baseline scenario file")
    parser.add_argument("policies", nargs="+", metavar="NAME=SCENARIO[,KEY=VALUE...]")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(1, 11)))
    parser.add_argument("--outcomes", nargs="+", default=list(DEFAULT_OUTCOMES))
    parser.add_argument("--clustersim", default="build/clustersim")
    parser.add_argument("--out", default="results/effects")
    parser.add_argument("-j", type=int, default=2)
    parser.add_argument("--csv", help="also write the table as CSV")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    variants = [("baseline", args.baseline, [])] + [parse_policy(text) for text in args.policies]
    jobs = [(variant, seed) for variant in variants for seed in args.seeds]
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        paths = list(pool.map(lambda job: run(args.clustersim, *job[0], job[1], out), jobs))
    values = {(job[0][0], job[1], outcome): last_value(path, outcome)
              for job, path in zip(jobs, paths) for outcome in args.outcomes}
    n = len(args.seeds)
    print(f"Effects against {args.baseline} at the last tick, % of the baseline: mean over {n} seeds of the paired "
          f"relative difference and its 95 % interval (t, {n - 1} degrees of freedom).\n")
    print("| policy | outcome | baseline mean | effect (%) | 95 % interval (%) |")
    print("| --- | --- | --- | --- | --- |")
    rows = []
    for name, _, _ in variants[1:]:
        for outcome in args.outcomes:
            base = np.array([values[("baseline", seed, outcome)] for seed in args.seeds])
            policy = np.array([values[(name, seed, outcome)] for seed in args.seeds])
            mean, half = paired_effect(np.zeros(n), 100.0 * (policy / base - 1.0))
            rows.append((name, outcome, base.mean(), mean, mean - half, mean + half))
            print(f"| {name} | {outcome} | {base.mean():.6g} | {mean:+.2f} | [{mean - half:+.2f}, {mean + half:+.2f}] |")
    if args.csv:
        with open(args.csv, "w") as table:
            table.write("policy,outcome,baseline_mean,effect_percent,ci_low_percent,ci_high_percent\n")
            for row in rows:
                table.write(",".join([row[0], row[1]] + [repr(float(x)) for x in row[2:]]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
