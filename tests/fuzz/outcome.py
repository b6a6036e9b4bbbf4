"""How a clustersim command ended, and whether that ending is an acceptable one.

Shared by the reproductions of issue 18 and the fuzz driver: a command is run with a time limit while its
peak memory is watched; the verdict says whether it was refused (exit 2), stopped with a runtime error
(exit 1) or ran (exit 0), and whether that was handled: a clear message, no leftover files, finite output
(for a calibration: the files its documented endings leave, see calibration_problem).
"""
import csv
import dataclasses
import math
import os
import pathlib
import re
import signal
import subprocess
import threading
import time

import h5py
import numpy as np

OUTCOMES = {2: "refused", 1: "stopped", 0: "ran"}
# Text that only appears when an error escaped its handler: a library's stack dump or the runtime's
# last words.
ESCAPED = ("HDF5-DIAG", "#000:", "terminate called", "std::bad_alloc", "Segmentation fault", "runtime error:",
           "AddressSanitizer", "what():")


@dataclasses.dataclass
class Limits:
    seconds: float = 60.0          # wall-clock time
    memory_bytes: int = 2 << 30
    # Optional, for busy machines where wall-clock time says little: processor time of the command, and
    # wall-clock time without any processor time (a process blocked on a FIFO or a lock).
    cpu_seconds: float = None
    stall_seconds: float = None


@dataclasses.dataclass
class Verdict:
    ok: bool
    outcome: str          # refused, stopped, ran, hang, signal, memory, exit N
    seconds: float
    peak_bytes: int
    reason: str           # why it is not handled ('' when it is)
    message: str          # the first line of stderr

    def summary(self):
        text = f"{self.outcome:8s} {self.seconds:6.1f} s {self.peak_bytes / 2**20:7.0f} MB  {self.message[:110]}"
        return text if self.ok else f"{text}\n     -> {self.reason}"


def _peak_rss(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _cpu_seconds(pid):
    """User and system time of a process and its threads so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def run_limited(argv, limits, cwd=None, preexec=None):
    """Runs argv; returns (returncode or None on a kill, stderr text, seconds, peak bytes, killed_for)."""
    start = time.monotonic()
    process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True, preexec_fn=preexec)
    peak, killed_for = 0, ""
    cpu, last_progress = 0.0, start
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(process.stderr.read()))
    reader.start()
    while process.poll() is None:
        peak = max(peak, _peak_rss(process.pid))
        now = time.monotonic()
        elapsed = now - start
        if limits.cpu_seconds is not None or limits.stall_seconds is not None:
            used = _cpu_seconds(process.pid)
            if used > cpu:
                cpu, last_progress = used, now
        if peak > limits.memory_bytes:
            killed_for = "memory"
        elif elapsed > limits.seconds:
            killed_for = "hang"
        elif limits.cpu_seconds is not None and cpu > limits.cpu_seconds:
            killed_for = "hang"
        elif limits.stall_seconds is not None and now - last_progress > limits.stall_seconds:
            killed_for = "hang"
        if killed_for:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            break
        time.sleep(0.02)
    reader.join()
    seconds = time.monotonic() - start
    stderr = b"".join(c for c in chunks if c).decode("utf-8", "replace")
    return (None if killed_for else process.returncode), stderr, seconds, peak, killed_for


def non_finite(path):
    """The name of the first floating-point dataset of an HDF5 file with an infinity, or with a NaN that its
    _FillValue does not declare as the documented missing value ('' if none)."""
    found = []

    def visit(name, item):
        if found or not isinstance(item, h5py.Dataset) or item.dtype.kind != "f":
            return
        values = item[()]
        fill = item.attrs.get("_FillValue")
        nan_is_missing = fill is not None and np.all(np.isnan(np.asarray(fill, dtype=float)))
        if np.any(np.isinf(values)) or (not nan_is_missing and np.any(np.isnan(values))):
            found.append(name)
    try:
        with h5py.File(path, "r") as file:
            file.visititems(visit)
    except (OSError, ValueError) as error:
        return f"(the output does not open: {error})"
    return found[0] if found else ""


# A stop of calibrate or moments says why: not a colon followed by nothing, or by the note in parentheses
# that follows the reason ("...; the first run's error:  (the 4 runs so far stay in ...)").
EMPTY_REASON = re.compile(r":\s*(?:\(|$)")
# A refusal whose hint offers the very name it refuses: 'found "gdp" (did you mean 'gdp'?)'.
SAME_SUGGESTION = re.compile(r"found \"([^\"]*)\" \(did you mean '\1'\?\)")


def calibration_problem(output, outcome, given=()):
    """What is wrong with the files `clustersim calibrate -o OUTPUT` left ('' if nothing), as
    docs/calibration.md describes its endings: exit 0 writes OUTPUT and deletes OUTPUT.journal; exit 1 keeps
    the journal of the runs so far for --resume but writes no OUTPUT; exit 2 writes neither. No ending leaves
    OUTPUT.partial or OUTPUT.lock. Files the case made itself (`given`) are not the command's doing. Unlike a
    run's output, the results may hold NaN and infinities (an unidentified parameter's standard error, the
    loss of the covariance and Jacobian points), so only the estimate and the evaluated points are judged:
    finite and within the bounds."""
    given = {str(p) for p in given}
    journal, partial, lock = (pathlib.Path(f"{output}{suffix}") for suffix in (".journal", ".partial", ".lock"))
    for path in (partial, lock):
        if os.path.lexists(path) and str(path) not in given:
            return f"{path.name} was left behind"
    if outcome == "ran":
        if not output.is_file():
            return "exit 0 but no results file"
        if os.path.lexists(journal):
            return f"exit 0 but {journal.name} was not deleted"
        return _results_problem(output)
    written = [output] + ([journal] if outcome == "refused" else [])
    for path in written:
        if os.path.lexists(path) and str(path) not in given:
            return f"{outcome} but {path.name} was written"
    return ""


def _results_problem(path):
    try:
        with h5py.File(path, "r") as file:
            for name in ("estimate", "standard_error", "bound_low", "bound_high", "evaluated_parameters", "loss"):
                if name not in file:
                    return f"the results have no {name}"
            estimate, low, high = (file[name][()] for name in ("estimate", "bound_low", "bound_high"))
            points = file["evaluated_parameters"][()]
            if points.ndim != 2 or points.shape[0] != file["loss"].shape[0] or points.shape[1] != estimate.shape[0]:
                return f"evaluated_parameters of shape {points.shape} for {estimate.shape[0]} parameters"
    except (OSError, ValueError, KeyError) as error:
        return f"the results do not open: {error}"
    if not np.all(np.isfinite(estimate)) or np.any(estimate < low) or np.any(estimate > high):
        return f"an estimate outside its bounds: {estimate}"
    if not np.all(np.isfinite(points)) or np.any(points < low) or np.any(points > high):
        return "an evaluated point outside the bounds"
    return ""


def moments_problem(output, outcome, given=()):
    """What is wrong with the targets CSV `clustersim moments -o OUTPUT` left ('' if nothing): on exit 0 a
    header moment,value,standard_error,source and rows of finite values and positive standard errors; on any
    other ending no OUTPUT; never OUTPUT.partial."""
    partial = pathlib.Path(f"{output}.partial")
    if os.path.lexists(partial):
        return f"{partial.name} was left behind"
    if outcome != "ran":
        if os.path.lexists(output) and str(output) not in {str(p) for p in given}:
            return f"{outcome} but {output.name} was written"
        return ""
    if not output.is_file():
        return "exit 0 but no targets file"
    with open(output, newline="", encoding="utf-8", errors="replace") as file:
        rows = list(csv.reader(file))
    if not rows or rows[0] != ["moment", "value", "standard_error", "source"] or len(rows) < 2:
        return f"a targets file of {len(rows)} lines, header {rows[0] if rows else None}"
    for row in rows[1:]:
        try:
            good = len(row) == 4 and math.isfinite(float(row[1])) and 0 < float(row[2]) < math.inf
        except ValueError:
            good = False
        if not good:
            return f"a targets row that is not a moment's value and standard error: {row}"
    return ""


def judge(argv, output, expected, limits, cwd=None, mentions=(), preexec=None, patterns=(), given=()):
    """Runs a clustersim command and judges its ending.

    expected: the set of acceptable outcomes; mentions: texts the message must contain when the command
    is refused or stopped (the key, file or line at fault); patterns: regular expressions it must match
    (a file:line whose line cannot be known in advance); preexec: run in the child before the command
    (resource limits); given: paths the case made before the command (a journal, a folder as the output),
    whose presence afterwards is not the command's doing."""
    output = pathlib.Path(output) if output else None
    code, stderr, seconds, peak, killed_for = run_limited(argv, limits, cwd=cwd, preexec=preexec)
    lines = [line for line in stderr.splitlines() if line.strip()]
    message = lines[0] if lines else ""
    outcome = killed_for or ("signal" if code is not None and code < 0 else OUTCOMES.get(code, f"exit {code}"))
    reason = ""
    if outcome not in OUTCOMES.values():
        reason = f"ended by {outcome}" + (f" {-code}" if outcome == "signal" else "")
    elif any(text in stderr for text in ESCAPED):
        reason = "an error escaped its handler: " + next(t for t in ESCAPED if t in stderr)
    elif outcome not in expected:
        reason = f"expected {' or '.join(sorted(expected))}"
    elif outcome == "stopped" and len(lines) != 1:
        reason = f"a runtime error should be one line, got {len(lines)}"
    elif outcome == "stopped" and argv[1] in ("calibrate", "moments") and EMPTY_REASON.search(message):
        reason = "the message leaves its reason empty"
    elif outcome == "refused" and argv[1] in ("calibrate", "moments") and SAME_SUGGESTION.search(stderr):
        reason = "the hint suggests the name it refuses: " + SAME_SUGGESTION.search(stderr).group(0)
    elif outcome in ("refused", "stopped") and not lines:
        reason = "no message"
    elif outcome in ("refused", "stopped") and any(text not in stderr for text in mentions):
        reason = "the message does not mention " + ", ".join(repr(t) for t in mentions if t not in stderr)
    elif outcome in ("refused", "stopped") and any(not re.search(p, stderr) for p in patterns):
        reason = "the message does not match " + ", ".join(repr(p) for p in patterns if not re.search(p, stderr))
    elif output is not None and outcome == "ran" and argv[1] in ("run", "sweep"):
        if not output.exists():
            reason = "exit 0 but no output file"
        else:
            bad = non_finite(output)
            if bad:
                reason = f"non-finite values in {bad}"
    elif output is not None and argv[1] == "calibrate":
        reason = calibration_problem(output, outcome, given)
    elif output is not None and argv[1] == "moments":
        reason = moments_problem(output, outcome, given)
    elif output is not None and outcome != "ran" and argv[1] == "run" and output.is_file():
        reason = "an output file was left under its final name"
    if not reason and output is not None and argv[1] == "run" and pathlib.Path(str(output) + ".partial").exists():
        reason = "a .partial file was left behind"
    if peak > limits.memory_bytes and not reason:
        reason = f"peak memory {peak / 2**30:.1f} GiB"
    return Verdict(ok=not reason, outcome=outcome, seconds=seconds, peak_bytes=peak, reason=reason,
                   message=message)
