"""Cases that set scenario keys: one key, several at once, in the file or with --set, and the --set syntax.

A value outside its key's documented range or of the wrong type must be refused naming the key (and the
file:line when it is in a file), every such key of a case in the same report; a value inside must run.
"""
import re

from case import Case, HANDLED_RUN, REFUSED
from scenario_text import ScenarioText
from values import values_for

SCALAR_KINDS = ("real", "integer", "boolean", "choice", "date")

# Keys whose documented range holds values that other keys or the scenario's data rule out, as their
# descriptions say: a refusal naming the key is a correct ending for a value inside the range.
COUPLED = {
    "talent.housing_share": "housing_share + market.strategic_expenditure_share <= 1",
    "market.strategic_expenditure_share": "housing_share + market.strategic_expenditure_share <= 1",
    "measurement.reference_year": "the year must have a tick of the run",
    "simulation.burn_in_years": "must be whole ticks; not together with simulation.initial_state",
    "entry.mode": "free entry needs firms.fixed_cost > 0",
    "firms.fixed_cost": "free entry needs firms.fixed_cost > 0",
    "innovation.step_min": "step_min < step_max",
    "innovation.step_max": "step_min < step_max",
    "firms.max_count": "at least firms.initial_count",
    "firms.initial_count": "at most firms.max_count",
}

# The closure's start-up checks (docs/model.md, Initialisation of the closure) refuse a combination of
# values inside their ranges that leaves no consistent starting state (a wage tax rate outside [0, 1), a
# workforce smaller than the talent stock, ...), naming every key that sets the value that failed.
CLOSURE_REFUSAL = "the closure's starting state: "


def inside_endings(keys):
    """What a case of values inside their ranges may end in besides running: a refusal naming a coupled key,
    a refusal of the closure's starting state that names one of the case's keys, or a stop (whose message
    lists the keys the scenario sets)."""
    named = "(?:" + "|".join(re.escape(k) for k in keys) + ")"
    coupled = [k for k in keys if k in COUPLED]
    alternatives = [re.escape(CLOSURE_REFUSAL) + "[^\n]*" + named, "keys the scenario sets: "]
    alternatives += [re.escape(k) for k in coupled]
    return HANDLED_RUN | REFUSED, ("|".join(alternatives),)


def scalar_specs(specs):
    return [s for s in specs if s.kind in SCALAR_KINDS]


def pick_value(spec, rng, weights=(0.5, 0.3, 0.2)):
    inside, outside, wrong = values_for(spec, rng)
    pools = [p for p in ((inside, weights[0]), (outside, weights[1]), (wrong, weights[2])) if p[0]]
    pool = rng.choices([p[0] for p in pools], [p[1] for p in pools])[0]
    return rng.choice(pool)


def _placement(spec, value, rng):
    where = rng.choice(["file", "set"])
    if spec.kind == "date" and value.label == "a quoted date":
        where = "file"  # --set takes a date as plain text, so quotes are no error there
    return where


def _schema_level(spec, value):
    """Whether the schema itself refuses the value (and so reports it beside every other such error)."""
    return value.verdict == "type" or spec.kind != "date"


def build(mutations, rng, family, command=None):
    """A case from [(spec, value)]: the keys in scenario.toml or --set, the expectations combined."""
    text = ScenarioText()
    extra, placed = [], []
    for spec, value in mutations:
        where = _placement(spec, value, rng)
        if where == "file":
            text.set(spec.path, value.text)
        else:
            extra += ["--set", f"{spec.path}={value.text}"]
        placed.append((spec, value, where))
    scenario, lines = text.render()
    bad = [(s, v, w) for s, v, w in placed if v.verdict != "inside"]
    mentions, patterns = [], ()
    if bad:
        schema_bad = [(s, v, w) for s, v, w in bad if _schema_level(s, v)]
        for spec, value, where in (schema_bad or bad[:1]):
            mentions.append(spec.path)
            if where == "file":
                mentions.append(f"scenario.toml:{lines[spec.path]}:")
        expected = REFUSED
    else:
        expected, patterns = inside_endings([s.path for s, _, _ in placed])
    label = ", ".join(f"{s.path}={v.text} ({v.label}, {v.verdict}, {w})" for s, v, w in placed)
    category = " + ".join(f"{s.path} {v.verdict}" + (f" {v.label}" if v.verdict != "type" else "")
                          for s, v, _ in placed)
    if command is None:
        command = "run" if not bad or rng.random() < 0.7 else "validate"
    return Case(family=family, category=f"{family}: {category}", label=label, command=command,
                files={"scenario.toml": scenario.encode()}, extra=extra, expected=expected, mentions=tuple(mentions),
                patterns=patterns)


def one_key(context, rng):
    spec = rng.choice(scalar_specs(context.specs))
    return build([(spec, pick_value(spec, rng))], rng, "key")


def several_keys(context, rng):
    specs = rng.sample(scalar_specs(context.specs), rng.randint(2, 4))
    mutations = [(spec, pick_value(spec, rng, weights=(0.6, 0.25, 0.15))) for spec in specs]
    return build(mutations, rng, "keys")


BAD_OVERRIDES = [
    ("policy.openness", "no '='", ("--set",)),
    ("=0.5", "no key", ("--set",)),
    ("policy.openness=", "no value", ("policy.openness",)),
    ("policy.openness=0.5=0.6", "two '='", ("policy.openness",)),
    ("policy.openness=0.5 0.6", "two values", ("policy.openness",)),
    ("policy=1", "a table", ("policy",)),
    ("regions=1", "a records key", ("regions",)),
    ("policy.opennes=0.5", "a misspelt key", ("policy.opennes", "policy.openness")),
    ("Policy.Openness=0.5", "a key in capitals", ("Policy.Openness",)),
    ("policy.openness=[0.5]", "an array", ("policy.openness",)),
    ("simulation.ticks=4 # comment", "a TOML comment", ()),
    ("simulation.ticks=0x4", "a hexadecimal integer", ()),
    ("simulation.ticks=4_0", "an integer with '_'", ()),
    ("simulation.start_date=2023-01-01", "a plain date", ()),
    ("policy.planner_mode=coordinated", "a choice without quotes", ()),
    ("simulation.seed=9000000000000000001", "a seed above 9e18", ("simulation.seed",)),
    ("simulation.seed=9223372036854775808", "a seed above 2^63", ("simulation.seed",)),
    ("simulation.seed=-1", "a negative seed", ("simulation.seed",)),
    ("simulation.seed=1e18", "a seed as a real", ("simulation.seed",)),
]
BAD_SEEDS = [("-1", REFUSED), ("9000000000000000000", HANDLED_RUN), ("9000000000000000001", REFUSED),
             ("9223372036854775808", REFUSED), ("1e3", REFUSED), ("abc", REFUSED), ("", REFUSED)]


def command_line(context, rng):
    if rng.random() < 0.7:
        override, label, mentions = rng.choice(BAD_OVERRIDES)
        refused = bool(mentions)
        return Case(family="command-line", category=f"command-line: --set {label}", label=f"--set {override!r}",
                    target="tiny.toml",
                    extra=["--set", override], expected=REFUSED if refused else HANDLED_RUN | REFUSED,
                    mentions=mentions)
    seed, expected = rng.choice(BAD_SEEDS)
    return Case(family="command-line", category=f"command-line: --seed {seed!r}", label=f"--seed {seed!r}",
                target="tiny.toml",
                extra=["--seed", seed], expected=expected, mentions=("seed",) if expected == REFUSED else ())
