#!/usr/bin/python3
"""Coverage of the calibration's 95 % intervals over repeated parameter-recovery trials (docs/calibration.md).

Each trial draws its own "observed economy": the moments of one run of the recovery example's scenario at
the known parameters (replicate key 1000 + 100 t), with standard errors from 20 runs there; then it
calibrates with replicate keys of its own (10 t, 10 t + 1, ...), so that neither the data's nor the
simulation's noise is shared between trials. A trial covers a parameter when the truth lies in
estimate +- 1.96 standard errors. Nominal coverage is 95 %: 19 of 20, and 17 to 20 is what a binomial
count gives with probability 0.98.

    /usr/bin/python3 scripts/calibration_coverage.py BUILD/clustersim [--trials 20] [--jobs 2] [--out results/coverage]
        [--set calibration.weighting=diagonal]

Prints one line per trial and a table of coverage per parameter; each trial's files stay in --out.
"""
import argparse
import pathlib
import re
import subprocess
import sys

import h5py

ROOT = pathlib.Path(__file__).resolve().parents[1]
RECOVERY = ROOT / "configs" / "calibration" / "recovery.toml"
TRUTH = {"entry.rate_per_firm": 0.05, "talent.reconsider_rate": 0.05, "innovation.innovation_rate": 0.008}


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"calibration_coverage: {' '.join(map(str, command))} exited {result.returncode}:\n{result.stderr}")
    return result


def trial_file(out, trial, targets):
    """The recovery example with this trial's targets and replicate keys."""
    text = RECOVERY.read_text()
    text = text.replace('scenario = "recovery_scenario.toml"', f'scenario = "{RECOVERY.parent / "recovery_scenario.toml"}"')
    text, count = re.subn(r'targets = \{ file = "recovery_targets.csv" \}', f'targets = {{ file = "{targets}" }}', text)
    if count != 1:
        sys.exit("calibration_coverage: recovery.toml's targets line has changed; update this script")
    text = text.replace("[calibration]\n", f"[calibration]\nfirst_replicate = {10 * trial}\n", 1)
    path = out / f"trial{trial:02d}.toml"
    path.write_text(text)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("clustersim")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "results" / "coverage")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a key of the calibration file in every trial (repeatable)")
    args = parser.parse_args()
    args.out = args.out.resolve()  # the trial files name each other by absolute path
    args.out.mkdir(parents=True, exist_ok=True)
    at = [f"--at={key}={value}" for key, value in TRUTH.items()]
    covered = {key: 0 for key in TRUTH}
    all_covered = 0
    j_rejections = 0
    rows = []
    for trial in range(1, args.trials + 1):
        targets = args.out / f"trial{trial:02d}_targets.csv"
        run([args.clustersim, "moments", str(RECOVERY), *at, "--replicates", "20", "--first-replicate",
             str(1000 + 100 * trial), "-j", str(args.jobs), "-o", str(targets)])
        calibration = trial_file(args.out, trial, targets)
        output = args.out / f"trial{trial:02d}.h5"
        overrides = [f"--set={text}" for text in args.set]
        run([args.clustersim, "calibrate", str(calibration), "-o", str(output), "-j", str(args.jobs), "-q", *overrides])
        with h5py.File(output, "r") as f:
            keys = [k.decode() if isinstance(k, bytes) else k for k in f["parameter"][()]]
            estimate, se = f["estimate"][()], f["standard_error"][()]
            p_value = float(f["j_p_value"][()])
        hits = []
        for i, key in enumerate(keys):
            hit = abs(estimate[i] - TRUTH[key]) <= 1.959963984540054 * se[i]
            covered[key] += hit
            hits.append(hit)
        all_covered += all(hits)
        j_rejections += p_value < 0.05
        line = "  ".join(f"{key}={estimate[i]:.5g}±{se[i]:.2g}{'' if hits[i] else ' MISS'}" for i, key in enumerate(keys))
        rows.append(line)
        print(f"trial {trial:2d}: {line}  J p={p_value:.3f}", flush=True)
    n = args.trials
    print(f"\n| parameter | truth | intervals covering it (of {n}) |")
    print("|---|---|---|")
    for key, value in TRUTH.items():
        print(f"| `{key}` | {value} | {covered[key]} |")
    print(f"| all three at once | | {all_covered} |")
    print(f"\nJ test rejected at 5 % in {j_rejections} of {n} trials (nominal 5 %: about {0.05 * n:.0f}).")


if __name__ == "__main__":
    main()
