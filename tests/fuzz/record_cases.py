"""Cases that put one value into one field of one row of a records key (regions, industries, initial
clusters, schedule, pilots), inline as [[key]] tables or in a CSV file, and cases of records whose values
are each valid but do not fit together (unknown regions, dates off the ticks, cycles, duplicates).
"""
import re

from case import ANY, Case, HANDLED_RUN, REFUSED
from key_cases import inside_endings
from scenario_text import ScenarioText
from tiny_data import CLUSTER_ROWS, PILOT_ROW, SCHEDULE_ROW, csv_table, csv_text, data_line, industries, regions
from values import Value, values_for

RECORDS = ("regions", "industries", "firms.initial_clusters", "policy.schedule", "policy.pilots")
NATIONAL_LEVERS = ("set.planner_mode", "set.priorities_per_region", "set.regions_per_industry")
CSV_HEADER_ALIASES = {"gdp_2022": "gdp", "population_2022": "population"}
# Dates of the tiny run (4 quarters of 2023): the first days of its ticks, and dates that are none.
TICK_DATES = ["2023-01-01", "2023-04-01", "2023-07-01", "2023-10-01"]
OFF_TICK_DATES = ["2023-02-01", "2023-04-15", "2023-12-31"]
OUTSIDE_RUN_DATES = ["2022-01-01", "2024-01-01", "2030-01-01", "1900-01-01"]
# Fields whose valid values depend on the row's other fields or on the run's calendar: a refusal naming the
# field is a correct ending for any value of theirs.
CALENDAR_FIELDS = ("from", "until", "tick", "from_tick", "until_tick")


def _toml_value(field, text):
    """The TOML literal of a tiny CSV cell."""
    if field.kind in ("real", "integer"):
        return text
    if field.kind == "boolean":
        return "true" if text in ("1", "true") else "false"
    if field.kind == "string list":
        return "[" + ", ".join(f'"{item}"' for item in text.split(";") if item) + "]"
    return f'"{text}"'


def _base_rows(key, spec):
    """The tiny scenario's rows of a records key as [(field, TOML literal)] lists."""
    if key in ("regions", "industries"):
        comments, header, rows = csv_table(f"{key}.csv")
        names = [CSV_HEADER_ALIASES.get(h, h) for h in header]
        fields = {f.path: f for f in spec.fields}
        return [[(n, _toml_value(fields[n], cell)) for n, cell in zip(names, row)] for row in rows]
    if key == "policy.schedule":
        return [list(SCHEDULE_ROW)]
    if key == "policy.pilots":
        return [list(PILOT_ROW)]
    return [list(row) for row in CLUSTER_ROWS]


def _csv_cell(literal):
    """A TOML literal as a CSV cell, or None when CSV has no such value (arrays of numbers, inline tables)."""
    if literal.startswith("{"):
        return None
    if literal.startswith("["):
        items = [item.strip().strip('"') for item in literal[1:-1].split(",") if item.strip()]
        if any(item and item[0].isdigit() for item in items):
            return None
        return ";".join(items)
    if literal.startswith('"'):
        inner = literal[1:-1]
        return None if ("," in inner or '"' in inner) else inner
    return literal


def _csv_verdict(field, value, cell):
    """The class of a value once it is a CSV cell: CSV reads 1/0 as booleans, a date without quotes, a choice
    with its blanks trimmed, and an empty cell of an optional field as no value."""
    if cell == "":
        # No value: the field's default, unless it is the row's only lever (a schedule row must set one).
        return "inside" if not field.required and not field.path.startswith("set.") else "type"
    if field.kind == "boolean":
        return "inside" if cell in ("1", "0", "true", "false") else "type"
    if field.kind == "choice":
        return "inside" if cell.strip() in field.choices else "outside"
    if field.kind == "date" and value.label == "a quoted date":
        return "inside"
    return value.verdict


def _values(key, field, rng):
    if field.kind == "date":
        inside = [Value(d, "inside", "the first day of a tick") for d in TICK_DATES]
        inside += [Value(d, "inside", "a date outside the run") for d in OUTSIDE_RUN_DATES]
        outside = [Value(d, "outside", "a day that starts no tick") for d in OFF_TICK_DATES]
        wrong = [Value('"2023-04-01"', "type", "a quoted date"),
                 Value("2023-04-01T00:00:00", "type", "a date and time"), Value("4", "type", "an integer")]
        return inside, outside, wrong
    return values_for(field, rng)


def record_field(context, rng):
    key = rng.choice(RECORDS)
    spec = context.spec(key)
    field = rng.choice([f for f in spec.fields if f.kind in ("real", "integer", "boolean", "choice", "date")])
    inside, outside, wrong = _values(key, field, rng)
    pool = rng.choices([p for p in (inside, outside, wrong) if p], [w for p, w in ((inside, .5), (outside, .3),
                                                                                   (wrong, .2)) if p])[0]
    value = rng.choice(pool)
    rows = _base_rows(key, spec)
    row = rng.randrange(len(rows))
    fields = dict(rows[row])
    if field.path in ("tick", "from_tick"):
        fields.pop("from", None)
        if key == "policy.pilots":
            fields.pop("until", None)
    if field.path == "until_tick":
        fields.pop("until", None)
        fields.pop("from", None)
    if field.path in NATIONAL_LEVERS:
        fields.pop("regions", None)
    if field.path.startswith("set."):
        fields = {k: v for k, v in fields.items() if not k.startswith("set.")}
    fields[field.path] = value.text
    rows[row] = list(fields.items())
    form = "csv" if rng.random() < 0.5 else "inline"
    verdict = value.verdict
    text = ScenarioText()
    files = {}
    if form == "csv":
        names = []
        for r in rows:
            names += [n for n, _ in r if n not in names]
        cells = []
        for r in rows:
            values = dict(r)
            cells.append([_csv_cell(values[n]) if n in values else "" for n in names])
        if any(c is None for c in cells[row]):
            form = "inline"
        else:
            cell = cells[row][names.index(field.path)]
            verdict = _csv_verdict(field, value, cell)
            header = [n if key not in ("regions", "industries") else _csv_header(n) for n in names]
            csv_name = f"{key.replace('.', '_')}_fuzz.csv"
            files[csv_name] = csv_text(["# fuzz"], header, cells)
            text.set(key, f'{{ file = "{csv_name}" }}')
            where = f"{csv_name}:{data_line(['# fuzz'], row)}:"
    if form == "inline":
        for r in rows:
            text.add_row(key, r)
    scenario, lines = text.render()
    if form == "inline":
        where = f"scenario.toml:{lines[f'{key}[{row}].{field.path}']}:"
    files["scenario.toml"] = scenario.encode()
    patterns = ()
    if verdict == "inside" and key == "regions":
        # A region's data enter the closure's starting state, which may refuse them naming the field; a field
        # given for some regions only (area_km2) is refused at its row.
        expected, patterns = inside_endings([f"regions.{field.path}"])
        patterns = (patterns[0] + "|" + r"regions\[\d+\]\." + re.escape(field.path),)
        mentions = ()
    elif verdict == "inside":
        expected = HANDLED_RUN | (REFUSED if field.path in CALENDAR_FIELDS else frozenset())
        mentions = ()
        patterns = (r"\.(from|until|tick)",) if field.path in CALENDAR_FIELDS else ()
    else:
        expected = REFUSED
        name = field.path.split(".")[-1]
        if field.path.startswith("set.") and verdict == "type" and form == "csv" and cell == "":
            name = "set"   # an empty lever cell leaves the row setting nothing
        mentions = (name, where) if field.kind != "date" or verdict == "type" else (where,)
    return Case(family="record", category=f"record: {key}.{field.path} {verdict} {value.label} ({form})",
                label=f"{key}[{row}].{field.path} = {value.text} ({value.label}, {verdict}, {form})",
                files=files, expected=expected, mentions=mentions, patterns=patterns)


def _csv_header(name):
    return {"gdp": "gdp_2022", "population": "population_2022"}.get(name, name)


def _scenario(rows_by_key, sets=()):
    text = ScenarioText()
    for path, literal in sets:
        text.set(path, literal)
    for key, rows in rows_by_key:
        for row in rows:
            text.add_row(key, row)
    return text.render()


# (label, rows by records key, [(key, literal)] set besides, expected, mentions)
def _semantic_cases():
    out = []

    def add(label, rows_by_key, expected, mentions=(), sets=()):
        out.append((label, rows_by_key, sets, expected, mentions))
    schedule = lambda **changes: [[(k, v) for k, v in {**dict(SCHEDULE_ROW), **changes}.items() if v is not None]]
    pilot = lambda **changes: [[(k, v) for k, v in {**dict(PILOT_ROW), **changes}.items() if v is not None]]
    add("schedule in an unknown region", [("policy.schedule", schedule(regions='["Atlantis"]'))], REFUSED,
        ("Atlantis",))
    add("schedule region in other capitals", [("policy.schedule", schedule(regions='["ANHUI"]'))], REFUSED, ("ANHUI",))
    add("schedule region listed twice", [("policy.schedule", schedule(regions='["Anhui", "Anhui"]'))], ANY)
    add("schedule with an empty region list", [("policy.schedule", schedule(regions="[]"))], ANY)
    add("schedule with from and tick", [("policy.schedule", schedule(tick="1"))], REFUSED, ("tick",))
    add("schedule of a national lever in regions",
        [("policy.schedule", schedule(**{"set.basic_research_funding": None, "set.planner_mode": '"coordinated"'}))],
        REFUSED, ("planner_mode",))
    add("schedule setting nothing", [("policy.schedule", schedule(**{"set.basic_research_funding": None}))], ANY)
    add("schedule of an unknown lever",
        [("policy.schedule", schedule(**{"set.basic_research_funding": None, "set.bogus": "1.0"}))], REFUSED,
        ("bogus",))
    add("schedule at a tick after the run", [("policy.schedule", schedule(**{"from": None, "tick": "1000000000"}))],
        HANDLED_RUN | REFUSED, ("tick",))
    add("schedule of every lever at once", [("policy.schedule", [[("from", "2023-04-01")] + [
        (f, "0.5") for f in ("set.rd_subsidy_rate", "set.university_industry_cooperation", "set.openness",
                             "set.digital_penetration", "set.non_priority_entry_penalty", "set.adoption_subsidy",
                             "set.guidance_fund_share")]])], HANDLED_RUN)
    add("schedule rows of the same tick", [("policy.schedule", schedule() + schedule(
        **{"set.basic_research_funding": "0.0"}))], HANDLED_RUN)
    add("schedule in one region named 10000 times",
        [("policy.schedule", schedule(regions="[" + ", ".join(['"Anhui"'] * 10000) + "]"))], ANY)
    add("pilot in 10000 unknown regions",
        [("policy.pilots", pilot(regions="[" + ", ".join(f'"R{i}"' for i in range(10000)) + "]"))], REFUSED,
        ("R0", "more errors, not shown"))  # one report shows 200 errors and counts the rest
    add("1000 schedule rows", [("policy.schedule", [[("tick", str(t % 4)), ("set.openness", repr(t / 1000))]
                                                    for t in range(1000)])], HANDLED_RUN)
    add("pilot of an unknown industry", [("policy.pilots", pilot(industry='"warp_drives"'))], REFUSED, ("warp_drives",))
    add("pilot in an unknown region", [("policy.pilots", pilot(regions='["Atlantis"]'))], REFUSED, ("Atlantis",))
    add("pilot ending before it starts", [("policy.pilots", pilot(until="2023-01-01"))], REFUSED, ("until",))
    add("pilot ending as it starts", [("policy.pilots", pilot(until="2023-04-01"))], ANY)
    add("pilot with from and from_tick", [("policy.pilots", pilot(from_tick="1"))], REFUSED, ("from",))
    add("pilot of a key industry", [("policy.pilots", pilot(industry='"transportation"'))], ANY)
    add("pilot in no region", [("policy.pilots", pilot(regions="[]"))], ANY)
    # Budgets and sizes have finite ranges (docs/model.md, Valid ranges): the largest double is refused.
    add("pilot of the largest double as budget", [("policy.pilots", pilot(budget="1.7976931348623157e308"))],
        REFUSED, ("budget",))
    add("pilot of the largest budget", [("policy.pilots", pilot(budget="1e6"))], HANDLED_RUN)
    add("pilot over the whole run", [("policy.pilots", pilot(**{"from": None, "until": None}))], HANDLED_RUN)
    add("two pilots of one cluster", [("policy.pilots", pilot() + pilot())], ANY)
    cluster = lambda r, i, s="1.0": [("region", f'"{r}"'), ("industry", f'"{i}"'), ("size", s)]
    add("initial cluster in an unknown region",
        [("firms.initial_clusters", [cluster("Atlantis", "transportation")])], REFUSED, ("Atlantis",))
    add("initial cluster of an unknown industry",
        [("firms.initial_clusters", [cluster("Anhui", "warp_drives")])], REFUSED, ("warp_drives",))
    add("initial cluster listed twice",
        [("firms.initial_clusters", [cluster("Anhui", "transportation")] * 2)], ANY)
    add("initial clusters all of size zero",
        [("firms.initial_clusters", [cluster("Anhui", "transportation", "0.0")])], ANY)
    add("initial clusters of the largest double as size",
        [("firms.initial_clusters", [cluster("Anhui", "transportation", "1.7976931348623157e308"),
                                     cluster("Beijing", "transportation", "1.7976931348623157e308")])], REFUSED,
        ("size",))
    add("initial clusters of the largest size",
        [("firms.initial_clusters", [cluster("Anhui", "transportation", "1e9"),
                                     cluster("Beijing", "transportation", "1e9")])], HANDLED_RUN)
    add("initial clusters of the smallest size",
        [("firms.initial_clusters", [cluster("Anhui", "transportation", "5e-324")])], HANDLED_RUN)
    add("initial clusters summing to more firms than there are",
        [("firms.initial_clusters", [cluster(r, i, "1.0") for r in regions() for i in industries()])],
        HANDLED_RUN, sets=[("firms.initial_count", "1")])
    add("regions = a number", [], REFUSED, ("regions",), sets=[("regions", "5")])
    add("regions = an array of numbers", [], REFUSED, ("regions",), sets=[("regions", "[1, 2]")])
    add("regions = an empty table", [], REFUSED, ("regions",), sets=[("regions", "{}")])
    add("regions = an empty array", [], REFUSED, ("regions",), sets=[("regions", "[]")])
    add("regions file = an empty string", [], REFUSED, ("regions",), sets=[("regions", '{ file = "" }')])
    add("regions file with another key", [], REFUSED, ("regions",),
        sets=[("regions", '{ file = "regions.csv", sheet = 1 }')])
    add("regions file not found", [], REFUSED, ("no_such.csv",), sets=[("regions", '{ file = "no_such.csv" }')])
    add("industries file = the regions file", [], REFUSED, ("regions.csv",),
        sets=[("industries", '{ file = "regions.csv" }')])
    return out


SEMANTIC = _semantic_cases()


def record_semantics(context, rng):
    label, rows_by_key, sets, expected, mentions = rng.choice(SEMANTIC)
    scenario, _ = _scenario(rows_by_key, sets)
    return Case(family="record-semantics", category=f"record-semantics: {label}", label=label,
                files={"scenario.toml": scenario.encode()}, expected=expected, mentions=mentions)
