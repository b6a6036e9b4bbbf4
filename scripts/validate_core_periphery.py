#!/usr/bin/python3
"""The core-periphery limit of clustersim (docs/validation.md): measures the break and sustain points of
the core-periphery model of Fujita, Krugman and Venables (1999, ch. 5) from runs of the model set up by
configs/validation/core_periphery.toml, and compares them with the closed forms, computed here from
FKV's equations alone, without any of the model's code.

  break point T_B: the trade cost below which a small perturbation of the symmetric state grows;
  sustain point T_S: the trade cost above which a full core (all talent in one region) no longer holds.

Each point of a bisection over the trade cost T is one scenario run in two steps: without migration
until the short-run equilibrium (wages, firms, incomes) has settled, saving its state, then from that
state with migration on. A perturbation grows when the first tick of migration moves talent further
from the symmetric split (for T_B, starting from a talent share 1/2 + epsilon); a core holds when no
talent leaves it for the empty region (for T_S, starting from a full core). The binary is
build/clustersim, or $CLUSTERSIM.

Prints a table of the runs, the closed forms, and as its last line `T_break=<value> T_sustain=<value>`
measured from the runs. Exits 1 when either differs from its closed form by more than 1 %, 2 on bad
input. With --figure it also runs a grid of trade costs and draws the "tomahawk" (stable equilibria of
the talent share over the trade cost) with the closed-form curves.

  scripts/validate_core_periphery.py --mu 0.4 --sigma 5
  scripts/validate_core_periphery.py --mu 0.4 --sigma 5 --figure docs/figures/validation_tomahawk.png
"""
import argparse
import math
import os
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np
from scipy.optimize import brentq

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as files  # noqa: E402

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
SCENARIO = REPOSITORY / "configs" / "validation" / "core_periphery.toml"
TOLERANCE = 0.01  # the largest relative difference from a closed form that passes

# --------------------------------------------------------------------------------------------------
# Closed forms (FKV 1999, ch. 5), in FKV's own normalisation: manufacturing workers mu, farmers 1 - mu
# split equally, c = rho = (sigma - 1) / sigma, F = mu / sigma, so that a region's number of varieties is
# its share lambda of the manufacturing workers.


def fkv_break(mu, sigma):
    """T_B = [(rho + mu)(1 + mu) / ((rho - mu)(1 - mu))]^(1 / (sigma - 1)) (FKV eq. 5.26)."""
    rho = (sigma - 1.0) / sigma
    return ((rho + mu) * (1.0 + mu) / ((rho - mu) * (1.0 - mu))) ** (1.0 / (sigma - 1.0))


def fkv_periphery_real_wage(trade_cost, mu, sigma):
    """omega_2 / omega_1 in a full core in region 1: omega_2^sigma = T^(-mu sigma) [(1 + mu)/2 T^(1 - sigma)
    + (1 - mu)/2 T^(sigma - 1)] (FKV eq. 5.28)."""
    t = trade_cost
    return (t ** (-mu * sigma) * ((1 + mu) / 2 * t ** (1 - sigma) + (1 - mu) / 2 * t ** (sigma - 1))) ** (1 / sigma)


def fkv_sustain(mu, sigma):
    """The T > 1 at which the periphery's real wage in a full core equals the core's."""
    # Just above 1 the periphery's real wage is below the core's and it rises without bound with T.
    return brentq(lambda t: fkv_periphery_real_wage(t, mu, sigma) - 1.0, 1.0 + 1e-9, 1e6, xtol=1e-14)


def fkv_real_wage_gap(share, trade_cost, mu, sigma):
    """ln(omega_1 / omega_2) at the short-run equilibrium with talent share `share` in region 1: the
    wage equations solved by damped iteration (FKV eqs. 5.1-5.4)."""
    lam = np.array([share, 1.0 - share])
    phi = np.array([[1.0, trade_cost ** (1 - sigma)], [trade_cost ** (1 - sigma), 1.0]])
    wage = np.ones(2)
    for _ in range(20000):
        income = mu * lam * wage + (1 - mu) / 2
        index = (phi @ (lam * wage ** (1 - sigma))) ** (1 / (1 - sigma))
        new = (phi @ (income * index ** (sigma - 1))) ** (1 / sigma)
        if np.max(np.abs(new / wage - 1)) < 1e-15:
            wage = new
            break
        wage = 0.5 * wage + 0.5 * new
    index = (phi @ (lam * wage ** (1 - sigma))) ** (1 / (1 - sigma))
    real = wage * index ** (-mu)
    return math.log(real[0] / real[1])


def fkv_interior_equilibria(trade_cost, mu, sigma, shares):
    """Talent shares in (1/2, 1) where the real wages are equal (interior equilibria, unstable in FKV)."""
    gaps = [fkv_real_wage_gap(s, trade_cost, mu, sigma) for s in shares]
    roots = []
    for a, b, ga, gb in zip(shares[:-1], shares[1:], gaps[:-1], gaps[1:]):
        if ga * gb < 0:
            roots.append(brentq(lambda s: fkv_real_wage_gap(s, trade_cost, mu, sigma), a, b, xtol=1e-10))
    return roots


# --------------------------------------------------------------------------------------------------
# Runs of the model


class Model:
    """Runs configs/validation/core_periphery.toml at a given mu, sigma, trade cost and initial split."""

    def __init__(self, clustersim, mu, sigma, firms, settle_ticks, work):
        self.clustersim = clustersim
        self.mu = mu
        self.sigma = sigma
        self.firms = firms
        self.settle_ticks = settle_ticks
        self.work = work
        self.runs = []

    def scenario(self, trade_cost, core_firms):
        """A scenario file on top of the validation scenario: mu, sigma, the trade cost, the split of the
        initial firms, and the wage at the start at which the initial firms just break even (so that the
        settling starts near the equilibrium; the equilibrium does not depend on it)."""
        gdp, population, consumption_share, fixed_talent = 10000.0, 1000000.0, 0.9, 1.0
        sales_per_firm = self.mu * consumption_share * 2 * gdp / self.firms
        start_wage = sales_per_firm / (self.sigma * fixed_talent)  # 1e8 CNY per person-year
        wage_to_gdp_per_capita = start_wage * 1e4 * population / gdp
        rows = [("core", core_firms), ("periphery", self.firms - core_firms)]
        clusters = ",\n".join(f'  {{ region = "{r}", industry = "manufactures", size = {n} }}' for r, n in rows)
        text = (f'base = "{SCENARIO}"\n\n[simulation]\nticks = {self.settle_ticks}\n\n'
                f"[firms]\ninitial_count = {self.firms}\ninitial_clusters = [\n{clusters},\n]\n\n"
                f"[market]\nelasticity = {self.sigma!r}\nstrategic_expenditure_share = {self.mu!r}\n\n"
                f"[talent]\nwage_to_gdp_per_capita = {wage_to_gdp_per_capita!r}\n\n"
                f"[policy]\ntransport_cost = {trade_cost - 1.0!r}\n")
        path = self.work / f"cp-{len(self.runs)}.toml"
        path.write_text(text)
        return path

    def _run(self, arguments):
        result = subprocess.run([self.clustersim, "run", "-q", *arguments], capture_output=True, text=True)
        if result.returncode != 0:
            raise files.InputError(f"{self.clustersim} run {' '.join(arguments)} failed: "
                                   f"{files.one_line(result.stderr) or 'exit status ' + str(result.returncode)}")

    def run(self, trade_cost, core_firms, migration_ticks=1):
        """Settles without migration, then migrates for `migration_ticks`; returns the talent shares of the
        core region (at the settled state and after each tick of migration) and the settled real-wage gap."""
        scenario = self.scenario(trade_cost, core_firms)
        index = len(self.runs)
        settled, state, moved = (self.work / f"cp-{index}-{name}.h5" for name in ("settle", "state", "migrate"))
        self._run([str(scenario), "--set", "talent.reconsider_rate=0", "--save-state", str(state), "-o", str(settled)])
        self._run([str(scenario), "--from-state", str(state), "--set",
                   f"simulation.ticks={self.settle_ticks + migration_ticks}", "-o", str(moved)])
        with h5py.File(settled, "r") as f:
            stock = f["talent_stock"][-1, :].astype(float)
            real_wage = f["real_wage"][-1, :]
        with h5py.File(moved, "r") as f:
            after = f["talent_stock"][:, :].astype(float)
        for path in (settled, state, moved, scenario):
            path.unlink()
        record = {
            "T": trade_cost, "firms in core": core_firms,
            "share settled": stock[0] / stock.sum(),
            "gap settled": math.log(real_wage[0] / real_wage[1]) if stock[1] > 0 else float("nan"),
            "shares": after[:, 0] / after.sum(axis=1),
        }
        self.runs.append(record)
        return record


def symmetric_perturbation_grows(model, trade_cost, epsilon):
    record = model.run(trade_cost, round(model.firms * (0.5 + epsilon)))
    settled = record["share settled"]
    grows = abs(record["shares"][0] - 0.5) > abs(settled - 0.5)
    record["case"] = "break"
    record["verdict"] = "grows" if grows else "decays"
    return grows


def core_holds(model, trade_cost):
    record = model.run(trade_cost, model.firms)
    holds = record["shares"][0] >= record["share settled"]
    record["case"] = "sustain"
    record["verdict"] = "holds" if holds else "breaks"
    return holds


def bisect(predicate, low, high, tolerance):
    """The T in [low, high] where predicate changes from True (at low) to False (at high), to a relative
    `tolerance`, bisecting in ln T."""
    if not predicate(low) or predicate(high):
        raise files.InputError(f"the bracket [{low:g}, {high:g}] of trade costs does not hold the point: "
                               "widen it with --bracket")
    while math.log(high / low) > tolerance:
        middle = math.sqrt(low * high)
        if predicate(middle):
            low = middle
        else:
            high = middle
    return math.sqrt(low * high)


# --------------------------------------------------------------------------------------------------
# The tomahawk


def tomahawk(model, mu, sigma, t_break, t_sustain, measured_break, measured_sustain, epsilon, path):
    import matplotlib.pyplot as plt

    grid = np.exp(np.linspace(math.log(1.0 + 0.4 * (t_break - 1.0)), math.log(1.0 + 1.6 * (t_sustain - 1.0)), 15))
    symmetric, core = [], []
    for t in grid:
        symmetric.append(not symmetric_perturbation_grows(model, t, epsilon))
        core.append(core_holds(model, t))
    curve = np.exp(np.linspace(math.log(grid[0]), math.log(grid[-1]), 200))
    figure, axes = plt.subplots(figsize=(7.0, 5.0))
    above = curve >= t_break
    axes.plot(curve[above], np.full(above.sum(), 0.5), color="black", lw=1.6, label="stable (closed form)")
    axes.plot(curve[~above], np.full((~above).sum(), 0.5), color="black", lw=1.0, ls="--",
              label="unstable (closed form)")
    inside = curve <= t_sustain
    for level in (0.0, 1.0):
        axes.plot(curve[inside], np.full(inside.sum(), level), color="black", lw=1.6)
        axes.plot(curve[~inside], np.full((~inside).sum(), level), color="black", lw=1.0, ls="--")
    # Interior equilibria between the break and the sustain point: unstable, mirrored about 1/2.
    branch_t, branch_share = [], []
    shares = np.linspace(0.5005, 0.9995, 120)
    for t in curve[(curve > t_break) & (curve < t_sustain)]:
        for root in fkv_interior_equilibria(t, mu, sigma, shares):
            branch_t.append(t)
            branch_share.append(root)
    if branch_t:
        axes.plot(branch_t, branch_share, color="black", lw=1.0, ls="--")
        axes.plot(branch_t, 1.0 - np.array(branch_share), color="black", lw=1.0, ls="--")
    stable = dict(marker="o", ls="none", ms=6, color="tab:blue")
    axes.plot(grid[np.array(symmetric)], np.full(sum(symmetric), 0.5), label="model run: stable", **stable)
    axes.plot(grid[~np.array(symmetric)], np.full(len(grid) - sum(symmetric), 0.5), mfc="white",
              label="model run: unstable", **{k: v for k, v in stable.items()})
    holds = np.array(core)
    for level in (0.0, 1.0):
        axes.plot(grid[holds], np.full(holds.sum(), level), **stable)
        axes.plot(grid[~holds], np.full((~holds).sum(), level), mfc="white", **stable)
    axes.axvline(measured_break, color="tab:red", lw=0.8, ls=":")
    axes.axvline(measured_sustain, color="tab:red", lw=0.8, ls=":", label="measured T_B, T_S")
    axes.set_xlabel("trade cost T (iceberg factor between the regions) [1]")
    axes.set_ylabel("share of talent in region 1 [1]")
    axes.set_title(f"Core-periphery limit, mu = {mu:g}, sigma = {sigma:g}: equilibria over the trade cost")
    axes.set_ylim(-0.05, 1.05)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, fontsize=8, frameon=False)
    figure.tight_layout()
    files.save_figure(figure, path)


# --------------------------------------------------------------------------------------------------


def print_runs(runs):
    print("| case | T | firms in core at start | talent share settled | ln(omega_1/omega_2) settled "
          "| share after 1 tick of migration | verdict |")
    print("|---|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['case']} | {r['T']:.5f} | {r['firms in core']} | {r['share settled']:.5f} "
              f"| {r['gap settled']:.3e} | {r['shares'][0]:.5f} | {r['verdict']} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mu", type=float, required=True, help="share of spending on manufactures, in [0.2, 0.5]")
    parser.add_argument("--sigma", type=float, required=True, help="elasticity of substitution, in [3, 8]")
    parser.add_argument("--epsilon", type=float, default=0.01,
                        help="perturbation of the symmetric talent share (default 0.01)")
    parser.add_argument("--firms", type=int, default=40000, help="firms at the start (default 40000)")
    parser.add_argument("--settle-ticks", type=int, default=40,
                        help="ticks without migration before the state is saved (default 40)")
    parser.add_argument("--tolerance", type=float, default=1e-3,
                        help="relative width at which a bisection stops (default 1e-3)")
    parser.add_argument("--bracket", type=float, nargs=2, default=(1.01, 100.0), metavar=("LOW", "HIGH"),
                        help="trade costs the bisections start from (default 1.01 100)")
    parser.add_argument("--figure", type=pathlib.Path, help="also draw the tomahawk into this file")
    parser.add_argument("--clustersim", default=os.environ.get("CLUSTERSIM", str(REPOSITORY / "build" / "clustersim")))
    args = parser.parse_args()
    if not (0.2 <= args.mu <= 0.5) or not (3.0 <= args.sigma <= 8.0) or not ((args.sigma - 1) / args.sigma > args.mu):
        raise files.InputError(f"--mu {args.mu:g} --sigma {args.sigma:g}: expected mu in [0.2, 0.5] and sigma in "
                               "[3, 8] with (sigma - 1) / sigma > mu (the no-black-hole condition)")
    if not (0.0 < args.epsilon < 0.1) or args.firms < 1000 or not (0 < args.tolerance < 0.01):
        raise files.InputError("expected --epsilon in (0, 0.1), --firms of at least 1000, --tolerance in (0, 0.01)")
    if not pathlib.Path(args.clustersim).exists():
        raise files.InputError(f"{args.clustersim}: no clustersim binary (build it, or set CLUSTERSIM)")

    t_break, t_sustain = fkv_break(args.mu, args.sigma), fkv_sustain(args.mu, args.sigma)
    with tempfile.TemporaryDirectory(prefix="core_periphery-") as work:
        model = Model(args.clustersim, args.mu, args.sigma, args.firms, args.settle_ticks, pathlib.Path(work))
        low, high = args.bracket
        measured_break = bisect(lambda t: symmetric_perturbation_grows(model, t, args.epsilon), low, high,
                                args.tolerance)
        measured_sustain = bisect(lambda t: core_holds(model, t), low, high, args.tolerance)
        runs = list(model.runs)
        if args.figure:
            tomahawk(model, args.mu, args.sigma, t_break, t_sustain, measured_break, measured_sustain, args.epsilon,
                     args.figure)

    print(f"Core-periphery limit, mu = {args.mu:g}, sigma = {args.sigma:g}: {len(runs)} bisection points, "
          f"each a settled run continued by one tick of migration.\n")
    print_runs(runs)
    break_error = measured_break / t_break - 1.0
    sustain_error = measured_sustain / t_sustain - 1.0
    print(f"\nclosed form (FKV 1999, ch. 5): T_break={t_break:.5f} T_sustain={t_sustain:.5f}")
    print(f"measured - closed form: break {100 * break_error:+.3f} %, sustain {100 * sustain_error:+.3f} % "
          f"(tolerance {100 * TOLERANCE:g} %)")
    print(f"T_break={measured_break:.5f} T_sustain={measured_sustain:.5f}")
    return 0 if abs(break_error) <= TOLERANCE and abs(sustain_error) <= TOLERANCE else 1


if __name__ == "__main__":
    files.run_script(main)
