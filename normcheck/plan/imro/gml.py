"""Turn GML 3.2 area geometry into `Shape` values.

Read: gml:Polygon, gml:Surface (gml:PolygonPatch), gml:MultiSurface / CompositeSurface; rings as
gml:LinearRing or gml:Ring of curves whose segments are gml:LineStringSegment, gml:Arc or
gml:ArcString (densified to 1 mm, see `geometry`); srsDimension 2 or 3 (z is dropped).
Coordinates are taken as EPSG:28992 metres; a geometry that names another srsName is refused, and
so is a coordinate beyond +-10,000 km (``MAX_COORDINATE_M``): RD New covers the Netherlands within a
few hundred km, and 1e308 would turn every area into inf or NaN.

A ring that crosses itself (a bow-tie) is refused: its shoelace area is the difference of its lobes,
0 for a symmetric one, a number that says nothing about the land (see `geometry.ring_crossing`).

The work a file may cause is bounded by `Budget`, whatever its size: the vertices of all rings
after arc densification (an "arc bomb" of many huge full circles) and the segment pairs the
self-intersection check may compare. A spent budget raises `LimitExceeded`, which stops the reading
with one located problem instead of one per remaining object.
"""

from __future__ import annotations

import math
import re
from xml.etree.ElementTree import Element

from normcheck.plan.imro.geometry import ARC_TOLERANCE_M, CrossingBudgetSpent, densify_arc, make_shape, ring_crossing
from normcheck.plan.imro.model import Point, Polygon, Ring, Shape
from normcheck.plan.imro.xmldoc import local

CLOSE_TOLERANCE_M = 0.001
MAX_NESTING = 16  # a real surface nests 3 deep; deeper is a malformed or hostile file
MAX_COORDINATE_M = 1e7  # +-10,000 km: far beyond RD New's few hundred km, far below overflow
MAX_VERTICES = 1_000_000  # every ring of a file after densification; real plans hold ~10,000
MAX_CROSSING_PAIRS = 20_000_000  # segment pairs whose x-ranges overlap, over the whole file
_COORDINATE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")


class GeometryError(Exception):
    def __init__(self, message: str, element: Element) -> None:
        super().__init__(message)
        self.element = element


class LimitExceeded(Exception):
    """A cap on the work of the whole file was reached at `element`: the reading stops here."""

    def __init__(self, message: str, element: Element) -> None:
        super().__init__(message)
        self.element = element


class Budget:
    """What one file may still spend: vertices after densification, and segment pairs the
    self-intersection check compares. Shared by every geometry of the file, so that neither many
    small objects nor one huge one can make the run take more than seconds."""

    def __init__(self, vertices: int = MAX_VERTICES, crossing_pairs: int = MAX_CROSSING_PAIRS) -> None:
        self.vertices = vertices
        self.crossing_pairs = crossing_pairs

    def spend_vertices(self, count: int, element: Element) -> None:
        self.vertices -= count
        if self.vertices < 0:
            raise LimitExceeded(
                f"the plan's rings hold more than {MAX_VERTICES:,} vertices once arcs are densified to "
                f"{ARC_TOLERANCE_M * 1000:g} mm (here, in gml:{local(element.tag)}); normcheck reads plans up "
                "to that size, a real plan holds far fewer (arcs with a huge radius or very many arcs?)",
                element,
            )


def read_shape(geometrie: Element, budget: Budget | None = None) -> Shape:
    """The area of an ``imro:geometrie`` element (its single child is the GML geometry)."""
    budget = budget if budget is not None else Budget()
    children = list(geometrie)
    if not children:
        raise GeometryError("imro:geometrie holds no geometry", geometrie)
    geometry = children[0]
    srs = geometry.get("srsName")
    if srs is not None and "28992" not in srs:
        raise GeometryError(f"srsName '{srs}' is not EPSG:28992 (RD New); areas would be wrong", geometry)
    return make_shape(_surfaces(geometry, _dimension(geometry, 2), 0, budget))


def _dimension(element: Element, inherited: int) -> int:
    text = element.get("srsDimension")
    if text is None:
        return inherited
    if text not in ("2", "3"):
        raise GeometryError(f"srsDimension '{text}' is not 2 or 3", element)
    return int(text)


def _surfaces(element: Element, dim: int, depth: int, budget: Budget) -> list[Polygon]:
    if depth > MAX_NESTING:
        raise GeometryError("geometry nested too deeply", element)
    dim = _dimension(element, dim)
    kind = local(element.tag)
    if kind in ("Polygon", "PolygonPatch"):
        return [_polygon(element, dim, budget)]
    if kind == "Surface":
        patches = [p for ps in element if local(ps.tag) == "patches" for p in ps]
        return [_polygon(p, _dimension(p, dim), budget) for p in patches]
    if kind in ("MultiSurface", "CompositeSurface", "OrientableSurface"):
        members = [g for m in element if local(m.tag) in ("surfaceMember", "surfaceMembers", "baseSurface") for g in m]
        return [poly for g in members for poly in _surfaces(g, dim, depth + 1, budget)]
    raise GeometryError(f"gml:{kind} is not an area; expected gml:Polygon, gml:Surface or gml:MultiSurface", element)


def _polygon(element: Element, dim: int, budget: Budget) -> Polygon:
    rings = {"exterior": [], "interior": []}  # type: dict[str, list[Ring]]
    for boundary in element:
        role = local(boundary.tag)
        if role in rings:
            for r in boundary:
                ring = _ring(r, _dimension(r, dim), budget)
                _refuse_crossing(ring, role, r, budget)
                rings[role].append(ring)
    if len(rings["exterior"]) != 1:
        raise GeometryError(f"a gml:{local(element.tag)} needs exactly one exterior ring", element)
    return Polygon(rings["exterior"][0], tuple(rings["interior"]))


def _refuse_crossing(ring: Ring, role: str, element: Element, budget: Budget) -> None:
    try:
        crossing = ring_crossing(ring, budget.crossing_pairs)
    except CrossingBudgetSpent as spent:
        raise LimitExceeded(
            f"checking the plan's rings for self-intersection would compare more than {MAX_CROSSING_PAIRS:,} "
            f"pairs of segments (this ring of {len(ring):,} vertices needs {spent.pairs:,}); no real plan needs "
            "that many",
            element,
        ) from None
    budget.crossing_pairs -= crossing.pairs
    if crossing.at is not None:
        x, y = crossing.at
        raise GeometryError(
            f"the {role} ring crosses itself near ({x:.3f}, {y:.3f}); the area of a self-intersecting "
            "polygon is meaningless (a bow-tie's lobes cancel to 0 m²): repair the geometry",
            element,
        )


def _ring(element: Element, dim: int, budget: Budget) -> Ring:
    kind = local(element.tag)
    if kind == "LinearRing":
        points = _positions(element, dim, budget)
    elif kind == "Ring":
        points = []
        for member in element:
            for curve in member:
                _append(points, _curve(curve, _dimension(curve, dim), 0, budget))
    else:
        raise GeometryError(f"gml:{kind} is not a ring", element)
    if len(points) < 4 or math.dist(points[0], points[-1]) > CLOSE_TOLERANCE_M:
        raise GeometryError("ring is not closed or has fewer than three points", element)
    return tuple(points[:-1])


def _curve(element: Element, dim: int, depth: int, budget: Budget) -> list[Point]:
    if depth > MAX_NESTING:
        raise GeometryError("geometry nested too deeply", element)
    kind = local(element.tag)
    if kind in ("LineString", "LineStringSegment"):
        return _positions(element, dim, budget)
    if kind in ("Arc", "ArcString"):
        given = _positions(element, dim, budget)
        if len(given) < 3 or len(given) % 2 == 0:
            raise GeometryError(f"gml:{kind} needs 3, 5, 7, ... points, not {len(given)}", element)
        points: list[Point] = []
        for i in range(0, len(given) - 2, 2):
            arc = densify_arc(given[i], given[i + 1], given[i + 2])
            budget.spend_vertices(len(arc) - 3, element)  # the 3 given points are paid for
            _append(points, arc)
        return points
    if kind in ("Curve", "CompositeCurve", "OrientableCurve"):
        points = []
        for part in element:  # gml:segments, gml:curveMember or gml:baseCurve
            for child in part:
                _append(points, _curve(child, _dimension(child, dim), depth + 1, budget))
        return points[::-1] if element.get("orientation") == "-" else points
    raise GeometryError(f"gml:{kind} is not supported in a ring (use lines and arcs)", element)


def _positions(element: Element, dim: int, budget: Budget) -> list[Point]:
    pos_list = next((c for c in element if local(c.tag) == "posList"), None)
    if pos_list is not None:
        dim = _dimension(pos_list, dim)
        numbers = [_number(t, pos_list) for t in (pos_list.text or "").split()]
        if not numbers or len(numbers) % dim:
            raise GeometryError(
                f"gml:posList has {len(numbers)} numbers, not a multiple of srsDimension {dim}", pos_list
            )
        budget.spend_vertices(len(numbers) // dim, pos_list)
        return [(numbers[i], numbers[i + 1]) for i in range(0, len(numbers), dim)]
    points = []
    for pos in (c for c in element if local(c.tag) == "pos"):
        numbers = [_number(t, pos) for t in (pos.text or "").split()]
        if len(numbers) not in (2, 3):
            raise GeometryError(f"gml:pos has {len(numbers)} numbers, expected 2 or 3", pos)
        budget.spend_vertices(1, pos)
        points.append((numbers[0], numbers[1]))
    if not points:
        raise GeometryError(f"gml:{local(element.tag)} has no gml:posList or gml:pos", element)
    return points


def _number(text: str, element: Element) -> float:
    # Stricter than float(): no "1_000", "nan" or "inf", which float() would silently accept.
    value = float(text) if _COORDINATE.fullmatch(text) else math.nan
    if not math.isfinite(value):
        raise GeometryError(f"'{text[:40]}' is not a coordinate", element)
    if abs(value) > MAX_COORDINATE_M:
        raise GeometryError(
            f"coordinate {text[:40]} lies beyond +-{MAX_COORDINATE_M:,.0f} m: not a place in EPSG:28992 (RD New)",
            element,
        )
    return value


def _append(points: list[Point], more: list[Point]) -> None:
    if points and more and math.dist(points[-1], more[0]) <= CLOSE_TOLERANCE_M:
        more = more[1:]
    points.extend(more)
