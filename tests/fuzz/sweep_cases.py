"""Cases of sweep files over the tiny scenario: every key of `config-reference --sweep` with values inside,
outside and of the wrong type, designs that do not fit their parameters, swept keys that cannot be swept
or whose values leave their range, and --set on a sweep. Every sweep stays at a few runs of the tiny
scenario.
"""
from case import ANY, Case, HANDLED_RUN, REFUSED
from key_cases import inside_endings, pick_value
from values import real_literal

SAMPLED = ("random", "latin_hypercube", "sobol")
# Keys that a design may not use: refusing them, naming the key, is right for any value.
COUPLED = {"sweep.samples": "only sampled designs take samples, and they need at least one"}
MENTION = {"sweep.samples": "samples"}   # how a coupled key's refusal names it
NAME = "sweep_fuzz.toml"


def sweep_text(design="grid", sweep_keys=(), parameters=None, scenario="tiny.toml"):
    """(text, {what: line}): a sweep file; `parameters` is a list of [(field, literal)]."""
    lines = ["[sweep]", f'scenario = "{scenario}"']
    where = {"sweep.scenario": 2}
    keys = dict([("sweep.design", f'"{design}"'), ("sweep.replicates", "1")] +
                ([("sweep.samples", "2")] if design in SAMPLED else []))
    keys.update(dict(sweep_keys))
    for path, literal in keys.items():
        if literal is None:
            continue
        lines.append(f"{path.split('.', 1)[1]} = {literal}")
        where[path] = len(lines)
    if parameters is None:
        parameters = [default_parameter(design)]
    for number, fields in enumerate(parameters):
        lines += ["", "[[sweep.parameters]]"]
        for field, literal in fields:
            lines.append(f"{field} = {literal}")
            where[f"parameters[{number}].{field}"] = len(lines)
    return "\n".join(lines) + "\n", where


def default_parameter(design, key="policy.openness"):
    if design in SAMPLED:
        return [("key", f'"{key}"'), ("low", "0.2"), ("high", "0.8")]
    return [("key", f'"{key}"'), ("values", "[0.2, 0.8]")]


def _case(label, text, expected, mentions=(), extra=(), files=None, patterns=()):
    return Case(family="sweep", category=f"sweep: {label}", label=label, command="sweep", target=NAME,
                files={NAME: text.encode(), **(files or {})}, extra=list(extra), expected=expected,
                mentions=tuple(mentions), patterns=tuple(patterns))


def sweep_key(context, rng):
    specs = [s for s in context.sweep_specs if s.kind in ("integer", "boolean", "choice")]
    spec = rng.choice(specs)
    value = pick_value(spec, rng)
    design = rng.choice(("grid",) + SAMPLED)
    if spec.path == "sweep.design" and value.verdict == "inside":
        design = value.text.strip('"')
    text, where = sweep_text(design, [(spec.path, value.text)])
    if value.verdict == "inside":
        coupled = spec.path in COUPLED
        return _case(f"{spec.path} inside {value.label} ({design})", text,
                     HANDLED_RUN | (REFUSED if coupled else set()),
                     (MENTION.get(spec.path, spec.path),) if coupled else ())
    return _case(f"{spec.path} {value.verdict} {value.label}", text, REFUSED,
                 (spec.path.split(".")[1], f"{NAME}:{where[spec.path]}:"))


def swept_value(context, rng):
    """A swept scenario key whose values or range leave the key's documented range, or stay inside it."""
    specs = [s for s in context.specs if s.kind in ("real", "integer") and not s.path.startswith("simulation.")
             and s.path not in ("firms.initial_count",)]
    spec = rng.choice(specs)
    value = pick_value(spec, rng, weights=(0.5, 0.5, 0.0))
    # Sampled designs draw between low and high, which may not be equal: they take the values outside.
    design = rng.choice(("grid", "list") + (SAMPLED if value.verdict != "inside" else ()))
    if design in SAMPLED:
        literal = value.text if spec.kind == "real" else real_literal(float(value.text))
        parameter = [("key", f'"{spec.path}"'), ("low", literal), ("high", literal)]
    else:
        parameter = [("key", f'"{spec.path}"'), ("values", f"[{value.text}]")]
    text, where = sweep_text(design, parameters=[parameter])
    label = f"swept {spec.path} {value.verdict} {value.label} ({design})"
    if value.verdict == "inside":
        expected, patterns = inside_endings([spec.path])
        return _case(label, text, expected, patterns=patterns)
    if value.text in ("nan", "inf", "-inf"):
        # No real number at all: refused as the parameter's own field, whatever the key.
        return _case(label, text, REFUSED, ("sweep.parameters[0]", f"{NAME}:"))
    return _case(label, text, REFUSED, (spec.path, f"{NAME}:"))


BAD_DESIGNS = [
    ("grid with low and high", "grid", [[("key", '"policy.openness"'), ("low", "0.2"), ("high", "0.8")]], REFUSED),
    ("sobol with values", "sobol", [[("key", '"policy.openness"'), ("values", "[0.2, 0.8]")]], REFUSED),
    ("values and low/high together", "grid", [[("key", '"policy.openness"'), ("values", "[0.2]"), ("low", "0.2"),
                                               ("high", "0.8")]], REFUSED),
    ("list of unequal lengths", "list", [[("key", '"policy.openness"'), ("values", "[0.2, 0.8]")],
                                         [("key", '"policy.vc_pool"'), ("values", "[0.001]")]], REFUSED),
    ("list of 2 and 10000 values", "list", [[("key", '"policy.openness"'), ("values", "[0.2, 0.8]")],
                                            [("key", '"policy.vc_pool"'),
                                             ("values", "[" + ", ".join(["0.001"] * 10000) + "]")]], REFUSED),
    ("low above high", "random", [[("key", '"policy.openness"'), ("low", "0.8"), ("high", "0.2")]], REFUSED),
    ("low equal to high", "latin_hypercube", [[("key", '"policy.openness"'), ("low", "0.5"), ("high", "0.5")]], ANY),
    ("no parameters", "grid", [], ANY),
    ("an empty list of values", "grid", [[("key", '"policy.openness"'), ("values", "[]")]], REFUSED),
    ("an unknown key", "grid", [[("key", '"policy.opennes"'), ("values", "[0.2]")]], REFUSED),
    ("an empty key", "grid", [[("key", '""'), ("values", "[0.2]")]], REFUSED),
    ("a records key", "grid", [[("key", '"regions"'), ("values", "[0.2]")]], REFUSED),
    ("a boolean key", "grid", [[("key", '"processes.entry"'), ("values", "[0.0, 1.0]")]], REFUSED),
    ("a choice key", "grid", [[("key", '"policy.planner_mode"'), ("values", "[1.0]")]], REFUSED),
    ("the number of ticks", "grid", [[("key", '"simulation.ticks"'), ("values", "[2.0]")]], REFUSED),
    ("the months per tick", "grid", [[("key", '"simulation.months_per_tick"'), ("values", "[1.0]")]], REFUSED),
    ("the seed", "grid", [[("key", '"simulation.seed"'), ("values", "[2.0]")]], REFUSED),
    ("the replicate", "grid", [[("key", '"simulation.replicate"'), ("values", "[2.0]")]], REFUSED),
    ("one key twice", "grid", [[("key", '"policy.openness"'), ("values", "[0.2]")]] * 2, REFUSED),
    ("an integer key with a fraction", "grid", [[("key", '"policy.priorities_per_region"'), ("values", "[1.5]")]],
     REFUSED),
    ("an integer key sampled", "random", [[("key", '"policy.priorities_per_region"'), ("low", "1.0"),
                                           ("high", "2.0")]], HANDLED_RUN),
    ("nan among the values", "grid", [[("key", '"policy.openness"'), ("values", "[0.2, nan]")]], REFUSED),
    ("a string among the values", "grid", [[("key", '"policy.openness"'), ("values", '[0.2, "x"]')]], REFUSED),
    ("values that are a number", "grid", [[("key", '"policy.openness"'), ("values", "0.2")]], REFUSED),
    ("a parameter without a key", "grid", [[("values", "[0.2]")]], REFUSED),
    ("an unknown field", "grid", [[("key", '"policy.openness"'), ("values", "[0.2]"), ("step", "0.1")]], REFUSED),
]
OTHER = [
    ("keep an unknown variable", {"sweep.keep": '["bogus"]'}, REFUSED, ("bogus", "keep")),
    ("keep nothing", {"sweep.keep": "[]"}, HANDLED_RUN, ()),
    ("keep one variable", {"sweep.keep": '["gdp"]'}, HANDLED_RUN, ()),
    ("keep a variable twice", {"sweep.keep": '["gdp", "gdp"]'}, ANY, ("gdp",)),
    ("keep a number", {"sweep.keep": "[1]"}, REFUSED, ("keep",)),
    ("keep 10000 unknown variables", {"sweep.keep": "[" + ", ".join(f'"v{i}"' for i in range(10000)) + "]"},
     REFUSED, ("v0", "more errors, not shown")),  # 200 shown, the rest counted
    ("a missing scenario", {"sweep.scenario": '"no_such.toml"'}, REFUSED, ("no_such.toml", f"{NAME}:2:")),
    ("no scenario", {"sweep.scenario": None}, REFUSED, ("scenario",)),
    ("the sweep file as its own scenario", {"sweep.scenario": f'"{NAME}"'}, REFUSED, (NAME,)),
    ("an unknown key", {"sweep.replicate": "2"}, REFUSED, ("sweep.replicate",)),
]
OVERRIDES = [
    ("--set sweep.replicates=0", ["--set", "sweep.replicates=0"], REFUSED, ("sweep.replicates",)),
    ("--set a swept key", ["--set", "policy.openness=0.5"], REFUSED, ("policy.openness",)),
    ("--set simulation.ticks=8", ["--set", "simulation.ticks=8"], HANDLED_RUN, ()),
    ("--set simulation.replicate=1", ["--set", "simulation.replicate=1"], REFUSED, ("simulation.replicate",)),
    ("--set an unknown key", ["--set", "sweep.bogus=1"], REFUSED, ("sweep.bogus",)),
    ("--set a key out of range", ["--set", "policy.vc_pool=-1"], REFUSED, ("policy.vc_pool",)),
]


def sweep_design(context, rng):
    kind = rng.random()
    if kind < 0.55:
        label, design, parameters, expected = rng.choice(BAD_DESIGNS)
        text, _ = sweep_text(design, parameters=parameters)
        return _case(label, text, expected, (NAME,) if expected == REFUSED else ())
    if kind < 0.85:
        label, keys, expected, mentions = rng.choice(OTHER)
        if "sweep.scenario" in keys:
            scenario = keys["sweep.scenario"]
            text, _ = sweep_text(sweep_keys=[(k, v) for k, v in keys.items() if k != "sweep.scenario"],
                                 scenario=scenario.strip('"') if scenario else "")
            if scenario is None:
                text = text.replace('scenario = ""\n', "")
        else:
            text, _ = sweep_text(sweep_keys=list(keys.items()))
        return _case(label, text, expected, mentions)
    label, extra, expected, mentions = rng.choice(OVERRIDES)
    text, _ = sweep_text()
    return _case(label, text, expected, mentions, extra=extra)
