#!/usr/bin/python3
"""Replays the hostile inputs of issue 18 against a clustersim binary and says how each ended.

Each case must end in one of three ways, within the time limit and under the memory limit:
  refused  exit 2 and a message naming the input (file, line or key);
  stopped  exit 1 and a one-line runtime error;
  ran      exit 0 and an output file whose floating-point values are all finite.
A hang, a signal, std::bad_alloc, a multi-line error, a non-finite output value or a leftover .partial
file is a failure.

    tests/fuzz/reproductions.py build/clustersim [--only NAME] [--scratch DIR]

Prints one row per case and 'N tried, N handled'; exits 1 when a case failed.
"""
import argparse
import dataclasses
import os
import pathlib
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from outcome import judge, Limits  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASELINE = ROOT / "configs" / "baseline.toml"
SHORT = ["--set", "simulation.ticks=8", "--set", "simulation.burn_in_years=0"]


def edited_csv(scratch, source, name, edit):
    """A copy of a data CSV with one edit (a function of the list of lines) applied."""
    lines = (ROOT / "configs" / "data" / source).read_bytes().split(b"\n")
    path = scratch / name
    path.write_bytes(b"\n".join(edit(lines)))
    return path


def replace_field(column, value, row=0):
    """An edit that sets one field of the first data row (after comments and header)."""
    def edit(lines):
        data = [i for i, line in enumerate(lines) if line and not line.startswith(b"#")]
        header, target = data[0], data[1 + row]
        columns = lines[header].split(b",")
        fields = lines[target].split(b",")
        fields[columns.index(column)] = value
        lines[target] = b",".join(fields)
        return lines
    return edit


def scenario_with(scratch, name, text):
    path = scratch / name
    path.write_text(f'base = "{BASELINE}"\n' + text)
    return path


@dataclasses.dataclass
class Case:
    name: str
    argv: list
    expected: set
    mentions: tuple = ()      # texts the message must contain (the key, file or line at fault)
    preexec: object = None    # run in the child before the command (resource limits)


def file_size_limit(limit_bytes):
    """A full disk without root: writes past the limit fail with EFBIG instead of killing the process."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return apply


def cases(scratch):
    """Every reproduction of the issue, with its acceptable outcomes."""
    out = []

    def run(*sets, extra=(), name=None, expected=("refused",), mentions=None):
        argv = ["run", str(BASELINE), *extra, *[a for s in sets for a in ("--set", s)]]
        keys = tuple(s.split("=")[0] for s in sets)
        out.append(Case(name or " ".join(sets), argv, set(expected), keys if mentions is None else mentions))

    def run_file(name, scenario, expected=("refused",), mentions=()):
        out.append(Case(name, ["run", str(scenario)], set(expected), mentions))

    def with_csv(name, source, edit, key):
        csv = edited_csv(scratch, source, name.replace(" ", "_") + ".csv", edit)
        run_file(name, scenario_with(scratch, name.replace(" ", "_") + ".toml", f'[{key}]\nfile = "{csv}"\n'),
                 mentions=(csv.name,))

    # Values that hung.
    run("market.elasticity=100", expected=("refused", "ran"))
    run("talent.wage_adjustment_rate=4294967296")
    run("policy.transport_cost=1e308")
    run_file("transport cost 1e308 by schedule", scenario_with(
        scratch, "transport_schedule.toml", '[[policy.schedule]]\nfrom = 2026-01-01\nset = { transport_cost = 1e308 }\n'),
        mentions=("transport_schedule.toml:", "transport_cost"))
    run("talent.wage_to_gdp_per_capita=1e308")
    run("talent.wage_to_gdp_per_capita=5e-324")
    run("entry.productivity_beta_a=1e308")
    with_csv("industry elasticity 1e308", "industries.csv", lambda lines: _add_column(lines, b"elasticity", b"1e308"),
             "industries")
    for column, value in [(b"gdp_2022", b"1e308"), (b"gdp_2022", b"5e-324"),
                          (b"population_2022", b"1e308"), (b"population_2022", b"5e-324")]:
        with_csv(f"region {column.decode()} {value.decode()}", "china31-regions.csv", replace_field(column, value),
                 "regions")
    fifo = scratch / "scenario.fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    out.append(Case("FIFO as scenario", ["validate", str(fifo)], {"refused"}, ("scenario.fifo",)))

    # Memory at documented values.
    run("output.time_chunk=100000", extra=SHORT, expected=("refused", "ran"))
    run("entry.profit_sensitivity=100", expected=("refused", "ran"))
    run("knowledge.basic_depreciation=1e-9", expected=("refused", "ran"))
    run("entry.base_rate=4294967296")

    # Silent non-finite output.
    for setting in ["policy.vc_pool=1e308", "firms.fixed_cost=1e308", "knowledge.research_productivity=1e308",
                    "policy.leading_support=1e308", "policy.guidance_leverage=1e308",
                    "future.initial_experience_years=1e308", "policy.transport_cost=1e200"]:
        run(setting)

    # Talent counts beyond 32 bits.
    run("policy.education_budget=1000", expected=("refused", "ran"))
    run("policy.education_budget=1e300")

    # Names and other input.
    with_csv("empty region name", "china31-regions.csv", replace_field(b"region", b""), "regions")
    with_csv("empty industry name", "industries.csv", replace_field(b"industry", b""), "industries")
    with_csv("invalid UTF-8 in a name", "china31-regions.csv", replace_field(b"region", b"Bei\xffjing"), "regions")
    with_csv("NUL byte in a name", "china31-regions.csv", replace_field(b"region", b"Beijing\x00X", row=1), "regions")
    with_csv("control character in a name", "china31-regions.csv", replace_field(b"region", b"Bei\x1bjing"),
             "regions")
    # Meant: an industry that buys from itself is the vertical-linkages case (docs/model.md §7.2).
    with_csv("industry inputs from itself", "industries.csv",
             replace_field(b"inputs", b"new_materials;information_technology", row=0), "industries")
    out[-1].expected = {"ran"}
    run(extra=["--seed", "9000000000000000001", *SHORT], name="seed above 9e18 (--seed)", mentions=("seed",))
    run_file("seed above 9e18 in file", scenario_with(scratch, "seed.toml", "[simulation]\nseed = 9000000000000000001\n"),
             mentions=("seed.toml:", "simulation.seed"))

    # Messages.
    out.append(Case("base is /dev/zero", ["validate", str(_write(scratch / "dev_zero.toml", 'base = "/dev/zero"\n'))],
                    {"refused"}, ("dev_zero.toml:1:",)))
    out.append(Case("base is a directory", ["validate", str(_write(scratch / "dir_base.toml", f'base = "{scratch}"\n'))],
                    {"refused"}, ("dir_base.toml:1:",)))
    sweep = f'[sweep]\nscenario = "{BASELINE}"\nreplicates = 1\n'
    parameters = '[[sweep.parameters]]\nkey = "policy.openness"\nvalues = [0.5]\n'
    out.append(Case("sweep keep bogus", ["sweep", str(_write(scratch / "sweep_keep.toml",
                    sweep + 'keep = ["bogus"]\n' + parameters))], {"refused"}, ("sweep_keep.toml:4:", "bogus")))
    out.append(Case("sweep scenario missing", ["sweep", str(_write(scratch / "sweep_missing.toml",
                    '[sweep]\nscenario = "no_such.toml"\nreplicates = 1\n' + parameters))],
                    {"refused"}, ("sweep_missing.toml:2:", "no_such.toml")))
    out.append(Case("sweep with two errors", ["sweep", str(_write(scratch / "sweep_two.toml",
                    sweep.replace("replicates = 1", "replicates = -1") + 'keep = ["bogus"]\n' + parameters))],
                    {"refused"}, ("sweep_two.toml:3:", "sweep_two.toml:4:")))
    run(extra=["-o", str(scratch / "full.h5"), *SHORT], name="full disk (file size limit 1 MB)",
        expected=("stopped",), mentions=("full.h5",))
    out[-1].preexec = file_size_limit(1 << 20)
    readonly = scratch / "readonly"
    readonly.mkdir(exist_ok=True)
    run(extra=["-o", str(readonly / "out.h5"), *SHORT], name="read-only output folder",
        expected=("refused", "stopped"), mentions=("readonly",))
    return out


def read_only(folder):
    """Makes a folder read-only even for root (a read-only tmpfs mounted on it); returns how to undo it."""
    if os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                                            stderr=subprocess.DEVNULL).returncode == 0:
        return lambda: subprocess.run(["umount", str(folder)])
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return lambda: folder.chmod(0o755)


def _write(path, text):
    path.write_text(text)
    return path


def _add_column(lines, name, value):
    data = [i for i, line in enumerate(lines) if line and not line.startswith(b"#")]
    lines[data[0]] += b"," + name
    for i in data[1:]:
        lines[i] += b"," + value
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    parser.add_argument("--scratch", help="folder for inputs and outputs (default: a temporary one)")
    args = parser.parse_args()
    binary = str(pathlib.Path(args.binary).resolve())
    scratch = pathlib.Path(args.scratch or tempfile.mkdtemp(prefix="clustersim-repro-"))
    scratch.mkdir(parents=True, exist_ok=True)
    limits = Limits(seconds=60, memory_bytes=2 << 30)
    tried = handled = 0
    all_cases = cases(scratch)
    undo = read_only(scratch / "readonly")
    try:
        for number, case in enumerate(all_cases):
            if args.only and args.only not in case.name:
                continue
            argv = case.argv
            output = scratch / f"case{number}.h5"
            if argv[0] in ("run", "sweep") and "-o" not in argv:
                argv = argv + ["-o", str(output)]
            elif "-o" in argv:
                output = pathlib.Path(argv[argv.index("-o") + 1])
            if argv[0] in ("run", "sweep"):
                argv = argv + ["-q"]
            verdict = judge([binary, *argv], output if argv[0] in ("run", "sweep") else None, case.expected, limits,
                            cwd=scratch, mentions=case.mentions, preexec=case.preexec)
            tried += 1
            handled += verdict.ok
            print(f"{'ok  ' if verdict.ok else 'FAIL'} {case.name:40s} {verdict.summary()}", flush=True)
    finally:
        undo()
    print(f"{tried} tried, {handled} handled")
    return 0 if tried == handled else 1


if __name__ == "__main__":
    sys.exit(main())
