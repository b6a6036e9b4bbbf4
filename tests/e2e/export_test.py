#!/usr/bin/python3
"""End-to-end test of `clustersim export`: tidy long CSV and Stata files read back equal to the HDF5 file.

Runs a small scenario (tests/data/small.toml, 3 ticks, with the talent flows between regions and a firm
panel) and a 2 x 2 grid sweep, exports them, and checks that pandas (read_csv, read_stata), R (read.csv
against hdf5r) and haven (read_dta) give back exactly the values (R's read.csv to within one unit in the last
place: its decimal conversion is not correctly rounded), every dimension label and the dates of
the file read with h5py. Then the refusals: unknown variable, firm-panel column, unknown format, parquet,
missing file, each with exit status 2 and nothing written. R is required (scripts/install-deps.sh installs
r-base-core, r-cran-hdf5r and r-cran-haven): without it the test fails and says so.

Usage:
  /usr/bin/python3 tests/e2e/export_test.py CLUSTERSIM_BINARY [unittest options]
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np
import pandas as pd

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
STEP_TIMEOUT = 300
binary = os.environ.get("CLUSTERSIM_BINARY", "")


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def clustersim(*args):
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=STEP_TIMEOUT)


def dims_of(item):
    return [dim[0].name.rsplit("/", 1)[-1] for dim in item.dims]


def h5_series(path):
    """{name: (dims, values)} of every time series, in the root and in the groups of other axes (a run
    file's region_pairs and accounts; not the firm panel nor the time bounds), and the dates of the time
    axis, read with h5py."""
    with h5py.File(path, "r") as file:
        time = file["time"]
        start = np.datetime64(text(time.attrs["units"]).split()[2], "D")
        dates = start + time[()].astype("timedelta64[D]")
        bounds = text(time.attrs.get("bounds", b"")).lstrip("/")
        leading = ["scenario", "replicate", "time"] if "run_status" in file else ["time"]
        series, labels = {}, {}
        items = [(name, item, file) for name, item in file.items()]
        for group in ("region_pairs", "accounts"):
            if group in file:
                items += [(name, item, file[group]) for name, item in file[group].items()]
        for name, item, parent in items:
            if not isinstance(item, h5py.Dataset) or item.name.lstrip("/") == bounds:
                continue
            if text(item.attrs.get("CLASS", b"")) == "DIMENSION_SCALE" or item.ndim < len(leading):
                continue
            dims = dims_of(item)
            if dims[:len(leading)] != leading:
                continue
            series[name] = (dims, item[()])
            for dim in dims[len(leading):]:
                labels[dim] = [text(v) for v in parent[dim][()]]
        return series, labels, dates


def expected_table(path):
    """The tidy table of a run file, built from h5py with numpy: time, one column per axis, variable, value."""
    series, labels, dates = h5_series(path)
    frames = []
    for name, (dims, values) in series.items():
        axes = dims[1:]
        index = pd.MultiIndex.from_product([dates] + [labels[a] for a in axes], names=["time"] + axes)
        frame = index.to_frame(index=False)
        frame["variable"] = name
        frame["value"] = values.reshape(-1)
        frames.append(frame)
    return frames, series


class Export(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = pathlib.Path(tempfile.mkdtemp(prefix="clustersim-export-"))
        cls.run_file = cls.dir / "run.h5"
        made = clustersim("run", SOURCE_DIR / "tests/data/small.toml", "-q", "-o", cls.run_file,
                          "--set", "simulation.ticks=3", "--set", "talent.write_flows=true",
                          "--set", "output.snapshot_every=1")
        assert made.returncode == 0, made.stderr

    @classmethod
    def tearDownClass(cls):
        if not os.environ.get("CLUSTERSIM_KEEP_TEST_FILES"):
            shutil.rmtree(cls.dir, ignore_errors=True)

    def export(self, *args):
        return clustersim("export", *args)

    def assert_table_equal(self, table, path, time_is_date):
        """`table` (read back from an export of every series) holds exactly the rows expected from `path`."""
        frames, series = expected_table(path)
        self.assertEqual(sorted(table.variable.unique()), sorted(series))
        for expected in frames:
            name = expected.variable.iloc[0]
            got = table[table.variable == name].reset_index(drop=True)
            self.assertEqual(len(got), len(expected), name)
            times = pd.to_datetime(got.time) if not time_is_date else got.time
            np.testing.assert_array_equal(times.values.astype("datetime64[D]"),
                                          expected.time.values.astype("datetime64[D]"), err_msg=name)
            for axis in expected.columns.drop(["time", "variable", "value"]):
                self.assertEqual(list(got[axis]), list(expected[axis]), f"{name}: {axis}")
            # Exactly equal, NaN where NaN (assert_array_equal treats NaNs as equal).
            np.testing.assert_array_equal(got.value.to_numpy(dtype=float), expected.value.to_numpy(dtype=float),
                                          err_msg=name)
            # An axis the variable lacks is empty.
            for axis in set(table.columns) - set(expected.columns) - {"units"}:
                self.assertTrue(got[axis].isna().all() | (got[axis] == "").all(), f"{name}: {axis}")

    def test_csv_reads_back_exactly_in_pandas(self):
        out = self.dir / "all.csv"
        result = self.export(self.run_file, "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        table = pd.read_csv(out, keep_default_na=False, na_values={"value": [""]}, float_precision="round_trip")
        self.assertEqual(list(table.columns[:3]), ["time", "region", "industry"])
        self.assertEqual(list(table.columns[-3:]), ["variable", "value", "units"])
        self.assertIn("destination", table.columns)
        self.assertNotIn("firm_record", table.columns)
        self.assertFalse(any(v.startswith("firm_") and v != "firms_total" for v in table.variable.unique()))
        self.assertFalse((self.dir / "all.csv.partial").exists())
        self.assertFalse((self.dir / "all.csv.lock").exists())
        self.assert_table_equal(table, self.run_file, time_is_date=False)
        # Integer variables are written as integers.
        with open(out) as file:
            firms = next(line for line in file if ",firms," in line)
        self.assertRegex(firms.split(",")[-2], r"^-?\d+$")

    def test_stata_reads_back_exactly_in_pandas(self):
        out = self.dir / "all.dta"
        result = self.export(self.run_file, "--format", "stata", "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        table = pd.read_stata(out)
        self.assertEqual(table.time.dtype.kind, "M")  # a Stata date (%td)
        for axis in ("region", "industry", "destination"):
            table[axis] = table[axis].replace("", np.nan)
        self.assert_table_equal(table, self.run_file, time_is_date=True)

    def test_sweep_has_scenario_replicate_and_swept_keys_in_front(self):
        sweep_toml = self.dir / "grid.toml"
        sweep_toml.write_text(f'[sweep]\nscenario = "{SOURCE_DIR / "tests/data/small.toml"}"\nreplicates = 2\n'
                              'keep = ["gdp", "firms", "welfare_total"]\n'
                              '[[sweep.parameters]]\nkey = "policy.rd_subsidy_rate"\nvalues = [0.0, 0.2]\n')
        sweep = self.dir / "grid.h5"
        made = clustersim("sweep", sweep_toml, "-q", "-j", "2", "-o", sweep, "--set", "simulation.ticks=2",
                          "--set", "firms.initial_count=300")
        self.assertEqual(made.returncode, 0, made.stderr)
        for fmt, reader in (("csv", lambda p: pd.read_csv(p, float_precision="round_trip")),
                            ("stata", pd.read_stata)):
            out = self.dir / f"grid.{fmt}"
            result = self.export(sweep, "--format", fmt, "-o", out)
            self.assertEqual(result.returncode, 0, result.stderr)
            table = reader(out)
            key = "policy.rd_subsidy_rate" if fmt == "csv" else "policy_rd_subsidy_rate"
            self.assertEqual(list(table.columns[:4]), ["scenario", "replicate", key, "time"])
            with h5py.File(sweep, "r") as file:
                rates = file["policy.rd_subsidy_rate"][()]
                for name in ("gdp", "firms", "welfare_total"):
                    values = file[name][()]
                    got = table[table.variable == name]
                    self.assertEqual(len(got), values.size, name)
                    np.testing.assert_array_equal(got.value.to_numpy(dtype=float), values.reshape(-1), name)
                    np.testing.assert_array_equal(got[key].to_numpy(), rates[got.scenario.to_numpy()])
                    shape = values.shape
                    np.testing.assert_array_equal(got.scenario.to_numpy(),
                                                  np.repeat(np.arange(shape[0]), values[0].size))
                    np.testing.assert_array_equal(got.replicate.to_numpy(),
                                                  np.tile(np.repeat(np.arange(shape[1]), values[0, 0].size), shape[0]))

    def test_r_reads_the_csv_and_the_dta_back_equal_to_hdf5(self):
        if shutil.which("Rscript") is None:
            self.fail("Rscript is not installed: scripts/install-deps.sh installs r-base-core, r-cran-hdf5r and "
                      "r-cran-haven")
        csv, dta = self.dir / "r.csv", self.dir / "r.dta"
        for out in (csv, dta):
            result = self.export(self.run_file, "-o", out)
            self.assertEqual(result.returncode, 0, result.stderr)
        script = r'''
suppressPackageStartupMessages({library(hdf5r); library(haven)})
args <- commandArgs(trailingOnly = TRUE)
csv <- read.csv(args[2], stringsAsFactors = FALSE, na.strings = "")
dta <- as.data.frame(read_dta(args[3]))
h5 <- H5File$new(args[1], mode = "r")
time <- h5[["time"]]
start <- as.Date(strsplit(h5attr(time, "units"), " ")[[1]][3])
dates <- start + time$read()
same <- function(a, b) identical(is.na(a), is.na(b)) && identical(a[!is.na(a)], b[!is.na(b)])
# R's read.csv converts decimal text with its own routine (R_strtod), which is not correctly rounded: a few
# values in a thousand come back one unit in the last place off. Within that, and counted.
ulps_off <- function(a, b) {
  if (!identical(is.na(a), is.na(b))) return(Inf)
  a <- a[!is.na(a)]; b <- b[!is.na(b)]
  if (any(abs(a - b) > 2^-52 * abs(b))) return(Inf)
  sum(a != b)
}
# A run file keeps the variables between regions and the sector accounts in groups of their own.
path_of <- function(name) {
  for (group in c("", "region_pairs/", "accounts/")) if (h5$exists(paste0(group, name))) return(paste0(group, name))
  name
}
checked <- 0
off <- 0
values_read <- 0
for (name in unique(csv$variable)) {
  rows <- csv[csv$variable == name, ]
  # hdf5r gives the dimensions reversed, so the array's column-major order is the file's row-major order.
  values <- as.vector(h5[[path_of(name)]]$read())
  n_off <- ulps_off(rows$value, as.numeric(values))
  if (!is.finite(n_off)) stop("CSV values of ", name, " differ from HDF5 by more than one unit in the last place")
  off <- off + n_off
  values_read <- values_read + length(values)
  drows <- dta[dta$variable == name, ]
  if (!same(drows$value, as.numeric(values))) stop("Stata values of ", name, " differ from HDF5")
  want <- as.numeric(rep(dates, each = length(values) / length(dates)))
  if (!identical(as.numeric(as.Date(rows$time)), want)) stop("CSV times of ", name, " differ")
  if (!identical(as.numeric(drows$time), want)) stop("Stata times of ", name, " differ")
  checked <- checked + 1
}
labels <- function(dim) as.character(h5[[dim]]$read())
sales <- csv[csv$variable == "sales", ]
n_r <- length(labels("region")); n_i <- length(labels("industry"))
if (!identical(sales$region, rep(rep(labels("region"), each = n_i), length(dates)))) stop("region labels differ")
if (!identical(sales$industry, rep(labels("industry"), n_r * length(dates)))) stop("industry labels differ")
cat("checked", checked, "variables:", values_read, "values; Stata exact; CSV exact but", off,
    "one unit in the last place off\n")
'''
        result = subprocess.run(["Rscript", "-e", script, str(self.run_file), str(csv), str(dta)],
                                capture_output=True, text=True, timeout=STEP_TIMEOUT)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertRegex(result.stdout, r"checked \d+ variables")
        print(result.stdout.strip(), file=sys.stderr)

    def test_vars_selects_in_the_order_given(self):
        out = self.dir / "some.csv"
        result = self.export(self.run_file, "--vars", "gdp_total,sales", "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        table = pd.read_csv(out, float_precision="round_trip")
        self.assertEqual(list(table.variable.unique()), ["gdp_total", "sales"])
        self.assertEqual(list(table.columns), ["time", "region", "industry", "variable", "value", "units"])
        self.assertTrue(table[table.variable == "gdp_total"].region.isna().all())

    def test_an_existing_output_is_replaced(self):
        out = self.dir / "again.csv"
        out.write_text("old\n")
        result = self.export(self.run_file, "--vars", "gdp_total", "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(out.read_text().startswith("time,variable,value,units\n"))

    def test_bad_input_exits_2_and_writes_nothing(self):
        out = self.dir / "bad.csv"
        cases = [
            (["--vars", "gpd"], "did you mean 'gdp'"),
            (["--vars", "qqqqqqqq"], "the file has: "),
            (["--vars", "firm_sales"], 'group="firm_panel"'),
            (["--vars", "latitude"], "not a time series"),
            (["--format", "xlsx"], "expected csv or stata"),
            (["--format", "parquet"], "Debian 12 packages no Apache Arrow/Parquet"),
        ]
        for args, message in cases:
            result = self.export(self.run_file, *args, "-o", out)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn(message, result.stderr, args)
            self.assertNotIn("HDF5-DIAG", result.stderr, args)  # one clear line, not HDF5's error stack
            self.assertFalse(out.exists(), args)
            self.assertFalse(pathlib.Path(str(out) + ".partial").exists(), args)
        missing = self.export(self.dir / "missing.h5", "-o", out)
        self.assertEqual(missing.returncode, 2)
        self.assertIn("missing.h5: no such file", missing.stderr)
        itself = self.export(self.run_file, "-o", self.run_file)
        self.assertEqual(itself.returncode, 2)
        self.assertIn("that is the input file", itself.stderr)
        not_hdf5 = self.dir / "scenario.h5"
        not_hdf5.write_text("[simulation]\n")
        self.assertEqual(self.export(not_hdf5, "-o", out).returncode, 2)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv.pop(1)
    unittest.main()
