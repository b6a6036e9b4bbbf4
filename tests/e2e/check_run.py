"""Checks that a clustersim run file is usable as it is: xarray (netcdf4 and h5netcdf engines) and
h5py open it, dimensions are labelled, time decodes to dates, every variable has units and long_name,
there is no Inf and no NaN outside variables that declare a NaN _FillValue, and the metadata holds the resolved scenario.

Usage: /usr/bin/python3 tests/e2e/check_run.py RUN.h5
"""
import sys
import tomllib
import warnings

import h5py
import h5netcdf  # noqa: F401  (imported before warnings become errors: its import may warn about numpy)
import netCDF4  # noqa: F401
import numpy as np
import xarray as xr


def check(path):
    warnings.simplefilter("error")
    datasets = {engine: xr.open_dataset(path, engine=engine) for engine in ("netcdf4", "h5netcdf")}
    for engine, ds in datasets.items():
        assert {"time", "region", "industry"} <= set(ds.dims) <= {
            "time", "nv", "region", "industry", "destination", "partner", "flow", "sector", "asset", "holder",
            "firm_record"}, (engine, dict(ds.sizes))
        # Coordinates readers group and select by, and the time bounds of every tick.
        assert {"industry_kind", "industry_digital", "latitude", "longitude"} <= set(ds.sales.coords), ds.sales.coords
        assert ds.time.attrs.get("bounds", ds.time.encoding.get("bounds")) == "time_bnds", engine
        assert str(ds.time_bnds.values[0, 0])[:10] == "2023-01-01", (engine, ds.time_bnds.values[0])
        assert isinstance(ds.attrs["seed"], (int, np.integer)), (engine, type(ds.attrs["seed"]))
        assert ds.sales.attrs["cell_methods"] == "time: mean" and ds.firms.attrs["cell_methods"] == "time: point"
        assert ds.sizes["region"] == 31 and ds.sizes["industry"] == 18, (engine, dict(ds.sizes))
        assert "Beijing" in list(ds.region.values), engine
        assert "information_technology" in list(ds.industry.values), engine
        assert np.issubdtype(ds.time.dtype, np.datetime64), (engine, ds.time.dtype)
        assert str(ds.time.values[0])[:10] == "2023-03-31", (engine, ds.time.values[0])
        assert ds.sales.dims == ("time", "region", "industry"), ds.sales.dims
        assert ds.gdp.dims == ("time", "region"), ds.gdp.dims
        for name, var in ds.data_vars.items():
            # Decoding a time variable moves its units from attrs to encoding.
            units = var.attrs.get("units", var.encoding.get("units", var.attrs.get("units_note")))
            assert units is not None and "long_name" in var.attrs and "description" in var.attrs, (engine, name)
            if np.issubdtype(var.dtype, np.datetime64):
                continue
            values = np.asarray(var.values, dtype=float)
            # An index undefined for an empty region or industry is NaN, declared by a NaN _FillValue.
            fill = var.encoding.get("_FillValue")
            if fill is not None and np.isnan(fill):
                values = values[~np.isnan(values)]
            assert np.isfinite(values).all(), (engine, name, "has NaN or Inf")
        scenario = tomllib.loads(ds.attrs["scenario"])
        assert scenario["simulation"]["ticks"] == ds.sizes["time"], scenario["simulation"]
        for key in ("seed", "program_version", "git_revision", "created"):
            assert key in ds.attrs, key
    a, b = datasets["netcdf4"], datasets["h5netcdf"]
    xr.testing.assert_identical(a.drop_vars([]), b)
    with h5py.File(path, "r") as f:
        assert f["sales"].shape == (a.sizes["time"], 31, 18)
        # Currency has no UDUNITS unit: no units attribute, the unit for people in units_note.
        assert "units" not in f["sales"].attrs and f["sales"].attrs["units_note"] == "1e8 CNY/year"
    print("ok")


if __name__ == "__main__":
    check(sys.argv[1])
