"""The tiny base scenario's records as Python rows, to write them back mutated, inline or as CSV."""
import functools

from case import TINY


@functools.lru_cache(maxsize=None)
def csv_table(name):
    """(comment lines, header, rows) of a tiny CSV; its cells hold no commas or quotes."""
    lines = (TINY / name).read_text().splitlines()
    comments = [line for line in lines if line.startswith("#")]
    data = [line for line in lines if line and not line.startswith("#")]
    header = data[0].split(",")
    return tuple(comments), tuple(header), tuple(tuple(line.split(",")) for line in data[1:])


def regions():
    return [row[0] for row in csv_table("regions.csv")[2]]


def industries():
    return [row[0] for row in csv_table("industries.csv")[2]]


def csv_text(comments, header, rows, newline="\n"):
    lines = list(comments) + [",".join(header)] + [",".join(row) for row in rows]
    return (newline.join(lines) + newline).encode("utf-8", "surrogateescape")


def data_line(comments, row):
    """The 1-based line of data row `row` (0 = the first after the header) in csv_text's output."""
    return len(comments) + 2 + row


# The tiny scenario's schedule and pilot rows, as fields of [[policy.schedule]] and [[policy.pilots]].
SCHEDULE_ROW = [("from", "2023-04-01"), ("regions", '["Anhui"]'), ("set.basic_research_funding", "0.004")]
PILOT_ROW = [("regions", '["Shanghai"]'), ("industry", '"future_information"'), ("budget", "5.0"),
             ("from", "2023-04-01"), ("until", "2023-10-01")]
CLUSTER_ROWS = [[("region", f'"{r}"'), ("industry", f'"{i}"'), ("size", "1.0")]
                for r in ("Beijing", "Shanghai") for i in ("information_technology", "transportation")]
