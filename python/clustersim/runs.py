"""One run, analysis-ready: a run file's time series without the firm panel, or one run of a sweep file,
with the labels of regions and industries as coordinates; and the firm panel on its own."""
import pathlib

from .errors import InputError
from .files import (EXPECTED_RUN, PANEL_DIM, firm_panel_variables, open_clustersim, path_of,
                    with_grouped_series, without_firm_panel)
from .labels import add_label_coordinates
from .scripting import note
from .sweeps import RUN_STATUS_DONE, name_parameters, swept_parameters

SERIES_DIMS = ("time", "region", "industry")


def open_run(path, scenario=None, replicate=None, all_axes=False, selection_must_apply=True):
    """The time series of one run as an xarray.Dataset whose `.to_dataframe()` is a table indexed by
    (time, region, industry): a run file without its firm panel (open_firm_panel reads that), or the run
    (scenario, replicate) of a sweep file (default 0, 0, with a note), its swept values as scalar
    coordinates named as open_sweep names them. Regions' latitude and longitude and industries' kind and
    digital flag are coordinates. Variables are read lazily from the file.

    By default only variables along time, region and industry are kept: to_dataframe() crosses every
    dimension of a dataset with every other, and the few variables on other axes (region pairs such as
    `structural_similarity` and the flows between regions, the matrices `transactions_flow` and
    `balance_sheet`; run files keep them in the groups `region_pairs` and `accounts`) would multiply its
    rows by thousands. all_axes=True adds them (for to_long, or to select them). A selection given for a run file is an InputError unless selection_must_apply
    is False (one selection for several files)."""
    dataset, kind = open_clustersim(path, EXPECTED_RUN)
    if kind == "run":
        if selection_must_apply and (scenario is not None or replicate is not None):
            raise InputError(f"{path}: a run file; --scenario and --replicate apply to sweep files only")
        dataset = without_firm_panel(dataset)
        if all_axes:
            dataset = with_grouped_series(dataset)
        dataset.attrs["_run_description"] = run_file_description(dataset, path)
    else:
        dataset = name_parameters(select_sweep_run(dataset, scenario, replicate))
    if not all_axes:
        dataset = only_series_dims(dataset)
    return add_label_coordinates(dataset)


def only_series_dims(dataset):
    """The dataset without the dimensions other than time, region and industry, and their variables."""
    return dataset.drop_dims([dim for dim in dataset.dims if dim not in SERIES_DIMS])


def open_firm_panel(path):
    """The firm panel of a run file (one row per firm and snapshot along `firm_record`, docs/output.md) as
    an xarray.Dataset, whether the file keeps it in the group `firm_panel` or (files written before 2026-11-30) in the root. Where the panel
    holds 0-based region and industry indices (`firm_region`, `firm_industry`) their names are added as
    coordinates `region` and `industry`, so `.to_dataframe()` has them as columns. A file without a
    panel (output.snapshot_every = 0) is an InputError."""
    root, kind = open_clustersim(path, EXPECTED_RUN)
    if kind != "run":
        raise InputError(f"{path}: a clustersim sweep file, which has no firm panel; expected a run file "
                         "written with output.snapshot_every > 0")
    panel = firm_panel_variables(path, root)
    if panel.sizes.get(PANEL_DIM, 0) == 0:
        raise InputError(f"{path}: no firm panel (no records along `{PANEL_DIM}`: the run had "
                         "output.snapshot_every = 0); expected a run file written with output.snapshot_every > 0")
    for dim, index_name in (("region", "firm_region"), ("industry", "firm_industry")):
        if dim in root.variables and index_name in panel and dim not in panel.variables:
            labels = root[dim].values
            panel = panel.assign_coords({dim: (PANEL_DIM, labels[panel[index_name].values.astype(int)])})
    panel.attrs = dict(root.attrs)
    panel.attrs["_path"] = str(path)
    return panel


def select_sweep_run(sweep, scenario=None, replicate=None):
    """Run (scenario, replicate) of a sweep file in its own layout, with the swept keys as scalar
    coordinates under their dotted names; a run that is not done is an InputError."""
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
