#!/usr/bin/python3
"""End-to-end test of the Python module python/clustersim/ and its R counterpart scripts/clustersim.R.

Makes small outputs with the clustersim binary in a temporary directory (a run with the firm panel and
the talent flows between regions, a 2 x 2 grid sweep with 2 replicates, a Latin hypercube sweep and a
list sweep that is not a grid) and a copy of the run in the layout of files written before the firm
panel had its group `firm_panel` (the panel in the root, along `firm_record`). Checks what the module gives
against the files read independently with h5py: to_dataframe() rows, .sel() on swept keys, unstacked
grids, to_long row counts and values, the firm panel in both layouts, run() and its errors. The R
functions are checked the same way where Rscript with hdf5r is installed (skipped otherwise).

Usage:
  /usr/bin/python3 tests/e2e/python_module_test.py CLUSTERSIM_BINARY [unittest options]
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest

import h5py
import numpy as np
import pandas as pd
import xarray as xr

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(SOURCE_DIR / "python"))
import clustersim  # noqa: E402
from clustersim.files import with_firm_panel, open_clustersim  # noqa: E402

STEP_TIMEOUT = 300  # generous: under AddressSanitizer the runs are slower
binary = os.environ.get("CLUSTERSIM_BINARY", "")


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


SERIES_GROUPS = ("region_pairs", "accounts")


def h5_path(file, name):
    """Where a variable is in the file: the root, or one of the groups of other axes (bare names
    suffice for those, as open_run(all_axes=True) merges them)."""
    if name in file:
        return name
    return next((f"{group}/{name}" for group in SERIES_GROUPS if f"{group}/{name}" in file), name)


def h5_values(path, name):
    with h5py.File(path, "r") as file:
        return np.asarray(file[h5_path(file, name)][()], dtype=float)


def h5_labels(path, dim):
    with h5py.File(path, "r") as file:
        return [text(label) for label in file[dim][()]]


def h5_dims(path, name):
    with h5py.File(path, "r") as file:
        return [dim[0].name.rsplit("/", 1)[-1] for dim in file[h5_path(file, name)].dims]


def h5_scenario(path):
    with h5py.File(path, "r") as file:
        return tomllib.loads(text(file.attrs["scenario"]))


def h5_numeric_series(path):
    """Names of the numeric variables of a run file, in the root and the groups of other axes, that are
    not dimension scales (the firm panel and time bounds have groups of their own)."""
    names = []
    with h5py.File(path, "r") as file:
        for group in (file, *(file[name] for name in SERIES_GROUPS if name in file)):
            for name, item in group.items():
                if not isinstance(item, h5py.Dataset) or text(item.attrs.get("CLASS", b"")) == "DIMENSION_SCALE":
                    continue
                if item.dtype.kind not in "iuf" or "firm_record" in h5_dims(path, item.name.lstrip("/")):
                    continue
                if name not in names:  # a group's copies of the root's coordinates
                    names.append(name)
    return names


def r_with_hdf5r_available():
    if shutil.which("Rscript") is None:
        return False
    probe = subprocess.run(["Rscript", "-e", "suppressPackageStartupMessages(library(hdf5r))"],
                           capture_output=True, timeout=120)
    return probe.returncode == 0


class PythonModuleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not binary or not os.access(binary, os.X_OK):
            raise unittest.SkipTest(f"no clustersim binary (argument or CLUSTERSIM_BINARY), got '{binary}'")
        cls.directory_object = tempfile.TemporaryDirectory(prefix="clustersim-module-")
        cls.directory = pathlib.Path(cls.directory_object.name)
        cls.small = cls.write("small.toml", f"""
base = "{SOURCE_DIR / 'configs' / 'baseline.toml'}"
[simulation]
ticks = 8
burn_in_years = 0
[firms]
initial_count = 1000
""")
        cls.write("grid.toml", """
[sweep]
scenario = "small.toml"
replicates = 2
[[sweep.parameters]]
key = "policy.rd_subsidy_rate"
values = [0.0, 0.2]
[[sweep.parameters]]
key = "policy.openness"
values = [0.3, 0.7]
""")
        cls.write("lhs.toml", """
[sweep]
scenario = "small.toml"
design = "latin_hypercube"
samples = 4
replicates = 1
[[sweep.parameters]]
key = "policy.rd_subsidy_rate"
low = 0.0
high = 0.3
[[sweep.parameters]]
key = "policy.openness"
low = 0.2
high = 0.8
""")
        cls.write("list.toml", """
[sweep]
scenario = "small.toml"
design = "list"
replicates = 1
[[sweep.parameters]]
key = "policy.rd_subsidy_rate"
values = [0.0, 0.2, 0.2]
[[sweep.parameters]]
key = "policy.openness"
values = [0.3, 0.3, 0.7]
""")
        cls.run_file = cls.directory / "run.h5"
        cls.clustersim("run", cls.small, "-o", cls.run_file, "-q", "--set", "output.snapshot_every=4",
                       "--set", "talent.write_flows=true")
        cls.grid, cls.lhs, cls.list = (cls.directory / name for name in ("grid.h5", "lhs.h5", "list.h5"))
        for path in (cls.grid, cls.lhs, cls.list):
            cls.clustersim("sweep", path.with_suffix(".toml"), "-o", path, "-j", "2", "-q")
        cls.root_layout = cls.directory / "root_layout.h5"
        cls.write_root_layout(cls.run_file, cls.root_layout)
        cls.text_file = cls.write("notes.h5", "this is not an HDF5 file\n")

    @classmethod
    def tearDownClass(cls):
        cls.directory_object.cleanup()

    @classmethod
    def write(cls, name, content):
        path = cls.directory / name
        path.write_text(content)
        return path

    @classmethod
    def clustersim(cls, *arguments):
        result = subprocess.run([binary, *map(str, arguments)], capture_output=True, text=True,
                                cwd=cls.directory, timeout=STEP_TIMEOUT)
        if result.returncode != 0:
            raise RuntimeError(f"clustersim {' '.join(map(str, arguments))} failed:\n{result.stderr}")

    @staticmethod
    def write_root_layout(source, target):
        """The run in the layout of files written before the firm panel had its own group: the panel's
        variables in the root, along `firm_record`. The group is read and closed before the root is
        opened (see files.firm_panel_variables on Debian 12's netCDF library)."""
        with xr.open_dataset(source, group="firm_panel") as grouped:
            panel = grouped.load()
        with xr.open_dataset(source) as root:
            merged = xr.merge([root.load(), panel], combine_attrs="override")
        for variable in merged.variables.values():
            variable.encoding.pop("coordinates", None)
        merged.to_netcdf(target, mode="w")

    # --- runs --------------------------------------------------------------------------------------

    def test_to_dataframe_of_a_run_has_one_row_per_time_region_and_industry(self):
        dataset = clustersim.open_run(self.run_file)
        frame = dataset.to_dataframe()
        times, regions, industries = (len(h5_labels(self.run_file, dim)) for dim in ("time", "region", "industry"))
        self.assertEqual(len(frame), times * regions * industries)
        self.assertEqual(list(frame.index.names), ["time", "region", "industry"])
        self.assertNotIn("firm_record", dataset.dims)
        # A cluster variable, a regional one (repeated over industries) and a national one, as in the file.
        sales, gdp, welfare = (h5_values(self.run_file, name) for name in ("sales", "gdp", "welfare_total"))
        t, r, i = 5, 7, 11
        key = (dataset.time.values[t], h5_labels(self.run_file, "region")[r], h5_labels(self.run_file, "industry")[i])
        self.assertEqual(frame.loc[key, "sales"], sales[t, r, i])
        self.assertEqual(frame.loc[key, "gdp"], gdp[t, r])
        self.assertEqual(frame.loc[key, "welfare_total"], welfare[t])

    def test_other_axes_only_with_all_axes(self):
        default = clustersim.open_run(self.run_file)
        for name in ("talent_flows", "structural_similarity", "transactions_flow"):
            self.assertNotIn(name, default)
        everything = clustersim.open_run(self.run_file, all_axes=True)
        np.testing.assert_array_equal(everything["talent_flows"].values, h5_values(self.run_file, "talent_flows"))
        self.assertNotIn("firm_record", everything.dims)

    def test_regions_and_industries_have_their_labels_as_coordinates(self):
        dataset = clustersim.open_run(self.run_file)
        records = {record["industry"]: record for record in h5_scenario(self.run_file)["industries"]}
        industries = h5_labels(self.run_file, "industry")
        self.assertEqual(list(dataset["kind"].values), [records[name]["kind"] for name in industries])
        self.assertEqual(list(dataset["digital"].values), [records[name]["digital"] for name in industries])
        self.assertIn("kind", dataset.coords)
        np.testing.assert_array_equal(dataset["latitude"].values, h5_values(self.run_file, "latitude"))
        self.assertIn("longitude", dataset.coords)
        # groupby("kind") sums what the file holds for the industries of each kind.
        by_kind = dataset["sales"].isel(time=-1).sum("region").groupby("kind").sum()
        sales = h5_values(self.run_file, "sales")[-1].sum(axis=0)
        for kind in set(records[name]["kind"] for name in industries):
            members = [k for k, name in enumerate(industries) if records[name]["kind"] == kind]
            self.assertAlmostEqual(float(by_kind.sel(kind=kind)), sales[members].sum(), delta=1e-9 * sales.sum())

    def test_firm_panel(self):
        panel = clustersim.open_firm_panel(self.run_file)
        firm_region = h5_values(self.run_file, "firm_panel/firm_region").astype(int)
        self.assertEqual(panel.sizes["firm_record"], len(firm_region))
        self.assertGreater(len(firm_region), 0)
        regions = np.array(h5_labels(self.run_file, "region"))
        np.testing.assert_array_equal(panel["region"].values.astype(str), regions[firm_region])
        frame = panel.to_dataframe()
        np.testing.assert_array_equal(frame["firm_sales"].values, h5_values(self.run_file, "firm_panel/firm_sales"))

    def test_firm_panel_missing_is_bad_input(self):
        with self.assertRaisesRegex(clustersim.InputError, "grid.h5: a clustersim sweep file, which has no firm panel"):
            clustersim.open_firm_panel(self.grid)
        without = self.directory / "without_panel.h5"
        self.clustersim("run", self.small, "-o", without, "-q", "--set", "simulation.ticks=2")
        with self.assertRaisesRegex(clustersim.InputError, "without_panel.h5: no firm panel"):
            clustersim.open_firm_panel(without)

    def test_earlier_layout_with_the_panel_in_the_root(self):
        original = clustersim.open_run(self.run_file)
        earlier = clustersim.open_run(self.root_layout)
        self.assertNotIn("firm_record", earlier.dims)
        np.testing.assert_array_equal(earlier["sales"].values, original["sales"].values)
        self.assertEqual(list(earlier["kind"].values), list(original["kind"].values))
        self.assertEqual(len(earlier.to_dataframe()), len(original.to_dataframe()))
        panel = clustersim.open_firm_panel(self.root_layout)
        np.testing.assert_array_equal(panel["firm_sales"].values, h5_values(self.run_file, "firm_panel/firm_sales"))
        self.assertEqual(list(panel["industry"].values),
                         list(clustersim.open_firm_panel(self.run_file)["industry"].values))
        # The scripts that read series and panel together find the panel in either layout.
        for path in (self.run_file, self.root_layout):
            combined = with_firm_panel(open_clustersim(path)[0])
            np.testing.assert_array_equal(combined["firm_id"].values, h5_values(self.run_file, "firm_panel/firm_id"))

    def test_bad_files(self):
        with self.assertRaisesRegex(clustersim.InputError, "notes.h5: not an HDF5 file; expected a clustersim run"):
            clustersim.open_run(self.text_file)
        with self.assertRaisesRegex(clustersim.InputError, "missing.h5: no such file"):
            clustersim.open_run(self.directory / "missing.h5")
        with self.assertRaisesRegex(clustersim.InputError, "run.h5: a clustersim run file, not a sweep file"):
            clustersim.open_sweep(self.run_file)

    # --- sweeps ------------------------------------------------------------------------------------

    def raw_sweep(self, path):
        with h5py.File(path, "r") as file:
            return ({key: file[key][()] for key in ("policy.rd_subsidy_rate", "policy.openness")},
                    file["welfare_total"][()], file["policy_openness"][()])

    def test_grid_is_unstacked_and_selectable_by_swept_values(self):
        sweep = clustersim.open_sweep(self.grid)
        self.assertEqual(sweep["welfare_total"].dims, ("policy_rd_subsidy_rate", "policy_openness", "replicate", "time"))
        self.assertEqual(list(sweep["policy_openness"].values), [0.3, 0.7])
        self.assertEqual(sweep["policy_openness"].attrs["sweep_key"], "policy.openness")
        keys, welfare, in_force = self.raw_sweep(self.grid)
        for scenario in range(4):
            chosen = sweep.sel(policy_rd_subsidy_rate=keys["policy.rd_subsidy_rate"][scenario],
                               policy_openness=keys["policy.openness"][scenario])
            np.testing.assert_array_equal(chosen["welfare_total"].values, welfare[scenario])
            self.assertEqual(int(chosen["scenario_index"]), scenario)
            # The lever in force keeps its values under a name that leaves policy_openness to the swept key.
            np.testing.assert_array_equal(chosen["policy_openness_in_force"].values, in_force[scenario])
        self.assertEqual(int((sweep["run_status"] == 1).sum()), 8)
        self.assertEqual(len(sweep.sel(policy_openness=0.7)["welfare_total"].to_dataframe()), 2 * 2 * 8)

    def test_sampled_and_list_designs_keep_the_scenario_index(self):
        for path in (self.lhs, self.list):
            with self.subTest(file=path.name):
                sweep = clustersim.open_sweep(path)
                self.assertEqual(sweep["welfare_total"].dims, ("scenario", "replicate", "time"))
                keys, welfare, _ = self.raw_sweep(path)
                value = keys["policy.openness"][2]
                chosen = sweep.sel(policy_openness=value)
                expected = np.nonzero(keys["policy.openness"] == value)[0]
                self.assertEqual(list(np.atleast_1d(chosen["scenario_index"].values)), list(expected))
                np.testing.assert_array_equal(np.atleast_1d(chosen["welfare_total"].values).reshape(welfare[expected].shape),
                                              welfare[expected])
        lhs = clustersim.open_sweep(self.lhs)
        keys, _, _ = self.raw_sweep(self.lhs)
        nearest = lhs.sel(policy_openness=keys["policy.openness"][1] + 1e-6, method="nearest")
        self.assertEqual(int(nearest["scenario_index"]), 1)

    def test_one_run_of_a_sweep(self):
        run = clustersim.open_run(self.grid, 3, 1)
        keys, welfare, _ = self.raw_sweep(self.grid)
        np.testing.assert_array_equal(run["welfare_total"].values, welfare[3, 1])
        self.assertEqual(float(run["policy_openness"]), keys["policy.openness"][3])
        self.assertEqual(len(run.to_dataframe()), 8 * 31 * 18)

    # --- long format -------------------------------------------------------------------------------

    def test_to_long_of_a_run(self):
        dataset = clustersim.open_run(self.run_file, all_axes=True)
        long = clustersim.to_long(dataset)
        # Latitude and longitude are coordinates, so columns of every row along region, not variables.
        names = [name for name in h5_numeric_series(self.run_file)
                 if name not in ("latitude", "longitude", "industry_digital", "time_bnds", "nv")]
        self.assertEqual(sorted(long["variable"].unique()), sorted(names))
        expected_rows = sum(h5_values(self.run_file, name).size for name in names)
        self.assertEqual(len(long), expected_rows)
        for name in ("sales", "gdp", "welfare_total", "talent_flows", "population"):
            with self.subTest(variable=name):
                rows = long[long["variable"] == name]
                dims = h5_dims(self.run_file, name)
                self.assertTrue(rows[dims].notna().all().all())
                self.assertTrue(rows[[c for c in ("time", "region", "industry", "destination") if c not in dims]]
                                .isna().all().all())
                values = rows.astype({dim: str for dim in dims if dim != "time"}).set_index(dims)["value"]
                labels = [dataset[dim].values for dim in dims]
                expected = pd.Series(h5_values(self.run_file, name).ravel(),
                                     index=pd.MultiIndex.from_product(labels, names=dims) if len(dims) > 1
                                     else pd.Index(labels[0], name=dims[0]))
                pd.testing.assert_series_equal(values.sort_index(), expected.sort_index(), check_names=False)
        latitude = dict(zip(h5_labels(self.run_file, "region"), h5_values(self.run_file, "latitude")))
        gdp = long[long["variable"] == "gdp"]
        np.testing.assert_array_equal(gdp["latitude"].values, gdp["region"].map(latitude).values)
        self.assertEqual(long.attrs["units"]["gdp"], "1e8 CNY/year")
        self.assertEqual(list(long.columns[:5]), ["time", "region", "destination", "partner", "industry"])

    def test_to_long_of_a_sweep_and_its_options(self):
        sweep = clustersim.open_sweep(self.grid)
        long = clustersim.to_long(sweep, ["welfare_total"])
        keys, welfare, _ = self.raw_sweep(self.grid)
        self.assertEqual(len(long), 2 * 2 * 2 * 8)
        self.assertEqual(list(long.columns[:6]),
                         ["policy_rd_subsidy_rate", "policy_openness", "replicate", "time", "variable", "value"])
        self.assertEqual(sorted(set(zip(long["scenario_index"], long["policy_openness"]))),
                         [(s, keys["policy.openness"][s]) for s in range(4)])
        for scenario in range(4):
            rows = long[(long["policy_rd_subsidy_rate"] == keys["policy.rd_subsidy_rate"][scenario])
                        & (long["policy_openness"] == keys["policy.openness"][scenario])]
            np.testing.assert_array_equal(rows.sort_values(["replicate", "time"])["value"].values,
                                          welfare[scenario].ravel())
        # Undefined indices are NaN; dropna leaves them out and nothing else.
        run = clustersim.open_run(self.run_file)
        full = clustersim.to_long(run, "ellison_glaeser")
        kept = clustersim.to_long(run, "ellison_glaeser", dropna=True)
        self.assertEqual(len(kept), int(np.isfinite(h5_values(self.run_file, "ellison_glaeser")).sum()))
        self.assertEqual(len(full), h5_values(self.run_file, "ellison_glaeser").size)
        with self.assertRaisesRegex(clustersim.InputError, "no variable 'gdq' \\(did you mean 'gdp'\\?\\)"):
            clustersim.to_long(run, ["gdq"])

    # --- the binary --------------------------------------------------------------------------------

    def test_run_returns_the_run_the_binary_writes(self):
        in_memory = clustersim.run(self.small, set={"policy.rd_subsidy_rate": 0.3, "simulation.ticks": 3}, seed=5,
                                   binary=binary)
        self.assertEqual(in_memory.sizes["time"], 3)
        self.assertEqual(str(in_memory.attrs["seed"]), "5")
        np.testing.assert_array_equal(in_memory["policy_rd_subsidy_rate"].values, 0.3)
        reference = self.directory / "reference.h5"
        self.clustersim("run", self.small, "-o", reference, "-q", "--seed", "5",
                        "--set", "policy.rd_subsidy_rate=0.3", "--set", "simulation.ticks=3")
        np.testing.assert_array_equal(in_memory["welfare"].values, h5_values(reference, "welfare"))
        kept = self.directory / "kept.h5"
        on_disk = clustersim.run(self.small, set={"simulation.ticks": 3}, seed=5, output=kept, binary=binary)
        self.assertTrue(kept.is_file())
        np.testing.assert_array_equal(on_disk["sales"].values, h5_values(kept, "sales"))

    def test_run_errors_carry_the_binary_message(self):
        with self.assertRaises(clustersim.RunError) as caught:
            clustersim.run(self.small, set={"policy.rd_subsidy": 0.3}, binary=binary)
        self.assertEqual(caught.exception.status, 2)
        self.assertIn("did you mean 'policy.rd_subsidy_rate'?", str(caught.exception))
        self.assertIn("--set", caught.exception.command)
        with self.assertRaisesRegex(clustersim.RunError, "missing.toml: expected a readable file"):
            clustersim.run(self.directory / "missing.toml", binary=binary)
        with self.assertRaisesRegex(clustersim.RunError, "no-such-binary: not an executable file"):
            clustersim.run(self.small, binary=self.directory / "no-such-binary")

    # --- R -----------------------------------------------------------------------------------------

    def run_r(self, code):
        return subprocess.run(["Rscript", "-e", f'source("{SOURCE_DIR / "scripts" / "clustersim.R"}")\n{code}'],
                              capture_output=True, text=True, timeout=STEP_TIMEOUT)

    def test_r_open_run_and_to_long(self):
        if not r_with_hdf5r_available():
            self.skipTest("Rscript with the hdf5r package is not installed")
        csv = self.directory / "long-r.csv"
        result = self.run_r(f"""
run <- open_run("{self.run_file}")
cat(dim(run$variables$sales), "\\n")
cat(names(dimnames(run$variables$sales)), "\\n")
cat(run$variables$sales["2024-06-30", "Anhui", "future_energy"], "\\n")
write.csv(to_long(run, c("sales", "gdp", "welfare_total")), "{csv}", row.names = FALSE)
""")
        self.assertEqual(result.returncode, 0, result.stderr)
        shape, names, element = result.stdout.strip().splitlines()
        self.assertEqual(shape.split(), ["8", "31", "18"])  # the file's order, not hdf5r's reversed one
        self.assertEqual(names.split(), ["time", "region", "industry"])
        dataset = clustersim.open_run(self.run_file)
        self.assertAlmostEqual(float(element), float(dataset["sales"].sel(time="2024-06-30", region="Anhui",
                                                                           industry="future_energy")), delta=1e-3)
        from_r = pd.read_csv(csv, parse_dates=["time"])
        from_python = clustersim.to_long(dataset, ["sales", "gdp", "welfare_total"])
        self.assertEqual(len(from_r), len(from_python))
        keys = ["variable", "time", "region", "industry"]
        merged = from_python.assign(variable=from_python["variable"].astype(str)).merge(
            from_r, on=keys, suffixes=("", "_r"), how="outer", validate="one_to_one")
        self.assertEqual(len(merged), len(from_python))
        # write.csv prints 15 significant digits.
        np.testing.assert_allclose(merged["value_r"], merged["value"], rtol=1e-14)

    def test_r_errors(self):
        if not r_with_hdf5r_available():
            self.skipTest("Rscript with the hdf5r package is not installed")
        result = self.run_r(f'open_run("{self.text_file}")')
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("notes.h5: not an HDF5 file; expected a clustersim run file", result.stderr)
        result = self.run_r(f'open_run("{self.grid}")')
        self.assertIn("grid.h5: a sweep file", result.stderr)


class FigureHelpersTest(unittest.TestCase):
    """The helpers of the figures, on made-up data (no binary needed): scaled units, labels from the
    attributes of both schemes, differences with intervals, naming a scenario, placing map labels."""

    def test_scales_make_readable_numbers(self):
        from clustersim.scaled_units import choose_scale, significant
        cases = [("1e8 CNY/year", 5.2e6, "gdp", 1e-4, "trillion CNY/year"),       # 5.2e14 CNY: 520 trillion
                 ("1e8 CNY", 2560.0, "subsidies", 1e-1, "billion CNY"),
                 ("1e4 CNY/(person*year)", 45.8, "welfare_per_head", 10.0, "thousand CNY/(person·year)"),
                 ("persons", 6.0e7, "talent_stock", 1e-6, "million persons"),
                 ("1e4 persons", 3000.0, "population", 1e-2, "million persons"),
                 ("1", 18000.0, "firms_total", 1e-3, "thousand"),
                 ("1", 0.55, "mean_structural_similarity", 1.0, ""),
                 ("1", 0.06, "unemployment_rate", 100.0, "%"),
                 ("degree_north", 40.0, "latitude", 1.0, "degree_north")]
        for unit, value, name, factor, scaled in cases:
            with self.subTest(unit=unit, value=value):
                scale = choose_scale(unit, np.array([value, -value / 3]), name)
                self.assertAlmostEqual(scale.factor, factor)
                self.assertEqual(scale.unit, scaled)
                self.assertLess(abs(value * scale.factor), 1000, "at most three digits before the point")
        self.assertEqual(choose_scale("1e8 CNY/year", np.array([np.nan]), "gdp").factor, 1.0)
        self.assertEqual([significant(v) for v in (3.609e6, 12.34, 0.04231, -0.5, 0.0, float("nan"))],
                         ["3,610,000", "12.3", "0.0423", "-0.500", "0", "–"])

    def test_labels_and_units_of_both_attribute_schemes(self):
        from clustersim import figure_text
        new = xr.DataArray([1.0, 2.0], dims="time", name="gdp_total",
                           attrs={"long_name": "GDP", "description": "national GDP, annual rate",
                                  "units_note": "1e8 CNY/year"})
        old = xr.DataArray([1.0, 2.0], dims="time", name="gdp",
                           attrs={"long_name": "gross regional product: value added of the modelled industries, "
                                               "annual rate", "units": "1e8 CNY/year"})
        self.assertEqual((figure_text.short_label(new), figure_text.human_unit(new)), ("GDP", "1e8 CNY/year"))
        self.assertEqual(figure_text.description(new), "national GDP, annual rate")
        self.assertEqual((figure_text.short_label(old), figure_text.human_unit(old)), ("gdp", "1e8 CNY/year"))
        # A short long_name of the old scheme is a phrase, not a label: the name, like its neighbours'.
        phrase = old.copy(data=old.values)
        phrase.attrs["long_name"] = "national GDP, annual rate"
        self.assertEqual(figure_text.short_label(phrase), "gdp")
        # A selection shows in the label, a sum does not (the title says it); reductions keep units_note.
        by_region = xr.DataArray(np.ones((2, 3)), dims=("time", "region"), name="gdp",
                                 coords={"region": ["Anhui", "Beijing", "Fujian"]}, attrs=new.attrs)
        reduced = figure_text.reduced(by_region, ("time",), region="Anhui")
        self.assertEqual(figure_text.display_label(reduced), "GDP (Anhui)")
        self.assertEqual(figure_text.human_unit(figure_text.reduced(by_region, ("time",))), "1e8 CNY/year")
        self.assertIs(clustersim.scale_of, figure_text.scale_of)  # the module exports it
        scale = figure_text.scale_of(new, np.array([5e6]))
        self.assertEqual(figure_text.axis_label(new, scale), "GDP [trillion CNY/year]")

    def test_paired_and_welch_differences_match_scipy(self):
        from scipy import stats
        from clustersim.differences import excludes_zero, replicate_difference
        generator = np.random.default_rng(3)
        a = generator.normal(100, 5, size=(10, 4))
        b = a + generator.normal(2, 1, size=(10, 4))
        paired = replicate_difference(a, b, paired=True)
        interval = stats.ttest_rel(b[:, 0], a[:, 0]).confidence_interval()
        self.assertAlmostEqual(paired.low[0], interval.low)
        self.assertAlmostEqual(paired.high[0], interval.high)
        self.assertAlmostEqual(paired.relative[1], np.mean(100 * (b[:, 1] - a[:, 1]) / a[:, 1]))
        self.assertTrue(excludes_zero(paired.low, paired.high).all())
        welch = replicate_difference(a[:6], b[:4], paired=False)
        va, vb = a[:6, 2].var(ddof=1) / 6, b[:4, 2].var(ddof=1) / 4
        freedom = (va + vb) ** 2 / (va ** 2 / 5 + vb ** 2 / 3)
        half = stats.t.ppf(0.975, freedom) * np.sqrt(va + vb)
        self.assertAlmostEqual(welch.high[2] - welch.difference[2], half)
        self.assertAlmostEqual(welch.difference[2], b[:4, 2].mean() - a[:6, 2].mean())
        # One replicate: a difference, no interval; a replicate not done (NaN) is left out of its pair.
        single = replicate_difference(a[:1], b[:1], paired=True)
        self.assertTrue(np.isnan(single.low).all() and np.isfinite(single.difference).all())
        b[0, 0] = np.nan
        self.assertEqual(replicate_difference(a, b, paired=True).n_a[0], 9)

    def test_a_scenario_by_index_or_swept_values(self):
        from clustersim.scenario_choice import scenario_index
        sweep = xr.Dataset(coords={"scenario": np.arange(4),
                                   "policy.rd_subsidy_rate": ("scenario", [0.0, 0.0, 0.2, 0.2]),
                                   "policy.openness": ("scenario", [0.3, 0.7, 0.3, 0.7])})
        self.assertEqual(scenario_index(sweep, "2"), 2)
        self.assertEqual(scenario_index(sweep, "policy.rd_subsidy_rate=0.2,policy.openness=0.7"), 3)
        self.assertEqual(scenario_index(sweep, "policy_openness=0.7, policy_rd_subsidy_rate=0"), 1)
        for text, message in (("4", "out of range"), ("policy.openness=0.5", "no scenario has"),
                              ("policy.openness=0.3", "matches 2 scenarios"), ("policy.opennes=1", "did you mean"),
                              ("policy.openness=high", "not a number"), ("openness", "expected a scenario index")):
            with self.subTest(text=text), self.assertRaises(clustersim.InputError) as raised:
                scenario_index(sweep, text)
            self.assertIn(message, str(raised.exception))
            self.assertIn("--baseline", str(raised.exception))

    def test_map_labels_clear_of_each_other_and_of_bubbles(self):
        from clustersim.label_placement import boxes_overlap, place_labels, rectangle_hits_circle
        # A crowded cluster of bubbles, as in eastern China, and a few apart.
        generator = np.random.default_rng(7)
        points = np.vstack([generator.uniform(200, 320, size=(14, 2)), [[40, 40], [500, 60], [480, 380]]])
        radii = generator.uniform(4, 14, size=len(points))
        sizes = np.column_stack([generator.uniform(20, 50, size=len(points)), np.full(len(points), 8.0)])
        placements = place_labels(points, radii, sizes, (0, 0, 560, 420))
        self.assertEqual(boxes_overlap(placements, points, sizes), [])
        for label, (placement, size) in enumerate(zip(placements, sizes)):
            centre = points[label] + (placement.dx, placement.dy)
            for point, radius in zip(points, radii):
                self.assertFalse(rectangle_hits_circle(centre, size[0] / 2, size[1] / 2, point, radius))
        # Deterministic, and a lone bubble's label sits next to it, without a leader line.
        self.assertEqual(placements, place_labels(points, radii, sizes, (0, 0, 560, 420)))
        self.assertFalse(placements[-3].away)
        self.assertTrue(any(placement.away for placement in placements[:14]), "the crowd needs leader lines")


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        binary = str(pathlib.Path(sys.argv.pop(1)).resolve())
    unittest.main()
