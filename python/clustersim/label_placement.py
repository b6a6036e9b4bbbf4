"""Where to put the name of each point of a bubble map so that no name overlaps another or lies on a
bubble: a deterministic greedy search (python3-adjusttext is not in Debian 12). Each label, largest
bubble first, tries positions around its bubble, nearest first, in rings of growing distance and a
fixed order of directions, and takes the first that touches no bubble, no label placed before it and
stays inside the bounds; failing that, the one that overlaps least. Labels placed away from their bubble
get a leader line (the caller draws it).

Everything is in one unit of length (display points, say), with y upwards."""
import math
from collections import namedtuple

import numpy as np

# dx, dy: the label's centre relative to its point; away: whether it sits off its bubble's rim (needs a
# leader line).
Placement = namedtuple("Placement", "dx dy away")

# Right, left, up, down first (they read best), then the diagonals, then the directions in between.
DIRECTIONS = [0, 180, 90, 270, 45, 135, 315, 225, 22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5]
RINGS = 12


def rectangle_hits_circle(centre, half_width, half_height, circle, radius):
    nearest_x = min(max(circle[0], centre[0] - half_width), centre[0] + half_width)
    nearest_y = min(max(circle[1], centre[1] - half_height), centre[1] + half_height)
    return (nearest_x - circle[0]) ** 2 + (nearest_y - circle[1]) ** 2 < radius ** 2


def overlap_area(a, b):
    """Overlap of two boxes given as (centre x, centre y, half width, half height)."""
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0] - a[2], b[0] - b[2])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1] - a[3], b[1] - b[3])
    return max(0.0, width) * max(0.0, height)


def candidate_centres(point, radius, half_width, half_height, gap, step):
    """Label centres around a bubble: its box just clear of the rim (plus `gap`) in each direction, then
    the same further out, ring by ring."""
    for ring in range(RINGS):
        distance = radius + gap + ring * step
        for degrees in DIRECTIONS:
            angle = math.radians(degrees)
            ux, uy = math.cos(angle), math.sin(angle)
            # Push the box out along the direction until its nearest side or corner reaches `distance`.
            x = point[0] + ux * distance + ux * half_width
            y = point[1] + uy * distance + uy * half_height
            yield ring, (x, y)


def place_labels(points, radii, sizes, bounds, gap=1.5, step=None):
    """A Placement per label. points: (n, 2) centres of the bubbles; radii: their radii; sizes: (n, 2)
    widths and heights of the labels; bounds: (x0, y0, x1, y1) the labels must stay inside."""
    points = np.asarray(points, dtype=float)
    radii = np.asarray(radii, dtype=float)
    sizes = np.asarray(sizes, dtype=float)
    step = step if step is not None else max(4.0, float(np.median(sizes[:, 1])) if len(sizes) else 4.0)
    placed = []  # boxes (cx, cy, hw, hh)
    result = [None] * len(points)
    for label in sorted(range(len(points)), key=lambda i: (-radii[i], i)):
        half_width, half_height = sizes[label] / 2.0
        best, best_cost = None, math.inf
        for ring, centre in candidate_centres(points[label], radii[label], half_width, half_height, gap, step):
            box = (centre[0], centre[1], half_width, half_height)
            cost = cost_of(box, label, points, radii, placed, bounds)
            if cost == 0:
                best = (ring, centre)
                break
            # A little distance is worth a lot of overlap: prefer far and clear to near and covered.
            cost += ring * 0.01
            if cost < best_cost:
                best, best_cost = (ring, centre), cost
        ring, centre = best
        placed.append((centre[0], centre[1], half_width, half_height))
        result[label] = Placement(centre[0] - points[label][0], centre[1] - points[label][1], ring > 0)
    return result


def cost_of(box, label, points, radii, placed, bounds):
    """0 for a free position; else how much it covers (other labels, bubbles, the outside of the bounds)."""
    centre, half_width, half_height = (box[0], box[1]), box[2], box[3]
    cost = sum(overlap_area(box, other) for other in placed)
    for index, (point, radius) in enumerate(zip(points, radii)):
        if rectangle_hits_circle(centre, half_width, half_height, point, radius):
            cost += (half_width * half_height) * (2.0 if index == label else 1.0)
    x0, y0, x1, y1 = bounds
    outside_x = max(0.0, x0 - (box[0] - half_width)) + max(0.0, (box[0] + half_width) - x1)
    outside_y = max(0.0, y0 - (box[1] - half_height)) + max(0.0, (box[1] + half_height) - y1)
    cost += 10.0 * (outside_x * 2 * half_height + outside_y * 2 * half_width)
    return cost


def boxes_overlap(placements, points, sizes):
    """Pairs of labels whose boxes overlap (for checks)."""
    boxes = [(p[0] + placement.dx, p[1] + placement.dy, s[0] / 2, s[1] / 2)
             for placement, p, s in zip(placements, points, sizes)]
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if overlap_area(boxes[i], boxes[j]) > 0]
