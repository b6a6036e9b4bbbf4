"""Cases of malformed or oddly shaped TOML in a scenario file and its base chain: truncation, duplicate
keys and tables, bad escapes, deep nesting, invalid UTF-8, NUL bytes, unknown keys, base cycles and long
base chains. Malformed TOML must be refused naming the file and the line.
"""
from case import ANY, Case, HANDLED_RUN, REFUSED

GOOD = """base = "tiny.toml"

[simulation]
ticks = 4
seed = 7

[policy]
openness = 0.6
planner_mode = "coordinated"

[[policy.schedule]]
from = 2023-04-01
regions = ["Anhui"]
set = { basic_research_funding = 0.004 }
"""
AT_FILE = r"scenario\.toml:\d+:"


def _line_of(text, fragment):
    return text[:text.index(fragment)].count("\n") + 1


def _replace(fragment, replacement):
    return GOOD.replace(fragment, replacement, 1)


def cases(rng):
    """[(label, {file: bytes}, expected, mentions, patterns)]"""
    out = []

    def add(label, text, expected, mentions=(), patterns=(), files=None):
        content = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
        out.append((label, {"scenario.toml": content, **(files or {})}, expected, tuple(mentions), tuple(patterns)))
    at = lambda fragment, text=GOOD: f"scenario.toml:{_line_of(text, fragment)}:"
    cut = rng.randrange(1, len(GOOD))
    add("truncated anywhere", GOOD[:cut], ANY, patterns=(AT_FILE,) if cut < len(GOOD) - 1 else ())
    add("truncated inside a string", GOOD[:GOOD.index('"coord') + 4], REFUSED, (at('"coord'),))
    add("truncated inside a table header", GOOD[:GOOD.index("[[policy.sch") + 9], REFUSED, patterns=(AT_FILE,))
    twice = _replace("seed = 7\n", "seed = 7\nseed = 8\n")
    add("a key twice", twice, REFUSED, (at("seed = 8", twice),))
    add("a table twice", GOOD + "\n[simulation]\nseed = 9\n", REFUSED, patterns=(AT_FILE,))
    add("a table and a dotted key of it", GOOD + "\nsimulation.seed = 9\n", REFUSED, patterns=(AT_FILE,))
    add("a bad escape", _replace('"coordinated"', r'"coord\qinated"'), REFUSED, (at('"coordinated"'),))
    add("a surrogate escape", _replace('"coordinated"', r'"coord\uD800"'), REFUSED, (at('"coordinated"'),))
    add("an escape beyond Unicode", _replace('"coordinated"', r'"coord\U00110000"'), REFUSED, (at('"coordinated"'),))
    depth = rng.choice([100, 1000, 100000])
    add(f"arrays nested {depth} deep", GOOD + "\nx = " + "[" * depth + "]" * depth + "\n", REFUSED,
        patterns=(AT_FILE,))
    add(f"inline tables nested {depth} deep", GOOD + "\nx = " + "{a=" * depth + "1" + "}" * depth + "\n", REFUSED,
        patterns=(AT_FILE,))
    add(f"a table header {depth} keys deep", GOOD + "\n[" + ".".join(["a"] * depth) + "]\n", REFUSED,
        patterns=(AT_FILE,))
    add(f"a dotted key {depth} parts deep", GOOD + "\n" + ".".join(["a"] * depth) + " = 1\n", REFUSED,
        patterns=(AT_FILE,))
    add("an unterminated array", _replace('["Anhui"]', '["Anhui"'), REFUSED, patterns=(AT_FILE,))
    add("an unterminated table header", _replace("[simulation]", "[simulation"), REFUSED, (at("[simulation]"),))
    add("a key without a value", _replace("seed = 7", "seed ="), REFUSED, (at("seed = 7"),))
    add("invalid UTF-8 in a comment", GOOD + "# caf\udce9\n", REFUSED, patterns=(AT_FILE,))
    add("invalid UTF-8 in a string", _replace('"coordinated"', '"coord\udcffinated"'), REFUSED, patterns=(AT_FILE,))
    add("a NUL byte", _replace("seed = 7", "seed = 7\x00"), REFUSED, patterns=(AT_FILE,))
    add("a control character in a comment", GOOD + "# bell \x07\n", REFUSED, patterns=(AT_FILE,))
    add("a byte order mark", "\ufeff" + GOOD, HANDLED_RUN)
    add("CRLF line ends", GOOD.replace("\n", "\r\n"), HANDLED_RUN)
    add("CR line ends", GOOD.replace("\n", "\r"), REFUSED, patterns=(AT_FILE,))
    add("a comment of a megabyte", GOOD + "# " + "x" * (1 << 20) + "\n", HANDLED_RUN)
    add("an integer beyond 64 bits", _replace("seed = 7", "seed = 99999999999999999999"), REFUSED, (at("seed = 7"),))
    add("a real beyond the doubles", _replace("openness = 0.6", "openness = 1e400"), REFUSED, (at("openness"),))
    add("February 30", _replace("from = 2023-04-01", "from = 2023-02-30"), REFUSED, (at("from = "),))
    add("month 13", _replace("from = 2023-04-01", "from = 2023-13-01"), REFUSED, (at("from = "),))
    add("year 0", _replace("from = 2023-04-01", "from = 0000-01-01"), ANY, patterns=(AT_FILE,))
    add("an integer with a leading zero", _replace("seed = 7", "seed = 07"), REFUSED, (at("seed = 7"),))
    add("an integer with a double underscore", _replace("seed = 7", "seed = 1__0"), REFUSED, (at("seed = 7"),))
    add("a multi-line inline table", _replace("{ basic_research_funding = 0.004 }",
                                              "{\n basic_research_funding = 0.004\n}"), REFUSED, patterns=(AT_FILE,))
    add("a misspelt key", _replace("seed = 7", "sead = 7"), REFUSED, (at("seed = 7"), "simulation.sead"))
    add("a misspelt table", _replace("[simulation]", "[simulaton]"), REFUSED, (at("[simulation]"), "simulaton"))
    add("a key as a table", GOOD + "\n[simulation.ticks]\nx = 1\n", REFUSED, ("simulation.ticks",))
    add("an array of tables for a table", GOOD.replace("[simulation]", "[[simulation]]"), REFUSED, ("simulation",))
    add("a table as a number", GOOD.replace("[simulation]\nticks = 4\nseed = 7\n", "simulation = 5\n"), REFUSED,
        ("simulation",))
    add("a key with an accent", _replace("seed = 7", "s\u00e9ed = 7"), REFUSED, (at("seed = 7"),))
    add("dotted keys at the top", 'base = "tiny.toml"\nsimulation.seed = 3\npolicy.openness = 0.4\n', HANDLED_RUN)
    add("a string in triple quotes for a number", _replace("openness = 0.6", 'openness = """0.6"""'), REFUSED,
        (at("openness"), "policy.openness"))
    count = rng.choice([200, 2000])
    many = "".join(f"bogus_{i} = {i}\n" for i in range(count))
    # One report keeps 200 errors and counts the rest (which 200 are kept follows the parser's order).
    add(f"{count} unknown keys", GOOD.replace("[policy]\n", "[policy]\n" + many), REFUSED,
        ("policy.bogus_0", "policy.bogus_199") if count == 200 else
        ("policy.bogus_", "at most 200 errors in one report", "1800 more"))
    add("an empty file", "", REFUSED, ("scenario.toml",))
    add("only comments", "# nothing\n", REFUSED, ("scenario.toml",))
    add("blanks only", "  \n\t\n", REFUSED, ("scenario.toml",))
    # The base chain.
    add("a base that leads back", GOOD.replace("tiny.toml", "other.toml"), REFUSED, ("base",),
        files={"other.toml": b'base = "scenario.toml"\n'})
    add("a base that is itself", GOOD.replace("tiny.toml", "scenario.toml"), REFUSED, ("scenario.toml:1:", "base"))
    add("a base that is itself by another path", GOOD.replace("tiny.toml", "./sub/../scenario.toml"), REFUSED,
        ("scenario.toml:1:", "base"))
    add("a base that does not exist", GOOD.replace("tiny.toml", "no_such.toml"), REFUSED,
        ("scenario.toml:1:", "no_such.toml"))
    add("an empty base", GOOD.replace('"tiny.toml"', '""'), REFUSED, ("scenario.toml:1:", "base"))
    add("a base that is a number", GOOD.replace('"tiny.toml"', "5"), REFUSED, ("scenario.toml:1:", "base"))
    add("a base given twice", 'base = "tiny.toml"\n' + GOOD, REFUSED, patterns=(AT_FILE,))
    add("a base inside a table", GOOD.replace("seed = 7", 'base = "tiny.toml"'), REFUSED, ("simulation.base",))
    length = rng.choice([50, 3000])
    chain = {f"chain{i}.toml": f'base = "chain{i + 1}.toml"\n'.encode() for i in range(length - 1)}
    chain[f"chain{length - 1}.toml"] = b'base = "tiny.toml"\n'
    add(f"a chain of {length} base files", GOOD.replace("tiny.toml", "chain0.toml"), HANDLED_RUN | REFUSED,
        ("base",), files=chain)
    return out


def malformed_toml(context, rng):
    label, files, expected, mentions, patterns = rng.choice(cases(rng))
    return Case(family="toml", category=f"toml: {label}", label=label, command=rng.choice(["run", "validate"]),
                files=files, expected=expected, mentions=mentions, patterns=patterns)
