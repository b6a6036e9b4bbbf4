"""Cases that break the tiny scenario's CSV data files: their structure (columns, quotes, line ends,
encodings), their names (empty, invalid UTF-8, NUL, control characters, duplicates, case) and their numbers.

A mutation that makes a file wrong must be refused naming the file and the line; one that a spreadsheet
export may produce without being wrong (a byte order mark, CRLF, blank lines, quotes) must run.
"""
import dataclasses

from case import ANY, Case, HANDLED_RUN, REFUSED
from tiny_data import csv_table, csv_text, data_line

REQUIRED = {"regions.csv": ["region", "lat", "lon", "gdp_2022", "population_2022"],
            "industries.csv": ["industry", "kind", "digital"]}
OPTIONAL = {"regions.csv": ["capital", "area_km2"], "industries.csv": ["inputs"]}
UNREFERENCED = {"regions.csv": [0, 3], "industries.csv": [2]}   # rows no schedule, pilot or input names
NUMERIC = {"regions.csv": ["lat", "lon", "gdp_2022", "population_2022", "area_km2"], "industries.csv": []}


@dataclasses.dataclass
class Broken:
    content: bytes
    expected: frozenset
    mentions: tuple
    label: str
    schema_level: bool = False   # refused by the reading of the file itself (reported with every other such error)


def _replace(rows, row, column, text):
    rows = [list(r) for r in rows]
    rows[row][column] = text
    return rows


def mutate(name, rng):
    """One mutation of the tiny CSV `name`."""
    comments, header, rows = csv_table(name)
    header, rows = list(header), [list(r) for r in rows]
    line = lambda row: data_line(comments, row)
    header_line = len(comments) + 1
    row = rng.randrange(len(rows))
    at = f"{name}:{line(row)}:"
    choices = []

    def add(label, content, expected, mentions=(), schema_level=False):
        choices.append(lambda: Broken(content, expected, tuple(mentions), label, schema_level))
    text = lambda h=header, r=rows, c=comments, nl="\n": csv_text(c, h, r, nl)
    # Columns.
    col = header.index(rng.choice(REQUIRED[name]))
    def drop(h, r, i):
        return [x for j, x in enumerate(h) if j != i], [[x for j, x in enumerate(rr) if j != i] for rr in r]
    add("a required column missing", text(*drop(header, rows, col)), REFUSED, (f"{name}:", header[col]), True)
    opt = header.index(rng.choice(OPTIONAL[name]))
    add("an optional column missing", text(*drop(header, rows, opt)), HANDLED_RUN)
    add("an unknown column", text(header + ["bogus"], [r + ["1"] for r in rows]), REFUSED,
        (f"{name}:{header_line}:", "bogus"), True)
    add("a column twice", text(header + [header[col]], [r + [r[col]] for r in rows]), REFUSED,
        (f"{name}:{header_line}:",), True)
    add("an empty column name", text(header + [""], [r + ["1"] for r in rows]), REFUSED, (f"{name}:{header_line}:",),
        True)
    add("header in capitals", text([h.upper() for h in header], rows), REFUSED, (f"{name}:{header_line}:",), True)
    add("header with blanks", text([f" {h} " for h in header], rows), HANDLED_RUN)
    add("a cell missing", text(header, [r[:-1] if i == row else r for i, r in enumerate(rows)]), REFUSED, (at,), True)
    add("a cell too many", text(header, [r + ["1"] if i == row else r for i, r in enumerate(rows)]), REFUSED, (at,),
        True)
    add("a trailing comma on every line", b"".join(
        line + (b",\n" if line and not line.startswith(b"#") else b"\n") for line in text().split(b"\n")[:-1]),
        REFUSED, (f"{name}:",), True)
    # Quotes.
    add("every cell quoted", text([f'"{h}"' for h in header], [[f'"{c}"' for c in r] for r in rows]), HANDLED_RUN)
    free = rng.choice(UNREFERENCED[name])
    add("a name with a comma, quoted", text(header, _replace(rows, free, 0, f'"{rows[free][0]}, the city"')),
        HANDLED_RUN)
    add("a name with a doubled quote", text(header, _replace(rows, free, 0, f'"{rows[free][0]} ""X"""')), HANDLED_RUN)
    add("an unterminated quote", text(header, _replace(rows, row, 0, f'"{rows[row][0]}')), REFUSED, (f"{name}:",), True)
    add("text after a closing quote", text(header, _replace(rows, row, 0, f'"{rows[row][0]}"x')), REFUSED, (at,), True)
    add("a quote inside an unquoted cell", text(header, _replace(rows, free, 0, f'{rows[free][0]}"x')), ANY,
        (f"{name}:",))
    # Encodings and line ends.
    add("a byte order mark", b"\xef\xbb\xbf" + text(), HANDLED_RUN)
    add("CRLF line ends", text(nl="\r\n"), HANDLED_RUN)
    add("CR line ends", text(nl="\r"), REFUSED, (f"{name}:",))
    add("blank lines between rows", text().replace(b"\n", b"\n\n   \n"), HANDLED_RUN)
    add("no final line break", text().rstrip(b"\n"), HANDLED_RUN)
    add("a comment between rows", text(header, rows[:1] + [["# a comment"]] + rows[1:]), HANDLED_RUN)
    add("a comment at the end of a row", text(header, _replace(rows, row, len(header) - 1, rows[row][-1] + " # note")),
        REFUSED if header[-1] in NUMERIC[name] else ANY, (at,))
    add("only comments", b"# nothing\n# here\n", REFUSED, (f"{name}:",), True)
    add("an empty file", b"", REFUSED, (f"{name}:",), True)
    add("a header only", text(header, []), REFUSED, (f"{name}:",), True)
    add("UTF-16", text().decode("utf-8").encode("utf-16"), REFUSED, (f"{name}:",))
    add("tab-separated", text().replace(b",", b"\t"), REFUSED, (f"{name}:",), True)
    add("semicolon-separated", text().replace(b",", b";"), REFUSED, (f"{name}:",), True)
    add("a NUL byte in a line", text().replace(b"\n", b"\x00\n", 3), REFUSED, (f"{name}:",))
    # Names, of a row no schedule, pilot or input refers to (so that a valid name keeps the scenario valid).
    row = rng.choice(UNREFERENCED[name])
    at = f"{name}:{line(row)}:"
    names = lambda text_: text(header, _replace(rows, row, 0, text_))
    add("an empty name", names(""), REFUSED, (at,), True)
    add("a name of blanks", names("   "), REFUSED, (at,), True)
    add("a name of invalid UTF-8", names("Bei\udcffjing"), REFUSED, (at,))
    add("a name with an encoded surrogate", names("Bei\udced\udca0\udc80jing"), REFUSED, (at,))
    add("a name with a NUL byte", names(rows[row][0] + "\x00X"), REFUSED, (at,))
    add("a name with an escape character", names("Bei\x1bjing"), REFUSED, (at,))
    add("a name with a DEL character", names("Bei\x7fjing"), REFUSED, (at,))
    add("a name with a tab inside", names("Bei\tjing"), REFUSED, (at,))
    add("a name of 10000 characters", names("x" * 10000), HANDLED_RUN | REFUSED, (at,))
    add("a name in Chinese", names("\u5317\u4eac" + str(row)), HANDLED_RUN)
    add("a name with a no-break space", names("\u00a0"), ANY, (at,))
    other = (row + 1) % len(rows)
    add("a name twice", names(rows[other][0]), REFUSED, (f"{name}:", rows[other][0]))
    add("names that differ only in case", names(rows[other][0].upper()), ANY, (f"{name}:",))
    add("a name with a semicolon", names(rows[row][0] + ";x"), ANY, (f"{name}:",))
    # Numbers.
    if NUMERIC[name]:
        column = header.index(rng.choice(NUMERIC[name]))
        number = lambda text_: text(header, _replace(rows, row, column, text_))
        cell = f"{name}:{line(row)}:"
        positive = header[column] in ("gdp_2022", "population_2022", "area_km2")
        add("a number beyond the doubles", number("1e400"), REFUSED, (cell,), True)
        add("a number with a thousands separator", number("41 611"), REFUSED, (cell,), True)
        add("a hexadecimal number", number("0x10"), REFUSED, (cell,), True)
        add("a number with a plus sign", number("+5"), ANY, (cell,))
        add("a number with blanks around", number(" 5 "), HANDLED_RUN)
        add("a number with a decimal comma", number('"5,5"'), REFUSED, (cell,), True)
        add("a number of 1000 digits", number("9" * 1000), REFUSED if not positive else ANY, (cell,))
        add("a number that underflows to zero", number("1e-400"), ANY, (cell,))
        add("nan", number("nan"), REFUSED, (cell,), True)
        add("inf", number("inf"), REFUSED, (cell,), True)
        if positive:
            # Outside the finite ranges the model is built for (docs/model.md, Valid ranges): refused at the cell.
            add("the largest double", number("1.7976931348623157e308"), REFUSED, (cell,), True)
            add("1e308", number("1e308"), REFUSED, (cell,), True)
            add("the smallest positive double", number("5e-324"), REFUSED, (cell,), True)
            top = {"gdp_2022": "1e7", "population_2022": "1e6", "area_km2": "2e7"}[header[column]]
            # At the top of its range one region dwarfs the others: it runs, or the closure refuses the start.
            add("the top of its range", number(top), ANY)
        else:
            add("a latitude or longitude at its bound", number("90" if header[column] == "lat" else "-180"),
                HANDLED_RUN)
    # Rows.
    add("one row only", text(header, rows[:1]), ANY)
    if name == "regions.csv":
        # GDP per head and density like the tiny regions', so that only their number is new.
        many = [[f"R{i}", "C", f"{(i * 7.3) % 180 - 90:.2f}", f"{(i * 13.1) % 360 - 180:.2f}", str(20000 + 100 * i),
                 str(1000 + 5 * i), str(50000 + 100 * i)] for i in range(200)]
        add("200 regions", text(header, rows + many), HANDLED_RUN)
        add("every region at one place", text(header, [r[:2] + ["30.0", "110.0"] + r[4:] for r in rows]), HANDLED_RUN)
        add("an area missing for one region", text(header, _replace(rows, row, header.index("area_km2"), "")),
            REFUSED, ("area_km2",))
    else:
        add("an input from an unknown industry", text(header, _replace(rows, row, 3, "warp_drives")), REFUSED,
            ("warp_drives",))
        add("an industry that inputs from itself", text(header, _replace(rows, row, 3, rows[row][0])), ANY,
            (f"{name}:",))
        add("an input list with empty items", text(header, _replace(rows, row, 3, ";" + rows[(row + 1) % 3][0] + ";;")),
            ANY, (f"{name}:",))
        inputs = ";".join([rows[(row + 1) % 3][0]] * 10000)
        add("an input list of 10000 items", text(header, _replace(rows, row, 3, inputs)), ANY, (f"{name}:",))
        add("no industry has inputs", text(header, [r[:3] + [""] for r in rows]), HANDLED_RUN)
        many = [[f"industry_{i}", ["emerging", "future", "key"][i % 3], str(i % 2), ""] for i in range(60)]
        add("60 industries", text(header, rows + many), HANDLED_RUN)
    return rng.choice(choices)()


def broken_csv(context, rng, schema_level=False):
    """A tiny CSV file broken; with schema_level, one the reading of the file refuses by itself."""
    name = rng.choice(["regions.csv", "industries.csv"])
    broken = mutate(name, rng)
    while schema_level and not broken.schema_level:
        broken = mutate(name, rng)
    return Case(family="csv", category=f"csv: {name} {broken.label}", label=f"{name}: {broken.label}",
                target="tiny.toml", files={name: broken.content}, expected=broken.expected, mentions=broken.mentions)
