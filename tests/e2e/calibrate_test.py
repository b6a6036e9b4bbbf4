"""`clustersim calibrate` and `clustersim moments` as a user runs them (docs/calibration.md).

1. Recovery: configs/calibration/recovery.toml with a smaller search recovers its known parameters (the
   defaults the targets were simulated at) within its 95 % intervals, and its results file holds the
   estimates, the fit, the J test and every evaluated point.
2. Resume: a calibration stopped by SIGINT part-way and continued with --resume writes the same results,
   bit for bit, as one never interrupted; --resume without a journal is refused with status 2. The
   results file's loss surface plots (scripts/plot_calibration.py).
3. Under mpirun -n 2 (where Open MPI is installed): the same results, bit for bit, as in one process.
4. Efficient weighting: S estimated from runs at the first-stage estimate, W = S^-1, a second local search.
5. Bad input: a moment naming an unknown variable, a parameter with low >= high, a moment without a
   target and a tail index of a time series are each reported with file, line and key, status 2, and
   nothing written; no hint offers back the name it refuses. A journal's path taken by a FIFO is refused
   (status 2) rather than blocking. Targets whose weighted distance overflows stop the calibration with
   status 1 and a line that says so.
6. `clustersim moments` writes a targets CSV whose values the calibration file can read back; a parameter
   given twice with --at is refused.

    /usr/bin/python3 tests/e2e/calibrate_test.py BUILD/clustersim
"""
import csv
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
RECOVERY = ROOT / "configs" / "calibration" / "recovery.toml"
TRUTH = {"entry.rate_per_firm": 0.05, "talent.reconsider_rate": 0.05, "innovation.innovation_rate": 0.008}
# A smaller search than the example's, for the test's time under the sanitizers.
SMALL = ["--set", "calibration.weighting=diagonal", "--set", "calibration.search.global_points=8", "--set", "calibration.search.batch_rounds=1",
         "--set", "calibration.search.local_evaluations=40", "--set", "calibration.replicates=2"]


def fail(message):
    raise SystemExit(f"FAIL: {message}")


def calibrate(clustersim, output, *extra, check=True):
    command = [clustersim, "calibrate", str(RECOVERY), "-o", str(output), "-j", "2", *SMALL, *extra]
    result = subprocess.run(command, capture_output=True, text=True)
    if check and result.returncode != 0:
        fail(f"{' '.join(command)} exited {result.returncode}: {result.stderr}")
    return result


def labels(dataset):
    return [x.decode() if isinstance(x, bytes) else x for x in dataset[()]]


def recovery(clustersim, scratch):
    output = scratch / "recovery.h5"
    result = calibrate(clustersim, output)
    for word in ("estimate", "t-ratio", "J = "):
        if word not in result.stdout:
            fail(f"the printed table lacks '{word}':\n{result.stdout}")
    with h5py.File(output, "r") as f:
        keys = labels(f["parameter"])
        estimate, se = f["estimate"][()], f["standard_error"][()]
        low, high = f["interval_low"][()], f["interval_high"][()]
        if sorted(keys) != sorted(TRUTH):
            fail(f"parameters {keys}")
        for i, key in enumerate(keys):
            if not (np.isfinite(se[i]) and se[i] > 0):
                fail(f"{key}: standard error {se[i]}")
            if not (low[i] <= TRUTH[key] <= high[i]):
                fail(f"{key}: the truth {TRUTH[key]} is outside the 95 % interval [{low[i]}, {high[i]}] "
                     f"(estimate {estimate[i]})")
        if f["j_degrees_of_freedom"][()] != 1 or not 0 <= f["j_p_value"][()] <= 1:
            fail("J test: degrees of freedom or p-value")
        stages = labels(f["evaluation_stage"])
        for stage in ("global", "batch", "local", "jacobian"):
            if stage not in stages:
                fail(f"no evaluation of stage {stage}")
        n = len(stages)
        if f["evaluated_parameters"].shape != (n, 3) or f["evaluated_moments"].shape != (n, 4):
            fail("evaluated points' shapes")
        trace = f["loss_trace"][()]
        if np.any(np.diff(trace) > 0):
            fail("the loss trace rises")
        if not np.isclose(trace[-1], f["loss_at_estimate"][()]):
            fail("the trace does not end at the estimate's loss")
    if (scratch / "recovery.h5.journal").exists():
        fail("the journal stayed after the results were written")
    figure = scratch / "loss.png"
    plot = subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "plot_calibration.py"), str(output),
                           "--y", "innovation.innovation_rate", "-o", str(figure)], capture_output=True, text=True,
                          env=dict(os.environ, MPLBACKEND="Agg"))
    if plot.returncode != 0 or not figure.exists() or figure.stat().st_size < 10000:
        fail(f"plot_calibration.py: {plot.returncode} {plot.stderr}")
    return output


RESULT_DATASETS = ("estimate", "standard_error", "fitted", "j_statistic", "evaluated_parameters", "evaluated_moments",
                   "loss", "jacobian", "replicate_moments")


def same_results(a_path, b_path, what):
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        for name in RESULT_DATASETS:
            x, y = a[name][()], b[name][()]
            if x.shape != y.shape or x.tobytes() != y.tobytes():
                fail(f"{name} differs between {what}")


def resume(clustersim, scratch, uninterrupted):
    output = scratch / "resumed.h5"
    refused = calibrate(clustersim, output, "--resume", check=False)
    if refused.returncode != 2 or "no journal" not in refused.stderr:
        fail(f"--resume without a journal: status {refused.returncode}, {refused.stderr}")
    journal = scratch / "resumed.h5.journal"
    command = [clustersim, "calibrate", str(RECOVERY), "-o", str(output), "-j", "2", *SMALL]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 600
    while time.time() < deadline and process.poll() is None:
        if journal.exists() and journal.read_text().count("\nrun ") >= 30:
            process.send_signal(signal.SIGINT)
            break
        time.sleep(0.01)
    _, stderr = process.communicate()
    if process.returncode != 128 + signal.SIGINT:
        fail(f"interrupted calibration exited {process.returncode}: {stderr}")
    if output.exists() or not journal.exists() or "--resume" not in stderr:
        fail(f"after the interruption: output {output.exists()}, journal {journal.exists()}, {stderr}")
    result = calibrate(clustersim, output, "--resume")
    if "resuming with" not in result.stderr:
        fail(f"the resumed calibration does not say it resumed: {result.stderr}")
    same_results(uninterrupted, output, "the uninterrupted and the resumed calibration")


def under_mpirun(clustersim, scratch, single):
    """mpirun -n 2 with one thread each: the same results, bit for bit, as one process with two threads."""
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        print("calibrate: no mpirun, the MPI case is skipped")
        return
    output = scratch / "mpi.h5"
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0:abort_on_error=1")
    command = [mpirun, "--allow-run-as-root", "--oversubscribe", "-n", "2", clustersim, "calibrate", str(RECOVERY),
               "-o", str(output), "-j", "1", *SMALL, "-q"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        fail(f"{' '.join(command)} exited {result.returncode}: {result.stderr}")
    same_results(single, output, "one process and two MPI ranks")


def efficient(clustersim, scratch):
    """weighting = "efficient": S from 8 runs at the first-stage estimate, W its inverse, a second local search."""
    output = scratch / "efficient.h5"
    calibrate(clustersim, output, "--set", "calibration.weighting=efficient",
              "--set", "calibration.covariance_replicates=8", "--set", "calibration.search.local_evaluations=20")
    with h5py.File(output, "r") as f:
        stages = labels(f["evaluation_stage"])
        if stages.count("covariance") != 1 or "efficient_local" not in stages:
            fail(f"efficient weighting: stages {sorted(set(stages))}")
        at = stages.index("covariance")
        runs = f["evaluated_moments"][at]
        s, w = f["moment_covariance"][()], f["weighting_matrix"][()]
        if not np.allclose(w @ s, np.eye(len(s)), atol=1e-8):
            fail("efficient weighting: W is not the inverse of S")
        if np.count_nonzero(s - np.diag(np.diag(s))) == 0:
            fail("efficient weighting: S has no covariances (it should be estimated from runs)")
        if not np.all(np.isfinite(runs)):
            fail("efficient weighting: the covariance runs' mean moments")


def bad_input(clustersim, scratch):
    text = RECOVERY.read_text().replace('scenario = "recovery_scenario.toml"',
                                        f'scenario = "{RECOVERY.parent / "recovery_scenario.toml"}"')
    text = text.replace('targets = { file = "recovery_targets.csv" }',
                        f'targets = {{ file = "{RECOVERY.parent / "recovery_targets.csv"}" }}')
    cases = {
        "unknown variable": (text.replace('variable = "emigrants"', 'variable = "emigrant"'),
                             "calibration.moments[1].variable", "did you mean 'emigrants'"),
        "low above high": (text.replace("low = 0.01\nhigh = 0.2", "low = 0.3\nhigh = 0.2"),
                           "calibration.parameters[1].high", "a value above low"),
        "moment without target": (text.replace('name = "firm_growth"', 'name = "firm_growth_2"'),
                                  "calibration.targets", "none for 'firm_growth_2'"),
        "tail index of a time series": (text.replace('statistic = "growth_rate"', 'statistic = "tail_index"'),
                                        "calibration.moments[3].variable", "a time series"),
    }
    for case, (content, key, words) in cases.items():
        path = scratch / "bad.toml"
        path.write_text(content)
        output = scratch / "bad.h5"
        result = subprocess.run([clustersim, "calibrate", str(path), "-o", str(output)], capture_output=True, text=True)
        if result.returncode != 2 or key not in result.stderr or words not in result.stderr:
            fail(f"{case}: status {result.returncode}, {result.stderr}")
        if case != "moment without target" and f"{path}:" not in result.stderr:
            fail(f"{case}: the message does not name the file and line: {result.stderr}")
        if output.exists() or pathlib.Path(str(output) + ".journal").exists():
            fail(f"{case}: something was written")
        echo = re.search(r"found \"([^\"]*)\" \(did you mean '\1'\?\)", result.stderr)
        if echo:
            fail(f"{case}: the hint suggests the name it refuses: {echo.group(0)}")
    # A FIFO where the journal goes: refused, not opened (which would wait for a reader for ever).
    output = scratch / "fifo.h5"
    journal = pathlib.Path(str(output) + ".journal")
    os.mkfifo(journal)
    try:
        result = subprocess.run([clustersim, "calibrate", str(RECOVERY), "-o", str(output), *SMALL],
                                capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        fail("a FIFO as the journal: the calibration blocked")
    if result.returncode != 2 or "not a regular file" not in result.stderr or output.exists():
        fail(f"a FIFO as the journal: status {result.returncode}, {result.stderr}")
    journal.unlink()
    # Targets far beyond what the model gives: every run ends, but no loss is finite.
    targets = scratch / "far_targets.csv"
    rows = (RECOVERY.parent / "recovery_targets.csv").read_text().splitlines()
    rows[1] = ",".join(["entries_per_quarter", "1e200"] + rows[1].split(",")[2:])
    targets.write_text("\n".join(rows) + "\n")
    path = scratch / "far.toml"
    path.write_text(text.replace(str(RECOVERY.parent / "recovery_targets.csv"), str(targets)))
    output = scratch / "far.h5"
    result = subprocess.run([clustersim, "calibrate", str(path), "-o", str(output), "-q",
                             "--set", "calibration.replicates=1", "--set", "calibration.search.global_points=1",
                             "--set", "calibration.search.batch_rounds=0",
                             "--set", "calibration.search.local_evaluations=0"], capture_output=True, text=True)
    lines = result.stderr.strip().splitlines()
    if result.returncode != 1 or len(lines) != 1 or "no point of the global search has a finite loss" not in lines[0] \
            or output.exists():
        fail(f"targets whose distance overflows: status {result.returncode}, {result.stderr}")


def moments(clustersim, scratch):
    target = scratch / "targets.csv"
    at = [f"--at={key}={value}" for key, value in TRUTH.items()]
    result = subprocess.run([clustersim, "moments", str(RECOVERY), *at, "--replicates", "4", "-j", "2",
                             "-o", str(target)], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"moments: {result.stderr}")
    rows = list(csv.DictReader(target.open()))
    if [row["moment"] for row in rows] != ["entries_per_quarter", "emigrants_per_quarter", "innovations_per_quarter",
                                            "firm_growth"]:
        fail(f"moments: rows {rows}")
    for row in rows:
        if not (np.isfinite(float(row["value"])) and float(row["standard_error"]) > 0):
            fail(f"moments: {row}")
    missing = subprocess.run([clustersim, "moments", str(RECOVERY), at[0]], capture_output=True, text=True)
    if missing.returncode != 2 or "a value for every estimated parameter" not in missing.stderr:
        fail(f"moments without every parameter: {missing.returncode} {missing.stderr}")
    twice = subprocess.run([clustersim, "moments", str(RECOVERY), *at, at[0].replace("0.05", "0.06")],
                           capture_output=True, text=True)
    if twice.returncode != 2 or "each estimated parameter once" not in twice.stderr:
        fail(f"moments with a parameter twice: {twice.returncode} {twice.stderr}")


def main():
    clustersim = sys.argv[1]
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="clustersim-calibrate-"))
    try:
        uninterrupted = recovery(clustersim, scratch)
        resume(clustersim, scratch, uninterrupted)
        under_mpirun(clustersim, scratch, uninterrupted)
        efficient(clustersim, scratch)
        bad_input(clustersim, scratch)
        moments(clustersim, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("calibrate: recovery within the intervals, resume and MPI identical, efficient weighting, bad input refused, "
              "moments CSV")


if __name__ == "__main__":
    main()
