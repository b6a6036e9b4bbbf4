#!/usr/bin/python3
"""End-to-end test of the plotting and analysis scripts in scripts/: makes small outputs with the
clustersim binary in a temporary directory (two runs that differ by a lever, a 2 x 2 grid sweep with 2
replicates, a one-parameter sweep with a `keep` list and a small Latin hypercube sweep), runs every
script headless on them and checks the exit status and that each figure exists and is a PNG or PDF;
checks --help, and that files that are not clustersim files give exit status 2 and a one-line
message without a traceback. The R example (scripts/plot_run.R) runs when Rscript and the hdf5r
package are there, and is reported as skipped otherwise.

Usage:
  /usr/bin/python3 tests/e2e/scripts_test.py [CLUSTERSIM_BINARY] [unittest options]
  CLUSTERSIM_BINARY=build/clustersim /usr/bin/python3 tests/e2e/scripts_test.py
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

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = SOURCE_DIR / "scripts"
PYTHON = "/usr/bin/python3"
PYTHON_SCRIPTS = ("plot_run.py", "plot_map.py", "plot_sweep.py", "compare_runs.py")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PDF_SIGNATURE = b"%PDF"
# Generous: under AddressSanitizer the runs are slower; nothing here depends on how long a step takes.
STEP_TIMEOUT = 300

binary = os.environ.get("CLUSTERSIM_BINARY", "")


def script_environment():
    environment = dict(os.environ, MPLBACKEND="Agg")
    environment.pop("DISPLAY", None)
    return environment


def run_python_script(name, *arguments):
    return subprocess.run([PYTHON, str(SCRIPTS / name), *map(str, arguments)], capture_output=True, text=True,
                          env=script_environment(), timeout=STEP_TIMEOUT)


def r_with_hdf5r_available():
    if shutil.which("Rscript") is None:
        return False
    probe = subprocess.run(["Rscript", "-e", "suppressPackageStartupMessages(library(hdf5r))"],
                           capture_output=True, timeout=STEP_TIMEOUT)
    return probe.returncode == 0


class ScriptsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not binary or not os.access(binary, os.X_OK):
            raise unittest.SkipTest(f"no clustersim binary (argument or CLUSTERSIM_BINARY), got '{binary}'")
        cls.directory_object = tempfile.TemporaryDirectory(prefix="clustersim-scripts-")
        cls.directory = pathlib.Path(cls.directory_object.name)
        small = cls.write("small.toml", f"""
base = "{SOURCE_DIR / 'configs' / 'baseline.toml'}"
[simulation]
ticks = 8
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
        cls.write("keep.toml", """
[sweep]
scenario = "small.toml"
replicates = 2
keep = ["gdp", "real_gdp_total", "talent_stock"]
[[sweep.parameters]]
key = "policy.rd_subsidy_rate"
values = [0.0, 0.2]
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
        cls.run_a = cls.directory / "a.h5"
        cls.run_b = cls.directory / "b.h5"
        cls.grid = cls.directory / "grid.h5"
        cls.keep = cls.directory / "keep.h5"
        cls.lhs = cls.directory / "lhs.h5"
        cls.clustersim("run", small, "-o", cls.run_a, "-q")
        # B changes a lever and also writes the optional region-to-region flows and firm panel.
        cls.clustersim("run", small, "-o", cls.run_b, "-q", "--set", "policy.rd_subsidy_rate=0.3",
                       "--set", "talent.write_flows=true", "--set", "output.snapshot_every=4")
        for name, path in (("grid.toml", cls.grid), ("keep.toml", cls.keep), ("lhs.toml", cls.lhs)):
            cls.clustersim("sweep", cls.directory / name, "-o", path, "-j", "2", "-q")

        cls.text_file = cls.write("notes.h5", "this is not an HDF5 file\n")
        cls.foreign_hdf5 = cls.directory / "foreign.h5"
        with h5py.File(cls.foreign_hdf5, "w") as foreign:
            foreign["values"] = np.arange(10.0)
            foreign.create_group("group")["matrix"] = np.ones((3, 4))
            foreign.attrs["title"] = "not from clustersim"

    @classmethod
    def tearDownClass(cls):
        cls.directory_object.cleanup()

    @classmethod
    def write(cls, name, text):
        path = cls.directory / name
        path.write_text(text)
        return path

    @classmethod
    def clustersim(cls, *arguments):
        result = subprocess.run([binary, *map(str, arguments)], capture_output=True, text=True,
                                cwd=cls.directory, timeout=STEP_TIMEOUT)
        if result.returncode != 0:
            raise RuntimeError(f"clustersim {' '.join(map(str, arguments))} failed:\n{result.stderr}")

    def assert_succeeded(self, result):
        self.assertEqual(result.returncode, 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        self.assertNotIn("Traceback", result.stderr)

    def assert_image(self, path, signature=PNG_SIGNATURE):
        path = pathlib.Path(path)
        self.assertTrue(path.is_file(), f"{path} was not written")
        self.assertGreater(path.stat().st_size, 1000, f"{path} is (nearly) empty")
        with path.open("rb") as image:
            self.assertEqual(image.read(len(signature)), signature, f"{path} is not a {signature!r} file")

    def assert_bad_input(self, result, *expected_in_message):
        self.assertEqual(result.returncode, 2, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        self.assertNotIn("Traceback", result.stderr)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, f"expected one line on stderr, got:\n{result.stderr}")
        for text in expected_in_message:
            self.assertIn(text, lines[0])

    def output(self, name):
        return self.directory / name

    # --- every script -------------------------------------------------------------------------------

    def test_help(self):
        for name in PYTHON_SCRIPTS:
            with self.subTest(script=name):
                result = run_python_script(name, "--help")
                self.assert_succeeded(result)
                self.assertIn("usage:", result.stdout)
                self.assertIn("Examples:", result.stdout)

    def test_files_that_are_not_clustersim_files(self):
        extra_arguments = {"plot_run.py": [], "plot_map.py": ["--var", "gdp"], "plot_sweep.py": ["--metric", "gdp"],
                           "compare_runs.py": [self.run_a]}
        for name in PYTHON_SCRIPTS:
            for bad_file, reason in ((self.text_file, "not an HDF5 file"),
                                     (self.foreign_hdf5, "not a clustersim file")):
                with self.subTest(script=name, file=bad_file.name):
                    self.assert_bad_input(run_python_script(name, bad_file, *extra_arguments[name]),
                                          bad_file.name, reason, "expected")
        self.assert_bad_input(run_python_script("plot_run.py", self.directory / "missing.h5"), "no such file")

    # --- plot_run.py --------------------------------------------------------------------------------

    def test_plot_run(self):
        # Without -o the figure goes next to the input, named after it.
        self.assert_succeeded(run_python_script("plot_run.py", self.run_a))
        self.assert_image(self.directory / "a.png")
        pdf = self.output("run-b.pdf")
        self.assert_succeeded(run_python_script("plot_run.py", self.run_b, "-o", pdf, "--top", "4"))
        self.assert_image(pdf, PDF_SIGNATURE)

    def test_plot_run_on_sweep_runs(self):
        figure = self.output("grid-run.png")
        self.assert_succeeded(run_python_script("plot_run.py", self.grid, "--scenario", "3", "--replicate", "1",
                                                "-o", figure))
        self.assert_image(figure)
        # A sweep with a keep list: panels without their variables are left out with a note.
        figure = self.output("keep-run.png")
        result = run_python_script("plot_run.py", self.keep, "-o", figure)
        self.assert_succeeded(result)
        self.assertIn("left out", result.stderr)
        self.assert_image(figure)
        self.assert_bad_input(run_python_script("plot_run.py", self.grid, "--scenario", "9"), "out of range")

    # --- plot_map.py --------------------------------------------------------------------------------

    def test_plot_map(self):
        self.assert_succeeded(run_python_script("plot_map.py", self.run_a, "--var", "gdp"))
        self.assert_image(self.directory / "a-map-gdp.png")
        figure = self.output("map-output.pdf")
        self.assert_succeeded(run_python_script("plot_map.py", self.run_a, "--var", "output", "--industry",
                                                "new_energy", "--at", "2024-06-30", "-o", figure))
        self.assert_image(figure, PDF_SIGNATURE)
        # Region-to-region flows (summed over destinations) and a static variable.
        for variable in ("talent_flows", "population"):
            with self.subTest(variable=variable):
                figure = self.output(f"map-{variable}.png")
                self.assert_succeeded(run_python_script("plot_map.py", self.run_b, "--var", variable, "-o", figure))
                self.assert_image(figure)
        figure = self.output("map-keep.png")
        self.assert_succeeded(run_python_script("plot_map.py", self.keep, "--var", "talent_stock", "--scenario", "1",
                                                "-o", figure))
        self.assert_image(figure)

    def test_plot_map_bad_requests(self):
        self.assert_bad_input(run_python_script("plot_map.py", self.run_a, "--var", "gdp_total"),
                              "gdp_total", "region")
        self.assert_bad_input(run_python_script("plot_map.py", self.keep, "--var", "sales"),
                              "no variable 'sales'", "gdp", "talent_stock")
        self.assert_bad_input(run_python_script("plot_map.py", self.run_a, "--var", "gdp", "--at", "1999-01-01"),
                              "before the first tick")
        self.assert_bad_input(run_python_script("plot_map.py", self.run_a, "--var", "gdp", "--industry", "tourism"),
                              "no industry axis")

    # --- plot_sweep.py ------------------------------------------------------------------------------

    def test_plot_sweep_grid(self):
        self.assert_succeeded(run_python_script("plot_sweep.py", self.grid, "--metric", "real_gdp_total"))
        self.assert_image(self.directory / "grid-real_gdp_total.png")
        figure = self.output("grid-fan.pdf")
        self.assert_succeeded(run_python_script("plot_sweep.py", self.grid, "--metric", "gdp", "--region", "Anhui",
                                                "--plot", "fan", "-o", figure))
        self.assert_image(figure, PDF_SIGNATURE)
        figure = self.output("grid-heatmap.png")
        self.assert_succeeded(run_python_script("plot_sweep.py", self.grid, "--metric", "mean_structural_similarity",
                                                "--plot", "heatmap", "--x", "policy.openness",
                                                "--y", "policy.rd_subsidy_rate", "--at", "2024-06-30", "-o", figure))
        self.assert_image(figure)

    def test_plot_sweep_keep_list_and_one_parameter(self):
        figure = self.output("keep-sweep.png")
        result = run_python_script("plot_sweep.py", self.keep, "--metric", "gdp", "-o", figure)
        self.assert_succeeded(result)
        self.assertIn("fan chart only", result.stderr)
        self.assert_image(figure)
        self.assert_bad_input(run_python_script("plot_sweep.py", self.keep, "--metric", "gdp", "--plot", "heatmap"),
                              "two swept parameters")
        self.assert_bad_input(run_python_script("plot_sweep.py", self.keep, "--metric", "output"),
                              "no variable 'output'", "real_gdp_total")

    def test_plot_sweep_sampled_design_draws_a_scatter(self):
        figure = self.output("lhs.png")
        result = run_python_script("plot_sweep.py", self.lhs, "--metric", "real_gdp_total", "-o", figure)
        self.assert_succeeded(result)
        self.assertIn("do not form a grid", result.stderr)
        self.assert_image(figure)

    def test_plot_sweep_bad_requests(self):
        self.assert_bad_input(run_python_script("plot_sweep.py", self.run_a, "--metric", "gdp"), "not a sweep file")
        self.assert_bad_input(run_python_script("plot_sweep.py", self.grid, "--metric", "gdp", "--x", "policy.vc_pool"),
                              "not a swept parameter", "policy.openness")

    # --- compare_runs.py ----------------------------------------------------------------------------

    def test_compare_runs(self):
        table, figure = self.output("compare.csv"), self.output("compare.png")
        result = run_python_script("compare_runs.py", self.run_a, self.run_b, "--csv", table, "-o", figure)
        self.assert_succeeded(result)
        for headline in ("real_gdp_total", "gdp_total", "talent_stock", "firms_total", "mean_structural_similarity"):
            self.assertIn(headline, result.stdout)
        header = table.read_text().splitlines()[0]
        self.assertEqual(header.split(",")[:7],
                         ["variable", "reduction", "units", "A", "B", "B_minus_A", "relative_change_percent"])
        self.assert_image(figure)

    def test_compare_runs_of_sweeps(self):
        result = run_python_script("compare_runs.py", self.grid, self.grid, "--scenario", "0", "3",
                                   "--at", "2024-06-30")
        self.assert_succeeded(result)
        self.assertIn("policy.openness=0.7", result.stdout)
        # Only the headlines both files hold: the keep list has gdp, real_gdp_total and talent_stock.
        result = run_python_script("compare_runs.py", self.keep, self.run_a, "--scenario", "1")
        self.assert_succeeded(result)
        self.assertIn("talent_stock", result.stdout)
        self.assertNotIn("firms_total", result.stdout)
        self.assert_bad_input(run_python_script("compare_runs.py", self.run_a, self.run_b, "--vars", "nothing"),
                              "no variable 'nothing'")

    # --- plot_run.R ---------------------------------------------------------------------------------

    def test_r_example(self):
        if not r_with_hdf5r_available():
            self.skipTest("Rscript with the hdf5r package is not installed")
        script = str(SCRIPTS / "plot_run.R")
        figure = self.output("r-real-gdp.png")
        result = subprocess.run(["Rscript", script, self.run_a, figure], capture_output=True, text=True,
                                env=script_environment(), timeout=STEP_TIMEOUT)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_image(figure)
        figure = self.output("r-gdp.png")
        result = subprocess.run(["Rscript", script, self.run_b, figure, "gdp"], capture_output=True, text=True,
                                env=script_environment(), timeout=STEP_TIMEOUT)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_image(figure)
        for bad_file in (self.text_file, self.foreign_hdf5, self.grid):
            with self.subTest(file=bad_file.name):
                result = subprocess.run(["Rscript", script, bad_file, self.output("r-bad.png")], capture_output=True,
                                        text=True, env=script_environment(), timeout=STEP_TIMEOUT)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
                self.assertIn(bad_file.name, result.stderr)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        binary = sys.argv.pop(1)
    unittest.main(verbosity=2)
