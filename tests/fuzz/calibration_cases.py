"""Cases of calibration files over the tiny scenario (docs/calibration.md): every key of
`config-reference --calibration` with values inside, at and beyond its range and of the wrong type, in the
file and with --set; parameters, moments and targets that do not fit the scenario, its output or each
other; targets inline and as a CSV file beside the calibration file, broken as CSV; `clustersim moments`
with bad --at; journals left in the output's way.

A valid calibration stays small (one or two replicates, at most 8 Sobol points, no best-batch round unless
the case is about one, a local search of at most 10 points, a few covariance runs): a case takes a tenth of a
second in Release. Its judgement is outcome.py's for calibrate and moments: exit 0 with the results file and
no journal, exit 1 with one line and no results file, exit 2 naming the file, line and key with nothing
written. NaN and infinities in the results are no fault (an unidentified parameter has an infinite standard
error, `loss` is NaN at the covariance and Jacobian points).
"""
import math

from case import ANY, Case, HANDLED_RUN, REFUSED, Special
from key_cases import inside_endings, pick_value
from values import real_literal, values_for

NAME = "calibration.toml"
TARGETS = "targets.csv"
PARAMETERS_CSV = "parameters.csv"
MOMENTS_CSV = "moments.csv"
OUTPUT = "out.h5"
JOURNAL = OUTPUT + ".journal"
MADE_TARGETS = "made_targets.csv"   # what `clustersim moments` writes
TICKS, YEARS_PER_TICK = 4, 0.25      # the tiny scenario: 4 quarterly ticks, a run of 1 year

# A small and fast calibration: keys of [calibration] (path: TOML literal) ...
BASE_KEYS = {
    "calibration.scenario": '"tiny.toml"',
    "calibration.replicates": "1",
    "calibration.covariance_replicates": "4",   # more than the moments, for the efficient weighting
    "calibration.search.global_points": "4",
    "calibration.search.batch_rounds": "0",
    "calibration.search.local_evaluations": "5",
}
# ... the parameters (key, low, high) ...
PARAMETERS = [("entry.rate_per_firm", "0.01", "0.15"), ("talent.reconsider_rate", "0.01", "0.2")]
# ... and the moments (name, fields, target value, standard error).
MOMENTS = [
    ("entries", [("statistic", '"mean"'), ("variable", '"entries"')], "1.5", "0.5"),
    ("gdp_growth", [("statistic", '"growth_rate"'), ("variable", '"gdp"')], "0.05", "0.02"),
    ("emigrants", [("statistic", '"mean"'), ("variable", '"emigrants"')], "2.0", "1.0"),
]
TARGET_FIELDS = ("moment", "value", "standard_error", "source")

# A moment of each statistic that the tiny scenario's output can give.
STATISTIC_FIELDS = {
    "mean": [("variable", '"gdp"')],
    "standard_deviation": [("variable", '"gdp"')],
    "growth_rate": [("variable", '"gdp"')],
    "growth_volatility": [("variable", '"gdp"')],
    "share": [("variable", '"gdp"'), ("region", '"Beijing"'), ("denominator", '"gdp"')],
    "correlation": [("variable", '"gdp"'), ("paired_with", '"household_consumption"')],
    "cross_section_cv": [("variable", '"gdp"'), ("denominator", '"resident_population"')],
    "tail_index": [("variable", '"firm_sales"')],
}
TICKS_NEEDED = {"standard_deviation": 2, "growth_rate": 2, "growth_volatility": 3, "correlation": 3}
# The optional fields each statistic reads (docs/calibration.md, Moments); it refuses the others.
READS = {
    "share": {"denominator", "denominator_region", "region"},
    "cross_section_cv": {"denominator"},
    "correlation": {"paired_with", "region"},
    "tail_index": {"tail_fraction"},
}
OPTIONAL = {"denominator": '"gdp"', "denominator_region": '"Beijing"', "paired_with": '"gdp"',
            "tail_fraction": "0.1", "region": '"Beijing"'}

# Keys whose inside values other keys can rule out: a refusal naming the key is right then.
COUPLED = {"calibration.covariance_replicates": "more runs than moments, with the efficient weighting"}


def cell(literal):
    """A TOML literal as a CSV cell: strings without their quotes, anything else as written."""
    if len(literal) >= 2 and literal[0] == literal[-1] == '"':
        return literal[1:-1]
    return literal


class Calibration:
    """A calibration file (and the CSV files beside it), knowing the file and line of everything it sets."""

    def __init__(self, parameters=1, moments=2, targets="csv"):
        self.keys = dict(BASE_KEYS)
        self.parameters = [[("key", f'"{key}"'), ("low", low), ("high", high)]
                           for key, low, high in PARAMETERS[:parameters]]
        self.moments = [[("name", f'"{name}"')] + list(fields) for name, fields, _, _ in MOMENTS[:moments]]
        self.targets = [[("moment", f'"{name}"'), ("value", value), ("standard_error", se), ("source", '"fuzz"')]
                        for name, _, value, se in MOMENTS[:moments]]
        self.where = {"parameters": "toml", "moments": "toml", "targets": targets}   # toml or csv
        self.targets_text = None    # the targets CSV as given, instead of one made from self.targets

    def weighting(self, name):
        self.keys["calibration.weighting"] = f'"{name}"'

    def render(self):
        """({file name: bytes}, {what: (file, line)}) with what = a key's path, 'parameters[i]' (a row) or
        'parameters[i].low' (a field)."""
        files, where = {}, {}
        lines = []
        keys = dict(self.keys)
        for records in ("targets", "parameters", "moments"):
            if self.where[records] == "csv":
                keys[f"calibration.{records}"] = f'{{ file = "{self._csv_name(records)}" }}'
        for path, literal in keys.items():   # keys outside [calibration] first, as top-level keys
            if literal is not None and not path.startswith("calibration."):
                lines.append(f"{path} = {literal}")
                where[path] = (NAME, len(lines))
        lines.append("[calibration]")
        for path, literal in keys.items():
            if literal is not None and path.startswith("calibration."):
                lines.append(f"{path.split('.', 1)[1]} = {literal}")
                where[path] = (NAME, len(lines))
        for records in ("parameters", "moments", "targets"):
            rows = getattr(self, records)
            if self.where[records] == "csv":
                if records == "targets" and self.targets_text is not None:
                    files[TARGETS] = self.targets_text.encode()
                    continue
                name = self._csv_name(records)
                header = list(TARGET_FIELDS) if records == "targets" else []
                for row in rows:
                    header += [field for field, _ in row if field not in header]
                text = [",".join(header)]
                for number, row in enumerate(rows):
                    cells = dict(row)
                    text.append(",".join(cell(cells[field]) if field in cells else "" for field in header))
                    where[f"{records}[{number}]"] = (name, len(text))
                    for field in cells:
                        where[f"{records}[{number}].{field}"] = (name, len(text))
                files[name] = ("\n".join(text) + "\n").encode()
                continue
            for number, row in enumerate(rows):
                lines += ["", f"[[calibration.{records}]]"]
                where[f"{records}[{number}]"] = (NAME, len(lines))
                for field, literal in row:
                    lines.append(f"{field} = {literal}")
                    where[f"{records}[{number}].{field}"] = (NAME, len(lines))
        files[NAME] = ("\n".join(lines) + "\n").encode()
        return files, where

    @staticmethod
    def _csv_name(records):
        return {"targets": TARGETS, "parameters": PARAMETERS_CSV, "moments": MOMENTS_CSV}[records]


def at(where, what):
    """The 'file:line:' a refusal names for `what`."""
    file, line = where[what]
    return f"{file}:{line}:"


def _case(label, files, expected, mentions=(), extra=(), patterns=(), command="calibrate", output=OUTPUT,
          category=None):
    return Case(family="calibration", category=f"calibration: {category or label}", label=label, command=command,
                target=NAME, files=files, extra=list(extra), expected=expected, mentions=tuple(mentions),
                patterns=tuple(patterns), output=output)


def _refused(label, calibration, what, key, extra=(), category=None):
    """A calibration refused for one thing, named by its key and the file:line of `what`."""
    files, where = calibration.render()
    return _case(label, files, REFUSED, (key, at(where, what)), extra=extra, category=category)


def _valid(label, calibration, extra=(), category=None, keys=()):
    files, _ = calibration.render()
    if keys:
        expected, patterns = inside_endings(list(keys))
        return _case(label, files, expected, extra=extra, patterns=patterns, category=category)
    return _case(label, files, HANDLED_RUN, extra=extra, category=category)


# ---------------------------------------------------------------------------------------------------------
# 1. The keys of [calibration]


def calibration_key(context, rng):
    """One key of `config-reference --calibration`, in the file or with --set."""
    specs = [s for s in context.calibration_specs if s.kind in ("integer", "real", "boolean", "choice")]
    spec = rng.choice(specs)
    value = pick_value(spec, rng)
    calibration = Calibration(parameters=1, moments=rng.choice((1, 2, 3)), targets=rng.choice(("csv", "toml")))
    if spec.path in COUPLED or rng.random() < 0.3:
        calibration.weighting("efficient")
    placement = rng.choice(("file", "set"))
    extra = []
    if placement == "file":
        calibration.keys[spec.path] = value.text
    else:
        extra = ["--set", f"{spec.path}={value.text}"]
    files, where = calibration.render()
    label = f"{spec.path}={value.text} ({value.label}, {value.verdict}, {placement})"
    category = f"{spec.path} {value.verdict}" + (f" {value.label}" if value.verdict != "type" else "")
    if value.verdict == "inside":
        if spec.path in COUPLED and int(value.text) <= len(calibration.moments):
            return _case(label, files, REFUSED, (spec.path,), extra=extra, category=category)
        return _case(label, files, HANDLED_RUN, extra=extra, category=category)
    mentions = [spec.path] + ([at(where, spec.path)] if placement == "file" else ["--set"])
    return _case(label, files, REFUSED, mentions, extra=extra, category=category)


SCENARIO_PROBLEMS = [
    # (label, scenario literal or None for no key, other files, expected, mentions)
    ("a missing scenario", '"no_such.toml"', {}, REFUSED, ("no_such.toml", "calibration.scenario")),
    ("no scenario", None, {}, REFUSED, ("calibration.scenario",)),
    ("the calibration file as its own scenario", f'"{NAME}"', {}, REFUSED, (NAME,)),
    ("a directory as the scenario", '"folder"', {"folder": Special("directory")}, REFUSED, ("calibration.scenario",)),
    ("a FIFO as the scenario", '"fifo.toml"', {"fifo.toml": Special("fifo")}, REFUSED, ("calibration.scenario",)),
    ("a scenario out of its ranges", '"bad_scenario.toml"',
     {"bad_scenario.toml": b'base = "tiny.toml"\n[policy]\nvc_pool = -1.0\n'}, REFUSED, ("policy.vc_pool",)),
    ("a scenario that is a sweep file", '"sweep.toml"', {}, REFUSED, ("sweep.toml",)),
    ("a scenario of 8 ticks", '"long.toml"', {"long.toml": b'base = "tiny.toml"\n[simulation]\nticks = 8\n'},
     HANDLED_RUN, ()),
    ("a scenario as a number", "1", {}, REFUSED, ("calibration.scenario",)),
]
KEY_PROBLEMS = [
    ("an unknown key", "calibration.replicate", "2"),
    ("an unknown key of search", "calibration.search.points", "4"),
    ("an unknown top-level key", "calibrate", "1"),
    ("search as a number", "calibration.search", "1"),
]
OVERRIDES = [
    # (label, --set arguments, expected, mentions): keys of the calibration file or of its scenario
    ("--set an estimated key", ["--set", "entry.rate_per_firm=0.05"], REFUSED, ("entry.rate_per_firm", "--set")),
    ("--set simulation.replicate", ["--set", "simulation.replicate=1"], REFUSED, ("simulation.replicate",)),
    ("--set simulation.seed", ["--set", "simulation.seed=7"], HANDLED_RUN, ()),
    ("--set simulation.ticks=8", ["--set", "simulation.ticks=8"], HANDLED_RUN, ()),
    ("--set a scenario key out of range", ["--set", "policy.vc_pool=-1"], REFUSED, ("policy.vc_pool",)),
    ("--set an unknown scenario key", ["--set", "policy.opennes=0.5"], REFUSED, ("policy.opennes",)),
    ("--set an unknown calibration key", ["--set", "calibration.bogus=1"], REFUSED, ("calibration.bogus",)),
    ("--set the targets", ["--set", "calibration.targets=1"], REFUSED, ("calibration.targets",)),
    ("--set without a value", ["--set", "calibration.replicates="], REFUSED, ("calibration.replicates",)),
    ("--set without '='", ["--set", "calibration.replicates"], REFUSED, ("--set",)),
]


def calibration_file(context, rng):
    """The scenario, unknown keys and --set on a calibration."""
    kind = rng.random()
    calibration = Calibration(moments=2)
    if kind < 0.35:
        label, literal, others, expected, mentions = rng.choice(SCENARIO_PROBLEMS)
        calibration.keys["calibration.scenario"] = literal
        files, where = calibration.render()
        if literal is not None and expected == REFUSED and mentions[-1] == "calibration.scenario":
            mentions = mentions + (at(where, "calibration.scenario"),)
        return _case(label, {**files, **others}, expected, mentions)
    if kind < 0.55:
        label, path, literal = rng.choice(KEY_PROBLEMS)
        if path == "calibration.search":   # no search.* key beside it, which would make the TOML invalid
            calibration.keys = {k: v for k, v in calibration.keys.items() if not k.startswith(path + ".")}
        calibration.keys[path] = literal
        return _refused(label, calibration, path, path)
    label, extra, expected, mentions = rng.choice(OVERRIDES)
    files, _ = calibration.render()
    return _case(label, files, expected, mentions, extra=extra)


# ---------------------------------------------------------------------------------------------------------
# 2. Parameters


def _real_keys(context):
    return [s for s in context.specs if s.kind == "real"]


def _bounds_inside(spec, rng):
    """Two of values.py's values inside the key's range (its ends among them), low < high."""
    inside = sorted({float(v.text) for v in values_for(spec, rng)[0]})
    if len(inside) < 2:
        return None
    low, high = sorted(rng.sample(inside, 2))
    return real_literal(low), real_literal(high)


def _bound_outside(spec, end, rng):
    """A value for `end` (low or high) that leaves the key's range on that side, or is no number at all."""
    r = spec.range
    side = [v for v in values_for(spec, rng)[1] if v.text in ("nan", "inf", "-inf") or
            (end == "low" and float(v.text) < r.low) or (end == "low" and r.low_open and float(v.text) == r.low) or
            (end == "high" and float(v.text) > r.high) or (end == "high" and r.high_open and float(v.text) == r.high)]
    # An infinity on the wrong side (-inf as high, inf as low) is not beyond the range on that side.
    side = [v for v in side if v.text != ("-inf" if end == "high" else "inf")]
    return rng.choice(side) if side else None


BAD_PARAMETERS = [
    # (label, the parameter's fields (key, low, high literals), the field named)
    ("an unknown key", ('"entry.rate_per_frim"', "0.01", "0.15"), "key"),
    ("an empty key", ('""', "0.01", "0.15"), "key"),
    ("an integer key", ('"firms.initial_count"', "50.0", "150.0"), "key"),
    ("an integer key of policy", ('"policy.priorities_per_region"', "1.0", "2.0"), "key"),
    ("simulation.ticks", ('"simulation.ticks"', "2.0", "4.0"), "key"),
    ("simulation.seed", ('"simulation.seed"', "1.0", "2.0"), "key"),
    ("simulation.replicate", ('"simulation.replicate"', "0.0", "2.0"), "key"),
    ("simulation.months_per_tick", ('"simulation.months_per_tick"', "1.0", "3.0"), "key"),
    ("simulation.burn_in_years", ('"simulation.burn_in_years"', "0.0", "1.0"), "key"),
    ("simulation.start_date", ('"simulation.start_date"', "0.0", "1.0"), "key"),
    ("simulation.initial_state", ('"simulation.initial_state"', "0.0", "1.0"), "key"),
    ("a boolean key", ('"processes.entry"', "0.0", "1.0"), "key"),
    ("a choice key", ('"policy.planner_mode"', "0.0", "1.0"), "key"),
    ("a records key", ('"regions"', "0.0", "1.0"), "key"),
    ("a table", ('"policy"', "0.0", "1.0"), "key"),
    ("a key of the calibration file", ('"calibration.jacobian_step"', "0.01", "0.1"), "key"),
    ("a key in capitals", ('"Entry.Rate_Per_Firm"', "0.01", "0.15"), "key"),
    ("low equal to high", ('"entry.rate_per_firm"', "0.05", "0.05"), "high"),
    ("low above high", ('"entry.rate_per_firm"', "0.15", "0.01"), "high"),
    ("low nan", ('"entry.rate_per_firm"', "nan", "0.15"), "low"),
    ("high inf", ('"entry.rate_per_firm"', "0.01", "inf"), "high"),
    ("low a string", ('"entry.rate_per_firm"', '"0.01"', "0.15"), "low"),
    ("high a boolean", ('"entry.rate_per_firm"', "0.01", "true"), "high"),
    ("high an array", ('"entry.rate_per_firm"', "0.01", "[0.15]"), "high"),
    ("a key that is a number", ("1", "0.01", "0.15"), "key"),
]


def calibration_parameters(context, rng):
    kind = rng.random()
    calibration = Calibration(parameters=1, moments=2, targets=rng.choice(("csv", "toml")))
    if rng.random() < 0.2:
        calibration.where["parameters"] = "csv"
    csv = calibration.where["parameters"] == "csv"
    if kind < 0.3:
        # Bounds inside (a calibration that runs) or beyond a random real key's range.
        spec = rng.choice(_real_keys(context))
        key = f'"{spec.path}"'
        if rng.random() < 0.4:
            bounds = _bounds_inside(spec, rng)
            if bounds is not None:
                calibration.parameters[0] = [("key", key), ("low", bounds[0]), ("high", bounds[1])]
                return _valid(f"{spec.path} in [{bounds[0]}, {bounds[1]}]", calibration,
                              category="bounds inside a key's range", keys=[spec.path])
        end = rng.choice(("low", "high"))
        value = _bound_outside(spec, end, rng)
        if value is None:
            end = "high" if end == "low" else "low"
            value = _bound_outside(spec, end, rng)
        if value is None:
            return calibration_parameters(context, rng)   # a key with no outside (none at present)
        bounds = _bounds_inside(spec, rng) or ("0.0", "1.0")
        fields = {"key": key, "low": bounds[0], "high": bounds[1], end: value.text}
        calibration.parameters[0] = list(fields.items())
        # low is below the range (or no number) and high inside it, or high above it and low inside: low < high,
        # so the end outside is named (NaN is named twice: as no number, and as not below high).
        return _refused(f"{spec.path} {end}={value.text} ({value.label})", calibration, f"parameters[0].{end}",
                        f"calibration.parameters[0].{end}", category=f"parameter {end} outside the key's range")
    if kind < 0.75:
        label, (key, low, high), field = rng.choice(BAD_PARAMETERS)
        if csv and (not key.startswith('"') or any(v.startswith(("[", '"')) for v in (low, high))):
            calibration.where["parameters"] = "toml"   # the type of a literal is lost in a CSV cell
        calibration.parameters[0] = [("key", key), ("low", low), ("high", high)]
        return _refused(label, calibration, f"parameters[0].{field}", f"calibration.parameters[0].{field}")
    choice = rng.randrange(7)
    if choice in (1, 2, 6):
        calibration.where["parameters"] = "toml"   # a CSV file without the column is refused for its header
    if choice == 0:
        calibration.parameters.append(list(calibration.parameters[0]))
        return _refused("a key twice", calibration, "parameters[1].key", "calibration.parameters[1].key")
    if choice == 1:
        calibration.parameters[0] = [("key", '"entry.rate_per_firm"'), ("high", "0.15")]
        return _refused("no low", calibration, "parameters[0]", "calibration.parameters[0].low")
    if choice == 2:
        calibration.parameters[0] = [("low", "0.01"), ("high", "0.15")]
        return _refused("no key", calibration, "parameters[0]", "calibration.parameters[0].key")
    if choice == 3:
        calibration.where["parameters"] = "toml"
        calibration.parameters[0].append(("step", "0.01"))
        return _refused("an unknown field", calibration, "parameters[0].step", "calibration.parameters[0].step")
    if choice == 4:
        # The range's finite ends as bounds: a key of [0, 1].
        calibration.parameters[0] = [("key", '"policy.openness"'), ("low", "0.0"), ("high", "1.0")]
        return _valid("policy.openness over its whole range", calibration, keys=["policy.openness"])
    if choice == 5:
        calibration = Calibration(parameters=2, moments=rng.choice((2, 3)))
        return _valid("two parameters", calibration)
    calibration.keys["calibration.parameters"] = "[]"
    calibration.parameters = []
    return _refused("no parameters", calibration, "calibration.parameters", "calibration.parameters")


# ---------------------------------------------------------------------------------------------------------
# 3. Moments


def _window_ticks(from_year, to_year):
    """The whole ticks of the tiny run in [from_year, to_year), as sim/calibrate/moment_window.cpp counts them."""
    first = max(math.ceil(from_year / YEARS_PER_TICK - 1e-6), 0)
    last = min(math.floor(to_year / YEARS_PER_TICK + 1e-6) - 1, TICKS - 1)
    return last - first + 1


YEAR_VALUES = [0.0, 0.1, 0.25, 0.5, 0.5 - 1e-9, 0.75, 0.9, 1.0, math.nextafter(1.0, 2.0), 1.0 + 1e-6, 1.25, 2.0, 40.0,
               10000.0]

BAD_MOMENTS = [
    # (label, fields besides the name, the field named)
    ("an unknown variable", [("statistic", '"mean"'), ("variable", '"gpd"')], "variable"),
    ("an empty variable", [("statistic", '"mean"'), ("variable", '""')], "variable"),
    ("a variable with a trailing blank", [("statistic", '"mean"'), ("variable", '"gdp "')], "variable"),
    ("a firm-panel column as a series", [("statistic", '"mean"'), ("variable", '"firm_sales"')], "variable"),
    ("an axis as a series", [("statistic", '"mean"'), ("variable", '"industry"')], "variable"),
    ("a variable without time", [("statistic", '"mean"'), ("variable", '"latitude"')], "variable"),
    ("a group's variable", [("statistic", '"mean"'), ("variable", '"accounts/balance_sheet"')], "variable"),
    ("an unknown denominator", [("statistic", '"share"'), ("variable", '"gdp"'), ("denominator", '"gdpp"')],
     "denominator"),
    ("an unknown paired_with", [("statistic", '"correlation"'), ("variable", '"gdp"'), ("paired_with", '"gdpp"')],
     "paired_with"),
    ("share without denominator", [("statistic", '"share"'), ("variable", '"gdp"')], "denominator"),
    ("correlation without paired_with", [("statistic", '"correlation"'), ("variable", '"gdp"')], "paired_with"),
    ("no statistic", [("variable", '"gdp"')], "statistic"),
    ("no variable", [("statistic", '"mean"')], "variable"),
    ("an unknown statistic", [("statistic", '"median"'), ("variable", '"gdp"')], "statistic"),
    ("a statistic in capitals", [("statistic", '"Mean"'), ("variable", '"gdp"')], "statistic"),
    ("an unknown field", [("statistic", '"mean"'), ("variable", '"gdp"'), ("window", "1")], "window"),
    ("an unknown region", [("statistic", '"mean"'), ("variable", '"gdp"'), ("region", '"Nowhere"')], "region"),
    ("a region in lower case", [("statistic", '"mean"'), ("variable", '"gdp"'), ("region", '"beijing"')], "region"),
    ("an empty region", [("statistic", '"mean"'), ("variable", '"gdp"'), ("region", '""')], "region"),
    ("a region of a variable without regions", [("statistic", '"mean"'), ("variable", '"gdp_total"'),
                                                ("region", '"Beijing"')], "variable"),
    ("an unknown denominator_region", [("statistic", '"share"'), ("variable", '"gdp"'), ("denominator", '"gdp"'),
                                       ("denominator_region", '"Atlantis"')], "denominator_region"),
    ("a cross-section of a variable without regions", [("statistic", '"cross_section_cv"'),
                                                       ("variable", '"firms_total"')], "variable"),
    ("a cross-section divided by a national variable", [("statistic", '"cross_section_cv"'), ("variable", '"gdp"'),
                                                        ("denominator", '"gdp_total"')], "denominator"),
    ("tail_index of a series", [("statistic", '"tail_index"'), ("variable", '"gdp"')], "variable"),
    ("tail_index of an unknown column", [("statistic", '"tail_index"'), ("variable", '"firm_salez"')], "variable"),
    ("tail_fraction zero", [("statistic", '"tail_index"'), ("variable", '"firm_sales"'), ("tail_fraction", "0.0")],
     "tail_fraction"),
    ("tail_fraction above a half", [("statistic", '"tail_index"'), ("variable", '"firm_sales"'),
                                    ("tail_fraction", "0.51")], "tail_fraction"),
    ("from_year negative", [("statistic", '"mean"'), ("variable", '"gdp"'), ("from_year", "-1.0")], "from_year"),
    ("to_year zero", [("statistic", '"mean"'), ("variable", '"gdp"'), ("to_year", "0.0")], "to_year"),
    ("to_year nan", [("statistic", '"mean"'), ("variable", '"gdp"'), ("to_year", "nan")], "to_year"),
    ("from_year a string", [("statistic", '"mean"'), ("variable", '"gdp"'), ("from_year", '"0"')], "from_year"),
    ("a name that is a number", [("statistic", '"mean"'), ("variable", '"gdp"'), ("name", "1")], "name"),
]
VALID_MOMENTS = [
    ("a mean of one region", [("statistic", '"mean"'), ("variable", '"gdp"'), ("region", '"Guangdong"')]),
    ("a share of one region's denominator", [("statistic", '"share"'), ("variable", '"gdp"'), ("denominator", '"gdp"'),
                                             ("denominator_region", '"Anhui"')]),
    ("a cross-section without denominator", [("statistic", '"cross_section_cv"'), ("variable", '"gdp"')]),
    ("tail_index of the largest half", [("statistic", '"tail_index"'), ("variable", '"firm_sales"'),
                                        ("tail_fraction", "0.5")]),
    ("tail_index of the smallest share", [("statistic", '"tail_index"'), ("variable", '"firm_sales"'),
                                          ("tail_fraction", "5e-324")]),
    ("tail_index of firm ids", [("statistic", '"tail_index"'), ("variable", '"firm_id"')]),
    ("a correlation of a series with itself", [("statistic", '"correlation"'), ("variable", '"gdp"'),
                                               ("paired_with", '"gdp"')]),
    ("a growth rate of a count", [("statistic", '"growth_rate"'), ("variable", '"firms_total"')]),
    ("a standard deviation of a count that may be 0", [("statistic", '"standard_deviation"'), ("variable", '"exits"')]),
    ("a growth rate of a count that may be 0", [("statistic", '"growth_rate"'), ("variable", '"exits"')]),
    ("a name with blanks and quotes", [("statistic", '"mean"'), ("variable", '"gdp"'), ("name", '"a \\"b\\", c"')]),
]


def _with_moment(calibration, fields, rng, csv=True):
    """`calibration` with its last moment replaced by `fields` (a name added unless given) and a target for it;
    the moments in a CSV file now and then, when `csv` (a refusal's line is then the row's)."""
    fields = list(fields)
    names = dict(fields)
    if "name" not in names:
        fields.insert(0, ("name", '"probe"'))
    name = dict(fields)["name"]
    calibration.moments[-1] = fields
    calibration.targets[-1] = [("moment", name if name.startswith('"') else f'"{name}"'), ("value", "0.5"),
                               ("standard_error", "0.25"), ("source", '"fuzz"')]
    if any("," in v or "\\" in v for _, v in fields):
        calibration.where["targets"] = "toml"   # a name no plain CSV cell holds
    elif csv and rng.random() < 0.15:
        calibration.where["moments"] = "csv"
    return calibration


def calibration_moments(context, rng):
    kind = rng.random()
    calibration = Calibration(parameters=1, moments=rng.choice((1, 2, 3)), targets=rng.choice(("csv", "toml")))
    row = len(calibration.moments) - 1
    if kind < 0.25:
        # A statistic with an optional field it does not read.
        statistic = rng.choice(sorted(STATISTIC_FIELDS))
        unread = sorted(set(OPTIONAL) - READS.get(statistic, {"region"}) - {f for f, _ in STATISTIC_FIELDS[statistic]})
        field = rng.choice(unread)
        fields = [("statistic", f'"{statistic}"')] + STATISTIC_FIELDS[statistic] + [(field, OPTIONAL[field])]
        _with_moment(calibration, fields, rng)
        return _refused(f"{statistic} with {field}", calibration, f"moments[{row}].{field}",
                        f"calibration.moments[{row}].{field}", category="a field the statistic does not read")
    if kind < 0.45:
        # A window: enough whole ticks, too few, or beyond the run.
        statistic = rng.choice(sorted(STATISTIC_FIELDS))
        fields = [("statistic", f'"{statistic}"')] + STATISTIC_FIELDS[statistic]
        from_year = rng.choice(YEAR_VALUES[:-3]) if rng.random() < 0.8 else None
        to_year = rng.choice(YEAR_VALUES[1:]) if rng.random() < 0.8 else None
        if from_year is not None:
            fields.append(("from_year", real_literal(from_year)))
        if to_year is not None:
            fields.append(("to_year", real_literal(to_year)))
        _with_moment(calibration, fields, rng)
        label = f"{statistic} over [{from_year}, {to_year})"
        run_years = TICKS * YEARS_PER_TICK
        if to_year is not None and to_year > run_years + 1e-9:
            return _refused(label, calibration, f"moments[{row}].to_year", f"calibration.moments[{row}].to_year",
                            category="a window beyond the run")
        count = _window_ticks(from_year or 0.0, run_years if to_year is None else to_year)
        if count < TICKS_NEEDED.get(statistic, 1):
            what = f"moments[{row}].from_year" if from_year is not None else f"moments[{row}]"
            return _refused(label, calibration, what, f"calibration.moments[{row}].from_year",
                            category="a window with too few ticks")
        return _valid(label, calibration, category="a window with enough ticks")
    if kind < 0.75:
        label, fields, field = rng.choice(BAD_MOMENTS)
        _with_moment(calibration, fields, rng, csv=False)
        what = f"moments[{row}].{field}" if field in dict(calibration.moments[row]) else f"moments[{row}]"
        return _refused(label, calibration, what, f"calibration.moments[{row}].{field}")
    if kind < 0.88:
        label, fields = rng.choice(VALID_MOMENTS)
        _with_moment(calibration, fields, rng)
        return _valid(label, calibration)
    choice = rng.randrange(5)
    if choice == 0:
        calibration = Calibration(parameters=1, moments=2)
        calibration.moments[1][0] = calibration.moments[0][0]
        calibration.targets.pop()
        return _refused("two moments of one name", calibration, "moments[1].name", "calibration.moments[1].name")
    if choice == 1:
        calibration = Calibration(parameters=2, moments=1)
        files, _ = calibration.render()
        return _case("fewer moments than parameters", files, REFUSED, ("calibration.moments", f"{NAME}:"))
    if choice == 2:
        calibration.keys["calibration.moments"] = "[]"
        calibration.moments = []
        return _refused("no moments", calibration, "calibration.moments", "calibration.moments")
    if choice == 3:
        # A scenario of 1 tick: a growth rate needs 2.
        calibration = Calibration(parameters=1, moments=2)
        files, where = calibration.render()
        return _case("--set simulation.ticks=1 under a growth rate", files, REFUSED,
                     ("calibration.moments[1].from_year", at(where, "moments[1]")),
                     extra=["--set", "simulation.ticks=1"])
    # A window of whole years under ticks of a year.
    calibration = Calibration(parameters=1, moments=2)
    calibration.moments[1] += [("from_year", "1.0"), ("to_year", "3.0")]
    return _valid("annual ticks, a window of 2 years", calibration, extra=["--set", "simulation.months_per_tick=12"])


# ---------------------------------------------------------------------------------------------------------
# 4. Targets


def _target_value(spec, rng, csv):
    """A value for a target's field; in a CSV cell, only what one cell can hold."""
    inside, outside, wrong = values_for(spec, rng)
    if csv:
        wrong = [v for v in wrong if "," not in cell(v.text) and '"' not in cell(v.text)]
    pools = [p for p in ((inside, 0.4), (outside, 0.35), (wrong, 0.25)) if p[0]]
    return rng.choice(rng.choices([p[0] for p in pools], [p[1] for p in pools])[0])


HEADER = ",".join(TARGET_FIELDS)
ROWS = ["entries,1.5,0.5,fuzz", "gdp_growth,0.05,0.02,fuzz"]
BROKEN_CSV = [
    # (label, text, expected, mentions)
    ("no moment column", "value,standard_error,source\n1.5,0.5,fuzz\n0.05,0.02,fuzz\n", REFUSED,
     (f"{TARGETS}:1:", "moment")),
    ("no value column", "moment,standard_error,source\nentries,0.5,fuzz\ngdp_growth,0.02,fuzz\n", REFUSED,
     (f"{TARGETS}:1:", "value")),
    ("no standard_error column", "moment,value,source\nentries,1.5,fuzz\ngdp_growth,0.05,fuzz\n", REFUSED,
     (f"{TARGETS}:1:", "standard_error")),
    ("no source column", "moment,value,standard_error\nentries,1.5,0.5\ngdp_growth,0.05,0.02\n", REFUSED,
     (f"{TARGETS}:1:", "source")),
    ("an unknown column", f"{HEADER},note\n{ROWS[0]},x\n{ROWS[1]},y\n", REFUSED, (f"{TARGETS}:1:", "note")),
    ("a column twice", f"{HEADER},value\n{ROWS[0]},1.5\n{ROWS[1]},0.05\n", REFUSED, (f"{TARGETS}:1:", "value")),
    ("a row of too many cells", f"{HEADER}\n{ROWS[0]},extra\n{ROWS[1]}\n", REFUSED,
     (f"{TARGETS}:2:", "calibration.targets[0]")),
    ("a row of too few cells", f"{HEADER}\nentries,1.5,0.5\n{ROWS[1]}\n", REFUSED,
     (f"{TARGETS}:2:", "calibration.targets[0]")),
    ("an unclosed quote", f'{HEADER}\n"entries,1.5,0.5,fuzz\n{ROWS[1]}\n', REFUSED,
     (f"{TARGETS}:2:", "calibration.targets")),
    ("a quote inside a cell", f'{HEADER}\nent"ries,1.5,0.5,fuzz\n{ROWS[1]}\n', REFUSED,
     (f"{TARGETS}:2:", "calibration.targets")),
    ("quoted cells with commas and quotes", f'{HEADER}\n"entries","1.5","0.5","a, ""quoted"" source"\n{ROWS[1]}\n',
     HANDLED_RUN, ()),
    ("a number with blanks", f'{HEADER}\nentries, 1.5 ,0.5,fuzz\n{ROWS[1]}\n', ANY, ()),
    ("a number with a comma", f'{HEADER}\nentries,"1,5",0.5,fuzz\n{ROWS[1]}\n', REFUSED,
     (f"{TARGETS}:2:", "calibration.targets[0].value")),
    ("CRLF line ends", f"{HEADER}\r\n{ROWS[0]}\r\n{ROWS[1]}\r\n", HANDLED_RUN, ()),
    ("a byte order mark", f"\ufeff{HEADER}\n{ROWS[0]}\n{ROWS[1]}\n", ANY, ()),
    ("only the header", f"{HEADER}\n", REFUSED, ("calibration.targets",)),
    ("an empty file", "", REFUSED, ("calibration.targets",)),
    ("an empty source", f"{HEADER}\nentries,1.5,0.5,\n{ROWS[1]}\n", REFUSED, (f"{TARGETS}:2:", "source")),
    ("columns in another order",
     "source,standard_error,value,moment\nfuzz,0.5,1.5,entries\nfuzz,0.02,0.05,gdp_growth\n", HANDLED_RUN, ()),
    ("a comment line", f"# observed\n{HEADER}\n{ROWS[0]}\n{ROWS[1]}\n", HANDLED_RUN, ()),
    ("a blank line between rows", f"{HEADER}\n{ROWS[0]}\n\n{ROWS[1]}\n", ANY, ()),
]


def calibration_targets(context, rng):
    kind = rng.random()
    form = rng.choice(("csv", "toml"))
    calibration = Calibration(parameters=1, moments=2, targets=form)
    fields = {f.path: f for f in next(s for s in context.calibration_specs if s.path == "calibration.targets").fields}
    if kind < 0.4:
        field = rng.choice(("value", "standard_error"))
        row = rng.randrange(2)
        value = _target_value(fields[field], rng, form == "csv")
        cells = dict(calibration.targets[row])
        cells[field] = value.text
        calibration.targets[row] = list(cells.items())
        label = f"targets[{row}].{field}={value.text} ({value.label}, {value.verdict}, {form})"
        category = f"target {field} {value.verdict}" + (f" {value.label}" if value.verdict != "type" else "")
        if value.verdict == "inside":
            return _valid(label, calibration, category=category)
        return _refused(label, calibration, f"targets[{row}].{field}", f"calibration.targets[{row}].{field}",
                        category=category)
    if kind < 0.7:
        choice = rng.randrange(6)
        if choice == 0:
            calibration.targets.pop(rng.randrange(2))
            files, _ = calibration.render()
            missing = "entries" if dict(calibration.targets[0])["moment"] != '"entries"' else "gdp_growth"
            return _case(f"a moment without a target ({form})", files, REFUSED,
                         ("calibration.targets", f"'{missing}'", f"{NAME}:"), category="a moment without a target")
        if choice == 1:
            calibration.targets.append([("moment", '"nothing"'), ("value", "1.0"), ("standard_error", "1.0"),
                                        ("source", '"fuzz"')])
            return _refused(f"a target for no moment ({form})", calibration, "targets[2].moment",
                            "calibration.targets[2].moment", category="a target for no moment")
        if choice == 2:
            calibration.targets.append(list(calibration.targets[0]))
            return _refused(f"two targets for one moment ({form})", calibration, "targets[2].moment",
                            "calibration.targets[2].moment", category="two targets for one moment")
        if choice == 3:
            calibration.targets[0] = [f for f in calibration.targets[0] if f[0] != "standard_error"]
            if form == "csv":
                calibration.targets[0].append(("standard_error", '""'))   # an empty cell
            return _refused(f"a target without a standard error ({form})", calibration, "targets[0]",
                            "calibration.targets[0].standard_error", category="a target without a standard error")
        if choice == 4:
            calibration.where["targets"] = "toml"
            calibration.targets[1].append(("weight", "2.0"))
            return _refused("a target's unknown field", calibration, "targets[1].weight",
                            "calibration.targets[1].weight")
        # Targets far from anything the model gives: valid, and the calibration runs or stops with one line
        # that says why. Standard errors whose squares or their inverses would leave the doubles are outside
        # the field's range [1e-150, 1e150], and refused.
        value, se = rng.choice([("1e200", "1.0"), ("1.0", "1e-200"), ("1.0", "1e200"), ("-1e300", "1e-300"),
                                ("1e155", "1.0"), ("1.0", "5e-324")])
        calibration.targets[0] = [("moment", '"entries"'), ("value", value), ("standard_error", se),
                                  ("source", '"fuzz"')]
        label = f"a target of {value} with standard error {se} ({form})"
        if se != "1.0":
            return _refused(label, calibration, "targets[0].standard_error", "calibration.targets[0].standard_error",
                            category="a standard error outside its range")
        return _valid(label, calibration, category="a target whose weighted distance overflows")
    if kind < 0.93:
        label, text, expected, mentions = rng.choice(BROKEN_CSV)
        calibration.where["targets"] = "csv"
        calibration.targets_text = text
        files, _ = calibration.render()
        return _case(f"targets CSV: {label}", files, expected, mentions)
    choice = rng.randrange(4)
    if choice == 0:
        calibration.keys["calibration.targets"] = '{ file = "no_such.csv" }'
        calibration.where["targets"] = "toml"
        calibration.targets = []
        return _refused("a missing targets file", calibration, "calibration.targets", "no_such.csv")
    if choice == 1:
        calibration.keys["calibration.targets"] = '"targets.csv"'
        calibration.where["targets"] = "toml"
        calibration.targets = []
        files, where = calibration.render()
        return _case("targets as a string", {**files, TARGETS: f"{HEADER}\n{ROWS[0]}\n{ROWS[1]}\n".encode()},
                     REFUSED, ("calibration.targets", at(where, "calibration.targets")))
    if choice == 2:
        calibration.keys["calibration.targets"] = "[]"
        calibration.where["targets"] = "toml"
        calibration.targets = []
        return _refused("no targets", calibration, "calibration.targets", "calibration.targets")
    files, _ = calibration.render()
    files[TARGETS] = Special("directory")
    calibration.where["targets"] = "csv"
    return _case("a directory as the targets file", files, REFUSED, ("calibration.targets", TARGETS))


# ---------------------------------------------------------------------------------------------------------
# 5. `clustersim moments` and the journal of `clustersim calibrate`


def _at(key, value):
    return ["--at", f"{key}={value}"]


def calibration_command(context, rng):
    if rng.random() < 0.75:
        return _moments_command(context, rng)
    return _journal(context, rng)


def _moments_command(context, rng):
    parameters = rng.choice((1, 2))
    calibration = Calibration(parameters=parameters, moments=rng.choice((2, 3)), targets=rng.choice(("csv", "toml")))
    replicates = ["--replicates", str(rng.choice((2, 3)))]
    first = ["--first-replicate", str(rng.choice((0, 7, 1000, 3999999997)))]
    good = [_at(key, low) for key, low, _ in PARAMETERS[:parameters]]
    kind = rng.random()
    category = None
    if kind < 0.3:
        # Every parameter once, inside its bounds (at a bound, inside, written as C's strtod reads them).
        at_args = []
        for key, low, high in PARAMETERS[:parameters]:
            value = rng.choice((low, high, "0.05", "5e-2", "0x1p-4", f"{(float(low) + float(high)) / 2!r}"))
            at_args += _at(key, value)
        expected, mentions, label = HANDLED_RUN, (), f"--at inside the bounds: {' '.join(at_args)}"
        category = "moments --at inside the bounds"
        if rng.random() < 0.3:   # the targets are neither read nor needed
            calibration.targets.pop()
            label += ", a target missing"
    elif kind < 0.85:
        key, low, high = PARAMETERS[0]
        bad, mention, label = rng.choice([
            (_at("entry.rate_per_frim", "0.05"), "entry.rate_per_frim", "an unknown key"),
            (_at("talent.reconsider_rate", "0.05") if parameters == 1 else _at("policy.openness", "0.5"),
             None, "a key the file does not estimate"),
            (_at(key, "0.2"), key, "above high"),
            (_at(key, "0.001"), key, "below low"),
            (_at(key, "-0.05"), key, "negative"),
            (_at(key, "nan"), key, "nan"),
            (_at(key, "inf"), key, "inf"),
            (_at(key, "1e999"), key, "beyond the doubles"),
            (_at(key, "abc"), key, "not a number"),
            (_at(key, ""), key, "empty"),
            (_at(key, "0.05x"), key, "a number and more"),
            (_at(key, "0,05"), key, "a decimal comma"),
            (["--at", key], key, "no '='"),
            (["--at", "=0.05"], "--at", "no key"),
            (_at(key, "0.05") + _at(key, "0.06"), key, "one key twice"),
        ])
        if mention is None:
            mention = "talent.reconsider_rate" if parameters == 1 else "policy.openness"
        at_args = bad + [a for g in good[1:] for a in g]
        expected, mentions = REFUSED, ("--at", mention)
        label = f"--at {label}: {' '.join(at_args)}"
        category = "moments --at " + label.split(":")[0][5:]
    elif kind < 0.93:
        at_args = good[0]
        if parameters == 1:
            calibration = Calibration(parameters=2, moments=2)
        expected, mentions = REFUSED, ("a value for every estimated parameter", "talent.reconsider_rate")
        label = "--at without a parameter"
    else:
        at_args = [a for g in good for a in g]
        option, mention = rng.choice([(["--replicates", "1"], "--replicates"), (["--replicates", "0"], "--replicates"),
                                      (["--first-replicate", "-1"], "--first-replicate"),
                                      (["--first-replicate", "4000000001"], "--first-replicate")])
        replicates, first = option, []
        expected, mentions = REFUSED, (mention,)
        label = f"moments {' '.join(option)}"
    files, _ = calibration.render()
    return _case(label, files, expected, mentions, extra=at_args + replicates + first, command="moments",
                 output=MADE_TARGETS, category=category)


JOURNALS = [
    # (label, the journal, --resume, expected, mentions)
    ("--resume without a journal", None, True, REFUSED, ("--resume", JOURNAL)),
    ("a stale journal replaced", b"clustersim calibration journal 1 3\nold\nrun 0 0x1p-4 ok 0x1p+0\n", False,
     HANDLED_RUN, ()),
    ("--resume with another calibration's journal", b"clustersim calibration journal 1 3\nold\n", True, REFUSED,
     ("--resume", JOURNAL)),
    ("--resume with an empty journal", b"", True, REFUSED, ("--resume", JOURNAL)),
    ("--resume with binary junk", bytes(range(256)) * 4, True, REFUSED, ("--resume", JOURNAL)),
    # Not a file: the program must neither block on a FIFO nor read a device without end.
    ("a FIFO as the journal", Special("fifo"), False, ANY, ()),
    ("--resume with a FIFO as the journal", Special("fifo"), True, ANY, ()),
    ("a directory as the journal", Special("directory"), False, ANY, ()),
    ("--resume with a directory as the journal", Special("directory"), True, ANY, ()),
    ("the journal a link to /dev/zero", Special("symlink", "/dev/zero"), False, ANY, ()),
    ("--resume with the journal a link to /dev/zero", Special("symlink", "/dev/zero"), True, ANY, ()),
    ("--resume with the journal a link to /dev/urandom", Special("symlink", "/dev/urandom"), True, ANY, ()),
    ("a dangling link as the journal", Special("symlink", "no/such/file"), False, ANY, ()),
    ("an unreadable journal", Special("unreadable"), True, ANY, ()),
    ("a directory as the output", "output", False, ANY, ()),
]


def _journal(context, rng):
    label, journal, resume, expected, mentions = rng.choice(JOURNALS)
    calibration = Calibration(parameters=1, moments=2)
    files, _ = calibration.render()
    if journal == "output":
        files[OUTPUT] = Special("directory")
    elif journal is not None:
        files[JOURNAL] = journal
    return _case(label, files, expected, mentions, extra=["--resume"] if resume else [])
