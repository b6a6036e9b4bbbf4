"""One fuzz case: the files of its folder, the command to run there, and how it may end.

Every case's folder holds a copy of the tiny base scenario (tests/fuzz/tiny/) with the case's own files
written over it, so a failing case's folder is a complete reproduction: `cd FOLDER && clustersim ARGS`.
"""
import dataclasses
import os
import pathlib
import shutil

TINY = pathlib.Path(__file__).resolve().parent / "tiny"
BASE_FILES = ("tiny.toml", "regions.csv", "industries.csv", "sweep.toml")
OUTPUT = "out.h5"

HANDLED_RUN = frozenset({"ran", "stopped"})     # a valid scenario: it runs, or stops with one line
REFUSED = frozenset({"refused"})
ANY = frozenset({"ran", "stopped", "refused"})   # only the manner of the ending is judged


@dataclasses.dataclass(frozen=True)
class Special:
    """A file that is not plain bytes: fifo, directory, symlink (to `target`), unreadable, or large."""
    kind: str
    target: str = ""
    size: int = 0


@dataclasses.dataclass
class Case:
    family: str                  # which generator made it (value, combination, record, csv, toml, special, ...)
    category: str                # what failed, for grouping: family, key and class of value, no random detail
    label: str                   # the case in words
    command: str = "run"         # run, validate, sweep, calibrate or moments
    target: str = "scenario.toml"
    files: dict = dataclasses.field(default_factory=dict)   # name -> bytes or Special, over the base files
    extra: list = dataclasses.field(default_factory=list)   # more arguments (--set ...)
    expected: frozenset = HANDLED_RUN
    mentions: tuple = ()         # texts a refusal or a stop must contain
    patterns: tuple = ()         # regular expressions a refusal or a stop must match
    output: str = OUTPUT         # run, sweep, calibrate: the HDF5 file; moments: the targets CSV
    index: int = -1

    def argv(self):
        args = [self.command, self.target, *self.extra]
        if self.command in ("run", "sweep"):
            args += ["-o", self.output, "-q"]
        if self.command == "sweep":
            args += ["-j", "1"]
        if self.command == "calibrate":
            args += ["-o", self.output, "-q", "-j", "1"]
        if self.command == "moments":
            args += ["-o", self.output, "-j", "1"]
        return args


def materialize(case, folder):
    """Writes the case's files into `folder` (emptied first)."""
    folder = pathlib.Path(folder)
    if folder.exists():
        _remove(folder)
    folder.mkdir(parents=True)
    for name in BASE_FILES:
        if name not in case.files:
            shutil.copyfile(TINY / name, folder / name)
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Special):
            _make_special(path, content)
        else:
            path.write_bytes(content)


def _make_special(path, special):
    if special.kind == "fifo":
        os.mkfifo(path)
    elif special.kind == "directory":
        path.mkdir()
    elif special.kind == "symlink":
        os.symlink(special.target, path)
    elif special.kind == "unreadable":
        path.write_bytes(b"x = 1\n")
        path.chmod(0)
    elif special.kind == "large":
        # A valid scenario padded with comment lines: large to read, but nothing wrong with it.
        line = b"# " + b"x" * 97 + b"\n"
        with open(path, "wb") as out:
            out.write(b'base = "tiny.toml"\n')
            for _ in range(special.size // len(line)):
                out.write(line)
    else:
        raise ValueError(f"unknown special file {special.kind}")


def _remove(folder):
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            try:
                os.chmod(os.path.join(root, name), 0o700, follow_symlinks=False)
            except (OSError, NotImplementedError):
                pass
    shutil.rmtree(folder)


def describe_files(case, folder, limit=1500):
    """The case's own files as text for a failure report (the base files are tests/fuzz/tiny/ unchanged)."""
    out = []
    for name, content in case.files.items():
        if isinstance(content, Special):
            what = f"{content.kind}" + (f" -> {content.target}" if content.target else "")
            what += f", {content.size} bytes" if content.size else ""
            out.append(f"--- {name}: {what}")
            continue
        text = content.decode("utf-8", "backslashreplace")
        shown = text if len(text) <= limit else text[:limit] + f"\n... ({len(content)} bytes, in {folder}/{name})"
        out.append(f"--- {name}\n{shown}")
    return "\n".join(out)
