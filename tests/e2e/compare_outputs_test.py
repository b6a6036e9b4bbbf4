#!/usr/bin/python3
"""End-to-end test of scripts/compare_outputs.py, the check behind scripts/compare_with_commit.sh: two
runs of one scenario and seed compare identical (exit 0), runs that differ in their seed or in one
lever are reported with the variables that differ (exit 1), a renamed key is recognised in the
resolved scenario only when said, and a file that is not HDF5 gives exit status 2.

    compare_outputs_test.py path/to/clustersim
"""
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "compare_outputs.py"
SMALL = ROOT / "tests" / "data" / "small.toml"
CLUSTERSIM = None


def compare(*arguments):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, arguments)], capture_output=True, text=True)


class CompareOutputs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory(prefix="clustersim-compare-outputs-")
        folder = pathlib.Path(cls.folder.name)

        def run(name, *settings):
            path = folder / f"{name}.h5"
            command = [CLUSTERSIM, "run", "-q", str(SMALL), "-o", str(path), "--set", "output.snapshot_every=2"]
            for setting in settings:
                command += ["--set", setting]
            subprocess.run(command, check=True)
            return path

        cls.first = run("first")
        cls.again = run("again")
        cls.other_seed = run("other_seed", "simulation.seed=2")
        cls.flows = run("flows", "talent.write_flows=true")

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_the_same_scenario_and_seed_compare_identical(self):
        result = compare(self.first, self.again)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout, "")

    def test_another_seed_is_reported_variable_by_variable(self):
        result = compare(self.first, self.other_seed)
        self.assertEqual(result.returncode, 1)
        self.assertIn("/sales: data differ", result.stdout)
        self.assertIn("/firm_panel/firm_productivity: ", result.stdout)  # the firm panel's records differ too
        self.assertIn("/: attribute seed differs", result.stdout)

    def test_a_variable_only_one_file_has_is_reported(self):
        result = compare(self.first, self.flows, "--scenario-as-toml")
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"/region_pairs/talent_flows: only in {self.flows}", result.stdout)
        self.assertIn("/: attribute scenario differs", result.stdout)

    def test_a_renamed_key_is_the_same_key_only_when_said(self):
        # A copy of the first file whose resolved scenario calls capital.write_flows by an older name, as
        # a file of an earlier program would.
        import shutil
        import h5py
        older = pathlib.Path(self.folder.name) / "older_name.h5"
        shutil.copyfile(self.first, older)
        with h5py.File(older, "r+") as file:
            text = file.attrs["scenario"]
            text = text.decode() if isinstance(text, bytes) else text
            at = text.index("[capital]")
            renamed = text[:at] + text[at:].replace("write_flows =", "old_flows =", 1)
            self.assertNotEqual(renamed, text)
            file.attrs["scenario"] = renamed
        unsaid = compare(older, self.first, "--scenario-as-toml")
        self.assertEqual(unsaid.returncode, 1)
        self.assertEqual(unsaid.stdout, "/: attribute scenario differs\n")
        said = compare(older, self.first, "--scenario-as-toml", "--renamed-key", "capital.old_flows=capital.write_flows")
        self.assertEqual(said.returncode, 0, said.stdout)
        as_text = compare(older, self.first, "--renamed-key", "capital.old_flows=capital.write_flows")
        self.assertEqual(as_text.returncode, 1)  # without --scenario-as-toml the text itself is compared

    def test_a_file_that_is_not_hdf5_is_bad_input(self):
        result = compare(SMALL, self.first)
        self.assertEqual(result.returncode, 2)
        self.assertNotIn("Traceback", result.stderr)


if __name__ == "__main__":
    CLUSTERSIM = str(pathlib.Path(sys.argv.pop(1)).resolve())
    unittest.main()
