"""The tidy long format: one row per element of every variable, the variable's name in a column
`variable` and its value in `value`, the element's coordinates (time, region, industry, ...) in columns
of their own, for pandas, R, Stata or a spreadsheet.

A baseline run has about two million such rows, so the table is built from integer positions along each
dimension rather than through one DataFrame per variable, and names are stored as categories."""
import difflib

import numpy as np
import pandas as pd

from .errors import InputError
from .variables import display_units

# Dimensions in the order their columns come (most significant first); others follow in the order met.
COLUMN_ORDER = ("scenario", "replicate", "time", "region", "destination", "partner", "industry",
                "flow", "sector", "asset", "holder")
MISSING = -1  # position of a row along a dimension its variable does not have


def to_long(dataset, variables=None, dropna=False):
    """A pandas.DataFrame with one row per element of each variable: a column per dimension (empty in
    the rows of variables that lack it), `variable`, `value` (float64), then a column per label
    coordinate (kind, digital, latitude, scenario_index, swept keys along `scenario`, and scalar ones such
    as the swept values of one run of a sweep). Names are categorical. `variables` picks variables
    (default: every numeric data variable); dropna=True leaves out missing values (NaN: an undefined
    index, a run not done). `frame.attrs["units"]` maps each variable to its unit as people read it (units_note, else units)."""
    names = chosen_variables(dataset, variables)
    dims = ordered_dims(dataset, names)
    sizes = [dataset[name].size for name in names]
    rows = int(sum(sizes))
    positions = {dim: np.full(rows, MISSING, dtype=np.int64) for dim in dims}
    values = np.empty(rows)
    start = 0
    for name, size in zip(names, sizes):
        variable = dataset[name]
        values[start:start + size] = np.asarray(variable.values, dtype=float).ravel()
        for axis, dim in enumerate(variable.dims):
            positions[dim][start:start + size] = axis_positions(variable.shape, axis)
        start += size
    columns = {dim: label_column(dataset[dim].values, positions[dim]) for dim in dims}
    columns["variable"] = pd.Categorical.from_codes(np.repeat(np.arange(len(names)), sizes), categories=names)
    columns["value"] = values
    for name, coordinate in dataset.coords.items():
        if name in dataset.dims or not set(coordinate.dims) <= set(dims):
            continue
        if coordinate.ndim == 0:
            columns[name] = np.repeat(coordinate.values, rows)
            continue
        present = np.logical_and.reduce([positions[dim] != MISSING for dim in coordinate.dims])
        flat = np.ravel_multi_index([np.maximum(positions[dim], 0) for dim in coordinate.dims], coordinate.shape)
        columns[name] = label_column(coordinate.values.ravel(), np.where(present, flat, MISSING))
    long = pd.DataFrame(columns)
    if dropna:
        long = long[long["value"].notna()].reset_index(drop=True)
    long.attrs["units"] = {name: display_units(dataset[name]) or "" for name in names}
    return long


def chosen_variables(dataset, variables):
    numeric = [name for name, variable in dataset.data_vars.items() if is_numeric(variable)]
    if variables is None:
        return numeric
    names = [variables] if isinstance(variables, str) else list(variables)
    for name in names:
        if name not in dataset.data_vars:
            suggestion = difflib.get_close_matches(name, numeric, n=1)
            hint = f" (did you mean '{suggestion[0]}'?)" if suggestion else ""
            raise InputError(f"no variable '{name}'{hint} in the dataset; numeric variables: {', '.join(numeric)}")
        if not is_numeric(dataset[name]):
            raise InputError(f"variable '{name}' holds {dataset[name].dtype} values, not numbers; "
                             "the long format's `value` column is numeric")
    return names


def is_numeric(variable):
    return np.issubdtype(variable.dtype, np.number) or np.issubdtype(variable.dtype, np.bool_)


def ordered_dims(dataset, names):
    """The dimensions of the chosen variables: swept keys that are dimensions (an unstacked grid) first,
    then COLUMN_ORDER, then the others in the dataset's order."""
    used = [dim for dim in dataset.dims if any(dim in dataset[name].dims for name in names)]
    swept = [dim for dim in used if "sweep_key" in dataset[dim].attrs]
    known = [dim for dim in COLUMN_ORDER if dim in used and dim not in swept]
    return swept + known + [dim for dim in used if dim not in swept and dim not in known]


def axis_positions(shape, axis):
    """For the elements of an array of `shape` in C order, their position along `axis`."""
    inner = int(np.prod(shape[axis + 1:], dtype=np.int64))
    outer = int(np.prod(shape[:axis], dtype=np.int64))
    return np.tile(np.repeat(np.arange(shape[axis]), inner), outer)


def label_column(labels, positions):
    """labels[positions] as a column, empty where the position is MISSING: text as categories, dates with
    NaT, booleans as pandas' nullable boolean, numbers as float64 with NaN (integers stay integers where
    nothing is missing)."""
    labels = np.asarray(labels)
    missing = positions == MISSING
    taken = labels[np.where(missing, 0, positions)] if len(labels) else np.empty(len(positions), labels.dtype)
    if labels.dtype.kind in "OUS":
        codes, categories = pd.factorize(labels.astype(str))  # categories in the file's order
        return pd.Categorical.from_codes(np.where(missing, -1, codes[np.where(missing, 0, positions)]),
                                         categories=categories)
    if labels.dtype.kind == "M":
        return np.where(missing, np.datetime64("NaT"), taken)
    if labels.dtype.kind == "b":
        return pd.array(np.where(missing, None, taken), dtype="boolean")
    if not missing.any():
        return taken
    return np.where(missing, np.nan, taken.astype(float))
