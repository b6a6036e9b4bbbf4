"""The keys of clustersim's scenario, sweep and calibration files, read from `clustersim config-reference`.

The generator takes every key, its kind and its valid range from the program itself, so that a key added
or a range changed is fuzzed without touching the corpus. The Markdown is regular (one table per section,
cells escaped with a backslash before '|'); a row this parser cannot read stops it with the row, rather than
letting a key drop out of the corpus unnoticed.
"""
import dataclasses
import math
import re
import subprocess

INF = math.inf


@dataclasses.dataclass(frozen=True)
class Range:
    low: float = -INF
    high: float = INF
    low_open: bool = True
    high_open: bool = True

    def contains(self, value):
        if math.isnan(value):
            return False
        if value < self.low or (self.low_open and value == self.low):
            return False
        if value > self.high or (self.high_open and value == self.high):
            return False
        return True


@dataclasses.dataclass(frozen=True)
class Spec:
    path: str                  # "policy.vc_pool"; for a field of records, "regions.lat" style is not used
    kind: str                  # real, integer, boolean, choice, string, date, path, string list, real list, records
    unit: str
    range: Range
    choices: tuple = ()
    default: str = ""
    required: bool = False     # fields only: a required column
    aliases: tuple = ()        # fields only: other CSV header names
    fields: tuple = ()         # records keys only: their Spec per field (path = field name)

    @property
    def table(self):
        return self.path.rsplit(".", 1)[0] if "." in self.path else ""

    @property
    def name(self):
        return self.path.rsplit(".", 1)[-1]


def split_row(line):
    """The cells of a Markdown table row, '\\|' kept as '|' inside a cell."""
    cells, cell, i = [], "", 1
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line) and line[i + 1] == "|":
            cell += "|"
            i += 2
            continue
        if line[i] == "|":
            cells.append(cell.strip())
            cell = ""
        else:
            cell += line[i]
        i += 1
    return cells


def parse_range(text):
    text = text.strip()
    if not text:
        return Range()
    bound = re.fullmatch(r"(>=|<=|>|<) (\S+)", text)
    if bound:
        op, value = bound.group(1), float(bound.group(2))
        if op.startswith(">"):
            return Range(low=value, low_open=op == ">")
        return Range(high=value, high_open=op == "<")
    interval = re.fullmatch(r"([\[(])(\S+), (\S+)([\])])", text)
    if not interval:
        raise ValueError(f"cannot read the valid range {text!r}")
    return Range(low=float(interval.group(2)), high=float(interval.group(3)),
                 low_open=interval.group(1) == "(", high_open=interval.group(4) == ")")


def parse_choices(text):
    return tuple(re.findall(r'"((?:[^"\\]|\\.)*)"', text))


def parse_field_name(cell):
    names = re.findall(r"`([^`]+)`", cell)
    if not names:
        raise ValueError(f"cannot read the field name {cell!r}")
    return names[0], tuple(names[1:])


def parse(markdown):
    """Specs of every key, in the order of the reference; records keys carry their fields."""
    keys, order = {}, []
    table, fields_of = "", None
    header = None
    for line in markdown.splitlines():
        section = re.fullmatch(r"## (?:\[(.+)\]|Top-level keys)", line)
        if section:
            table, fields_of, header = section.group(1) or "", None, None
            continue
        owner = re.match(r"Fields of `([^`]+)`", line)
        if owner:
            fields_of, header = owner.group(1), None
            continue
        if not line.startswith("|"):
            continue
        cells = split_row(line)
        if header is None:
            header = cells
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        row = dict(zip(header, cells))
        if len(cells) != len(header):
            raise ValueError(f"a row with {len(cells)} cells under a header of {len(header)}: {line}")
        kind = row["kind"]
        range_text = row["valid range"]
        choices = parse_choices(range_text) if kind == "choice" else ()
        value_range = parse_range(range_text) if kind in ("real", "integer", "real list") else Range()
        if fields_of is None:
            name = parse_field_name(row["key"])[0]
            path = f"{table}.{name}" if table else name
            keys[path] = Spec(path=path, kind=kind, unit=row["unit"], range=value_range, choices=choices,
                              default=row["default"])
            order.append(path)
        else:
            name, aliases = parse_field_name(row["field"])
            field = Spec(path=name, kind=kind, unit=row["unit"], range=value_range, choices=choices,
                         required=row["required"] == "yes", aliases=aliases)
            owner_spec = keys[fields_of]
            keys[fields_of] = dataclasses.replace(owner_spec, fields=owner_spec.fields + (field,))
    return [keys[path] for path in order]


def read(binary, sweep=False, calibration=False):
    """The specs of the scenario keys (or the sweep file's, or the calibration file's keys) of a clustersim
    binary."""
    if sweep and calibration:
        raise ValueError("one listing at a time: the sweep file's keys or the calibration file's")
    argv = [binary, "config-reference"] + (["--sweep"] if sweep else []) + (["--calibration"] if calibration else [])
    text = subprocess.run(argv, check=True, capture_output=True, text=True, timeout=60).stdout
    specs = parse(text)
    if not specs:
        raise ValueError(f"{' '.join(argv)} printed no keys")
    return specs
