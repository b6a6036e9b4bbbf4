#!/usr/bin/python3
"""How much of the staggered-development plan is signal: agreement of the plans between seeds and between
successive plans of a run (docs/model.md, Staggered development; issue 15, item 4).

Runs a scenario once per seed with the clustersim binary (build/clustersim, or $CLUSTERSIM, or
--clustersim) into a temporary directory that is deleted afterwards (--keep DIR keeps the files there
instead; a file that exists in DIR is read, not rerun), then reads the output with xarray and prints:

- the first plan in force (the priority map of tick 0), agreement between seeds: for every pair of
  seeds, the priority pairs (region, industry) the two plans share, divided by the pairs of a plan
  (the mean of the two plans' sizes); the mean over seed pairs, also as a count ("27.0 of 75"), next to
  what chance would give: two plans with the same number of regions per industry, regions drawn at
  random, share sum_k n_k m_k / R pairs on average;
- priorities on future industries (kind "future" in the scenario's industries) and on clusters without
  firms, in the first plan and in every later plan, with how many of the latter had a pilot in force;
  a plan in force from tick t+1 was decided at the end of tick t, so "without firms" uses the `firms`
  output of tick t (for the first plan, decided at initialisation, that of tick 0: the nearest recorded);
- for the successive plans within a run, at every tick at which some seed's plan changed, the cells
  (region, industry) that flip (added and removed priorities) and the plan's size, as mean and range over
  seeds (a seed that kept its plan counts 0).

Usage:
  /usr/bin/python3 scripts/plan_agreement.py configs/staggered_coordinated.toml [configs/staggered_comparative.toml]
      [--seeds 1 2 ... 10] [--clustersim build/clustersim] [--set planner.hysteresis=0 ...] [-j 2] [--keep DIR]
"""
import argparse
import concurrent.futures
import itertools
import os
import pathlib
import sys
import tempfile
import tomllib

import numpy as np
import xarray as xr

from scenario_table import run


def industry_kinds(ds):
    """Kind of each industry of the output, from the resolved scenario the file embeds (docs/output.md: its
    industries are written out there as a list of tables with `industry` and `kind`)."""
    kinds = {row["industry"]: row["kind"] for row in tomllib.loads(ds.attrs["scenario"])["industries"]}
    names = [str(name) for name in ds.industry.values]
    missing = [name for name in names if name not in kinds]
    if missing:
        sys.exit(f"plan_agreement: error: no kind for industries {', '.join(missing)} in the embedded scenario")
    return np.array([kinds[name] for name in names])


def read_run(path):
    """The plans of a run: every distinct plan with the tick it came into force and what it rests on, and
    the maps of every tick."""
    with xr.open_dataset(path) as ds:
        priority = ds.priority.transpose("time", "region", "industry").values > 0
        firms = ds.firms.transpose("time", "region", "industry").values
        pilots = (ds.pilot_budget.transpose("time", "region", "industry").values > 0
                  if "pilot_budget" in ds else np.zeros_like(priority))
        kinds = industry_kinds(ds)
        regions = ds.sizes["region"]
    changes = [t for t in range(1, priority.shape[0]) if (priority[t] != priority[t - 1]).any()]
    described = []
    for t in [0] + changes:
        plan = priority[t]
        decided = max(t - 1, 0)  # the plan in force from t was decided at the end of t - 1
        empty = plan & (firms[decided] == 0)
        described.append({
            "tick": t,
            "plan": plan,
            "pairs": int(plan.sum()),
            "future": int(plan[:, kinds == "future"].sum()),
            "empty": int(empty.sum()),
            "empty_with_pilot": int((empty & pilots[t]).sum()),
        })
    return {"plans": described, "priority": priority, "regions": regions}


def agreement(first_plans, regions):
    """Mean over seed pairs of shared pairs, of plan size, and of the chance expectation of shared pairs."""
    shared, size, chance = [], [], []
    for a, b in itertools.combinations(first_plans, 2):
        shared.append(int((a & b).sum()))
        size.append(0.5 * (a.sum() + b.sum()))
        chance.append(float((a.sum(axis=0) * b.sum(axis=0)).sum()) / regions)
    return np.mean(shared), np.mean(size), np.mean(chance), np.array(shared) / np.maximum(np.array(size), 1e-300)


def spread(values):
    values = np.asarray(values, dtype=float)
    return f"{values.mean():.1f} (range {values.min():g}-{values.max():g})"


def report(scenario, runs, seeds):
    print(f"## {scenario.name}: {len(seeds)} seeds ({', '.join(map(str, seeds))})\n")
    first = [r["plans"][0] for r in runs]
    regions = runs[0]["regions"]
    if len(runs) > 1:
        shared, size, chance, fractions = agreement([p["plan"] for p in first], regions)
        print(f"- first plan in force, agreement between seeds: {shared:.1f} of {size:.0f} pairs shared "
              f"({100 * fractions.mean():.1f} %, seed pairs range {100 * fractions.min():.0f}-"
              f"{100 * fractions.max():.0f} %); chance: {chance:.1f}")
    print(f"- first plan: priorities {spread([p['pairs'] for p in first])}; on future industries "
          f"{spread([p['future'] for p in first])}; on clusters without firms {spread([p['empty'] for p in first])}"
          f", of them with a pilot in force {spread([p['empty_with_pilot'] for p in first])}")
    later = [p for r in runs for p in r["plans"][1:]]
    if later:
        print(f"- later plans ({len(later)} over all seeds), per plan: on future industries "
              f"{spread([p['future'] for p in later])}; on clusters without firms "
              f"{spread([p['empty'] for p in later])}, of them with a pilot in force "
              f"{spread([p['empty_with_pilot'] for p in later])}")
    # Every tick at which the plan changed in some seed; a seed whose plan stayed counts 0 there.
    ticks = sorted({p["tick"] for r in runs for p in r["plans"][1:]})
    if not ticks:
        print("- no revision changed the plan in any seed")
    for t in ticks:
        added = [int((r["priority"][t] & ~r["priority"][t - 1]).sum()) for r in runs]
        removed = [int((~r["priority"][t] & r["priority"][t - 1]).sum()) for r in runs]
        flipped = [a + b for a, b in zip(added, removed)]
        pairs = [int(r["priority"][t].sum()) for r in runs]
        changed = sum(1 for f in flipped if f > 0)
        print(f"- plan in force from tick {t} ({changed} of {len(runs)} seeds changed it): cells flipped "
              f"{spread(flipped)}, of them added {spread(added)}, removed {spread(removed)}; "
              f"priorities {spread(pairs)}")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenarios", nargs="+", type=pathlib.Path)
    parser.add_argument("--seeds", nargs="+", type=int, default=list(range(1, 11)))
    parser.add_argument("--clustersim", default=os.environ.get("CLUSTERSIM", "build/clustersim"))
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="override a scenario key in every run (repeatable)")
    parser.add_argument("-j", type=int, default=2, help="runs at a time (default 2)")
    parser.add_argument("--keep", type=pathlib.Path, help="write the run files into this directory and keep them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="plan_agreement-") as temporary:
        out = args.keep if args.keep else pathlib.Path(temporary)
        out.mkdir(parents=True, exist_ok=True)
        if args.overrides:
            print(f"Overrides: {', '.join(args.overrides)}\n")
        for scenario in args.scenarios:
            with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
                paths = list(pool.map(lambda seed: run(args.clustersim, scenario, seed, out, False, args.overrides),
                                      args.seeds))
            report(scenario, [read_run(path) for path in paths], args.seeds)


if __name__ == "__main__":
    sys.exit(main())
