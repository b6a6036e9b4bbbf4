"""Naming one scenario of a sweep file, as `clustersim compare --baseline` does: by its index, or by the
values of its swept keys, "policy.rd_subsidy_rate=0.1,policy.openness=0.5" (a key may also be given as
its identifier, policy_openness). Works on a sweep in its file's layout (clustersim.files.open_sweep_file),
whose swept keys are coordinates along `scenario`."""
import difflib
import math

from .errors import InputError
from .files import path_of
from .sweeps import parameter_identifier, swept_parameters


def parse_assignments(text, option):
    """{key: value} from "KEY=VALUE,KEY=VALUE"."""
    assignments = {}
    for part in text.split(","):
        key, equals, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not key or not value:
            raise InputError(f"{option} {text}: expected a scenario index or KEY=VALUE[,KEY=VALUE...] "
                             "with swept keys, e.g. policy.rd_subsidy_rate=0.1,policy.openness=0.5")
        try:
            assignments[key] = float(value)
        except ValueError:
            raise InputError(f"{option} {text}: '{value}' (for {key}) is not a number; "
                             "swept values are numbers") from None
    return assignments


def scenario_index(sweep, text, option="--baseline"):
    """The index of the scenario that `text` names: an index, or values of swept keys that match exactly
    one scenario (keys left out may take any value, as long as one scenario remains)."""
    size = sweep.sizes["scenario"]
    text = str(text).strip()
    if text.lstrip("-").isdigit():
        index = int(text)
        if not 0 <= index < size:
            raise InputError(f"{path_of(sweep)}: {option} {index} out of range (scenarios 0 to {size - 1})")
        return index
    assignments = parse_assignments(text, option)
    keys = swept_parameters(sweep)
    by_identifier = {parameter_identifier(key): key for key in keys}
    matches = list(range(size))
    for given, value in assignments.items():
        key = given if given in keys else by_identifier.get(given)
        if key is None:
            suggestion = difflib.get_close_matches(given, keys, n=1)
            hint = f" (did you mean '{suggestion[0]}'?)" if suggestion else ""
            raise InputError(f"{path_of(sweep)}: {option}: '{given}'{hint} is not a swept key; swept keys: "
                             f"{', '.join(keys) or 'none'}")
        values = [float(v) for v in sweep[key].values]
        matches = [s for s in matches if math.isclose(values[s], value, rel_tol=1e-9, abs_tol=1e-12)]
        if not matches:
            taken = ", ".join(f"{v:g}" for v in sorted(set(values)))
            raise InputError(f"{path_of(sweep)}: {option} {text}: no scenario has {key}={value:g} together with "
                             f"the other values given; {key} takes {taken}")
    if len(matches) > 1:
        free = [key for key in keys if key not in assignments and parameter_identifier(key) not in assignments]
        raise InputError(f"{path_of(sweep)}: {option} {text} matches {len(matches)} scenarios "
                         f"({', '.join(map(str, matches[:8]))}{'...' if len(matches) > 8 else ''}); "
                         f"give {', '.join(free)} too, or an index")
    return matches[0]


def scenario_text(sweep, index):
    """"policy.rd_subsidy_rate=0.1, policy.openness=0.5" (or "scenario 3" without swept keys)."""
    keys = swept_parameters(sweep)
    return ", ".join(f"{key}={float(sweep[key].values[index]):g}" for key in keys) or f"scenario {index}"
