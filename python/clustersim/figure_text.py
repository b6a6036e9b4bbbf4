"""What a figure says about a variable: a short human label and a readable unit.

Files label a variable with `long_name` (short, e.g. "GDP"), `description` (the full sentence), `units`
(UDUNITS, absent for money and output units) and `units_note` (the human unit, e.g. "1e8 CNY/year").
Files written before that scheme have no `description`, a sentence or a phrase as `long_name` and the
human unit as `units`; for them the label is the variable's name (so that one legend does not mix names
and phrases), and the unit `units`."""
from .scaled_units import bracketed, choose_scale  # noqa: F401 (bracketed: for the scripts)
from .variables import reduce_to

LONGEST_LABEL = 48  # a long_name longer than this is a sentence (the scheme before `description`)
KEPT_ATTRIBUTES = ("units", "units_note", "long_name", "description")


def human_unit(variable):
    """The unit as a reader says it: `units_note` where the file has one, else `units`, else ""."""
    for attribute in ("units_note", "units"):
        if variable.attrs.get(attribute):
            return str(variable.attrs[attribute])
    return ""


def short_label(variable):
    """`long_name` where the variable has a `description` beside it (the short-label scheme) and it is
    short, else the variable's name."""
    long_name = str(variable.attrs.get("long_name", "")).strip()
    if "description" in variable.attrs and long_name and len(long_name) <= LONGEST_LABEL:
        return long_name[0].upper() + long_name[1:]
    return str(variable.name)


def description(variable):
    """The sentence that says what the variable is (`description`, else a sentence-long `long_name`)."""
    return str(variable.attrs.get("description") or variable.attrs.get("long_name") or variable.name)


def selection(variable):
    """The region or industry chosen by clustersim.variables.reduce_to (its `reduction` attribute also
    says what was summed, which a label leaves to the title)."""
    parts = [part.strip() for part in str(variable.attrs.get("reduction", "")).split(";")]
    return ", ".join(part for part in parts if part and not part.startswith("sum over"))


def display_label(variable):
    """The label with the chosen region or industry: "GDP (Anhui)"."""
    chosen = selection(variable)
    return f"{short_label(variable)} ({chosen})" if chosen else short_label(variable)


def scale_of(variable, values=None):
    """The Scale (clustersim.scaled_units) that draws `values` (default: the variable's own) readably."""
    return choose_scale(human_unit(variable), variable.values if values is None else values, str(variable.name))


def axis_label(variable, scale, text=None):
    """"GDP [trillion CNY/year]": the text (default the display label) and the scaled unit."""
    return f"{text if text is not None else display_label(variable)}{bracketed(scale.unit)}"


def reduced(variable, keep_dims, region=None, industry=None):
    """clustersim.variables.reduce_to that keeps what a figure says about the variable (`units_note`,
    `description`) as well as `units` and `long_name`."""
    result = reduce_to(variable, keep_dims, region=region, industry=industry)
    for attribute in KEPT_ATTRIBUTES:
        if attribute in variable.attrs and attribute not in result.attrs:
            result.attrs[attribute] = variable.attrs[attribute]
    return result
