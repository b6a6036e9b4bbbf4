"""Picking a variable and reducing it to the axes a table or figure needs, with labels that carry its
units and what was summed."""
import difflib

from .errors import InputError
from .files import path_of

PLURALS = {"region": "regions", "industry": "industries"}


def require_variable(dataset, name, with_dims=("time",), what="time series"):
    """The variable `name`, which must have every dimension of with_dims; otherwise an InputError
    listing the variables that would do."""
    candidates = sorted(n for n, v in dataset.data_vars.items()
                        if all(dim in v.dims for dim in with_dims) and not n.startswith("run_"))
    if name not in dataset.data_vars:
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
    keeps the variable's name and its `units`, `units_note`, `long_name` and `description`, plus
    `reduction` saying what was done."""
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
    reduced.attrs = {key: variable.attrs[key] for key in ("units", "units_note", "long_name", "description")
                     if key in variable.attrs}
    if summed_dims:
        notes.append("sum over " + ", ".join(summed_dims))
    reduced.attrs["reduction"] = "; ".join(notes)
    return reduced


def describe_variable(variable):
    """`name` plus what was selected or summed, e.g. "gdp (sum over region)"."""
    reduction = variable.attrs.get("reduction", "")
    return f"{variable.name} ({reduction})" if reduction else str(variable.name)


def display_units(variable):
    """The unit as people read it: `units_note` where the file has one (currencies, persons, output
    units, which UDUNITS cannot express), else `units`; None when there is neither."""
    for key in ("units_note", "units"):
        if key in variable.attrs:
            return str(variable.attrs[key])
    return None


def units_label(variable):
    units = display_units(variable)
    return f"[{units}]" if units is not None else "[no units attribute]"


def axis_label(variable, text=None):
    """Axis label with the unit (units_note, else units), e.g. "gdp (sum over region) [1e8 CNY/year]"."""
    return f"{text or describe_variable(variable)} {units_label(variable)}"
