"""Plane geometry for IMRO areas: EPSG:28992 (RD New) coordinates, so plain Euclidean metres.

Arcs (``gml:Arc`` / ``gml:ArcString``: three points on a circle) are densified into chords so that
no chord is more than ``ARC_TOLERANCE_M`` = 1 mm from the true circle (the sagitta bound
``r * (1 - cos(step / 2)) <= 1 mm``). The area a chord cuts off is at most 2/3 x chord x sagitta,
so the area error of a densified arc is below 2/3 x arc length x 1 mm: under 0.01 m² for a 15 m
arc, far below the 0.1 m² to which areas are reported. Straight segments are exact; the shoelace
sum is taken relative to the ring's first point so that RD coordinates of ~10^5 m keep their
millimetres.

Only one safeguard can loosen the bound: one arc is cut into at most ``MAX_ARC_STEPS`` chords, so
a hostile file cannot demand millions of points. That cap is reached only by arcs whose radius
exceeds ~80 km over a full turn, which no zoning plan draws.

A ring that crosses itself is found by `ring_crossing`: segments sorted by their x-range, and only
pairs whose x- and y-ranges overlap compared, in numpy, so a ring of n vertices costs about n log n
and the number of pairs is known (and can be refused) before any is compared.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from normcheck.plan.imro.model import Point, Polygon, Ring, Shape
from normcheck.value import Value, value_type

ARC_TOLERANCE_M = 0.001
MAX_ARC_STEPS = 20_000
# Two segments cross when each one's ends lie more than this on either side of the other's line.
# A crossing shallower than 1 mm (digitising noise) changes an area by less than 1 mm x its length:
# below the 0.1 m² areas are reported to for any segment under 100 m; a bow-tie is far beyond it.
CROSSING_TOLERANCE_M = 0.001
_PAIR_CHUNK = 1 << 20  # pairs compared per numpy step: bounded memory whatever the ring


class CrossingBudgetSpent(Exception):
    """The ring needs more segment pairs compared than the caller allows."""

    def __init__(self, pairs: int) -> None:
        super().__init__(f"{pairs} segment pairs")
        self.pairs = pairs


@value_type
class Crossing(Value):
    at: Point | None  # where two segments of the ring cross; None when they do not
    pairs: int  # the segment pairs compared, to charge against a budget


def densify_arc(p0: Point, p1: Point, p2: Point, tolerance: float = ARC_TOLERANCE_M) -> list[Point]:
    """Points from ``p0`` to ``p2`` (both included) along the circle through p0, p1, p2."""
    ax, ay = p1[0] - p0[0], p1[1] - p0[1]
    bx, by = p2[0] - p0[0], p2[1] - p0[1]
    d = 2.0 * (ax * by - ay * bx)
    if abs(d) <= 1e-12 * (math.hypot(ax, ay) * math.hypot(bx, by) + 1e-300):
        return [p0, p1, p2]  # collinear: the "arc" is a straight line through p1
    # Centre relative to p0, so large RD coordinates do not eat the precision.
    ux = (by * (ax * ax + ay * ay) - ay * (bx * bx + by * by)) / d
    uy = (ax * (bx * bx + by * by) - bx * (ax * ax + ay * ay)) / d
    cx, cy, radius = p0[0] + ux, p0[1] + uy, math.hypot(ux, uy)
    t0 = math.atan2(p0[1] - cy, p0[0] - cx)
    t2 = math.atan2(p2[1] - cy, p2[0] - cx)
    counterclockwise = d > 0  # sign of the turn p0 -> p1 -> p2
    if counterclockwise:
        sweep = (t2 - t0) % (2 * math.pi)
    else:
        sweep = -((t0 - t2) % (2 * math.pi))
    if sweep == 0.0:  # p0 == p2: a full circle through p1
        sweep = 2 * math.pi if counterclockwise else -2 * math.pi
    max_step = 2 * math.acos(max(-1.0, 1 - tolerance / radius)) if tolerance < radius else math.pi / 2
    steps = min(MAX_ARC_STEPS, max(2, math.ceil(abs(sweep) / max_step)))
    inner = [
        (cx + radius * math.cos(t0 + sweep * i / steps), cy + radius * math.sin(t0 + sweep * i / steps))
        for i in range(1, steps)
    ]
    return [p0, *inner, p2]


def ring_signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area, positive when counterclockwise. The ring may be closed or not."""
    if len(ring) < 3:
        return 0.0
    x0, y0 = ring[0]
    total = 0.0
    for (xa, ya), (xb, yb) in zip(ring, [*ring[1:], ring[0]]):
        total += (xa - x0) * (yb - y0) - (xb - x0) * (ya - y0)
    return total / 2.0


def polygon_area(polygon: Polygon) -> float:
    """Exterior minus holes, whatever the ring orientation in the file."""
    return abs(ring_signed_area(polygon.exterior)) - sum(abs(ring_signed_area(hole)) for hole in polygon.interiors)


def make_shape(polygons: Sequence[Polygon]) -> Shape:
    return Shape(tuple(polygons), sum(polygon_area(p) for p in polygons))


def _crossings(ring: Ring, point: Point) -> int:
    x, y = point
    count = 0
    for (xa, ya), (xb, yb) in zip(ring, [*ring[1:], ring[0]]):
        if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
            count += 1
    return count


def contains(shape: Shape, point: Point) -> bool:
    """Even-odd rule over all rings; a point exactly on an edge may fall either way."""
    for polygon in shape.polygons:
        if sum(_crossings(r, point) for r in (polygon.exterior, *polygon.interiors)) % 2:
            return True
    return False


def point_on_surface(shape: Shape) -> Point | None:
    """A point inside the shape (unlike the centroid of an L or a ring): the middle of the widest
    span cut from the largest polygon by the horizontal line halfway up its bounding box."""
    if not shape.polygons:
        return None
    polygon = max(shape.polygons, key=polygon_area)
    ys = [p[1] for p in polygon.exterior]
    y = (min(ys) + max(ys)) / 2
    vertex_ys = {p[1] for ring in (polygon.exterior, *polygon.interiors) for p in ring}
    while y in vertex_ys:  # a scanline through a vertex would count it twice
        y = math.nextafter(y, math.inf) + (max(ys) - min(ys)) * 1e-9
    xs: list[float] = []
    for ring in (polygon.exterior, *polygon.interiors):
        for (xa, ya), (xb, yb) in zip(ring, [*ring[1:], ring[0]]):
            if (ya > y) != (yb > y):
                xs.append(xa + (y - ya) * (xb - xa) / (yb - ya))
    xs.sort()
    spans = [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]
    if not spans:
        return None
    left, right = max(spans, key=lambda s: s[1] - s[0])
    return ((left + right) / 2, y)


def ring_crossing(ring: Ring, max_pairs: int | None = None) -> Crossing:
    """Where two non-adjacent segments of the closed ring cross by more than CROSSING_TOLERANCE_M
    (the first by segment order), and how many pairs it took. Touching at a vertex or running
    along each other is not a crossing: such rings still have the right area. Raises
    CrossingBudgetSpent, before comparing anything, when more than `max_pairs` are needed."""
    n = len(ring)
    if n < 4:  # a triangle cannot cross itself
        return Crossing(None, 0)
    origin = np.asarray(ring[0], dtype=float)
    a = np.asarray(ring, dtype=float) - origin  # relative: RD coordinates keep their millimetres
    b = np.roll(a, -1, axis=0)  # segment i runs from a[i] to b[i]
    low, high = np.minimum(a, b), np.maximum(a, b)
    order = np.argsort(low[:, 0], kind="stable")
    starts = low[order, 0]
    ends = np.searchsorted(starts, high[order, 0], side="right")  # sorted segments k+1 .. ends[k]-1
    counts = np.maximum(ends - np.arange(n) - 1, 0)
    pairs = int(counts.sum())
    if max_pairs is not None and pairs > max_pairs:
        raise CrossingBudgetSpent(pairs)
    direction = b - a
    length = np.hypot(direction[:, 0], direction[:, 1])
    first: tuple[int, int] | None = None
    cumulative = np.concatenate(([0], np.cumsum(counts)))
    k = 0
    while k < n and first is None:
        stop = int(np.searchsorted(cumulative, cumulative[k] + _PAIR_CHUNK, side="right")) - 1
        stop = min(max(stop, k + 1), n)
        block = counts[k:stop]
        ks = np.repeat(np.arange(k, stop), block)
        offsets = np.arange(len(ks)) - np.repeat(cumulative[k:stop] - cumulative[k], block)
        i, j = order[ks], order[ks + 1 + offsets]
        keep = (low[i, 1] <= high[j, 1]) & (low[j, 1] <= high[i, 1])
        gap = np.abs(i - j)
        keep &= (gap != 1) & (gap != n - 1) & (length[i] > 0) & (length[j] > 0)
        i, j = i[keep], j[keep]
        hits = _strictly_apart(a[j], b[j], a[i], direction[i], length[i]) & _strictly_apart(
            a[i], b[i], a[j], direction[j], length[j]
        )
        if hits.any():
            lo, hi = np.minimum(i[hits], j[hits]), np.maximum(i[hits], j[hits])
            best = int(np.lexsort((hi, lo))[0])
            first = (int(lo[best]), int(hi[best]))
        k = stop
    if first is None:
        return Crossing(None, pairs)
    return Crossing(_intersection(a, b, *first, origin), pairs)


def _strictly_apart(
    p: np.ndarray, q: np.ndarray, start: np.ndarray, direction: np.ndarray, length: np.ndarray
) -> np.ndarray:
    """Whether p and q lie on opposite sides of the line (start, direction), each farther than the tolerance."""
    dp = (direction[:, 0] * (p[:, 1] - start[:, 1]) - direction[:, 1] * (p[:, 0] - start[:, 0])) / length
    dq = (direction[:, 0] * (q[:, 1] - start[:, 1]) - direction[:, 1] * (q[:, 0] - start[:, 0])) / length
    tol = CROSSING_TOLERANCE_M
    return ((dp > tol) & (dq < -tol)) | ((dp < -tol) & (dq > tol))


def _intersection(a: np.ndarray, b: np.ndarray, i: int, j: int, origin: np.ndarray) -> Point:
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = a[i], b[i], a[j], b[j]
    denominator = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / denominator
    return (float(origin[0] + x1 + t * (x2 - x1)), float(origin[1] + y1 + t * (y2 - y1)))
