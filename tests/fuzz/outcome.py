"""How a clustersim command ended, and whether that ending is an acceptable one.

Shared by the reproductions of issue 18 and the fuzz driver: a command is run with a time limit while its
peak memory is watched; the verdict says whether it was refused (exit 2), stopped with a runtime error
(exit 1) or ran (exit 0), and whether that was handled: a clear message, no leftover files, finite output.
"""
import dataclasses
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


def judge(argv, output, expected, limits, cwd=None, mentions=(), preexec=None, patterns=()):
    """Runs a clustersim command and judges its ending.

    expected: the set of acceptable outcomes; mentions: texts the message must contain when the command
    is refused or stopped (the key, file or line at fault); patterns: regular expressions it must match
    (a file:line whose line cannot be known in advance); preexec: run in the child before the command
    (resource limits)."""
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
    elif output is not None and outcome != "ran" and argv[1] == "run" and output.is_file():
        reason = "an output file was left under its final name"
    if not reason and output is not None and argv[1] == "run" and pathlib.Path(str(output) + ".partial").exists():
        reason = "a .partial file was left behind"
    if peak > limits.memory_bytes and not reason:
        reason = f"peak memory {peak / 2**30:.1f} GiB"
    return Verdict(ok=not reason, outcome=outcome, seconds=seconds, peak_bytes=peak, reason=reason,
                   message=message)
