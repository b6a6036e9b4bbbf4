"""A scenario file written over the tiny base (`base = "tiny.toml"`), knowing the line of every key it sets.

Mutations set keys of tables and add arrays of tables; the text is produced in one go so that each key
is written once, in its own table, and the line a refusal must name is known.
"""


class ScenarioText:
    def __init__(self, base="tiny.toml"):
        self.base = base
        self.tables = {}        # table -> {key: literal}
        self.arrays = []        # (records path, [(field, literal)])

    def set(self, path, literal):
        table, _, key = path.rpartition(".")
        self.tables.setdefault(table, {})[key] = literal

    def add_row(self, records_path, fields):
        self.arrays.append((records_path, list(fields)))
        return len([a for a in self.arrays if a[0] == records_path]) - 1

    def render(self):
        """(text, {key path or 'records[row].field': line number})."""
        lines, where = [], {}
        if self.base:
            lines.append(f'base = "{self.base}"')
        for key, literal in self.tables.get("", {}).items():
            lines.append(f"{key} = {literal}")
            where[key] = len(lines)
        for table, keys in self.tables.items():
            if not table:
                continue
            lines += ["", f"[{table}]"]
            for key, literal in keys.items():
                lines.append(f"{key} = {literal}")
                where[f"{table}.{key}"] = len(lines)
        rows = {}
        for path, fields in self.arrays:
            row = rows.get(path, 0)
            rows[path] = row + 1
            lines += ["", f"[[{path}]]"]
            where[f"{path}[{row}]"] = len(lines)
            for field, literal in fields:
                lines.append(f"{field} = {literal}")
                where[f"{path}[{row}].{field}"] = len(lines)
        return "\n".join(lines) + "\n", where
