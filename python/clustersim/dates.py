"""Dates of the time axis: which tick a date given by the user means, and how ticks are printed."""
import numpy as np
import pandas as pd

from .errors import InputError
from .files import path_of


def time_index_at(dataset, at):
    """Index of the last tick on or before the date `at` (a string such as 2030-06-30 or 2030), or of
    the last tick when at is None; the same rule as `clustersim compare --at`."""
    times = pd.DatetimeIndex(dataset["time"].values)
    if at is None:
        return len(times) - 1
    try:
        date = pd.Timestamp(at)
    except (ValueError, TypeError):
        raise InputError(f"--at {at}: not a date (expected YYYY-MM-DD)") from None
    on_or_before = np.nonzero(times <= date)[0]
    if len(on_or_before) == 0:
        raise InputError(f"{path_of(dataset)}: --at {at} is before the first tick ({times[0]:%Y-%m-%d}); "
                         f"the file covers {times[0]:%Y-%m-%d} to {times[-1]:%Y-%m-%d}")
    return int(on_or_before[-1])


def date_text(dataset, index):
    return f"{pd.Timestamp(dataset['time'].values[index]):%Y-%m-%d}"
