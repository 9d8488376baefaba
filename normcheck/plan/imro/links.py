"""Which Enkelbestemming (plane) and Bouwvlak each aanduiding or Maatvoering belongs to.

IMRO ties objects together with ``xlink:href="#id"``, and real files do it in both directions and
at one remove: in the Doornboom plan a Maatvoering names its bestemmingsvlak directly; in BPBS03 a
Maatvoering names a Bouwvlak (``imro:aanduiding``) which in turn names its bestemmingsvlak. So a
reference counts whichever object holds it, and a Maatvoering reaches the planes of every
aanduiding it is tied to.

Rule when an object carries no usable reference: it belongs to every Bouwvlak / Enkelbestemming
whose area contains its *point on surface* (a point guaranteed inside its own area, see
`geometry.point_on_surface`). Maatvoeringen and aanduidingen are drawn inside the planes they
govern, so one inner point decides it without polygon intersection. A Functieaanduiding overlaps a
Bouwvlak of its plane when either one's inner point lies inside the other.
"""

from __future__ import annotations

import math
from xml.etree.ElementTree import Element

import numpy as np

from normcheck.errors import Problem
from normcheck.plan.imro.geometry import contains, point_on_surface
from normcheck.plan.imro.gml import LimitExceeded
from normcheck.plan.imro.model import Link, Point, Shape
from normcheck.value import Value, value_type

MAX_GEOMETRY_WORK = 5_000_000  # vertex tests to tie unreferenced objects to planes (~2 s worst case)
MAX_LINKS = 200_000  # attachments in one plan; a real plan has one or two per object


@value_type
class RawObject(Value):
    """One feature as found in the file, before its references are resolved."""

    kind: str  # local element name: Enkelbestemming, Maatvoering, Figuur, ...
    id: str
    element: Element
    line: int | None
    naam: str
    refs: tuple[tuple[str, str], ...]  # (role such as "bestemmingsvlak", target id); plangebied left out
    shape: Shape | None


@value_type
class Attachment(Value):
    plane_ids: tuple[str, ...]
    bouwvlak_ids: tuple[str, ...]
    linked_by: Link


class Links:
    """Resolves the attachments of a plan's objects. Each answer is computed once (a Bouwvlak's
    planes are asked for by every Maatvoering and Functieaanduiding near it), a geometry test is
    only made where bounding boxes overlap, and the work is bounded: more than
    ``MAX_GEOMETRY_WORK`` vertex tests or ``MAX_LINKS`` attachments in one plan stop the reading
    with `LimitExceeded` at the object that went over, instead of growing with the square of the
    number of objects."""

    def __init__(self, objects: list[RawObject]) -> None:
        self._by_id = {o.id: o for o in objects}
        self._neighbours: dict[str, set[str]] = {o.id: set() for o in objects}
        self._dangling: list[tuple[RawObject, str]] = []
        for o in objects:
            for _role, target in o.refs:
                if target in self._by_id:
                    self._neighbours[o.id].add(target)
                    self._neighbours[target].add(o.id)
                else:
                    self._dangling.append((o, target))
        self._work_left = MAX_GEOMETRY_WORK
        self._links_left = MAX_LINKS
        self._boxes: dict[str, _Boxes] = {}
        self._inner: dict[str, Point | None] = {}
        self._linked_cache: dict[tuple[str, str], list[str]] = {}
        self._bouwvlak_cache: dict[str, Attachment] = {}

    def _spend(self, obj: RawObject, work: int = 0, links: int = 0) -> None:
        self._work_left -= work
        self._links_left -= links
        if self._work_left < 0:
            raise LimitExceeded(
                f"{obj.kind} {obj.id}: tying objects without references to the planes they lie in needs more "
                f"than {MAX_GEOMETRY_WORK:,} vertex tests; give the objects xlink references, or split the plan",
                obj.element,
            )
        if self._links_left < 0:
            raise LimitExceeded(
                f"{obj.kind} {obj.id}: the plan ties its objects together more than {MAX_LINKS:,} times "
                "(by reference and by lying inside one another); normcheck reads plans up to that size",
                obj.element,
            )

    def _linked(self, obj: RawObject, kind: str) -> list[str]:
        key = (obj.id, kind)
        if key not in self._linked_cache:
            self._spend(obj, work=len(self._neighbours[obj.id]))
            self._linked_cache[key] = sorted(n for n in self._neighbours[obj.id] if self._by_id[n].kind == kind)
        return self._linked_cache[key]

    def _point(self, obj: RawObject) -> Point | None:
        if obj.id not in self._inner:
            self._spend(obj, work=_vertices(obj.shape))
            self._inner[obj.id] = point_on_surface(obj.shape) if obj.shape else None
        return self._inner[obj.id]

    def _kind_boxes(self, kind: str) -> _Boxes:
        if kind not in self._boxes:
            self._boxes[kind] = _Boxes([o for o in self._by_id.values() if o.kind == kind and o.shape])
        return self._boxes[kind]

    def _contains(self, asking: RawObject, other: RawObject, point: Point) -> bool:
        assert other.shape is not None
        self._spend(asking, work=_vertices(other.shape))
        return contains(other.shape, point)

    def _containing(self, obj: RawObject, kind: str) -> list[str]:
        point = self._point(obj)
        if point is None:
            return []
        candidates = self._kind_boxes(kind).around(point)
        self._spend(obj, work=len(candidates))
        return [o.id for o in candidates if self._contains(obj, o, point)]

    def bouwvlak(self, obj: RawObject) -> Attachment:
        if obj.id not in self._bouwvlak_cache:
            planes = self._linked(obj, "Enkelbestemming")
            if planes:
                found = Attachment(tuple(planes), (), "reference")
            else:
                planes = self._containing(obj, "Enkelbestemming")
                found = Attachment(tuple(planes), (), "geometry" if planes else "none")
            self._spend(obj, links=len(found.plane_ids))
            self._bouwvlak_cache[obj.id] = found
        return self._bouwvlak_cache[obj.id]

    def maatvoering(self, obj: RawObject) -> Attachment:
        bouwvlakken = self._linked(obj, "Bouwvlak")
        planes = set(self._linked(obj, "Enkelbestemming"))
        # Through any aanduiding (Bouwvlak, Functieaanduiding, Bouwaanduiding, ...) to its planes.
        for n in sorted(self._neighbours[obj.id]):
            other = self._by_id[n]
            if other.kind == "Bouwvlak":
                through = self.bouwvlak(other).plane_ids
            elif other.kind not in ("Enkelbestemming", "Dubbelbestemming", "Maatvoering"):
                through = tuple(self._linked(other, "Enkelbestemming"))
            else:
                continue
            self._spend(obj, work=len(through))
            planes.update(through)
        if planes or bouwvlakken:
            found = Attachment(tuple(sorted(planes)), tuple(bouwvlakken), "reference")
        else:
            bouwvlakken = self._containing(obj, "Bouwvlak")
            planes = set(self._containing(obj, "Enkelbestemming"))
            linked: Link = "geometry" if planes or bouwvlakken else "none"
            found = Attachment(tuple(sorted(planes)), tuple(bouwvlakken), linked)
        self._spend(obj, links=len(found.plane_ids) + len(found.bouwvlak_ids))
        return found

    def functieaanduiding(self, obj: RawObject) -> Attachment:
        plane_link = self.bouwvlak(obj)  # same rule: its plane by reference, else by geometry
        inner = self._point(obj)
        planes = set(plane_link.plane_ids)
        overlapping = []
        candidates = self._kind_boxes("Bouwvlak").overlapping(_box(obj.shape)) if obj.shape and planes else []
        self._spend(obj, work=len(candidates))
        for b in candidates:
            if not set(self.bouwvlak(b).plane_ids) & planes:
                continue
            b_inner = self._point(b)
            if (inner and self._contains(obj, b, inner)) or (b_inner and self._contains(b, obj, b_inner)):
                overlapping.append(b.id)
        self._spend(obj, links=len(overlapping))
        return Attachment(plane_link.plane_ids, tuple(sorted(overlapping)), plane_link.linked_by)

    def notes(self, file: str) -> tuple[Problem, ...]:
        return tuple(
            Problem(file, f"{o.kind} {o.id} refers to '#{target}', which is not in this file", line=o.line)
            for o, target in self._dangling
        )


def _vertices(shape: Shape | None) -> int:
    return sum(len(r) for p in shape.polygons for r in (p.exterior, *p.interiors)) if shape else 0


def _box(shape: Shape | None) -> tuple[float, float, float, float]:
    points = [pt for p in shape.polygons for pt in p.exterior] if shape else []
    if not points:
        return (math.inf, math.inf, -math.inf, -math.inf)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs), min(ys), max(xs), max(ys))


class _Boxes:
    """The bounding boxes of one kind of object, in file order, to find with one vectorised test
    the few whose box holds a point or overlaps a box."""

    def __init__(self, objects: list[RawObject]) -> None:
        self._objects = objects
        self._boxes = np.array([_box(o.shape) for o in objects], dtype=float).reshape(-1, 4)

    def around(self, point: Point) -> list[RawObject]:
        x, y = point
        b = self._boxes
        hit = (b[:, 0] <= x) & (x <= b[:, 2]) & (b[:, 1] <= y) & (y <= b[:, 3])
        return [self._objects[i] for i in np.flatnonzero(hit)]

    def overlapping(self, box: tuple[float, float, float, float]) -> list[RawObject]:
        b = self._boxes
        hit = (b[:, 0] <= box[2]) & (box[0] <= b[:, 2]) & (b[:, 1] <= box[3]) & (box[1] <= b[:, 3])
        return [self._objects[i] for i in np.flatnonzero(hit)]
