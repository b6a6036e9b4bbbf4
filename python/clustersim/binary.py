"""Running the clustersim binary from Python: `run(scenario, set={...})` writes a run file and returns it
opened, `sweep(file, output)` likewise for a sweep, and a failure of the binary becomes a RunError
carrying the binary's own message."""
import datetime
import math
import os
import pathlib
import shutil
import subprocess
import tempfile

from .errors import InputError, RunError
from .runs import open_run
from .sweeps import open_sweep

# python/clustersim/binary.py -> the repository's root, where the build presets put the binary.
REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
BUILT_BINARY = REPOSITORY / "build" / "clustersim"


def find_binary(binary=None):
    """The clustersim binary: the one given, else $CLUSTERSIM, else build/clustersim of this repository,
    else `clustersim` on the PATH."""
    candidates = [binary] if binary is not None else [os.environ.get("CLUSTERSIM"), BUILT_BINARY,
                                                      shutil.which("clustersim")]
    for candidate in candidates:
        if candidate and pathlib.Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return pathlib.Path(candidate)
    if binary is not None:
        raise RunError(f"{binary}: not an executable file; expected the clustersim binary "
                       "(build it with `cmake --preset release && cmake --build --preset release`)")
    raise RunError(f"no clustersim binary: none given, $CLUSTERSIM unset, no {BUILT_BINARY} and none on the PATH; "
                   "build it with `cmake --preset release && cmake --build --preset release`")


def toml_value(value):
    """A Python value as the TOML text that `--set key=value` takes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return "nan"
        if isinstance(value, float) and math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        return value  # the binary takes text keys without TOML quotes
    raise InputError(f"cannot pass {value!r} ({type(value).__name__}) to --set; "
                     "expected a number, bool, string, date or list of them")


def run_command(binary, scenario, output, overrides, seed, check):
    command = [str(binary), "run", "-q", str(scenario), "-o", str(output)]
    if seed is not None:
        command += ["--seed", str(seed)]
    for key, value in (overrides or {}).items():
        command += ["--set", f"{key}={toml_value(value)}"]
    if check:
        command.append("--check")
    return command


def run(scenario, set=None, seed=None, output=None, binary=None, check=False):  # noqa: A002 (`set=` as in --set)
    """Runs `clustersim run SCENARIO` and returns the run as open_run gives it.

    set: {key: value} overrides (`--set key=value`), e.g. {"policy.rd_subsidy_rate": 0.3};
    seed: the seed of the random streams (`--seed`); check: check the accounting identities (`--check`);
    output: where to write the run file; the dataset then reads it lazily and the file stays. Without
    it the run goes to a temporary directory, is loaded into memory and the file is removed.
    binary: the clustersim binary (default: $CLUSTERSIM, build/clustersim, then the PATH).
    A failed run raises RunError with the binary's message and exit status."""
    executable = find_binary(binary)
    if output is not None:
        command = run_command(executable, scenario, output, set, seed, check)
        execute(command)
        return open_run(output)
    with tempfile.TemporaryDirectory(prefix="clustersim-run-") as directory:
        path = pathlib.Path(directory) / f"{pathlib.Path(scenario).stem}.h5"
        execute(run_command(executable, scenario, path, set, seed, check))
        with open_run(path) as dataset:
            loaded = dataset.load()
        loaded.attrs["_path"] = f"{pathlib.Path(scenario).name} (run in memory)"
        return loaded


def sweep(sweep_file, output, jobs=1, binary=None):
    """Runs `clustersim sweep SWEEP_FILE -o OUTPUT -j JOBS` and returns the sweep as open_sweep gives it
    (the file stays at `output`: sweeps are too large to hold in memory as a rule). A failed sweep
    raises RunError with the binary's message and exit status."""
    executable = find_binary(binary)
    execute([str(executable), "sweep", "-q", str(sweep_file), "-o", str(output), "-j", str(jobs)])
    return open_sweep(output)


def execute(command):
    """Runs the binary; its failure becomes a RunError whose message is what it printed on stderr."""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        message = result.stderr.strip() or f"exit status {result.returncode} and no message"
        raise RunError(message, status=result.returncode, command=command, stderr=result.stderr)
