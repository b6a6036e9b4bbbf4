"""A sweep file, analysis-ready: the swept keys (`policy.openness`, coordinates along `scenario` in the
file) become indexed coordinates named with valid Python identifiers (`policy_openness`), so
`sweep.sel(policy_openness=0.8)` and `sweep.policy_openness` work; a grid design is unstacked so that each
swept key is a dimension of its own; other designs (random, Latin hypercube, Sobol, a list that is not a
full grid) keep `scenario` as the run index, with each swept key an index along it."""
import itertools
import re
import tomllib
import warnings

import numpy as np

from .files import open_sweep_file
from .labels import add_label_coordinates

RUN_STATUS_DONE = 1
SWEEP_KEY_ATTRIBUTE = "sweep_key"
IN_FORCE_SUFFIX = "_in_force"
UNSTACKED_DESIGNS = ("grid", "list")


def parameter_identifier(key):
    """A valid Python identifier for a swept key: every character that cannot be in one becomes `_`
    (policy.openness -> policy_openness)."""
    name = re.sub(r"\W", "_", key)
    return f"_{name}" if name[:1].isdigit() else name


def swept_parameters(sweep):
    """Names of the swept keys (coordinates along `scenario`), in the order of the sweep file."""
    names = [name for name, coordinate in sweep.coords.items()
             if coordinate.dims == ("scenario",) and name not in ("scenario", "scenario_index")]
    order = sweep_file_order(sweep)
    return sorted(names, key=lambda name: order.index(name) if name in order else len(order))


def sweep_file_order(sweep):
    """The swept keys as the resolved sweep file (global attribute `sweep`) lists them."""
    try:
        parameters = tomllib.loads(sweep.attrs.get("sweep", "")).get("sweep", {}).get("parameters", [])
    except tomllib.TOMLDecodeError:
        return []
    return [parameter["key"] for parameter in parameters if isinstance(parameter, dict) and "key" in parameter]


def done_runs(sweep):
    """Boolean (scenario, replicate): runs that finished (run_status == 1); the others do not count."""
    return sweep["run_status"] == RUN_STATUS_DONE


def name_parameters(dataset):
    """The dataset with every dotted swept key renamed to its identifier, the key kept in the attribute
    `sweep_key`. A sweep of a policy lever also holds the lever in force, a data variable of the same
    name (`policy_openness` by time and region); that one becomes `policy_openness_in_force`, because the
    swept value is what one selects by."""
    renames = {}
    for key in [name for name in dataset.coords if "." in str(name)]:
        identifier = parameter_identifier(key)
        if identifier in dataset.data_vars:
            renamed = identifier + IN_FORCE_SUFFIX
            dataset = dataset.rename_vars({identifier: renamed})
            dataset[renamed].attrs["note"] = (f"renamed from {identifier}: that name is the swept key {key}; "
                                              "this is the lever in force after the schedule")
        renames[key] = identifier
    dataset = dataset.rename_vars(renames)
    for key, identifier in renames.items():
        dataset[identifier].attrs[SWEEP_KEY_ATTRIBUTE] = key
    return dataset


def open_sweep(path, unstack=True):
    """A sweep file as an xarray.Dataset ready for selection: swept keys as indexed coordinates with
    identifier names (attribute `sweep_key` holds the original), a grid design unstacked into one
    dimension per swept key (unstack=False keeps `scenario`), `scenario_index` the scenario's index in
    the file (what `clustersim compare --baseline` takes), and the labels of regions and industries as
    coordinates. Runs that are not done are NaN (see `run_status`)."""
    sweep = open_sweep_file(path)
    path_attribute = sweep.attrs["_path"]
    order = [parameter_identifier(key) for key in sweep_file_order(sweep)]
    sweep = name_parameters(sweep)
    names = sorted(swept_parameters(sweep), key=lambda name: order.index(name) if name in order else len(order))
    sweep = sweep.assign_coords(scenario_index=("scenario", sweep["scenario"].values))
    sweep["scenario_index"].attrs.update(long_name="Scenario index",
                                         description="index of the scenario in the sweep file")
    # Labels first: xarray cannot assign coordinates once a dimension has several indexes.
    sweep = add_label_coordinates(sweep)
    if unstack and names and str(sweep.attrs.get("design", "")) in UNSTACKED_DESIGNS and is_full_grid(sweep, names):
        sweep = unstack_grid(sweep, names)
    else:
        sweep = index_along_scenario(sweep, names)
    sweep.attrs["_path"] = path_attribute
    return sweep


def is_full_grid(sweep, names):
    """Whether the scenarios are every combination of the swept values, each exactly once."""
    rows = list(zip(*(sweep[name].values.tolist() for name in names)))
    distinct = [sorted(set(sweep[name].values.tolist())) for name in names]
    return len(set(rows)) == len(rows) == int(np.prod([len(values) for values in distinct])) and \
        set(rows) == set(itertools.product(*distinct))


def unstack_grid(sweep, names):
    """One dimension per swept key, in the order of the sweep file, ahead of replicate and time."""
    if len(names) == 1:
        unstacked = sweep.swap_dims({"scenario": names[0]}).drop_vars("scenario")
    else:
        with warnings.catch_warnings():
            # unstack first fills integer variables (run_status) with NaN, which a full grid overwrites.
            warnings.filterwarnings("ignore", message="invalid value encountered in cast")
            unstacked = sweep.drop_vars("scenario").set_index(scenario=names).unstack("scenario")
    for name in names:
        unstacked[name].attrs = dict(sweep[name].attrs)
    return unstacked.transpose(*names, ...)


def index_along_scenario(sweep, names):
    """Each swept key an index of its own along `scenario`, so .sel() takes its values (with
    method="nearest" for sampled designs, whose values are not round)."""
    for name in names:
        sweep = sweep.set_xindex(name)
    return sweep

