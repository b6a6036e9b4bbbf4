"""The tidy long format: one row per element of every variable, the variable's name in a column
`variable` and its value in `value`, the element's coordinates (time, region, industry, ...) in columns
of their own, for pandas, R, Stata or a spreadsheet."""
import difflib

import numpy as np
import pandas as pd

from .errors import InputError

# Dimensions in the order their columns come (most significant first); others follow in the order met.
COLUMN_ORDER = ("scenario", "scenario_index", "replicate", "time", "region", "destination", "partner", "industry",
                "flow", "sector", "asset", "holder")


def to_long(dataset, variables=None, dropna=False):
    """A pandas.DataFrame with one row per element of each variable: a column per dimension (those a
    variable lacks are empty in its rows), `variable` (categorical), `value` (float64) and a column per
    label coordinate (kind, digital, latitude, swept keys along `scenario`, ...). `variables` picks
    variables (default: every numeric data variable); dropna=True leaves out missing values (NaN: an
    undefined index, a run not done). `frame.attrs["units"]` maps each variable to its units."""
    names = chosen_variables(dataset, variables)
    frames = [variable_frame(dataset[name]) for name in names]
    long = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["variable", "value"])
    long["variable"] = pd.Categorical(long["variable"], categories=names)
    if dropna:
        long = long[long["value"].notna()].reset_index(drop=True)
    long = long[ordered_columns(long.columns, dataset)]
    long.attrs["units"] = {name: str(dataset[name].attrs.get("units", "")) for name in names}
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


def variable_frame(variable):
    """The rows of one variable: its coordinates, `variable` and `value`."""
    values = variable.astype(float)
    if values.ndim == 0:
        frame = pd.DataFrame({"value": [float(values)]})
        for name, coordinate in variable.coords.items():
            frame[name] = coordinate.values.item()
    else:
        frame = values.to_dataframe(name="value").reset_index()
    frame["variable"] = variable.name
    return frame


def ordered_columns(columns, dataset):
    """Swept keys that are dimensions (an unstacked grid) first, then COLUMN_ORDER, then other dimensions;
    `variable` and `value`; then the label coordinates."""
    dims = [dim for dim in dataset.dims if dim in columns and "sweep_key" in dataset[dim].attrs]
    dims += [dim for dim in COLUMN_ORDER if dim in columns and dim not in dims]
    dims += [dim for dim in dataset.dims if dim in columns and dim not in dims]
    labels = [column for column in columns if column not in dims and column not in ("variable", "value")]
    return dims + ["variable", "value"] + labels
