#!/usr/bin/python3
"""Checks that a clustersim output file opens as it is in the netCDF-4 ecosystem.

Usage: output_readback.py FILE [--expect NAME=DIM,DIM,...]... [--first-time YYYY-MM-DD] [--ticks N]

Opens FILE with xarray (engines netcdf4 and h5netcdf), h5py and netCDF4 and checks: every dimension
is labelled by a coordinate, time decodes to datetime64, every data variable has str `units` and
`long_name`, both engines agree, time is unlimited, expected variables have the expected dims.
Exits 0 on success, 1 with a message on the first failed check. Any warning is an error.
"""
import argparse
import sys
import warnings

import h5py
import netCDF4
import numpy as np
import xarray as xr


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
    for name, coord in ds.coords.items():
        if name == "time":
            continue
        check(coord.dtype.kind in "OU", f"{where} coordinate {name!r} dtype {coord.dtype}, expected strings")
        check(all(isinstance(v, str) for v in coord.values.tolist()), f"{where} labels of {name!r} not str")
        check(isinstance(coord.attrs.get("long_name"), str), f"{where} coordinate {name!r} lacks long_name")
    for name, var in ds.data_vars.items():
        for attr in ("units", "long_name"):
            check(isinstance(var.attrs.get(attr), str),
                  f"{where} {name!r}.{attr} is {var.attrs.get(attr)!r} ({type(var.attrs.get(attr)).__name__})")
        check("_FillValue" not in var.attrs, f"{where} {name!r} has a _FillValue attribute")
    for name, dims in args.expect:
        check(name in ds.variables, f"{where} variable {name!r} missing")
        check(ds[name].dims == dims, f"{where} {name!r} dims {ds[name].dims}, expected {dims}")
    check(isinstance(ds.attrs.get("Conventions"), str), f"{where} global Conventions missing")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--expect", action="append", default=[], help="NAME=DIM,DIM")
    parser.add_argument("--first-time", help="expected first time coordinate, YYYY-MM-DD")
    parser.add_argument("--ticks", type=int)
    args = parser.parse_args()
    args.expect = [(e.split("=", 1)[0], tuple(d for d in e.split("=", 1)[1].split(",") if d)) for e in args.expect]

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
        for name, obj in f.items():
            for attr in ("units", "long_name"):
                if attr in obj.attrs:
                    check(isinstance(obj.attrs[attr], str), f"[h5py] {name}.{attr} is {type(obj.attrs[attr])}")

    with netCDF4.Dataset(args.file, "r") as nc:
        check(nc.dimensions["time"].isunlimited(), "[netCDF4] time is not unlimited")
        for name, var in nc.variables.items():
            if name not in nc.dimensions:
                check(all(d in nc.variables for d in var.dimensions), f"[netCDF4] {name} has an unlabelled dim")

    print(f"output_readback: OK: {args.file}: " + ", ".join(f"{k}={v}" for k, v in datasets["netcdf4"].sizes.items()))


if __name__ == "__main__":
    main()
