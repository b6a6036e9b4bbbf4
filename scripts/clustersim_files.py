#!/usr/bin/python3
"""Shared file handling of the plotting scripts (plot_run.py, plot_map.py, plot_sweep.py,
compare_runs.py): open a clustersim run or sweep file with xarray, tell which kind it is, pick
variables, dates and runs, reduce a variable to the axes a plot needs, label axes with units, and
write figures. Not a command of its own; runs with /usr/bin/python3 (Debian's python3-xarray and
python3-matplotlib).

A run file (`clustersim run`) has a `time` dimension and no `scenario`; a sweep file
(`clustersim sweep`) has the dimensions `scenario` and `replicate` (docs/output.md, docs/sweeps.md).
Every problem with the input raises InputError, whose message names the file and what was expected;
run_script() turns it into a one-line message on stderr and exit status 2.
"""
import difflib
import io
import os
import pathlib
import sys
import tomllib
import warnings

import h5py
import matplotlib

# The scripts write files only; Agg needs no display, so they run the same on a server or in CI.
matplotlib.use("Agg")
# An additive axis offset (+1.1469e6) is easily misread as part of the values; multipliers (1e6) stay.
matplotlib.rcParams["axes.formatter.useoffset"] = False

import matplotlib.dates as mdates  # noqa: E402  (after the backend is chosen)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import xarray as xr  # noqa: E402
from PIL import Image  # noqa: E402  (Pillow, a dependency of matplotlib)

SWEEP_DIMS = ("scenario", "replicate")
RUN_STATUS_DONE = 1
PLURALS = {"region": "regions", "industry": "industries"}
FIGURE_FORMATS = (".png", ".pdf", ".svg")
DEFAULT_DPI = 100
EXPECTED_ANY = ("expected a clustersim run file (dimension `time`, no `scenario`) or sweep file "
                "(dimensions `scenario` and `replicate`)")
EXPECTED_RUN = "expected a clustersim run file (dimension `time`, from `clustersim run`) or sweep file"
EXPECTED_SWEEP = "expected a clustersim sweep file (dimensions `scenario` and `replicate`, from `clustersim sweep`)"


class InputError(Exception):
    """Bad input: the message is shown to the user as it is, without a traceback."""


_notes = []


def note(text):
    """An informational line for stderr (a panel left out, the run taken from a sweep, a file written).
    Notes are shown when the script succeeds; on bad input only the error line is, so it stays one line."""
    _notes.append(text)


def run_script(main):
    """Calls main() and exits with its status; bad input exits with status 2 and one line on stderr."""
    program = pathlib.Path(sys.argv[0]).name
    quiet_nan_warnings()
    try:
        status = main()
    except InputError as error:
        print(f"{program}: error: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): stop quietly, as command-line tools do, without a
        # second error when Python flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    for text in _notes:
        print(f"{program}: {text}", file=sys.stderr)
    sys.exit(status or 0)


# ---------------------------------------------------------------------------------------------------
# Opening files


def open_clustersim(path, expected=EXPECTED_ANY):
    """Opens a run or sweep file; returns (dataset, kind) with kind "run" or "sweep". `expected` ends
    the message of an error, saying what the script wanted."""
    path = pathlib.Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file; {expected}")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; {expected}")
    try:
        is_hdf5 = h5py.is_hdf5(path)
    except OSError as error:
        raise InputError(f"{path}: cannot be read: {error.strerror or error}") from None
    if not is_hdf5:
        raise InputError(f"{path}: not an HDF5 file; {expected}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dataset = xr.open_dataset(path)
    except Exception as error:  # the netCDF/HDF5 libraries raise many types; all mean "unreadable"
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"{path}: HDF5 file that xarray cannot open as netCDF-4 ({reason}); "
                         f"{expected}") from None
    kind = file_kind(dataset)
    if kind is None:
        dataset.close()
        raise InputError(f"{path}: not a clustersim file (its dimensions: {', '.join(dataset.sizes) or 'none'}); "
                         f"{expected}")
    dataset.attrs["_path"] = str(path)
    return dataset, kind


def file_kind(dataset):
    """"sweep", "run", or None when the dataset is neither."""
    written_by_clustersim = any("clustersim" in str(dataset.attrs.get(name, ""))
                                for name in ("source", "title", "institution"))
    if not written_by_clustersim or "time" not in dataset.dims:
        return None
    if all(dim in dataset.dims for dim in SWEEP_DIMS) and "run_status" in dataset:
        return "sweep"
    if "scenario" not in dataset.dims:
        return "run"
    return None


def path_of(dataset):
    return dataset.attrs.get("_path", "<dataset>")


def open_sweep(path):
    """Opens a sweep file; a run file or anything else is an InputError."""
    dataset, kind = open_clustersim(path, EXPECTED_SWEEP)
    if kind != "sweep":
        raise InputError(f"{path}: a clustersim run file, not a sweep file; {EXPECTED_SWEEP}")
    return dataset


def open_run(path, scenario=None, replicate=None, selection_must_apply=True):
    """Opens one run: a run file as it is, or one (scenario, replicate) of a sweep file
    (default 0, 0, with a note). The result looks like a run file either way. A selection given for a
    run file is an error unless selection_must_apply is False (one selection for several files)."""
    dataset, kind = open_clustersim(path, EXPECTED_RUN)
    if kind == "run":
        if selection_must_apply and (scenario is not None or replicate is not None):
            raise InputError(f"{path}: a run file; --scenario and --replicate apply to sweep files only")
        dataset.attrs["_run_description"] = run_file_description(dataset, path)
        return dataset
    return select_sweep_run(dataset, scenario, replicate)


def select_sweep_run(sweep, scenario=None, replicate=None):
    path = path_of(sweep)
    chosen = {}
    for dim, index in (("scenario", scenario), ("replicate", replicate)):
        size = sweep.sizes[dim]
        if index is None:
            index = 0
        if not 0 <= index < size:
            raise InputError(f"{path}: --{dim} {index} out of range (the sweep has {size} {dim}s, 0 to {size - 1})")
        chosen[dim] = index
    status = int(sweep.run_status.isel(chosen))
    if status != RUN_STATUS_DONE:
        what = {0: "has not run"}.get(status, "failed")
        error = str(sweep["run_error"].isel(chosen).values) if "run_error" in sweep else ""
        raise InputError(f"{path}: run scenario {chosen['scenario']}, replicate {chosen['replicate']} {what} "
                         f"(run_status {status}{': ' + error if error else ''}); "
                         "choose another with --scenario/--replicate")
    if scenario is None or replicate is None:
        note(f"note: {path} is a sweep file; using scenario {chosen['scenario']}, replicate {chosen['replicate']} "
             "(choose with --scenario/--replicate)")
    run = sweep.isel(chosen).drop_vars([name for name in sweep.data_vars if name.startswith("run_")])
    values = ", ".join(f"{key}={float(run[key]):g}" for key in swept_parameters(sweep))
    run.attrs["_run_description"] = (f"{pathlib.Path(path).name}: scenario {chosen['scenario']}"
                                     f"{' (' + values + ')' if values else ''}, replicate {chosen['replicate']}")
    return run


def run_file_description(dataset, path):
    scenario = dataset.attrs.get("scenario_name", "")
    seed = dataset.attrs.get("seed", "")
    return f"{pathlib.Path(path).name}: {scenario}, seed {seed}, replicate {dataset.attrs.get('replicate', '')}"


def describe_run(dataset):
    """One line naming the run, for figure titles."""
    return dataset.attrs.get("_run_description", path_of(dataset))


def add_run_selection_arguments(parser, runs=1):
    """--scenario/--replicate: which run of a sweep file a run script uses (runs=2: one value each for A and B,
    or one value for both)."""
    count = "N" if runs == 1 else "N [M]"
    nargs = None if runs == 1 else "+"
    parser.add_argument("--scenario", type=int, nargs=nargs, metavar=count,
                        help="sweep files only: the scenario index to use (default 0)"
                        + ("; two values: one for A, one for B" if runs > 1 else ""))
    parser.add_argument("--replicate", type=int, nargs=nargs, metavar=count,
                        help="sweep files only: the replicate index to use (default 0)"
                        + ("; two values: one for A, one for B" if runs > 1 else ""))


# ---------------------------------------------------------------------------------------------------
# Variables


def require_variable(dataset, name, with_dims=("time",), what="time series"):
    """The variable `name`, which must have every dimension of with_dims; otherwise an InputError
    listing the variables that would do."""
    candidates = sorted(n for n, v in dataset.data_vars.items()
                        if all(dim in v.dims for dim in with_dims) and not n.startswith("run_"))
    if name not in dataset.variables:  # coordinates too (latitude, industry_kind)
        suggestion = difflib.get_close_matches(name, candidates, n=1)
        hint = f" (did you mean '{suggestion[0]}'?)" if suggestion else ""
        raise InputError(f"{path_of(dataset)}: no variable '{name}'{hint}; {what} in the file: "
                         f"{', '.join(candidates) or 'none'}")
    variable = dataset[name]
    missing = [dim for dim in with_dims if dim not in variable.dims]
    if missing:
        raise InputError(f"{path_of(dataset)}: variable '{name}' has dimensions ({', '.join(variable.dims)}) "
                         f"but needs a '{missing[0]}' axis; {what} in the file: {', '.join(candidates) or 'none'}")
    return variable


def reduce_to(variable, keep_dims, region=None, industry=None):
    """Sums `variable` over every dimension not in keep_dims, after selecting --region/--industry.
    NaN elements (undefined indices) are left out of the sum; an all-NaN sum stays NaN. The result
    keeps the variable's name, `units` and `long_name`, plus `reduction` saying what was done."""
    selected = variable
    notes = []
    for dim, label in (("region", region), ("industry", industry)):
        if label is None:
            continue
        if dim not in selected.dims:
            raise InputError(f"variable '{variable.name}' has no {dim} axis "
                             f"(dimensions {', '.join(variable.dims)}), so --{dim} does not apply")
        labels = [str(value) for value in selected[dim].values]
        if label not in labels:
            suggestion = difflib.get_close_matches(label, labels, n=1)
            hint = f" (did you mean '{suggestion[0]}'?)" if suggestion else ""
            raise InputError(f"unknown {dim} '{label}'{hint}; {PLURALS[dim]}: {', '.join(labels)}")
        selected = selected.isel({dim: labels.index(label)})
        notes.append(label)
    summed_dims = [dim for dim in selected.dims if dim not in keep_dims]
    reduced = selected.sum(summed_dims, skipna=True, min_count=1) if summed_dims else selected
    reduced = reduced.astype(float)
    reduced.name = variable.name
    reduced.attrs = {key: variable.attrs[key] for key in ("units", "long_name") if key in variable.attrs}
    if summed_dims:
        notes.append("sum over " + ", ".join(summed_dims))
    reduced.attrs["reduction"] = "; ".join(notes)
    return reduced


def describe_variable(variable):
    """`name` plus what was selected or summed, e.g. "gdp (sum over region)"."""
    reduction = variable.attrs.get("reduction", "")
    return f"{variable.name} ({reduction})" if reduction else str(variable.name)


def units_label(variable):
    return f"[{variable.attrs['units']}]" if "units" in variable.attrs else "[no units attribute]"


def axis_label(variable, text=None):
    """Axis label with the units attribute, e.g. "gdp (sum over region) [1e8 CNY/year]"."""
    return f"{text or describe_variable(variable)} {units_label(variable)}"


# ---------------------------------------------------------------------------------------------------
# Dates


def time_index_at(dataset, at):
    """Index of the last tick on or before the date `at` (a string such as 2030-06-30 or 2030), or of
    the last tick when at is None; the same rule as `clustersim compare --at`."""
    times = pd.DatetimeIndex(dataset["time"].values)
    if at is None:
        return len(times) - 1
    try:
        date = pd.Timestamp(at)
    except (ValueError, TypeError):
        raise InputError(f"--at {at}: not a date (expected YYYY-MM-DD)") from None
    on_or_before = np.nonzero(times <= date)[0]
    if len(on_or_before) == 0:
        raise InputError(f"{path_of(dataset)}: --at {at} is before the first tick ({times[0]:%Y-%m-%d}); "
                         f"the file covers {times[0]:%Y-%m-%d} to {times[-1]:%Y-%m-%d}")
    return int(on_or_before[-1])


def date_text(dataset, index):
    return f"{pd.Timestamp(dataset['time'].values[index]):%Y-%m-%d}"


def format_time_axis(axes):
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


# ---------------------------------------------------------------------------------------------------
# Sweeps


def swept_parameters(sweep):
    """Names of the swept keys (coordinates along `scenario`), in the order of the sweep file."""
    names = [name for name, coordinate in sweep.coords.items()
             if coordinate.dims == ("scenario",) and name != "scenario"]
    try:
        order = [parameter["key"] for parameter in tomllib.loads(sweep.attrs.get("sweep", ""))
                 .get("sweep", {}).get("parameters", []) if isinstance(parameter, dict)]
    except tomllib.TOMLDecodeError:
        order = []
    return sorted(names, key=lambda name: order.index(name) if name in order else len(order))


def done_runs(sweep):
    """Boolean (scenario, replicate): runs that finished (run_status == 1); the others do not count."""
    return sweep["run_status"] == RUN_STATUS_DONE


# ---------------------------------------------------------------------------------------------------
# Output


def add_output_argument(parser, default_text):
    parser.add_argument("-o", "--output", type=pathlib.Path, metavar="FIG",
                        help=f"figure to write; the format follows the extension ({', '.join(FIGURE_FORMATS)}); "
                        f"default: {default_text}")
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI,
                        help=f"resolution of PNG output (default {DEFAULT_DPI})")


def output_path(requested, input_path, tag=""):
    """The figure path: the one asked for, else INPUT[-tag].png next to the input. Checked before any work."""
    input_path = pathlib.Path(input_path)
    path = requested or input_path.with_name(f"{input_path.stem}{'-' + tag if tag else ''}.png")
    if path.suffix.lower() not in FIGURE_FORMATS:
        raise InputError(f"{path}: unknown figure format '{path.suffix}' (use {', '.join(FIGURE_FORMATS)})")
    return path


def save_figure(figure, path, dpi=DEFAULT_DPI):
    """Writes the figure in the format of the path's extension. PNGs are stored with a 256-colour
    palette: line plots lose nothing visible and the file is about a third of the size."""
    try:
        if path.suffix.lower() == ".png":
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=dpi)
            image = Image.open(buffer).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
            image.save(path, format="png", optimize=True)
        else:
            figure.savefig(path, dpi=dpi)
    except OSError as error:
        raise InputError(f"{path}: cannot write the figure: {error.strerror or error}") from None
    finally:
        plt.close(figure)
    note(f"wrote {path}")


def safe_file_tag(text):
    return "".join(character if character.isalnum() or character in "._-" else "_" for character in text)


def quiet_nan_warnings():
    """NaN-aware reductions over all-NaN slices (undefined indices, runs not done) warn; the NaN is wanted."""
    warnings.filterwarnings("ignore", message="All-NaN slice encountered")
    warnings.filterwarnings("ignore", message="Mean of empty slice")
    warnings.filterwarnings("ignore", message="invalid value encountered")
