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
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from normcheck.plan.imro.model import Point, Polygon, Ring, Shape

ARC_TOLERANCE_M = 0.001
MAX_ARC_STEPS = 20_000


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
