"""One run, the same bits whatever its number of threads (`clustersim run --threads N`, sim/parallel.hpp).

Runs the city-scale scenario (300 regions, here 30,000 firms for 4 ticks) and the small 31-region test
scenario (with the accounting identities checked) with 1, 2 and 3 threads, and compares the output files
object by object and bit for bit with scripts/compare_outputs.py. A run with another seed must differ,
so that the comparison is seen to tell runs apart. --threads 0 is refused with exit status 2.

    /usr/bin/python3 tests/e2e/threads_test.py BUILD/clustersim
"""
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
COMPARE = ROOT / "scripts" / "compare_outputs.py"

CASES = {
    "cities300": [str(ROOT / "configs" / "scale" / "cities300.toml"), "--set", "firms.initial_count=30000",
                  "--set", "simulation.ticks=4"],
    "small": [str(ROOT / "tests" / "data" / "small.toml"), "--set", "simulation.ticks=12", "--check"],
}


def run(clustersim, arguments, output, threads, seed=1):
    command = [clustersim, "run", "-q", *arguments, "--seed", str(seed), "--threads", str(threads), "-o", str(output)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(command)} exited {result.returncode}: {result.stderr}")


def differences(before, after):
    result = subprocess.run(["/usr/bin/python3", str(COMPARE), str(before), str(after)], capture_output=True, text=True)
    if result.returncode == 2:
        raise SystemExit(f"FAIL: compare_outputs.py: {result.stderr}")
    return result.returncode, result.stdout + result.stderr


def main():
    clustersim = sys.argv[1]
    failures = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        for name, arguments in CASES.items():
            outputs = {threads: folder / f"{name}-{threads}.h5" for threads in (1, 2, 3)}
            for threads, output in outputs.items():
                run(clustersim, arguments, output, threads)
            for threads in (2, 3):
                status, report = differences(outputs[1], outputs[threads])
                if status != 0:
                    failures.append(f"{name}: 1 and {threads} threads differ:\n{report}")
            other_seed = folder / f"{name}-seed2.h5"
            run(clustersim, arguments, other_seed, 2, seed=2)
            status, _ = differences(outputs[1], other_seed)
            if status != 1:
                failures.append(f"{name}: seeds 1 and 2 gave the same file: the comparison cannot tell runs apart")
        refused = subprocess.run([clustersim, "run", "-q", *CASES["small"], "--threads", "0", "-o",
                                  str(folder / "never.h5")], capture_output=True, text=True)
        if refused.returncode != 2 or "--threads" not in refused.stderr:
            failures.append(f"--threads 0: exit {refused.returncode}, {refused.stderr!r}; expected 2 naming --threads")
        if (folder / "never.h5").exists():
            failures.append("--threads 0 left an output file")
    for failure in failures:
        print("FAIL:", failure)
    if failures:
        sys.exit(1)
    print("threads: 1, 2 and 3 threads give the same bits (cities300 and small)")


if __name__ == "__main__":
    main()
