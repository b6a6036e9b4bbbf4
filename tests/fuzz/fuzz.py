#!/usr/bin/python3
"""Runs cases of the fuzz corpus against a clustersim binary and judges how each ended.

    tests/fuzz/fuzz.py BINARY [--seed 18] [--cases 2000] [--shard K/N] [--jobs 2] [--keep DIR]
    tests/fuzz/fuzz.py BINARY --seed 18 --case 1234        one case again, alone

Cases are made from the keys `BINARY config-reference` lists (tests/fuzz/generator.py). Each runs in a
folder of its own holding the tiny base scenario and the case's files, within a time and memory limit, and
must end in one of the ways tests/fuzz/outcome.py accepts for it. A failing case is printed with its
reproduction (the command, its folder, the files it changed) and its folder is kept under --keep. The last
line is 'N tried, N handled'; the exit status is 1 when a case was not handled.
"""
import argparse
import collections
import concurrent.futures
import pathlib
import resource
import shlex
import shutil
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import generator  # noqa: E402
from case import describe_files, materialize  # noqa: E402
from outcome import Limits, judge  # noqa: E402


def no_core_dumps():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_case(binary, made, folder, limits):
    materialize(made, folder)
    argv = [binary, *made.argv()]
    output = folder / made.output if made.command in ("run", "sweep", "calibrate", "moments") else None
    return judge(argv, output, made.expected, limits, cwd=folder, mentions=made.mentions, preexec=no_core_dumps,
                 patterns=made.patterns, given=[folder / name for name in made.files])


def report(binary, seed, made, verdict, folder):
    command = shlex.join([binary, *made.argv()])
    again = shlex.join([sys.executable, __file__, binary, "--seed", str(seed), "--case", str(made.index)])
    lines = [f"FAIL case {made.index} [{made.category}]",
             f"  {made.label}",
             f"  {verdict.summary()}",
             f"  expected: {' or '.join(sorted(made.expected))}"
             + (f", naming {', '.join(map(repr, made.mentions))}" if made.mentions else "")
             + (f", matching {', '.join(map(repr, made.patterns))}" if made.patterns else ""),
             f"  reproduce: cd {shlex.quote(str(folder))} && {command}",
             f"  or again:  {again}"]
    files = describe_files(made, folder)
    if files:
        lines += ["  files (the others are tests/fuzz/tiny/ unchanged):"] + ["    " + l for l in files.splitlines()]
    return "\n".join(lines)


def parse_shard(text):
    k, n = (int(x) for x in text.split("/"))
    if not 0 <= k < n:
        raise argparse.ArgumentTypeError("--shard K/N needs 0 <= K < N")
    return k, n


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--cases", type=int, default=2000, help="cases 0 to N-1 of the seed (default 2000)")
    parser.add_argument("--first", type=int, default=0, help="start at this case number")
    parser.add_argument("--case", type=int, action="append", help="run only this case (repeatable)")
    parser.add_argument("--shard", type=parse_shard, default=(0, 1), help="K/N: the cases whose number is K mod N")
    parser.add_argument("--jobs", type=int, default=1, help="cases run at the same time")
    parser.add_argument("--keep", help="folder to keep failing cases in (default: none kept)")
    parser.add_argument("--scratch", help="folder for the cases while they run (default: a temporary one)")
    parser.add_argument("--time-limit", type=float, default=10.0,
                        help="processor seconds before a case counts as a hang (default 10; ten times that in "
                             "wall-clock time, or 10 s without using the processor, count too)")
    parser.add_argument("--memory-limit-mb", type=int, default=2048)
    parser.add_argument("--list", action="store_true", help="print the cases, run nothing")
    args = parser.parse_args()

    binary = str(pathlib.Path(args.binary).resolve())
    context = generator.context_of(binary)
    k, n = args.shard
    numbers = args.case or [i for i in range(args.first, args.first + args.cases) if i % n == k]
    if args.list:
        for i in numbers:
            made = generator.case(context, args.seed, i)
            print(f"{i:6d} {made.command:8s} {made.category}  |  {made.label[:150]}")
        return 0
    limits = Limits(seconds=10 * args.time_limit, memory_bytes=args.memory_limit_mb << 20,
                    cpu_seconds=args.time_limit, stall_seconds=10.0)
    scratch = pathlib.Path(args.scratch or tempfile.mkdtemp(prefix="clustersim-fuzz-"))
    scratch.mkdir(parents=True, exist_ok=True)
    keep = pathlib.Path(args.keep) if args.keep else None
    failures = []
    durations = []
    tried = handled = 0
    started = time.monotonic()

    def one(i):
        made = generator.case(context, args.seed, i)
        folder = scratch / f"case-{i}"
        verdict = run_case(binary, made, folder, limits)
        kept = keep / f"case-{i}" if keep is not None else None
        if kept is not None and kept.exists():
            shutil.rmtree(kept)  # from an earlier run
        if not verdict.ok and kept is not None:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.move(str(folder), str(kept))
            folder = kept
        elif folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        return made, verdict, folder

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for made, verdict, folder in pool.map(one, numbers):
            tried += 1
            handled += verdict.ok
            durations.append((verdict.seconds, made.index, made.category))
            if not verdict.ok:
                failures.append((made, verdict))
                print(report(binary, args.seed, made, verdict, folder), flush=True)
            if tried % 250 == 0:
                print(f"... {tried} of {len(numbers)} tried, {tried - handled} not handled, "
                      f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    if not args.scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    if failures:
        print("\nNot handled, by category:")
        groups = collections.defaultdict(list)
        for made, verdict in failures:
            groups[(made.category, verdict.outcome, verdict.reason.split(":")[0])].append(made.index)
        for (category, outcome, reason), indices in sorted(groups.items()):
            print(f"  {len(indices):4d} x {category}: {outcome}, {reason} (case {indices[0]})")
        if keep is not None:
            print(f"Their folders are in {keep}")
    slowest = ", ".join(f"case {i} {s:.1f} s" for s, i, _ in sorted(durations, reverse=True)[:5])
    in_failures = sum(verdict.seconds for _, verdict in failures)
    print(f"seed {args.seed}, {time.monotonic() - started:.0f} s ({in_failures:.0f} s of it in cases not handled); "
          f"slowest: {slowest}")
    print(f"{tried} tried, {handled} handled")
    return 0 if tried == handled else 1


if __name__ == "__main__":
    sys.exit(main())
