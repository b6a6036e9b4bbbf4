#!/usr/bin/python3
"""Compares two clustersim output files (runs or sweeps) object by object, bit for bit.

Used to show that a change of the code leaves the model's output unchanged: every group, dataset
(dtype, shape, chunking, filters, fill value and the raw bytes of its data) and attribute must be the
same in both files. The attributes that name when and from which commit a file was made differ by
construction and are skipped; --ignore-attribute skips others by name (say why where you use it).

    compare_outputs.py before.h5 after.h5 [--ignore-attribute NAME] [--scenario-as-toml]
                       [--renamed-key old.key=new.key]

--scenario-as-toml compares the `scenario` attribute (the resolved scenario) as parsed TOML rather than
as text, so that the same keys and values in another order are equal, and a sweep's `sweep` attribute
likewise, its base scenario's absolute path by file name (the two programs may run in two checkouts); --renamed-key says that a key of
the before file is the same as another key of the after file.

Exit status: 0 identical, 1 different (each difference on its own line), 2 bad input.
"""
import argparse
import sys

try:
    import h5py
    import numpy as np
except ImportError as error:  # pragma: no cover - depends on the interpreter
    sys.stderr.write(f"compare_outputs.py: needs h5py and numpy ({error}); use /usr/bin/python3\n")
    sys.exit(2)

ALWAYS_IGNORED = {"created", "history", "git_revision"}


def parsed_scenario(text, renamed):
    """The resolved scenario as nested dicts, with renamed keys moved to their new names."""
    import tomllib
    table = tomllib.loads(text.decode() if isinstance(text, bytes) else text)
    for old, new in renamed:
        *old_path, old_leaf = old.split(".")
        holder = table
        for part in old_path:
            holder = holder.get(part, {})
        if old_leaf not in holder:
            continue
        value = holder.pop(old_leaf)
        *new_path, new_leaf = new.split(".")
        target = table
        for part in new_path:
            target = target.setdefault(part, {})
        target[new_leaf] = value
    def prune(node):  # tables a rename left empty
        if isinstance(node, dict):
            return {k: prune(v) for k, v in node.items() if not (isinstance(v, dict) and not prune(v))}
        return node
    return prune(table)


def comparable(file, value):
    """A value (attribute or dataset contents) as something comparable: references become the names of
    what they point to, and arrays that hold Python objects (strings, references) are compared element by
    element, not by the addresses of those objects."""
    if isinstance(value, h5py.Reference):
        return file[value].name if value else None
    if isinstance(value, (np.ndarray, np.void)) and value.dtype.hasobject:
        if value.dtype.names:
            records = value.ravel() if isinstance(value, np.ndarray) else [value]
            return (value.shape, [tuple(comparable(file, r[n]) for n in value.dtype.names) for r in records])
        return (value.shape, [comparable(file, v) for v in value.ravel()])
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, bytes):
        return value
    if isinstance(value, np.generic):
        return (value.dtype.str, value.tobytes())
    return value


def fill_value(dataset):
    """The fill value as text, and whether the file defines it or leaves HDF5's default."""
    defined = dataset.id.get_create_plist().fill_value_defined()
    if defined == h5py.h5d.FILL_VALUE_DEFAULT and h5py.check_string_dtype(dataset.dtype) is not None:
        # h5py 3.7 (Debian 12) crashes reading the default fill value of a variable-length string
        # dataset; HDF5's default there is the empty string, so there is nothing more to compare.
        return "default"
    return f"{defined} {dataset.fillvalue!r}"


def describe(file):
    """Every object of the file: path -> (kind, properties, attributes)."""
    objects = {}

    def visit(name, obj):
        path = "/" + name if name else "/"
        if isinstance(obj, h5py.Dataset):
            properties = {
                "dtype": obj.dtype.str if obj.dtype.names is None else repr(obj.dtype.descr),
                "shape": obj.shape,
                "maxshape": obj.maxshape,
                "chunks": obj.chunks,
                "compression": obj.compression,
                "compression_opts": obj.compression_opts,
                "shuffle": obj.shuffle,
                "fillvalue": fill_value(obj),
            }
            kind = "dataset"
        else:
            properties = {}
            kind = "group"
        objects[path] = (kind, properties, obj)

    objects["/"] = ("group", {}, file)
    file.visititems(visit)
    return objects


def parsed_sweep(text):
    """A sweep file's resolved text; its base scenario is an absolute path, compared by file name."""
    import os
    import tomllib
    table = tomllib.loads(text.decode() if isinstance(text, bytes) else text)
    sweep = table.get("sweep", {})
    if "scenario" in sweep:
        sweep["scenario"] = os.path.basename(sweep["scenario"])
    return table


def compare(before_path, after_path, ignored, scenario_as_toml=False, renamed=()):
    differences = []
    with h5py.File(before_path, "r") as before, h5py.File(after_path, "r") as after:
        a, b = describe(before), describe(after)
        for path in sorted(set(a) - set(b)):
            differences.append(f"{path}: only in {before_path}")
        for path in sorted(set(b) - set(a)):
            differences.append(f"{path}: only in {after_path}")
        for path in sorted(set(a) & set(b)):
            kind_a, props_a, obj_a = a[path]
            kind_b, props_b, obj_b = b[path]
            if kind_a != kind_b:
                differences.append(f"{path}: a {kind_a} before, a {kind_b} after")
                continue
            for key in props_a:
                if props_a[key] != props_b[key]:
                    differences.append(f"{path}: {key} {props_a[key]!r} before, {props_b[key]!r} after")
            if kind_a == "dataset" and props_a == props_b:
                data_a = obj_a[()] if obj_a.size else np.empty(obj_a.shape, obj_a.dtype)
                data_b = obj_b[()] if obj_b.size else np.empty(obj_b.shape, obj_b.dtype)
                if comparable(before, np.asarray(data_a)) != comparable(after, np.asarray(data_b)):
                    differences.append(f"{path}: data differ")
            names_a = {n for n in obj_a.attrs if n not in ignored}
            names_b = {n for n in obj_b.attrs if n not in ignored}
            for name in sorted(names_a ^ names_b):
                where = before_path if name in names_a else after_path
                differences.append(f"{path}: attribute {name} only in {where}")
            for name in sorted(names_a & names_b):
                if name == "scenario" and scenario_as_toml:
                    value_a = parsed_scenario(obj_a.attrs[name], renamed)
                    value_b = parsed_scenario(obj_b.attrs[name], ())
                elif name == "sweep" and scenario_as_toml:
                    value_a = parsed_sweep(obj_a.attrs[name])
                    value_b = parsed_sweep(obj_b.attrs[name])
                else:
                    value_a = comparable(before, obj_a.attrs[name])
                    value_b = comparable(after, obj_b.attrs[name])
                if value_a != value_b:
                    differences.append(f"{path}: attribute {name} differs")
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--ignore-attribute", action="append", default=[],
                        help="an attribute name to skip on every object (repeatable)")
    parser.add_argument("--scenario-as-toml", action="store_true",
                        help="compare the scenario attribute as parsed TOML (key order ignored)")
    parser.add_argument("--renamed-key", action="append", default=[], metavar="OLD=NEW",
                        help="a scenario key renamed between the files (with --scenario-as-toml; repeatable)")
    args = parser.parse_args()
    ignored = ALWAYS_IGNORED | set(args.ignore_attribute)
    try:
        renamed = [tuple(pair.split("=", 1)) for pair in args.renamed_key]
        if any(len(pair) != 2 for pair in renamed):
            raise ValueError("--renamed-key takes OLD=NEW")
        differences = compare(args.before, args.after, ignored, args.scenario_as_toml, renamed)
    except (OSError, KeyError, ValueError) as error:
        sys.stderr.write(f"compare_outputs.py: {error}\n")
        return 2
    for line in differences:
        print(line)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
