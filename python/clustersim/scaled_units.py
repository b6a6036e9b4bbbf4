"""Readable units for figures: values in "1e8 CNY/year" of about 5e6 are drawn as 520 in "trillion
CNY/year", 6e7 persons as 60 in "million persons", a share as a percentage. The scale is chosen from
the human unit and the magnitude of the data, so that no axis needs an offset ("1e6" above it) and
tick labels keep to about four significant digits.

A unit string is read as an optional power of ten, the quantity, then the rest: "1e8 CNY/year" is
1e8 x "CNY" + "/year"; "1e4 persons" is 1e4 x "persons"; "1" is a pure number; anything else (a
UDUNITS unit such as "degree_north", "output unit/year") is a quantity of its own, scaled by words."""
import math
import re
from collections import namedtuple

import numpy as np

# factor: what a value of the file is multiplied by to be drawn; unit: the unit of the drawn value.
Scale = namedtuple("Scale", "factor unit")

WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))
POWER_OF_TEN = re.compile(r"^\s*(1e[+-]?\d+)\s+(.*)$")
DIMENSIONLESS = ("", "1", "-")
SHARE_WORDS = ("share", "rate", "fraction")


def split_power(unit):
    """(multiplier, the rest): "1e8 CNY/year" -> (1e8, "CNY/year"); "persons" -> (1, "persons")."""
    match = POWER_OF_TEN.match(unit or "")
    if not match:
        return 1.0, (unit or "").strip()
    return float(match.group(1)), match.group(2).strip()


def largest_magnitude(values):
    finite = np.abs(np.asarray(values, dtype=float))
    finite = finite[np.isfinite(finite)]
    return float(finite.max()) if finite.size else 0.0


def is_share(name, unit):
    """A dimensionless rate or share (an unemployment rate, an R&D subsidy rate), drawn in %."""
    return unit.strip() in DIMENSIONLESS and any(word in str(name).lower() for word in SHARE_WORDS)


def readable_unit(text):
    """A unit as a reader writes it: "person*year" -> "person·year"."""
    return text.replace("*", "·")


def choose_scale(unit, values, name=""):
    """The Scale that draws `values` (given in `unit`) with readable numbers. `name` (the variable's)
    tells a share, drawn in %, from another pure number."""
    if unit is not None and unit.strip() == "%":
        return Scale(1.0, "%")
    if is_share(name, unit or "") and largest_magnitude(values) <= 1.0:
        return Scale(100.0, "%")
    multiplier, quantity = split_power(unit or "")
    magnitude = largest_magnitude(values) * multiplier
    word_factor, word = 1.0, ""
    for size, name_of_size in WORDS:
        if magnitude >= size:
            word_factor, word = size, name_of_size
            break
    factor = multiplier / word_factor
    if quantity in DIMENSIONLESS:
        return Scale(factor, word or "")
    if not word and multiplier != 1.0:
        # Smaller than a thousand of the base quantity: keep the file's own unit rather than print 1e4.
        return Scale(1.0, readable_unit(unit.strip()))
    return Scale(factor, readable_unit(f"{word} {quantity}".strip()))


def bracketed(unit):
    """" [unit]" for an axis label, nothing for a pure number."""
    return f" [{unit}]" if unit else ""


def significant(value, digits=3):
    """A number with `digits` significant digits, thousands separated and without an exponent for the
    sizes scaled values have: 12.34 -> "12.3", 0.04231 -> "0.0423", 3609 -> "3,610"."""
    if value is None or not math.isfinite(value):
        return "–"
    if value == 0:
        return "0"
    decimals = digits - 1 - math.floor(math.log10(abs(value)))
    if decimals > 8:
        return f"{value:.{digits}g}"
    return f"{round(value, decimals):,.{max(0, decimals)}f}"
