#!/usr/bin/python3
"""The scripts' door to the clustersim Python module (python/clustersim/): puts python/ on the path,
chooses matplotlib's Agg backend (the scripts write files only, so they run the same on a server or in
CI) and re-exports the helpers the scripts share under the names they use (`cf.open_run`,
`cf.reduce_to`, `cf.save_figure`, ...). Not a command of its own; runs with /usr/bin/python3.

`cf.open_run` is clustersim.open_run with every axis kept: the time series of a run file, or one run of
a sweep file.
`cf.open_sweep` and `cf.open_clustersim` keep the file's own layout (swept keys as dotted coordinates
along `scenario`, the firm panel where the file has it), which plot_sweep.py and the panel scripts
read; clustersim.open_sweep is the analysis-ready form. Every problem with the input raises
InputError, whose message names the file and what was expected; run_script() turns it into a one-line
message on stderr and exit status 2.
"""
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
# An additive axis offset (+1.1469e6) is easily misread as part of the values; multipliers (1e6) stay.
matplotlib.rcParams["axes.formatter.useoffset"] = False

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "python"))

import matplotlib.pyplot as plt  # noqa: E402,F401  (after the backend is chosen; the tests use cf.plt)

from clustersim.dates import date_text, time_index_at  # noqa: E402,F401
from clustersim.errors import InputError, RunError  # noqa: E402,F401
from clustersim.figures import (DEFAULT_DPI, FIGURE_FORMATS, add_output_argument, format_time_axis,  # noqa: E402,F401
                                output_path, safe_file_tag, save_figure)
from clustersim.files import (EXPECTED_ANY, EXPECTED_RUN, EXPECTED_SWEEP, SWEEP_DIMS, file_kind,  # noqa: E402,F401
                              open_clustersim, path_of, with_firm_panel, with_grouped_series)
from clustersim.files import open_sweep_file as open_sweep  # noqa: E402,F401
from clustersim.runs import (RUN_STATUS_DONE, describe_run, open_firm_panel,  # noqa: E402,F401
                             run_file_description, select_sweep_run)
from clustersim.runs import open_run as open_analysis_run  # noqa: E402
from clustersim.scripting import (add_run_selection_arguments, note, one_line, quiet_nan_warnings,  # noqa: E402,F401
                                  run_script)
from clustersim.sweeps import done_runs, swept_parameters  # noqa: E402,F401
from clustersim.variables import (PLURALS, axis_label, describe_variable, reduce_to,  # noqa: E402,F401
                                  require_variable, units_label)


def open_run(path, scenario=None, replicate=None, selection_must_apply=True):
    """clustersim.open_run with every axis: the scripts also read region pairs and flows between regions."""
    return open_analysis_run(path, scenario, replicate, all_axes=True, selection_must_apply=selection_must_apply)
