"""clustersim's output in Python, analysis-ready.

Add the folder `python/` of the repository to the path (`sys.path.insert(0, "python")` from the
repository's root, or `PYTHONPATH=python`) and:

    import clustersim
    ds = clustersim.open_run("results/baseline.h5")          # time series; ds.to_dataframe() works
    panel = clustersim.open_firm_panel("results/panel.h5")    # the firm panel, where the run wrote one
    sw = clustersim.open_sweep("results/sweep.h5")            # sw.sel(policy_openness=0.8)
    table = clustersim.to_long(ds, ["gdp", "welfare"])        # time, region, variable, value
    rd = clustersim.run("configs/baseline.toml", set={"policy.rd_subsidy_rate": 0.3}, seed=7)
    sw = clustersim.sweep("configs/sweeps/rd_subsidy_openness.toml", "results/sweep.h5", jobs=2)

    scale = clustersim.scale_of(ds.gdp_total)                  # Scale(factor=1e-4, unit='trillion CNY/year')
    (ds.gdp_total * scale.factor).plot(); plt.ylabel(clustersim.axis_label(ds.gdp_total, scale))
    d = clustersim.replicate_difference(a, b, paired=True)     # B - A over replicates, 95 % interval

docs/output.md ("Reading a run in Python") says what each function gives. Bad input raises InputError
(the message names the file and what was expected); a failed run of the binary raises RunError (the
binary's message). Needs xarray, pandas, h5py and netCDF4 (Debian's python3-* packages); the helpers of
the plotting scripts (figures, scripting) also need matplotlib.
"""
from .binary import run, sweep
from .differences import replicate_difference
from .errors import InputError, RunError
from .figure_text import axis_label, scale_of, short_label
from .runs import open_firm_panel, open_run
from .sweeps import open_sweep
from .tidy import to_long
from .variables import display_units

__all__ = ["open_run", "open_firm_panel", "open_sweep", "to_long", "run", "sweep", "display_units", "InputError",
           "RunError", "short_label", "scale_of", "axis_label", "replicate_difference"]
