"""Writing figures from the scripts: the -o/--dpi options, the output path, the file itself, and the
date axis. The backend is the caller's choice (the scripts choose Agg in scripts/clustersim_files.py;
a notebook keeps its inline one)."""
import io
import os
import pathlib

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from PIL import Image  # Pillow, a dependency of matplotlib

from .errors import InputError
from .scripting import note

FIGURE_FORMATS = (".png", ".pdf", ".svg")
DEFAULT_DPI = 100


def add_output_argument(parser, default_text):
    parser.add_argument("-o", "--output", type=pathlib.Path, metavar="FIG",
                        help=f"figure to write; the format follows the extension ({', '.join(FIGURE_FORMATS)}); "
                        f"default: {default_text}")
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI,
                        help=f"resolution of PNG output (default {DEFAULT_DPI})")


def output_path(requested, input_path, tag=""):
    """The figure path: the one asked for, else INPUT[-tag].png next to the input. Checked before any work."""
    input_path = pathlib.Path(input_path)
    path = requested or input_path.with_name(f"{input_path.stem}{'-' + tag if tag else ''}.png")
    if path.suffix.lower() not in FIGURE_FORMATS:
        raise InputError(f"{path}: unknown figure format '{path.suffix}' (use {', '.join(FIGURE_FORMATS)})")
    return path


def write_atomically(path, write):
    """Calls write(partial) on PATH.partial and renames it to PATH once complete, so that PATH is never
    half-written; a failure removes the partial file and becomes an InputError naming PATH."""
    path = pathlib.Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        write(partial)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write it: {error.strerror or error}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def save_figure(figure, path, dpi=DEFAULT_DPI):
    """Writes the figure in the format of the path's extension. PNGs are stored with a 256-colour
    palette: line plots lose nothing visible and the file is about a third of the size."""
    path = pathlib.Path(path)
    extension = path.suffix.lower()

    def write(partial):
        if extension == ".png":
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=dpi)
            image = Image.open(buffer).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
            image.save(partial, format="png", optimize=True)
        else:
            figure.savefig(partial, format=extension.lstrip("."), dpi=dpi)
    try:
        write_atomically(path, write)
    finally:
        plt.close(figure)
    note(f"wrote {path}")


def safe_file_tag(text):
    return "".join(character if character.isalnum() or character in "._-" else "_" for character in text)


def format_time_axis(axes):
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def plain_numbers(axes):
    """Tick labels as plain numbers on the y axis: no offset or multiplier above it ("1e6"), which a
    reader misses; the values are scaled to readable units before they are drawn."""
    axes.ticklabel_format(axis="y", style="plain", useOffset=False)


def readable_name(label):
    """An identifier-like label as text: new_energy -> "new energy"."""
    return str(label).replace("_", " ")
