"""Opening clustersim files as they are on disk: checks that a path is a readable HDF5 file written by
clustersim, tells a run file from a sweep file, and finds the firm panel, which is in the netCDF-4 group
`firm_panel` (files written since 2026-11-30) or, in earlier files, in the root along the dimension
`firm_record`. Everything here returns the file's own layout; runs.py and sweeps.py make it
analysis-ready."""
import pathlib
import warnings

import h5py
import netCDF4
import xarray as xr

from .errors import InputError

SWEEP_DIMS = ("scenario", "replicate")
# The groups of a run file that hold time series along axes other than time, region and industry
# (docs/output.md, "Layout"): region pairs and flows between regions, the sector accounts.
SERIES_GROUPS = ("region_pairs", "accounts")
PANEL_DIM = "firm_record"
PANEL_GROUP = "firm_panel"
EXPECTED_ANY = ("expected a clustersim run file (dimension `time`, no `scenario`) or sweep file "
                "(dimensions `scenario` and `replicate`)")
EXPECTED_RUN = "expected a clustersim run file (dimension `time`, from `clustersim run`) or sweep file"
EXPECTED_SWEEP = "expected a clustersim sweep file (dimensions `scenario` and `replicate`, from `clustersim sweep`)"


def check_hdf5_path(path, expected):
    """The path as a pathlib.Path, once it is known to be an HDF5 file; otherwise an InputError saying
    what is wrong with it and ending with `expected`."""
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
    return path


def open_netcdf(path, expected, group=None):
    """xarray's view of the file (or of one of its groups), lazily loaded."""
    try:
        with warnings.catch_warnings():
            # The netCDF library warns about HDF5 details that do not concern the reader.
            warnings.simplefilter("ignore")
            return xr.open_dataset(path, group=group)
    except Exception as error:  # the netCDF/HDF5 libraries raise many types; all mean "unreadable"
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        where = f" (group {group})" if group else ""
        raise InputError(f"{path}: HDF5 file that xarray cannot open as netCDF-4{where} ({reason}); "
                         f"{expected}") from None


def open_clustersim(path, expected=EXPECTED_ANY):
    """Opens a run or sweep file as it is (the root group); returns (dataset, kind) with kind "run" or
    "sweep". `expected` ends the message of an error, saying what the caller wanted."""
    path = check_hdf5_path(path, expected)
    dataset = open_netcdf(path, expected)
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
    """The file a dataset was opened from (for messages)."""
    return dataset.attrs.get("_path", "<dataset>")


def open_sweep_file(path):
    """A sweep file in its own layout (swept keys as dotted coordinates along `scenario`); a run file or
    anything else is an InputError. clustersim.open_sweep gives the analysis-ready form."""
    dataset, kind = open_clustersim(path, EXPECTED_SWEEP)
    if kind != "sweep":
        dataset.close()
        raise InputError(f"{path}: a clustersim run file, not a sweep file; {EXPECTED_SWEEP}")
    return dataset


def group_names(path):
    """The names of the file's groups. Asked through netCDF4, not h5py: closing an h5py file closes every
    HDF5 object of that file in the process, including those of a dataset xarray has open on it."""
    with netCDF4.Dataset(path, "r") as file:
        return set(file.groups)


def has_panel_group(path):
    """Whether the file keeps its firm panel in the group `firm_panel` rather than in the root."""
    return PANEL_GROUP in group_names(path)


def without_firm_panel(dataset):
    """The dataset without a root firm panel (earlier files: every variable along `firm_record`, and the
    dimension): kept, its empty or long dimension would be crossed with every other by to_dataframe()."""
    return dataset.drop_dims([PANEL_DIM]) if PANEL_DIM in dataset.dims else dataset


def firm_panel_variables(path, dataset):
    """The firm panel of a run file, wherever it is: the group `firm_panel` if the file has one (read into
    memory), else the root's variables along `firm_record` (read lazily). `dataset` is the file's root,
    opened by open_clustersim."""
    if has_panel_group(path):
        # Read into memory and closed at once: with the netCDF library of Debian 12, closing a handle on a
        # file's root while one on its group is open makes every later opening of the root fail
        # ("NetCDF: HDF error"), and callers keep the root open.
        with open_netcdf(path, EXPECTED_RUN, group=PANEL_GROUP) as panel:
            return panel.load()
    names = [name for name, variable in dataset.variables.items() if PANEL_DIM in variable.dims]
    return dataset[names] if names else xr.Dataset()


def with_firm_panel(dataset):
    """The root dataset with the firm panel's variables in it, whichever layout the file has: for scripts
    that read time series and panel together (stylised_facts.py, price_decomposition.py). The panel's
    `firm_*` names do not clash with the time series'."""
    if PANEL_DIM in dataset.dims:
        return dataset
    path = path_of(dataset)
    panel = firm_panel_variables(path, dataset)
    if not panel.variables:
        return dataset
    combined = xr.merge([dataset, panel], combine_attrs="override")
    combined.attrs = dict(dataset.attrs)
    return combined


def with_grouped_series(dataset):
    """A run file's root with the time series the file keeps in the groups of other axes (SERIES_GROUPS)
    merged in, read into memory (they are small: a few region-by-region matrices per tick). Each group
    has its own copies of time, region and industry, which must equal the root's. Files written before
    2026-11-30 have these variables in the root and no groups."""
    path = path_of(dataset)
    present = group_names(path)
    groups = [group for group in SERIES_GROUPS if group in present]
    if not groups:
        return dataset
    parts = [dataset]
    for group in groups:
        # Loaded and closed at once, for the reason firm_panel_variables gives.
        with open_netcdf(path, EXPECTED_RUN, group=group) as grouped:
            # The group's copies of the root's coordinates (latitude, industry_kind, ...) are left out, as
            # the root has them; its time, region and industry stay, for the merge to check they agree.
            copies = [name for name in grouped.variables if name in dataset.variables and name not in grouped.dims]
            parts.append(grouped.drop_vars(copies).load())
    combined = xr.merge(parts, join="exact", combine_attrs="override")
    combined.attrs = dict(dataset.attrs)
    return combined
