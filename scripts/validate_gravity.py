#!/usr/bin/python3
"""The gravity equation in clustersim's trade flows (issue 16, item 4; docs/validation.md, Gravity).

Runs the model on a scenario with the optional output trade_flows (configs/validation/gravity.toml by
default; the binary at build/clustersim or where the CLUSTERSIM environment variable points), or reads
a run file given on the command line, and estimates at one tick (the last by default), by Poisson
pseudo-maximum likelihood with origin and destination effects per industry (scripts/ppml.py; Santos
Silva and Tenreyro 2006), how the flows between regions fall with

- the trade cost factor T_rs = 1 + tau_rs d_rs / 1000 km (the model's iceberg factor, docs/model.md
  §7.1; tau_rs the mean of both regions' policy_transport_cost, d_rs the great-circle distance between
  their capitals, computed here from latitude and longitude). The model's CES demand gives
  X_rsk = phi_rs Q_rk E_sk / P_sk^(1 - sigma_k), phi_rs = T_rs^(1 - sigma_k), so the elasticity of flows
  with respect to T is 1 - sigma_k (Anderson and van Wincoop 2003), the origin term absorbing the supply
  Q_rk (and any rationing of the cluster), the destination term the spending E_sk and the price index;
- distance: d ln X / d ln d = (1 - sigma_k) tau_rs d_rs / (1000 km + tau_rs d_rs), not a constant. A
  constant-elasticity fit on ln d (PPML, same effects) estimates an average of these local elasticities.
  Which average: to first order in the curvature of ln T in ln d, PPML finds the weighted least-squares
  slope of the model's (1 - sigma_k) ln T_rs on ln d_rs with the same effects, weighted by the flows,
      b_d = sum w x~ g~ / sum w x~^2,  w = X_rsk, g = (1 - sigma_k) ln T_rs, x = ln d_rs,
  ~ the residual of the w-weighted projection on the origin and destination effects (scripts/ppml.py,
  projection_slope). b_d uses the flows only as weights, the trade costs as the dependent variable. The
  script also reports the range of the local elasticities, their flow-weighted mean and their mean over
  pairs, which are not what a constant-elasticity fit estimates.

Flows within a region (r = s) are left out: their distance is 0 (ln d undefined), and they carry the
pilots' purchases, which buy from the region's own firms outside the CES market. Origins and
destinations whose flows of an industry are all zero are dropped from that industry (scripts/ppml.py).

Pass criteria (exit status 0 if all hold, 1 otherwise):
1. For each industry, and pooled over industries with industry-specific effects when every industry has
   the same sigma, the estimate on ln T is within its robust standard error of 1 - sigma_k; the standard
   error is not allowed below a numerical floor of 1e-9 |1 - sigma_k|, because flows that follow the
   equation exactly (they do: see docs/validation.md) leave only rounding in the residuals, and a
   standard error of 1e-15 measures the rounding, not the model.
2. The same for the constant elasticity on ln d against b_d, with its robust standard error (here the
   residuals are the curvature a constant elasticity misses, so the standard error is real).
Bad input (no such file, no trade_flows in it, a scenario clustersim refuses) exits with status 2 and one
line on stderr; a run that fails at runtime, with status 1.

Usage:
  /usr/bin/python3 scripts/validate_gravity.py [RUN.h5] [--scenario TOML] [--set KEY=VALUE ...]
      [--keep RUN.h5] [--tick N] [--figure OUT.png]

Examples:
  scripts/validate_gravity.py --figure docs/figures/validation_gravity.png
  scripts/validate_gravity.py results/gravity.h5            # a run with market.write_flows = true
"""
import argparse
import math
import os
import pathlib
import subprocess
import sys
import tempfile
import tomllib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402
import ppml  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = REPOSITORY / "configs" / "validation" / "gravity.toml"
EARTH_RADIUS_KM = 6371.0
KM_PER_COST_UNIT = 1000.0  # policy.transport_cost is per 1000 km
# Relative precision below which a standard error measures rounding rather than the model (criterion 1).
NUMERICAL_FLOOR = 1e-9
FLOW_DIMS = ("time", "region", "destination", "industry")
EXPECTED = ("expected a clustersim run file with trade_flows "
            "(`clustersim run SCENARIO --set market.write_flows=true -o FILE.h5`)")


def clustersim_binary():
    return os.environ.get("CLUSTERSIM") or str(REPOSITORY / "build" / "clustersim")


def run_model(scenario, overrides, out):
    """Runs the scenario into `out`. A scenario clustersim refuses is bad input (exit 2), a run that fails is a
    runtime failure (exit 1); either with clustersim's messages."""
    binary = clustersim_binary()
    if not pathlib.Path(binary).is_file():
        raise cf.InputError(f"no clustersim binary at '{binary}' (build it, or set CLUSTERSIM)")
    command = [binary, "run", "-q", str(scenario), "-o", str(out), "--set", "market.write_flows=true"]
    for override in overrides:
        command += ["--set", override]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        # clustersim names the file, line and key of each error on a line of its own: keep them all, on one line.
        message = cf.one_line(result.stderr or result.stdout)
        text = f"the run of {scenario} failed (status {result.returncode}): {message or 'no message'}"
        if result.returncode == 2:  # clustersim refused the scenario: bad input
            raise cf.InputError(text)
        print(f"{pathlib.Path(sys.argv[0]).name}: error: {text}", file=sys.stderr)
        sys.exit(1)  # the model failed at runtime: not the input's fault
    return out


def great_circle_km(latitude, longitude):
    """Haversine distances between all pairs of points in degrees (docs/model.md §7.1)."""
    lat = np.radians(latitude)[:, None]
    lon = np.radians(longitude)[:, None]
    h = np.sin((lat - lat.T) / 2) ** 2 + np.cos(lat) * np.cos(lat.T) * np.sin((lon - lon.T) / 2) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def elasticities(dataset, industries):
    """sigma_k from the resolved scenario the run file carries: the industry's own, else market.elasticity."""
    path = cf.path_of(dataset)
    try:
        scenario = tomllib.loads(dataset.attrs["scenario"])
    except (KeyError, tomllib.TOMLDecodeError) as error:
        raise cf.InputError(f"{path}: no readable resolved scenario (attribute 'scenario'): {error}") from None
    default = scenario.get("market", {}).get("elasticity")
    records = scenario.get("industries")
    by_name = {}
    if isinstance(records, list):
        by_name = {record.get("industry"): record.get("elasticity", default) for record in records}
    sigma = [by_name.get(name, default) for name in industries]
    if any(value is None for value in sigma):
        raise cf.InputError(f"{path}: the resolved scenario gives no elasticity for every industry")
    return np.array(sigma, dtype=float)


class Data:
    """The flows of one tick between distinct regions, one row per (origin, destination, industry)."""

    def __init__(self, dataset, tick):
        path = cf.path_of(dataset)
        flows = cf.require_variable(dataset, "trade_flows", FLOW_DIMS, "region x destination x industry series")
        ticks = dataset.sizes["time"]
        if not -ticks <= tick < ticks:
            raise cf.InputError(f"{path}: --tick {tick} out of range (the run has {ticks} ticks)")
        self.tick = tick % ticks
        self.date = cf.date_text(dataset, self.tick)
        self.regions = [str(name) for name in dataset.region.values]
        self.industries = [str(name) for name in dataset.industry.values]
        values = flows.isel(time=self.tick).transpose("region", "destination", "industry").values
        if not np.all(np.isfinite(values)) or np.any(values < 0):
            raise cf.InputError(f"{path}: trade_flows has negative or non-finite values at tick {self.tick}")
        transport = cf.require_variable(dataset, "policy_transport_cost", ("time", "region")).isel(time=self.tick)
        tau = np.asarray(transport.values, dtype=float)
        distance = great_circle_km(dataset.latitude.values, dataset.longitude.values)
        self.sigma = elasticities(dataset, self.industries)
        count = len(self.regions)
        origin, destination, industry = np.meshgrid(np.arange(count), np.arange(count),
                                                    np.arange(len(self.industries)), indexing="ij")
        between = (origin != destination).ravel()
        self.origin = origin.ravel()[between]
        self.destination = destination.ravel()[between]
        self.industry = industry.ravel()[between]
        self.flow = values.ravel()[between]
        self.distance = distance[self.origin, self.destination]
        route_cost = 0.5 * (tau[self.origin] + tau[self.destination])
        self.ln_t = np.log1p(route_cost * self.distance / KM_PER_COST_UNIT)
        # d ln phi / d ln d at each pair: the local distance elasticity the trade costs imply.
        share = route_cost * self.distance / (KM_PER_COST_UNIT + route_cost * self.distance)
        self.local_distance_elasticity = (1.0 - self.sigma[self.industry]) * share
        self.total = values.sum()
        self.internal = values.trace(axis1=0, axis2=1).sum()
        unserved = dataset.get("unserved_demand")
        self.rationed_clusters = None
        self.rationed_origin = np.zeros(len(self.flow), dtype=bool)  # the origin cluster's machines were full
        if unserved is not None:
            full = unserved.isel(time=self.tick).transpose("region", "industry").values > 0
            self.rationed_clusters = int(full.sum())
            self.rationed_origin = full[self.origin, self.industry]
        self.clusters = count * len(self.industries)


def estimate(data, regressor, rows):
    """PPML on `regressor` over `rows` (a boolean mask), effects of origin and destination per industry."""
    try:
        return ppml.ppml(data.flow[rows], regressor[rows], data.origin[rows], data.destination[rows],
                         data.industry[rows])
    except ppml.EstimationError as error:
        raise cf.InputError(f"the flows cannot identify the elasticity: {error}") from None


def within_se(estimate_value, se, expected):
    allowed = max(se, NUMERICAL_FLOOR * abs(expected))
    return abs(estimate_value - expected) <= allowed


def distance_summary(data, fit, rows):
    """The implied constant elasticity b_d of the pairs the fit used, and the range, flow-weighted mean and
    mean over pairs of their local elasticities."""
    used = np.flatnonzero(rows)[fit.used]
    local = data.local_distance_elasticity[used]
    weights = data.flow[used]
    log_cost = (1.0 - data.sigma[data.industry[rows]]) * data.ln_t[rows]
    try:
        projection = ppml.projection_slope(log_cost, np.log(data.distance[rows]), data.flow[rows],
                                           data.origin[rows], data.destination[rows], data.industry[rows])
    except ppml.EstimationError as error:
        raise cf.InputError(f"the flows cannot identify the distance elasticity: {error}") from None
    return {"projection": projection, "low": float(local.min()), "high": float(local.max()),
            "flow_weighted": float(np.sum(local * weights) / np.sum(weights)), "mean": float(local.mean())}


def measure(data):
    """Every estimate of the table: per industry and pooled, on ln T and on ln d."""
    rows = []
    everything = np.ones(len(data.flow), dtype=bool)
    ln_d = np.log(data.distance)
    for k, name in enumerate(data.industries):
        mask = data.industry == k
        if data.flow[mask].sum() <= 0:
            rows.append({"name": name, "sigma": data.sigma[k], "empty": True})
            continue
        on_t = estimate(data, data.ln_t, mask)
        on_d = estimate(data, ln_d, mask)
        rows.append({"name": name, "sigma": data.sigma[k], "empty": False, "on_t": on_t, "on_d": on_d,
                     "implied_t": 1.0 - data.sigma[k], "implied_d": distance_summary(data, on_d, mask),
                     "pairs": int(on_t.used.sum()), "residual": on_t.log_residual_max(data.flow[mask])})
    if all(row["empty"] for row in rows):
        raise cf.InputError(f"no trade between regions at tick {data.tick}: nothing to estimate")
    pooled = None
    if np.all(data.sigma == data.sigma[0]):
        on_t = estimate(data, data.ln_t, everything)
        on_d = estimate(data, ln_d, everything)
        pooled = {"name": "pooled (industry-specific effects)", "sigma": data.sigma[0], "empty": False,
                  "on_t": on_t, "on_d": on_d, "implied_t": 1.0 - data.sigma[0],
                  "implied_d": distance_summary(data, on_d, everything), "pairs": int(on_t.used.sum()),
                  "residual": on_t.log_residual_max(data.flow)}
    return rows, pooled


def verdicts(rows, pooled):
    """(trade-cost criterion holds, distance criterion holds) over what the criteria cover."""
    estimated = [row for row in rows if not row["empty"]]
    checked_t = estimated + ([pooled] if pooled else [])
    cost_ok = all(within_se(r["on_t"].slope, r["on_t"].robust_se, r["implied_t"]) for r in checked_t)
    distance_ok = all(within_se(r["on_d"].slope, r["on_d"].robust_se, r["implied_d"]["projection"])
                      for r in checked_t)
    return cost_ok, distance_ok


def print_table(data, rows, pooled, source):
    print(f"Gravity of trade flows: {source}, tick {data.tick} ({data.date}); "
          f"{len(data.regions)} regions, {len(data.industries)} industries.")
    print(f"Flows between regions: {data.total - data.internal:.6g} of {data.total:.6g} (1e8 CNY/year); "
          "flows within a region are left out.")
    if data.rationed_clusters is not None:
        print(f"Clusters whose machines could not serve all their orders at this tick: {data.rationed_clusters} "
              f"of {data.clusters} (rationing scales an origin's whole row, so it is part of the origin effect).")
    print()
    print("Elasticity of flows with respect to the trade cost factor T (expected 1 - sigma):\n")
    print("| industry | sigma | pairs | estimate on ln T | robust se | 1 - sigma | abs(difference) / se "
          "| max abs ln residual | result |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows + ([pooled] if pooled else []):
        if row["empty"]:
            print(f"| {row['name']} | {row['sigma']:g} | 0 | n/a (no flows) | | | | | |")
            continue
        fit = row["on_t"]
        ratio = abs(fit.slope - row["implied_t"]) / fit.robust_se if fit.robust_se > 0 else math.inf
        result = "pass" if within_se(fit.slope, fit.robust_se, row["implied_t"]) else "fail"
        print(f"| {row['name']} | {row['sigma']:g} | {row['pairs']} | {fit.slope:.12f} | {fit.robust_se:.3g} | "
              f"{row['implied_t']:g} | {ratio:.3g} | {row['residual']:.3g} | {result} |")
    print()
    print("Constant distance elasticity (PPML on ln d) against b_d, the flow-weighted projection of "
          "(1 - sigma) ln T on ln d with the same effects; the local elasticities (1 - sigma) tau d / "
          "(1000 km + tau d) of the same pairs for comparison:\n")
    print("| industry | estimate on ln d | robust se | implied b_d | abs(difference) / se | local: min "
          "| flow-weighted mean | mean over pairs | max | result |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows + ([pooled] if pooled else []):
        if row["empty"]:
            continue
        fit, implied = row["on_d"], row["implied_d"]
        ratio = abs(fit.slope - implied["projection"]) / fit.robust_se if fit.robust_se > 0 else math.inf
        result = "pass" if within_se(fit.slope, fit.robust_se, implied["projection"]) else "fail"
        print(f"| {row['name']} | {fit.slope:.4f} | {fit.robust_se:.3g} | {implied['projection']:.4f} | "
              f"{ratio:.3g} | {implied['low']:.4f} | {implied['flow_weighted']:.4f} | {implied['mean']:.4f} | "
              f"{implied['high']:.4f} | {result} |")
    print()


def plot(data, rows, pooled, source):
    """Flows with the fixed effects of the ln T fit removed, against ln T and against ln d; the flows of
    clusters whose machines were full drawn apart, to show that rationing leaves them on the line."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    ln_t, ln_d, net, rationed, weights = [], [], [], [], []
    for k, row in enumerate(rows):
        if row["empty"]:
            continue
        mask = data.industry == k
        fit = row["on_t"]
        keep = fit.used & (data.flow[mask] > 0)
        ln_t.append(data.ln_t[mask][keep])
        ln_d.append(np.log(data.distance[mask][keep]))
        net.append(np.log(data.flow[mask][keep]) - fit.effects[keep])
        rationed.append(data.rationed_origin[mask][keep])
        weights.append(data.flow[mask][keep])
    ln_t, ln_d, net, rationed, weights = map(np.concatenate, (ln_t, ln_d, net, rationed, weights))
    for axes, x in ((left, ln_t), (right, ln_d)):
        axes.scatter(x[~rationed], net[~rationed], s=3, color="tab:blue", alpha=0.4,
                     label=f"pairs x industries ({int((~rationed).sum())})")
        if rationed.any():
            axes.scatter(x[rationed], net[rationed], s=12, color="tab:red", marker="x",
                         label=f"from clusters whose machines were full ({int(rationed.sum())})")
        axes.grid(alpha=0.3)
        axes.set_ylabel("ln X_rsk less origin and destination effects [1]")
    span = np.linspace(0.0, ln_t.max() * 1.02, 50)
    for sigma in sorted(set(data.sigma)):
        left.plot(span, (1.0 - sigma) * span, color="black", linewidth=1, label=f"slope 1 - sigma = {1 - sigma:g}")
    left.set_xlabel("ln T_rs = ln(1 + tau_rs d_rs / 1000 km) [1]")
    left.set_title("Against the trade cost factor: elasticity 1 - sigma", fontsize=10)
    left.legend(fontsize=7)
    if pooled:
        slope = pooled["on_d"].slope
        # The constant-elasticity line through the flow-weighted centre of the points.
        centre_x = np.sum(weights * ln_d) / np.sum(weights)
        centre_y = np.sum(weights * net) / np.sum(weights)
        line = np.linspace(ln_d.min(), ln_d.max(), 50)
        right.plot(line, centre_y + slope * (line - centre_x), color="black", linewidth=1,
                   label=f"constant elasticity, PPML on ln d: {slope:.3f} (implied b_d "
                         f"{pooled['implied_d']['projection']:.3f})")
    right.set_xlabel("ln d_rs [ln km]")
    right.set_title("Against distance: local elasticity (1 - sigma) tau d / (1000 km + tau d)", fontsize=10)
    right.legend(fontsize=7)
    figure.suptitle(f"Gravity of simulated trade flows, {source}, {data.date}", fontsize=10)
    figure.tight_layout()
    return figure


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=pathlib.Path, metavar="RUN.h5",
                        help="a run file with trade_flows; without it the scenario is run")
    parser.add_argument("--scenario", type=pathlib.Path, default=DEFAULT_SCENARIO,
                        help=f"scenario to run when no file is given (default {DEFAULT_SCENARIO.relative_to(REPOSITORY)})")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="overrides",
                        help="override a key of the scenario for the run (repeatable)")
    parser.add_argument("--keep", type=pathlib.Path, metavar="RUN.h5",
                        help="write the run here and keep it (default: a temporary file, removed)")
    parser.add_argument("--tick", type=int, default=-1, help="index of the tick to estimate at (default -1, the last)")
    parser.add_argument("--figure", type=pathlib.Path, metavar="OUT.png",
                        help=f"draw the flows less the fixed effects against ln T and ln d ({', '.join(cf.FIGURE_FORMATS)})")
    parser.add_argument("--dpi", type=int, default=cf.DEFAULT_DPI,
                        help=f"resolution of PNG output (default {cf.DEFAULT_DPI})")
    args = parser.parse_args()
    if args.file and (args.overrides or args.keep):
        raise cf.InputError("--set and --keep apply when the scenario is run, not to a file given")
    with tempfile.TemporaryDirectory(prefix="clustersim-gravity-") as work:
        if args.file:
            path = args.file
        else:
            if not args.scenario.is_file():
                raise cf.InputError(f"{args.scenario}: no such scenario file")
            path = run_model(args.scenario, args.overrides, args.keep or pathlib.Path(work) / "gravity.h5")
        dataset, kind = cf.open_clustersim(path, EXPECTED)
        if kind != "run":
            dataset.close()
            raise cf.InputError(f"{path}: a sweep file; {EXPECTED}")
        dataset = cf.with_grouped_series(dataset)  # trade_flows is in the group region_pairs
        source = pathlib.Path(path).name
        data = Data(dataset, args.tick)
        rows, pooled = measure(data)
        print_table(data, rows, pooled, source)
        cost_ok, distance_ok = verdicts(rows, pooled)
        headline = pooled or next(row for row in rows if not row["empty"])
        print(f"trade_cost_elasticity={headline['on_t'].slope:.12g} se={headline['on_t'].robust_se:.3g} "
              f"implied={headline['implied_t']:g} distance_elasticity={headline['on_d'].slope:.4f} "
              f"se={headline['on_d'].robust_se:.3g} implied_distance={headline['implied_d']['projection']:.4f} "
              f"result={'pass' if cost_ok and distance_ok else 'fail'}")
        if args.figure:
            cf.save_figure(plot(data, rows, pooled, source), cf.output_path(args.figure, path), args.dpi)
        dataset.close()
    return 0 if cost_ok and distance_ok else 1


if __name__ == "__main__":
    cf.run_script(main)
