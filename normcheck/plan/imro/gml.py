"""Turn GML 3.2 area geometry into `Shape` values.

Read: gml:Polygon, gml:Surface (gml:PolygonPatch), gml:MultiSurface / CompositeSurface; rings as
gml:LinearRing or gml:Ring of curves whose segments are gml:LineStringSegment, gml:Arc or
gml:ArcString (densified to 1 mm, see `geometry`); srsDimension 2 or 3 (z is dropped).
Coordinates are taken as EPSG:28992 metres; a geometry that names another srsName is refused.
"""

from __future__ import annotations

import math
import re
from xml.etree.ElementTree import Element

from normcheck.plan.imro.geometry import densify_arc, make_shape
from normcheck.plan.imro.model import Point, Polygon, Ring, Shape
from normcheck.plan.imro.xmldoc import local

CLOSE_TOLERANCE_M = 0.001
MAX_NESTING = 16  # a real surface nests 3 deep; deeper is a malformed or hostile file
_COORDINATE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")


class GeometryError(Exception):
    def __init__(self, message: str, element: Element) -> None:
        super().__init__(message)
        self.element = element


def read_shape(geometrie: Element) -> Shape:
    """The area of an ``imro:geometrie`` element (its single child is the GML geometry)."""
    children = list(geometrie)
    if not children:
        raise GeometryError("imro:geometrie holds no geometry", geometrie)
    geometry = children[0]
    srs = geometry.get("srsName")
    if srs is not None and "28992" not in srs:
        raise GeometryError(f"srsName '{srs}' is not EPSG:28992 (RD New); areas would be wrong", geometry)
    return make_shape(_surfaces(geometry, _dimension(geometry, 2), 0))


def _dimension(element: Element, inherited: int) -> int:
    text = element.get("srsDimension")
    if text is None:
        return inherited
    if text not in ("2", "3"):
        raise GeometryError(f"srsDimension '{text}' is not 2 or 3", element)
    return int(text)


def _surfaces(element: Element, dim: int, depth: int) -> list[Polygon]:
    if depth > MAX_NESTING:
        raise GeometryError("geometry nested too deeply", element)
    dim = _dimension(element, dim)
    kind = local(element.tag)
    if kind in ("Polygon", "PolygonPatch"):
        return [_polygon(element, dim)]
    if kind == "Surface":
        patches = [p for ps in element if local(ps.tag) == "patches" for p in ps]
        return [_polygon(p, _dimension(p, dim)) for p in patches]
    if kind in ("MultiSurface", "CompositeSurface", "OrientableSurface"):
        members = [g for m in element if local(m.tag) in ("surfaceMember", "surfaceMembers", "baseSurface") for g in m]
        return [poly for g in members for poly in _surfaces(g, dim, depth + 1)]
    raise GeometryError(f"gml:{kind} is not an area; expected gml:Polygon, gml:Surface or gml:MultiSurface", element)


def _polygon(element: Element, dim: int) -> Polygon:
    rings = {"exterior": [], "interior": []}  # type: dict[str, list[Ring]]
    for boundary in element:
        if local(boundary.tag) in rings:
            rings[local(boundary.tag)].extend(_ring(r, _dimension(r, dim)) for r in boundary)
    if len(rings["exterior"]) != 1:
        raise GeometryError(f"a gml:{local(element.tag)} needs exactly one exterior ring", element)
    return Polygon(rings["exterior"][0], tuple(rings["interior"]))


def _ring(element: Element, dim: int) -> Ring:
    kind = local(element.tag)
    if kind == "LinearRing":
        points = _positions(element, dim)
    elif kind == "Ring":
        points = []
        for member in element:
            for curve in member:
                _append(points, _curve(curve, _dimension(curve, dim), 0))
    else:
        raise GeometryError(f"gml:{kind} is not a ring", element)
    if len(points) < 4 or math.dist(points[0], points[-1]) > CLOSE_TOLERANCE_M:
        raise GeometryError("ring is not closed or has fewer than three points", element)
    return tuple(points[:-1])


def _curve(element: Element, dim: int, depth: int) -> list[Point]:
    if depth > MAX_NESTING:
        raise GeometryError("geometry nested too deeply", element)
    kind = local(element.tag)
    if kind in ("LineString", "LineStringSegment"):
        return _positions(element, dim)
    if kind in ("Arc", "ArcString"):
        given = _positions(element, dim)
        if len(given) < 3 or len(given) % 2 == 0:
            raise GeometryError(f"gml:{kind} needs 3, 5, 7, ... points, not {len(given)}", element)
        points: list[Point] = []
        for i in range(0, len(given) - 2, 2):
            _append(points, densify_arc(given[i], given[i + 1], given[i + 2]))
        return points
    if kind in ("Curve", "CompositeCurve", "OrientableCurve"):
        points = []
        for part in element:  # gml:segments, gml:curveMember or gml:baseCurve
            for child in part:
                _append(points, _curve(child, _dimension(child, dim), depth + 1))
        return points[::-1] if element.get("orientation") == "-" else points
    raise GeometryError(f"gml:{kind} is not supported in a ring (use lines and arcs)", element)


def _positions(element: Element, dim: int) -> list[Point]:
    pos_list = next((c for c in element if local(c.tag) == "posList"), None)
    if pos_list is not None:
        dim = _dimension(pos_list, dim)
        numbers = [_number(t, pos_list) for t in (pos_list.text or "").split()]
        if not numbers or len(numbers) % dim:
            raise GeometryError(
                f"gml:posList has {len(numbers)} numbers, not a multiple of srsDimension {dim}", pos_list
            )
        return [(numbers[i], numbers[i + 1]) for i in range(0, len(numbers), dim)]
    points = []
    for pos in (c for c in element if local(c.tag) == "pos"):
        numbers = [_number(t, pos) for t in (pos.text or "").split()]
        if len(numbers) not in (2, 3):
            raise GeometryError(f"gml:pos has {len(numbers)} numbers, expected 2 or 3", pos)
        points.append((numbers[0], numbers[1]))
    if not points:
        raise GeometryError(f"gml:{local(element.tag)} has no gml:posList or gml:pos", element)
    return points


def _number(text: str, element: Element) -> float:
    # Stricter than float(): no "1_000", "nan" or "inf", which float() would silently accept.
    value = float(text) if _COORDINATE.fullmatch(text) else math.nan
    if not math.isfinite(value):
        raise GeometryError(f"'{text[:40]}' is not a coordinate", element)
    return value


def _append(points: list[Point], more: list[Point]) -> None:
    if points and more and math.dist(points[-1], more[0]) <= CLOSE_TOLERANCE_M:
        more = more[1:]
    points.extend(more)
