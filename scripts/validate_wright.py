#!/usr/bin/python3
"""Validation of Wright's law from what the model's runs record (docs/validation.md, "Wright's law";
issue 16, item 3). Two parts, each from runs of the clustersim binary (build/clustersim, or where the
CLUSTERSIM environment variable points; --clustersim overrides both):

1. Recovery of the learning exponent. configs/validation/wright.toml switches off every channel that
   moves a future-industry firm's price other than learning and wages; it is run at each exponent of
   --exponents with the firm panel at every tick. Per future industry, the exponent is estimated by OLS
   of the observed unit-cost multiple on the experience composite:
     ln c_it = ln c0 - b z_rt,  c_it = p_it / (sigma/(sigma-1)) / (w_r,t-1 / a_it x 1e-4)
   p_it = firm_sales / firm_output (the firm's price), a_it its firm_productivity, w_r,t-1 the
   talent_wage recorded at the end of the tick before (the wage the tick's prices use; 1e-4 turns
   1e4 CNY into the prices' 1e8 CNY); in this setting the industrial chain is off, so there is no input
   or co-location term to divide out (the script checks chain.input_share = 0). The composite is the
   model's mix of local and national experience, built from observed output:
     z_rt = (1 - s) ln(X_rt / X0_r) + s ln(X_t / X0),
     X_t = X0 + dt sum_{tau < t} Y_tau, X_rt = X0 / R + dt sum_{tau < t} Y_r,tau,
   Y the sum of firm_output over the industry's firms (nationally and in region r), dt the tick in
   years, s = future.national_learning_share, R the number of regions, X0 the model's cumulative_output
   at tick 0 (the experience it starts with; nothing is added at tick 0). Output of tick t counts from
   tick t + 1 on, as the model's timing has it (docs/model.md §3). The case passes when every estimate
   is within --tolerance (relative) of the configured exponent. Every firm-tick from tick 1 on counts
   (tick 0's wage was set before the file's first record). A second table shows what the estimate
   becomes when the observed cost or the experience is built otherwise (no wage netting, the tick's own
   wage, the tick's own output in the experience, national experience only).
2. Decomposition of the observed price fall with every channel on: the run of --decomposition-scenario
   (configs/baseline.toml) with the firm panel at every tick, decomposed by scripts/price_decomposition.py
   into learning, variety, productivity, wages, input prices, co-location, trade costs and the regional
   mix. It fails when the parts do not add up to the recorded change (|residual| above 1e-9) or a firm's
   price differs from the pricing equation (log difference above 1e-9).

Prints the tables (Markdown) and, as its last line, `wright: pass` or `wright: FAIL (...)`; exit
status 0 when both parts pass, 1 when either fails, 2 on bad input (one line on stderr).

Usage:
  /usr/bin/python3 scripts/validate_wright.py [--fast] [--exponents B ...] [--tolerance 0.02]
      [--law-figure OUT.png] [--decomposition-figure OUT.png] [--keep DIR]

Examples:
  /usr/bin/python3 scripts/validate_wright.py --fast            # the CI version (seconds)
  /usr/bin/python3 scripts/validate_wright.py --law-figure docs/figures/validation_wright_law.png \\
      --decomposition-figure docs/figures/validation_wright_decomposition.png
"""
import argparse
import math
import os
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import clustersim_files as cf  # noqa: E402
import price_decomposition  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
LAW_SCENARIO = ROOT / "configs" / "validation" / "wright.toml"
DECOMPOSITION_SCENARIO = ROOT / "configs" / "baseline.toml"
# The industry whose decomposition the figure also shows tick by tick: the one issue 16 quotes.
PATH_INDUSTRY = "future_information"
# Learning rates of 10, 20 and 30 % per doubling (b = -log2(1 - rate)): the range most learning curves
# fall in (Dutton and Thomas 1984), the default 20 % in the middle.
DEFAULT_EXPONENTS = (0.152, 0.322, 0.515)
# The exact identities of part 2 hold to rounding; 1e-9 in logs is far above it and far below any real effect.
EXACT = 1e-9
# --fast: small runs for CI (seconds), with enough ticks for the decomposition to have links.
FAST_LAW = ("firms.initial_count=600", "simulation.ticks=24")
FAST_DECOMPOSITION = ("simulation.burn_in_years=0", "firms.initial_count=1500", "simulation.ticks=12")


def clustersim_binary(requested):
    path = pathlib.Path(requested or os.environ.get("CLUSTERSIM") or ROOT / "build" / "clustersim")
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise cf.InputError(f"no clustersim binary at {path} (build it, or set CLUSTERSIM or --clustersim)")
    return path


def shown_path(path):
    """A path as the tables show it: relative to the repository when it lies in it."""
    path = pathlib.Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def run(clustersim, scenario, out, overrides):
    command = [str(clustersim), "run", str(scenario), "-q", "-o", str(out), "--set", "output.snapshot_every=1"]
    for override in overrides:
        command += ["--set", override]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed (status {result.returncode}): "
                           f"{cf.one_line(result.stderr) or 'no message'}")
    return out


# ---------------------------------------------------------------------------------------------------
# Part 1: the exponent from observed unit costs


def observed_experience(run_file, k):
    """National X_t (time) and local X_rt (time x region) from the firms' recorded output, each tick's
    output counted from the next tick on, and the model's national cumulative_output for comparison."""
    panel = run_file.panel[run_file.panel["industry"] == k]
    ticks, regions = len(run_file.times), run_file.latitude.shape[0]
    output = np.zeros((ticks, regions))
    np.add.at(output, (panel["tick"].to_numpy(), panel["region"].to_numpy()), panel["output"].to_numpy())
    start = run_file.cumulative_output[0, k]
    earlier = np.vstack([np.zeros((1, regions)), np.cumsum(output, axis=0)[:-1]]) * run_file.years_per_tick
    including_own = np.cumsum(output, axis=0) * run_file.years_per_tick
    return {"start": start, "national": start + earlier.sum(axis=1), "local": start / regions + earlier,
            "national_including_own": start + including_own.sum(axis=1),
            "local_including_own": start / regions + including_own}


def slope(x, y):
    return float(np.polyfit(x, y, 1)[0]), float(np.polyfit(x, y, 1)[1])


def estimate(run_file, k, share):
    """The exponent and c0 from observed unit costs on the observed experience composite, the
    specification checks, and the data for the figure."""
    experience = observed_experience(run_file, k)
    firms = run_file.panel[(run_file.panel["industry"] == k) & (run_file.panel["tick"] >= 1)]
    tick, region = firms["tick"].to_numpy(), firms["region"].to_numpy()
    markup = math.log(run_file.sigma[k] / (run_file.sigma[k] - 1.0))
    log_price = np.log(firms["price"].to_numpy())
    log_productivity = np.log(firms["productivity"].to_numpy())
    log_wage_before = np.log(run_file.talent_wage[tick - 1, region] * 1e-4)
    log_wage_now = np.log(run_file.talent_wage[tick, region] * 1e-4)
    log_cost = log_price - markup - log_wage_before + log_productivity
    regions = run_file.latitude.shape[0]

    def composite(local, national):
        return ((1.0 - share) * np.log(local[tick, region] / (experience["start"] / regions))
                + share * np.log(national[tick] / experience["start"]))

    z = composite(experience["local"], experience["national"])
    gradient, intercept = slope(z, log_cost)
    variants = {
        "price net of the markup only": -slope(z, log_price - markup)[0],
        "the tick's own wage instead of the last tick's": -slope(z, log_price - markup - log_wage_now + log_productivity)[0],
        "the tick's own output counted in its experience":
            -slope(composite(experience["local_including_own"], experience["national_including_own"]), log_cost)[0],
        "national experience only (s = 1 in the regressor)": -slope(np.log(experience["national"][tick] / experience["start"]), log_cost)[0],
    }
    recorded = run_file.cumulative_output[:, k]
    return {"b": -gradient, "c0": math.exp(intercept), "observations": len(z), "lowest_cost": float(np.exp(log_cost.min())),
            "experience_gap": float(np.max(np.abs(experience["national"] / recorded - 1.0))),
            "doublings": float(np.log2(experience["national"][-1] / experience["start"])),
            "variants": variants, "z": z, "log_cost": log_cost, "tick": tick, "region": region}


def law_part(clustersim, work, exponents, tolerance, fast):
    """Runs the setting at each exponent; returns the rows of the table and whether all passed."""
    rows, failures, figure_data = [], [], []
    for b in exponents:
        out = run(clustersim, LAW_SCENARIO, work / f"wright-b{b:g}.h5",
                  [f"future.learning_exponent={b!r}"] + list(FAST_LAW if fast else ()))
        run_file = price_decomposition.Run(out)
        scenario = run_file.scenario
        if float(scenario["chain"]["input_share"]) != 0.0:
            raise cf.InputError(f"{LAW_SCENARIO}: chain.input_share must be 0 (the estimate divides out wages and "
                                "productivity only)")
        share = float(scenario["future"]["national_learning_share"])
        c0 = float(scenario["future"]["initial_cost_multiple"])
        for name in run_file.future_industries():
            result = estimate(run_file, run_file.industries.index(name), share)
            result["configured_c0"] = c0
            if result["lowest_cost"] <= 1.0 + 1e-9:
                raise cf.InputError(f"{LAW_SCENARIO}: {name} reached the mature cost (floor 1) at b = {b:g}: the "
                                    "setting must keep future industries immature for the regression to hold")
            error = result["b"] / b - 1.0
            passed = abs(error) < tolerance
            if not passed:
                failures.append(f"{name} at b = {b:g}: estimate {result['b']:.6f}")
            rows.append({"b": b, "industry": name, "estimate": result["b"], "error": error, "c0": c0,
                         "c0_estimate": result["c0"], "observations": result["observations"],
                         "doublings": result["doublings"], "experience_gap": result["experience_gap"],
                         "variants": result["variants"], "passed": passed})
            figure_data.append((b, name, result))
    return rows, failures, figure_data


def law_tables(rows, tolerance):
    lines = [f"| configured b | industry | estimated b | relative error | configured c0 | estimated c0 | "
             f"firm-ticks | doublings of experience | experience vs cumulative_output | within {tolerance:g} |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['b']:g} | {row['industry']} | {row['estimate']:.6f} | {row['error']:+.1e} | "
                     f"{row['c0']:g} | {row['c0_estimate']:.6f} | {row['observations']} | {row['doublings']:.2f} | "
                     f"{row['experience_gap']:.1e} | {'yes' if row['passed'] else 'NO'} |")
    lines.append("")
    variants = list(rows[0]["variants"])
    lines.append("| configured b | industry | " + " | ".join(variants) + " |")
    lines.append("|---|---|" + "---|" * len(variants))
    for row in rows:
        cells = [f"{value:.4f} ({value / row['b'] - 1.0:+.1%})" for value in row["variants"].values()]
        lines.append(f"| {row['b']:g} | {row['industry']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def draw_law(figure_data, path):
    """ln of the observed unit-cost multiple against the experience composite z (the regression's axes),
    one point per cluster and tick, one panel per configured exponent; the dashed line is the configured
    law ln c0 - b z."""
    exponents = sorted({b for b, _, _ in figure_data})
    figure, axes = cf.plt.subplots(1, len(exponents), figsize=(4.4 * len(exponents), 3.9), squeeze=False)
    colours = cf.plt.get_cmap("tab10")
    for column, b in enumerate(exponents):
        ax = axes[0, column]
        z_max = 0.0
        for i, (_, name, result) in enumerate(entry for entry in figure_data if entry[0] == b):
            key = result["tick"] * 1000 + result["region"]
            _, first = np.unique(key, return_index=True)  # firms of a cluster share z and the cost multiple
            ax.plot(result["z"][first], result["log_cost"][first], "o", markersize=2.5, color=colours(i), label=name)
            z_max = max(z_max, result["z"].max())
            c0 = result["configured_c0"]
        z = np.linspace(0.0, z_max, 20)
        ax.plot(z, math.log(c0) - b * z, "--", color="black", linewidth=1.0, label=f"ln {c0:g} - {b:g} z")
        ax.set_title(f"configured b = {b:g} (learning rate {1 - 2 ** -b:.0%})")
        ax.set_xlabel("experience composite z, from recorded output")
        if column == 0:
            ax.set_ylabel("ln(observed unit cost / mature cost)")
        ax.legend(fontsize=7, markerscale=2)
    figure.tight_layout()
    cf.save_figure(figure, pathlib.Path(path))


# ---------------------------------------------------------------------------------------------------
# Part 2: the decomposition with every channel on


def decomposition_part(clustersim, work, scenario, fast):
    out = run(clustersim, scenario, work / "decomposition.h5", FAST_DECOMPOSITION if fast else ())
    run_file = price_decomposition.Run(out)
    links = price_decomposition.decompose(run_file, run_file.future_industries())
    if links.empty:
        raise RuntimeError(f"{scenario}: no future industry had firms in two consecutive ticks from tick 2 on")
    totals = price_decomposition.summary(links)
    failures = []
    worst_residual = float(links["residual"].abs().max(skipna=False))
    worst_pricing = float(links["largest_pricing_residual"].max(skipna=False))
    worst_national = float(links["national_index_gap"].max(skipna=False))
    if not worst_residual < EXACT:
        failures.append(f"the parts miss the recorded change by up to {worst_residual:.1e} in a tick")
    if not worst_pricing < EXACT:
        failures.append(f"a firm's price differs from the pricing equation by {worst_pricing:.1e} (log)")
    if not worst_national < EXACT:
        failures.append(f"the spending-weighted mean of price_index moves unlike national_price_index "
                        f"(by {worst_national:.1e} in a tick)")
    return totals, links, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fast", action="store_true", help="small runs for CI (seconds); the full case without it")
    parser.add_argument("--exponents", type=float, nargs="+", default=list(DEFAULT_EXPONENTS),
                        help="configured learning exponents to recover (default: %(default)s)")
    parser.add_argument("--tolerance", type=float, default=0.02,
                        help="largest relative error of an estimated exponent (default: %(default)s)")
    parser.add_argument("--decomposition-scenario", default=str(DECOMPOSITION_SCENARIO),
                        help="scenario whose future industries' price fall is decomposed (default: configs/baseline.toml)")
    parser.add_argument("--law-figure", help="write the figure of observed unit costs on experience here")
    parser.add_argument("--decomposition-figure", help="write the figure of the decomposition here")
    parser.add_argument("--keep", help="keep the runs in this directory (default: a temporary one, removed)")
    parser.add_argument("--clustersim", help="the clustersim binary (default: $CLUSTERSIM, else build/clustersim)")
    arguments = parser.parse_args()
    if not arguments.tolerance > 0:
        raise cf.InputError(f"--tolerance {arguments.tolerance:g}: must be positive")
    if any(not 0 < b <= 5 for b in arguments.exponents):
        raise cf.InputError(f"--exponents {arguments.exponents}: each must be in (0, 5], the range of future.learning_exponent")
    if not pathlib.Path(arguments.decomposition_scenario).is_file():
        raise cf.InputError(f"--decomposition-scenario {arguments.decomposition_scenario}: no such file")
    clustersim = clustersim_binary(arguments.clustersim)

    try:
        return validate(arguments, clustersim)
    except RuntimeError as error:  # a run of the model failed: a runtime failure, not bad input
        print(f"validate_wright.py: {error}", file=sys.stderr)
        return 1


def validate(arguments, clustersim):
    with tempfile.TemporaryDirectory(prefix="clustersim-wright-") as temporary:
        work = pathlib.Path(arguments.keep or temporary)
        work.mkdir(parents=True, exist_ok=True)
        rows, law_failures, figure_data = law_part(clustersim, work, arguments.exponents, arguments.tolerance,
                                                   arguments.fast)
        print("Wright's law: the exponent from observed unit costs, channels other than learning off "
              f"({LAW_SCENARIO.relative_to(ROOT)})\n")
        print(law_tables(rows, arguments.tolerance))
        if arguments.law_figure:
            draw_law(figure_data, arguments.law_figure)
        totals, links, decomposition_failures = decomposition_part(clustersim, work, arguments.decomposition_scenario,
                                                            arguments.fast)
        print(f"\nThe fall of the national price index of the future industries, every channel on "
              f"({shown_path(arguments.decomposition_scenario)}): factor exp(-part) (log change)\n")
        print(price_decomposition.markdown_table(totals))
        if arguments.decomposition_figure:
            price_decomposition.draw(totals, links, arguments.decomposition_figure,
                                     PATH_INDUSTRY if PATH_INDUSTRY in totals.index else None)
    failures = law_failures + decomposition_failures
    print("wright: pass" if not failures else f"wright: FAIL ({'; '.join(failures)})")
    return 1 if failures else 0


if __name__ == "__main__":
    cf.run_script(main)
