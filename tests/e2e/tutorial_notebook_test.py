#!/usr/bin/python3
"""Runs docs/tutorial.ipynb from top to bottom with nbclient (Debian's python3-nbclient and
python3-ipykernel), as CI does, and checks that it is committed without outputs.

The notebook's runs and sweep go into a temporary folder (CLUSTERSIM_NOTEBOOK_OUT) and use the binary
given (CLUSTERSIM). A cell that raises fails the test with the cell's error; the checks after that are on
what the executed notebook shows: the table of the run has one row per (time, region, industry), the
figures were drawn, and the comparison printed by `clustersim compare` is there.

Usage:
  /usr/bin/python3 tests/e2e/tutorial_notebook_test.py CLUSTERSIM_BINARY [unittest options]
"""
import os
import pathlib
import sys
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = SOURCE_DIR / "docs" / "tutorial.ipynb"
CELL_TIMEOUT = 300  # seconds; under AddressSanitizer the runs are slower
binary = os.environ.get("CLUSTERSIM_BINARY", "")


def outputs_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


class TutorialNotebookTest(unittest.TestCase):
    def test_committed_without_outputs(self):
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code":
                self.assertEqual(cell.outputs, [], f"cell {index} has outputs; clear them before committing")
                self.assertIsNone(cell.execution_count, f"cell {index} has an execution count")

    def test_runs_from_top_to_bottom(self):
        if not binary or not os.access(binary, os.X_OK):
            self.skipTest(f"no clustersim binary (argument or CLUSTERSIM_BINARY), got '{binary}'")
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        with tempfile.TemporaryDirectory(prefix="clustersim-notebook-") as directory:
            os.environ["CLUSTERSIM"] = binary
            os.environ["CLUSTERSIM_NOTEBOOK_OUT"] = directory
            os.environ.pop("MPLBACKEND", None)  # the kernel's inline backend puts the figures in the outputs
            # The kernel's connection file and IPython's profile in the test's folder, not in a home
            # directory that CI may not have or let write.
            os.environ["JUPYTER_RUNTIME_DIR"] = str(pathlib.Path(directory) / "jupyter-runtime")
            os.environ["IPYTHONDIR"] = str(pathlib.Path(directory) / "ipython")
            client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                                    resources={"metadata": {"path": str(NOTEBOOK.parent)}})
            client.execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails
            self.assertTrue((pathlib.Path(directory) / "sweep.h5").is_file())
        code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
        text = "\n".join(outputs_text(cell) for cell in code_cells)
        self.assertIn(f"{12 * 31 * 18} rows = 12 ticks x 31 regions x 18 industries", text)
        self.assertIn("exit status 2: --set policy.rd_subsidy", text)
        self.assertIn("| scenario |", text)  # the table of `clustersim compare`
        figures = sum(1 for cell in code_cells for output in cell.get("outputs", [])
                      if "image/png" in output.get("data", {}))
        self.assertGreaterEqual(figures, 2)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        binary = str(pathlib.Path(sys.argv.pop(1)).resolve())
    unittest.main()
