"""What the command-line scripts of scripts/ share: one-line errors with exit status 2, notes on stderr
after success, and the options that choose one run of a sweep file."""
import os
import pathlib
import sys
import warnings

from .errors import InputError, RunError

_notes = []


def note(text):
    """An informational line for stderr (a panel left out, the run taken from a sweep, a file written).
    Notes are shown when the script succeeds; on bad input only the error line is, so it stays one line."""
    _notes.append(text)


def one_line(text):
    """`text` as one line: its non-blank lines joined by '; '. The binary writes one line per error of a
    scenario, and a failed run of a sweep keeps its whole message; a script's error stays one line."""
    return "; ".join(line.strip() for line in str(text).splitlines() if line.strip())


def run_script(main):
    """Calls main() and exits with its status; bad input exits with status 2 and one line on stderr, a
    failed clustersim binary with the binary's own status and its message on one line."""
    program = pathlib.Path(sys.argv[0]).name
    quiet_nan_warnings()
    try:
        status = main()
    except InputError as error:
        print(f"{program}: error: {one_line(error)}", file=sys.stderr)
        sys.exit(2)
    except RunError as error:
        print(f"{program}: error: {one_line(error)}", file=sys.stderr)
        sys.exit(error.status or 1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): stop quietly, as command-line tools do, without a
        # second error when Python flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    for text in _notes:
        print(f"{program}: {text}", file=sys.stderr)
    sys.exit(status or 0)


def add_run_selection_arguments(parser, runs=1):
    """--scenario/--replicate: which run of a sweep file a run script uses (runs=2: one value each for A and B,
    or one value for both)."""
    count = "N" if runs == 1 else "N [M]"
    nargs = None if runs == 1 else "+"
    parser.add_argument("--scenario", type=int, nargs=nargs, metavar=count,
                        help="sweep files only: the scenario index to use (default 0)"
                        + ("; two values: one for A, one for B" if runs > 1 else ""))
    parser.add_argument("--replicate", type=int, nargs=nargs, metavar=count,
                        help="sweep files only: the replicate index to use (default 0)"
                        + ("; two values: one for A, one for B" if runs > 1 else ""))


def quiet_nan_warnings():
    """NaN-aware reductions over all-NaN slices (undefined indices, runs not done) warn; the NaN is wanted."""
    warnings.filterwarnings("ignore", message="All-NaN slice encountered")
    warnings.filterwarnings("ignore", message="Mean of empty slice")
    warnings.filterwarnings("ignore", message="invalid value encountered")
