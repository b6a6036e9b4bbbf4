"""Attributes of regions and industries as coordinates, so that `groupby("kind")`, `.where(digital)` or a
map by latitude and longitude need no parsing: each region's `latitude` and `longitude`, each industry's
`kind` (emerging, future, key) and `digital` flag. Files that already have them as coordinates (run
files written since issue 17 name them industry_kind and industry_digital) keep them, under these short
names; files that have latitude and longitude as data
variables get them promoted; what the file lacks is read from its resolved scenario (the global
attribute `scenario`, TOML, whose [[regions]] and [[industries]] records hold lat, lon, kind and
digital)."""
import tomllib

import numpy as np

# name of the coordinate, other names the file may already use for it, its dimension, the field of the
# scenario's records that holds it, the records' table, and the attributes of a coordinate made from them
LABELS = (
    ("latitude", ("lat",), "region", "lat", "regions",
     {"units": "degree_north", "long_name": "Latitude", "description": "latitude of the region's capital"}),
    ("longitude", ("lon",), "region", "lon", "regions",
     {"units": "degree_east", "long_name": "Longitude", "description": "longitude of the region's capital"}),
    ("kind", ("industry_kind",), "industry", "kind", "industries",
     {"long_name": "Industry kind", "description": "kind of industry: emerging, future or key"}),
    ("digital", ("industry_digital",), "industry", "digital", "industries",
     {"long_name": "Digital industry",
      "description": "whether the industry's knowledge penetrates the others (general-purpose technology)"}),
)
RECORD_KEYS = {"regions": "region", "industries": "industry"}


def add_label_coordinates(dataset):
    """The dataset with latitude, longitude, kind and digital as coordinates along region and industry
    (each one only where the dataset has that dimension and the value can be found)."""
    scenario = None
    for name, other_names, dim, field, table, attributes in LABELS:
        if dim not in dataset.dims:
            continue
        present = [candidate for candidate in (name, *other_names) if candidate in dataset.variables]
        if present:
            # Already in the file (run files name them industry_kind, industry_digital): promote it under
            # the short name (a no-op where it already is a coordinate of that name).
            if name not in dataset.variables:
                dataset = dataset.rename({present[0]: name})
            dataset = dataset.set_coords([name])
            continue
        if scenario is None:
            scenario = resolved_scenario(dataset)
        values = record_field(scenario, table, field, [str(label) for label in dataset[dim].values])
        if values is not None:
            dataset = dataset.assign_coords({name: (dim, values, attributes)})
    return dataset


def resolved_scenario(dataset):
    """The file's resolved scenario as a dict; empty when the attribute is missing or not TOML (then the
    labels it would give are simply left out)."""
    try:
        return tomllib.loads(str(dataset.attrs.get("scenario", "")))
    except tomllib.TOMLDecodeError:
        return {}


def record_field(scenario, table, field, labels):
    """The field of the scenario's records for each label, in the order of the labels; None when a
    label has no record or a record lacks the field."""
    key = RECORD_KEYS[table]
    records = {str(record.get(key)): record for record in scenario.get(table, []) if isinstance(record, dict)}
    if not labels or any(label not in records or field not in records[label] for label in labels):
        return None
    return np.array([records[label][field] for label in labels])
