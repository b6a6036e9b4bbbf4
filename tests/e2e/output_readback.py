#!/usr/bin/python3
"""Checks that a clustersim output file opens as it is in the netCDF-4 ecosystem.

Usage: output_readback.py FILE [--expect NAME=DIM,DIM,...]... [--first-time YYYY-MM-DD] [--ticks N]
                          [--table DIM=ROWS]... [--values NAME=X,X,...]... [--dates NAME=YYYY-MM-DD,...]...

Opens FILE with xarray (engines netcdf4 and h5netcdf), h5py and netCDF4 and checks: every dimension
is labelled by a coordinate, time decodes to datetime64, every data variable has str `units` and
`long_name`, both engines agree, time is unlimited, expected variables have the expected dims.
For each --table (a table stored in long format along its own dimension DIM): DIM has ROWS rows
numbered 0..ROWS-1 (int64 coordinate), is unlimited (h5py, netCDF4 and `ncdump -h`), and
DIM_time decodes to datetime64 along DIM. --values and --dates compare a variable's values.
Exits 0 on success, 1 with a message on the first failed check. Any warning is an error (from after
the imports: some installed versions of the readers warn when imported).
"""
import argparse
import shutil
import subprocess
import sys
import warnings

import h5py
import netCDF4
import numpy as np
import xarray as xr
import h5netcdf  # noqa: F401  (imported before warnings become errors, like the others)


def fail(message):
    print(f"output_readback: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def check_dataset(ds, engine, args):
    where = f"[{engine}]"
    check("time" in ds.dims, f"{where} no time dimension: {dict(ds.dims)}")
    for dim in ds.dims:
        check(dim in ds.coords, f"{where} dimension {dim!r} has no coordinate variable (unlabelled)")
        check(not str(dim).startswith("phony_dim"), f"{where} phony dimension {dim!r}")
    time = ds["time"]
    check(np.issubdtype(time.dtype, np.datetime64), f"{where} time not decoded: dtype {time.dtype}")
    check(time.dims == ("time",), f"{where} time dims {time.dims}")
    check("units" in time.encoding and "since" in time.encoding["units"],
          f"{where} time encoding lacks CF units: {time.encoding}")
    if args.ticks is not None:
        check(ds.sizes["time"] == args.ticks, f"{where} {ds.sizes['time']} ticks, expected {args.ticks}")
    if args.first_time and ds.sizes["time"] > 0:
        first = np.datetime64(args.first_time, "ns")
        check(time.values[0] == first, f"{where} first time {time.values[0]}, expected {first}")
    tables = dict(args.table)
    for dim, rows in tables.items():
        check(dim in ds.dims, f"{where} no table dimension {dim!r}: {dict(ds.dims)}")
        check(ds.sizes[dim] == rows, f"{where} table {dim!r} has {ds.sizes[dim]} rows, expected {rows}")
        row = ds[dim]
        check(row.dtype == np.int64, f"{where} table coordinate {dim!r} dtype {row.dtype}, expected int64")
        check(row.values.tolist() == list(range(rows)), f"{where} table coordinate {dim!r} is {row.values}")
        check(isinstance(row.attrs.get("long_name"), str), f"{where} table coordinate {dim!r} lacks long_name")
        time_name = f"{dim}_time"
        check(time_name in ds.variables, f"{where} table {dim!r} lacks {time_name!r}")
        table_time = ds[time_name]
        check(table_time.dims == (dim,), f"{where} {time_name!r} dims {table_time.dims}")
        check(np.issubdtype(table_time.dtype, np.datetime64),
              f"{where} {time_name!r} not decoded: dtype {table_time.dtype}")
        check(table_time.encoding.get("units") == time.encoding["units"],
              f"{where} {time_name!r} units {table_time.encoding.get('units')!r} differ from time's")
        for name, var in ds.variables.items():
            if dim in var.dims:
                check(var.dims == (dim,), f"{where} table variable {name!r} dims {var.dims}, expected ({dim!r},)")
    for name, coord in ds.coords.items():
        # Labels are strings; auxiliary coordinates (not dimensions) and the bounds axis `nv` need not be.
        if name == "time" or name in tables or name == "nv" or name not in ds.dims:
            continue
        check(coord.dtype.kind in "OU",
              f"{where} coordinate {name!r} dtype {coord.dtype}, expected strings (a table? pass --table {name}=ROWS)")
        check(all(isinstance(v, str) for v in coord.values.tolist()), f"{where} labels of {name!r} not str")
        check(isinstance(coord.attrs.get("long_name"), str), f"{where} coordinate {name!r} lacks long_name")
    for name, var in ds.data_vars.items():
        # Text (a coordinate no variable names) has a long_name but no units. A number has units, or a
        # units_note where UDUNITS has no unit for it (currency, persons), or both.
        unit_attr = "units" if "units" in var.attrs or "units" in var.encoding else "units_note"
        for attr in (unit_attr, "long_name") if var.dtype.kind not in "OU" else ("long_name",):
            # Decoding times moves `units` (and `calendar`) from attrs to encoding.
            where_attr = var.encoding if attr == "units" and np.issubdtype(var.dtype, np.datetime64) else var.attrs
            check(isinstance(where_attr.get(attr), str),
                  f"{where} {name!r}.{attr} is {where_attr.get(attr)!r} ({type(where_attr.get(attr)).__name__})")
        check("_FillValue" not in var.attrs, f"{where} {name!r} has a _FillValue attribute")
    for name, dims in args.expect:
        check(name in ds.variables, f"{where} variable {name!r} missing")
        check(ds[name].dims == dims, f"{where} {name!r} dims {ds[name].dims}, expected {dims}")
    for name, values in args.values:
        check(name in ds.variables, f"{where} variable {name!r} missing")
        actual = ds[name].values.ravel().tolist()
        check(actual == values, f"{where} {name!r} values {actual}, expected {values}")
    for name, dates in args.dates:
        check(name in ds.variables, f"{where} variable {name!r} missing")
        actual = ds[name].values.ravel()
        check(np.issubdtype(actual.dtype, np.datetime64), f"{where} {name!r} not decoded: dtype {actual.dtype}")
        expected = np.array(dates, dtype="datetime64[ns]")
        check(actual.shape == expected.shape and bool((actual == expected).all()),
              f"{where} {name!r} dates {actual}, expected {expected}")
    for name, coordinates in args.coordinate:
        check(name in ds.variables, f"{where} variable {name!r} missing")
        for coordinate in coordinates:
            check(coordinate in ds[name].coords, f"{where} {coordinate!r} is not a coordinate of {name!r}")
            check(coordinate not in ds.data_vars, f"{where} {coordinate!r} read as a data variable")
    if args.bounds:
        path = "/time_bounds/time_bnds"
        check(time.attrs.get("bounds") == path or time.encoding.get("bounds") == path,
              f"{where} time has no bounds attribute {path!r}")
        check("time_bnds" not in ds.variables, f"{where} time_bnds in the root, where it would cross nv with all")
        with xr.open_dataset(args.file, engine=engine, group="time_bounds") as group:
            check("time_bnds" in group.variables, f"{where} no time_bnds in the group time_bounds")
            bounds = group["time_bnds"].values
        expected = np.array(args.bounds, dtype="datetime64[ns]")
        check(bool((bounds[0] == expected).all()), f"{where} first time bounds {bounds[0]}, expected {expected}")
        check(bool((bounds[1:, 0] == time.values[:-1]).all()),
              f"{where} a tick's bounds do not start where the tick before ends")
    check(isinstance(ds.attrs.get("Conventions"), str), f"{where} global Conventions missing")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--expect", action="append", default=[], help="NAME=DIM,DIM")
    parser.add_argument("--first-time", help="expected first time coordinate, YYYY-MM-DD")
    parser.add_argument("--ticks", type=int)
    parser.add_argument("--table", action="append", default=[], help="DIM=ROWS: a table along dimension DIM")
    parser.add_argument("--values", action="append", default=[], help="NAME=X,X,...: expected values (flattened)")
    parser.add_argument("--dates", action="append", default=[], help="NAME=YYYY-MM-DD,...: expected decoded dates")
    parser.add_argument("--coordinate", action="append", default=[],
                        help="NAME=C,C: auxiliary coordinates NAME must carry")
    parser.add_argument("--bounds", help="START,END: expected decoded bounds of the first tick")
    args = parser.parse_args()
    args.coordinate = [(c.split("=", 1)[0], [x for x in c.split("=", 1)[1].split(",") if x]) for c in args.coordinate]
    args.bounds = args.bounds.split(",") if args.bounds else None
    args.expect = [(e.split("=", 1)[0], tuple(d for d in e.split("=", 1)[1].split(",") if d)) for e in args.expect]
    args.table = [(t.split("=", 1)[0], int(t.split("=", 1)[1])) for t in args.table]
    args.values = [(v.split("=", 1)[0], [float(x) for x in v.split("=", 1)[1].split(",") if x]) for v in args.values]
    args.dates = [(d.split("=", 1)[0], [x for x in d.split("=", 1)[1].split(",") if x]) for d in args.dates]

    warnings.simplefilter("error")
    datasets = {}
    for engine in ("netcdf4", "h5netcdf"):
        try:
            ds = xr.open_dataset(args.file, engine=engine).load()
        except Exception as error:  # report which engine failed and why
            fail(f"xarray engine={engine} cannot open {args.file}: {type(error).__name__}: {error}")
        check_dataset(ds, engine, args)
        datasets[engine] = ds
        ds.close()
    try:
        xr.testing.assert_identical(datasets["netcdf4"], datasets["h5netcdf"])
    except AssertionError as error:
        fail(f"engines disagree: {error}")

    with h5py.File(args.file, "r") as f:
        check(f["time"].maxshape == (None,), f"[h5py] time maxshape {f['time'].maxshape}")
        for dim, rows in args.table:
            for name in (dim, f"{dim}_time"):
                check(f[name].maxshape == (None,), f"[h5py] {name} maxshape {f[name].maxshape}")
                check(f[name].chunks is not None, f"[h5py] {name} not chunked")
        for name, obj in f.items():
            for attr in ("units", "units_note", "long_name", "description"):
                if attr in obj.attrs:
                    check(isinstance(obj.attrs[attr], str), f"[h5py] {name}.{attr} is {type(obj.attrs[attr])}")

    with netCDF4.Dataset(args.file, "r") as nc:
        check(nc.dimensions["time"].isunlimited(), "[netCDF4] time is not unlimited")
        for dim, rows in args.table:
            check(nc.dimensions[dim].isunlimited(), f"[netCDF4] {dim} is not unlimited")
            check(len(nc.dimensions[dim]) == rows, f"[netCDF4] {dim} has length {len(nc.dimensions[dim])}")
        for name, var in nc.variables.items():
            if name not in nc.dimensions:
                check(all(d in nc.variables for d in var.dimensions), f"[netCDF4] {name} has an unlabelled dim")

    ncdump = shutil.which("ncdump")
    if ncdump and args.table:
        result = subprocess.run([ncdump, "-h", args.file], capture_output=True, text=True, check=False)
        check(result.returncode == 0, f"[ncdump -h] exit status {result.returncode}: {result.stderr.strip()}")
        for dim, rows in args.table:
            line = f"{dim} = UNLIMITED ; // ({rows} currently)"
            check(line in result.stdout, f"[ncdump -h] no line {line!r} in:\n{result.stdout}")

    print(f"output_readback: OK: {args.file}: " + ", ".join(f"{k}={v}" for k, v in datasets["netcdf4"].sizes.items()))


if __name__ == "__main__":
    main()
