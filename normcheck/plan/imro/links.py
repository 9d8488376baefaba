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

from dataclasses import dataclass
from xml.etree.ElementTree import Element

from normcheck.errors import Problem
from normcheck.plan.imro.geometry import contains, point_on_surface
from normcheck.plan.imro.model import Link, Shape


@dataclass(frozen=True)
class RawObject:
    """One feature as found in the file, before its references are resolved."""

    kind: str  # local element name: Enkelbestemming, Maatvoering, Figuur, ...
    id: str
    element: Element
    line: int | None
    naam: str
    refs: tuple[tuple[str, str], ...]  # (role such as "bestemmingsvlak", target id); plangebied left out
    shape: Shape | None


@dataclass(frozen=True)
class Attachment:
    plane_ids: tuple[str, ...]
    bouwvlak_ids: tuple[str, ...]
    linked_by: Link


class Links:
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

    def _linked(self, obj: RawObject, kind: str) -> list[str]:
        return sorted(n for n in self._neighbours[obj.id] if self._by_id[n].kind == kind)

    def _containing(self, obj: RawObject, kind: str) -> list[str]:
        point = point_on_surface(obj.shape) if obj.shape else None
        if point is None:
            return []
        return [o.id for o in self._by_id.values() if o.kind == kind and o.shape and contains(o.shape, point)]

    def bouwvlak(self, obj: RawObject) -> Attachment:
        planes = self._linked(obj, "Enkelbestemming")
        if planes:
            return Attachment(tuple(planes), (), "reference")
        planes = self._containing(obj, "Enkelbestemming")
        return Attachment(tuple(planes), (), "geometry" if planes else "none")

    def maatvoering(self, obj: RawObject) -> Attachment:
        bouwvlakken = self._linked(obj, "Bouwvlak")
        planes = set(self._linked(obj, "Enkelbestemming"))
        # Through any aanduiding (Bouwvlak, Functieaanduiding, Bouwaanduiding, ...) to its planes.
        for n in self._neighbours[obj.id]:
            other = self._by_id[n]
            if other.kind == "Bouwvlak":
                planes.update(self.bouwvlak(other).plane_ids)
            elif other.kind not in ("Enkelbestemming", "Dubbelbestemming", "Maatvoering"):
                planes.update(self._linked(other, "Enkelbestemming"))
        if planes or bouwvlakken:
            return Attachment(tuple(sorted(planes)), tuple(bouwvlakken), "reference")
        bouwvlakken = self._containing(obj, "Bouwvlak")
        planes = set(self._containing(obj, "Enkelbestemming"))
        linked: Link = "geometry" if planes or bouwvlakken else "none"
        return Attachment(tuple(sorted(planes)), tuple(bouwvlakken), linked)

    def functieaanduiding(self, obj: RawObject) -> Attachment:
        plane_link = self.bouwvlak(obj)  # same rule: its plane by reference, else by geometry
        inner = point_on_surface(obj.shape) if obj.shape else None
        overlapping = []
        for b in self._by_id.values():
            if b.kind != "Bouwvlak" or not b.shape or not set(self.bouwvlak(b).plane_ids) & set(plane_link.plane_ids):
                continue
            b_inner = point_on_surface(b.shape)
            if (inner and contains(b.shape, inner)) or (b_inner and obj.shape and contains(obj.shape, b_inner)):
                overlapping.append(b.id)
        return Attachment(plane_link.plane_ids, tuple(sorted(overlapping)), plane_link.linked_by)

    def notes(self, file: str) -> tuple[Problem, ...]:
        return tuple(
            Problem(file, f"{o.kind} {o.id} refers to '#{target}', which is not in this file", line=o.line)
            for o, target in self._dangling
        )
