#!/usr/bin/python3
"""End-to-end test of the variables' labels and units (docs/output.md, "Attributes"): in a run file
(every optional output on, with the firm panel) and in a sweep file, every `units` attribute parses
with UDUNITS-2 (the `udunits2` program of Debian's udunits-bin), and every data variable has a
long_name of at most 48 characters, a description, and units or units_note. The checker is also run on
a copy of the run file spoiled on purpose, to show that it finds what it is meant to find.

    units_test.py path/to/clustersim
"""
import functools
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLUSTERSIM = None
MAX_LABEL = 48


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


@functools.lru_cache(maxsize=None)
def udunits_error(units):
    """None when UDUNITS-2 parses `units`, else what udunits2 said. udunits2 -H UNIT -W "" prints the
    unit in SI and exits 0, or prints 'Don't recognize ...' and exits 1; an empty string parses as 1,
    so it is refused here (an empty units attribute says nothing)."""
    if not units.strip():
        return "empty units"
    result = subprocess.run(["udunits2", "-H", units, "-W", ""], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL)
    said = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or "recognize" in said:
        return said or f"exit status {result.returncode}"
    return None


def dimension_names(dataset):
    """The names of the dimension scales attached to `dataset`, in order."""
    return tuple(dim[0].name.lstrip("/") if len(dim) else "" for dim in dataset.dims)


def problems_of(path):
    """Every problem with the labels and units of the file at `path`, as 'dataset: what' lines."""
    problems = []
    with h5py.File(path, "r") as file:
        datasets = []
        file.visititems(lambda name, obj: datasets.append((name, obj)) if isinstance(obj, h5py.Dataset) else None)
        for name, dataset in datasets:
            attrs = {key: text(value) for key, value in dataset.attrs.items()
                     if key not in ("DIMENSION_LIST", "REFERENCE_LIST", "_Netcdf4Dimid", "_Netcdf4Coordinates")
                     and not isinstance(value, np.ndarray)}
            if "units" in attrs:
                error = udunits_error(attrs["units"])
                if error is not None:
                    problems.append(f"{name}: units '{attrs['units']}' do not parse with UDUNITS-2 ({error})")
            long_name = attrs.get("long_name", "")
            if not long_name:
                problems.append(f"{name}: no long_name")
            elif len(long_name) > MAX_LABEL:
                problems.append(f"{name}: long_name '{long_name}' longer than {MAX_LABEL} characters")
            if not attrs.get("description"):
                problems.append(f"{name}: no description")
            scale = attrs.get("CLASS") == "DIMENSION_SCALE"
            textual = dataset.dtype.kind in "OSU"
            # A swept parameter (a coordinate along scenario alone, named like its scenario key) carries
            # the key's unit only in the sweep's TOML.
            swept = dimension_names(dataset) == ("scenario",) and "." in name
            if not (scale or textual or swept) and not (attrs.get("units") or attrs.get("units_note")):
                problems.append(f"{name}: neither units nor units_note")
    return problems


class Units(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which("udunits2") is None:
            raise RuntimeError("udunits2 is missing: install Debian's udunits-bin (scripts/install-deps.sh does)")
        cls.folder = tempfile.TemporaryDirectory(prefix="clustersim-units-")
        folder = pathlib.Path(cls.folder.name)
        (folder / "small.toml").write_text(f"""
base = "{ROOT / 'configs' / 'baseline.toml'}"
[simulation]
ticks = 4
burn_in_years = 0
[firms]
initial_count = 500
""")
        (folder / "sweep.toml").write_text("""
[sweep]
scenario = "small.toml"
design = "list"
replicates = 1
[[sweep.parameters]]
key = "policy.rd_subsidy_rate"
values = [0.0, 0.2]
""")
        cls.run_file = folder / "run.h5"
        settings = ["output.snapshot_every=2", "talent.write_flows=true", "capital.write_flows=true",
                    "market.write_flows=true", "knowledge.write_flows=true"]
        command = [CLUSTERSIM, "run", "-q", str(folder / "small.toml"), "-o", str(cls.run_file)]
        for setting in settings:
            command += ["--set", setting]
        subprocess.run(command, check=True)
        cls.sweep_file = folder / "sweep.h5"
        subprocess.run([CLUSTERSIM, "sweep", "-q", str(folder / "sweep.toml"), "-o", str(cls.sweep_file)],
                       check=True)
        cls.spoiled = folder / "spoiled.h5"

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_udunits2_tells_a_unit_it_parses_from_one_it_does_not(self):
        for good in ("1", "1e4", "year-1", "1e-3 km-1", "degree_north", "days since 2023-01-01 00:00:00"):
            self.assertIsNone(udunits_error(good), good)
        for bad in ("1e8 CNY/year", "persons", "1/year", ""):
            self.assertIsNotNone(udunits_error(bad), bad)

    def test_the_run_file_has_labels_and_parseable_units(self):
        self.assertEqual(problems_of(self.run_file), [])
        with h5py.File(self.run_file, "r") as file:
            # The rule of docs/output.md on a few of each kind.
            self.assertNotIn("units", file["gdp"].attrs)
            self.assertEqual(text(file["gdp"].attrs["units_note"]), "1e8 CNY/year")
            self.assertEqual(text(file["firms"].attrs["units"]), "1")
            self.assertEqual(text(file["firms"].attrs["units_note"]), "firms")
            self.assertEqual(text(file["resident_population"].attrs["units"]), "1e4")
            self.assertEqual(text(file["policy_leading_support"].attrs["units"]), "year-1")
            self.assertEqual(text(file["policy_transport_cost"].attrs["units"]), "1e-3 km-1")
            self.assertEqual(text(file["talent_wage"].attrs["long_name"]), "Talent wage")
            self.assertNotIn("units", file["region"].attrs)
            self.assertIn("firm_panel/firm_sales", file)  # the panel is there, so its columns were checked

    def test_the_sweep_file_has_labels_and_parseable_units(self):
        self.assertEqual(problems_of(self.sweep_file), [])

    def test_the_check_finds_a_bad_unit_a_missing_description_and_a_long_label(self):
        shutil.copyfile(self.run_file, self.spoiled)
        with h5py.File(self.spoiled, "r+") as file:
            file["sales"].attrs["units"] = "1e8 CNY/year"
            del file["gdp"].attrs["description"]
            file["firms"].attrs["long_name"] = "number of firms in the cluster at the end of the tick"
            del file["employment"].attrs["units"]
            del file["employment"].attrs["units_note"]
        problems = "\n".join(problems_of(self.spoiled))
        self.assertIn("sales: units '1e8 CNY/year' do not parse with UDUNITS-2", problems)
        self.assertIn("gdp: no description", problems)
        self.assertIn("firms: long_name 'number of firms in the cluster at the end of the tick' longer", problems)
        self.assertIn("employment: neither units nor units_note", problems)
        self.assertEqual(len(problems.splitlines()), 4, problems)


if __name__ == "__main__":
    CLUSTERSIM = sys.argv.pop(1)
    unittest.main()
