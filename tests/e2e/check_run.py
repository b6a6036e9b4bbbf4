"""Checks that a clustersim run file is usable as it is: xarray (netcdf4 and h5netcdf engines) and
h5py open it, the root turns into one table (to_dataframe(): a row per time, region and industry) and
each group into one of its own, dimensions are labelled, time decodes to dates, every variable has units and long_name,
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
        # The root holds the time series along time, region and industry only: one table.
        assert set(ds.dims) == {"time", "region", "industry"}, (engine, dict(ds.sizes))
        frame = ds.to_dataframe()
        assert len(frame) == ds.sizes["time"] * ds.sizes["region"] * ds.sizes["industry"], (engine, len(frame))
        assert frame.loc[(ds.time.values[2], "Beijing", "information_technology"), "sales"] == \
            float(ds.sales.sel(region="Beijing", industry="information_technology").values[2]), engine
        # Coordinates readers group and select by, and the time bounds of every tick.
        assert {"industry_kind", "industry_digital", "latitude", "longitude"} <= set(ds.sales.coords), ds.sales.coords
        assert ds.time.attrs.get("bounds", ds.time.encoding.get("bounds")) == "/time_bounds/time_bnds", engine
        with xr.open_dataset(path, engine=engine, group="time_bounds") as bounds:
            assert str(bounds.time_bnds.values[0, 0])[:10] == "2023-01-01", (engine, bounds.time_bnds.values[0])
            assert (bounds.time_bnds.values[:, 1] == ds.time.values).all(), engine
        # Each group opens as a dataset of its own, its dimensions labelled like the root's.
        with xr.open_dataset(path, engine=engine, group="region_pairs") as pairs:
            assert pairs.structural_similarity.dims == ("time", "region", "partner"), pairs.structural_similarity.dims
            assert (pairs.time.values == ds.time.values).all() and list(pairs.partner.values) == list(ds.region.values)
            assert "latitude" in pairs.structural_similarity.coords, engine
        with xr.open_dataset(path, engine=engine, group="accounts") as accounts:
            assert accounts.transactions_flow.dims == ("time", "flow", "sector"), accounts.transactions_flow.dims
            assert "households" in list(accounts.sector.values), engine
        with xr.open_dataset(path, engine=engine, group="firm_panel") as panel:
            assert set(panel.dims) == {"firm_record"} and "firm_sales" in panel, (engine, dict(panel.sizes))
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
        assert set(f.keys()) >= {"region_pairs", "accounts", "firm_panel", "time_bounds"}, list(f.keys())
        # Currency has no UDUNITS unit: no units attribute, the unit for people in units_note.
        assert "units" not in f["sales"].attrs and f["sales"].attrs["units_note"] == "1e8 CNY/year"
    print("ok")


if __name__ == "__main__":
    check(sys.argv[1])
