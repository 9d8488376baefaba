"""What an IMRO2012 bestemmingsplan says, as plain frozen values. Built by `reader.py`; nothing
here reads files. Ids are the objects' ``gml:id`` values, the strings other objects point at with
``xlink:href="#..."``; areas are m² in EPSG:28992 computed from the geometry."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, Literal, TypeVar

from normcheck.errors import Problem

Point = tuple[float, float]
Ring = tuple[Point, ...]

# How an aanduiding or Maatvoering was tied to the planes it governs: by an xlink reference in
# the file (either direction), by lying inside the plane (no reference given), or not at all.
Link = Literal["reference", "geometry", "none"]
BestemmingKind = Literal["enkelbestemming", "dubbelbestemming"]
T = TypeVar("T")


@dataclass(frozen=True)
class Polygon:
    exterior: Ring
    interiors: tuple[Ring, ...] = ()


@dataclass(frozen=True)
class Shape:
    """One or more polygons (a gml:MultiSurface is several), with their area in m²."""

    polygons: tuple[Polygon, ...]
    area_m2: float


@dataclass(frozen=True)
class Value:
    """One ``imro:WaardeEnType`` of a Maatvoering, e.g. ``maximum aantal wooneenheden`` = 7."""

    type: str
    text: str  # as written in the file
    number: float | None  # None when the text is not a plain number


@dataclass(frozen=True)
class Bestemmingsvlak:
    id: str
    kind: BestemmingKind
    naam: str
    hoofdgroep: str
    artikelnummer: str | None
    shape: Shape
    line: int | None

    @property
    def area_m2(self) -> float:
        return self.shape.area_m2


@dataclass(frozen=True)
class Bouwvlak:
    id: str
    naam: str
    plane_ids: tuple[str, ...]  # the Enkelbestemming(en) it lies in
    linked_by: Link
    shape: Shape
    line: int | None

    @property
    def area_m2(self) -> float:
        return self.shape.area_m2


@dataclass(frozen=True)
class Maatvoering:
    id: str
    naam: str
    values: tuple[Value, ...]
    plane_ids: tuple[str, ...]  # Enkelbestemmingen governed, directly or through a Bouwvlak
    bouwvlak_ids: tuple[str, ...]
    linked_by: Link
    shape: Shape
    line: int | None

    @property
    def area_m2(self) -> float:
        return self.shape.area_m2

    def value(self, value_type: str) -> Value | None:
        return next((v for v in self.values if v.type == value_type), None)


@dataclass(frozen=True)
class Functieaanduiding:
    id: str
    naam: str
    plane_ids: tuple[str, ...]
    bouwvlak_ids: tuple[str, ...]  # Bouwvlakken of its plane(s) that overlap it
    linked_by: Link
    shape: Shape
    line: int | None

    @property
    def area_m2(self) -> float:
        return self.shape.area_m2


@dataclass(frozen=True)
class Gebiedsaanduiding:
    id: str
    naam: str
    groep: str
    shape: Shape
    line: int | None

    @property
    def area_m2(self) -> float:
        return self.shape.area_m2


@dataclass(frozen=True)
class Plan:
    file: str
    id: str  # e.g. NL.IMRO.0798.BPDoornboom-ON01
    name: str
    type_plan: str | None
    area_m2: float | None  # the Bestemmingsplangebied
    enkelbestemmingen: tuple[Bestemmingsvlak, ...]
    dubbelbestemmingen: tuple[Bestemmingsvlak, ...]
    bouwvlakken: tuple[Bouwvlak, ...]
    maatvoeringen: tuple[Maatvoering, ...]
    functieaanduidingen: tuple[Functieaanduiding, ...]
    gebiedsaanduidingen: tuple[Gebiedsaanduiding, ...]
    # Object types read but not interpreted (Figuur, Bouwaanduiding, ...) with their counts.
    other_objects: tuple[tuple[str, int], ...] = ()
    # Things a planner should know that do not stop the reading (a dangling reference, say).
    notes: tuple[Problem, ...] = field(default=())

    @cached_property
    def index(self) -> PlanIndex:
        """Built on first use and kept: the summary asks, for every plane, which objects name it."""
        return PlanIndex(self)

    def plane(self, plane_id: str) -> Bestemmingsvlak | None:
        return next(iter(self.index.planes.named(plane_id)), None)

    def counts(self) -> dict[str, int]:
        counts = {
            "Enkelbestemming": len(self.enkelbestemmingen),
            "Dubbelbestemming": len(self.dubbelbestemmingen),
            "Bouwvlak": len(self.bouwvlakken),
            "Maatvoering": len(self.maatvoeringen),
            "Functieaanduiding": len(self.functieaanduidingen),
            "Gebiedsaanduiding": len(self.gebiedsaanduidingen),
        }
        counts.update(dict(self.other_objects))
        return counts


class Index(Generic[T]):
    """Objects by the ids they carry or name, built once, so that "every object naming this id"
    costs the size of the answer, not a scan of the plan: a scan per plane grows with the square
    of the object count (20,000 small objects took a minute). Answers keep the order the objects
    were given in (file order), which the outputs show."""

    def __init__(self, objects: Sequence[T], keys: Callable[[T], Iterable[str]]) -> None:
        self._objects = tuple(objects)
        self._at: dict[str, list[int]] = {}
        for position, obj in enumerate(self._objects):
            for key in dict.fromkeys(keys(obj)):  # an object naming an id twice is listed once
                self._at.setdefault(key, []).append(position)

    def named(self, key: str) -> list[T]:
        """The objects under `key`, in the order given."""
        return [self._objects[i] for i in self._at.get(key, ())]

    def any_of(self, keys: Iterable[str]) -> list[T]:
        """The objects under any of `keys`, each once, in the order given."""
        positions = sorted({i for key in set(keys) for i in self._at.get(key, ())})
        return [self._objects[i] for i in positions]


class PlanIndex:
    """The lookups the summary and the capacity estimate make for each plane, bouwvlak and
    aanduiding: planes and bouwvlakken by id, and what names them (ids may repeat in a hostile
    file: each object is kept, as a scan would find it)."""

    def __init__(self, plan: Plan) -> None:
        self.planes = Index(plan.enkelbestemmingen, lambda p: (p.id,))
        self.bouwvlakken = Index(plan.bouwvlakken, lambda b: (b.id,))
        self.bouwvlakken_on = Index(plan.bouwvlakken, lambda b: b.plane_ids)
        self.maatvoeringen_on = Index(plan.maatvoeringen, lambda m: m.plane_ids)
        self.maatvoeringen_of_bouwvlak = Index(plan.maatvoeringen, lambda m: m.bouwvlak_ids)
        self.functieaanduidingen_on = Index(plan.functieaanduidingen, lambda f: f.plane_ids)


# The Maatvoering value types (IMRO2012 codelist ``waardeType``) normcheck reads as numbers.
MAX_DWELLINGS = "maximum aantal wooneenheden"
MAX_STOREYS = "maximum aantal bouwlagen"
MAX_COVERAGE = "maximum bebouwingspercentage (%)"
MAX_FOOTPRINT = "maximum bebouwd oppervlak (m2)"
# "maximum vloeroppervlakte (m2)" and "maximum vloeroppervlakte; bvo (m2)" both cap floor area.
FLOOR_AREA_PREFIX = "maximum vloeroppervlakte"
WHOLE_NUMBER_TYPES = (MAX_DWELLINGS, MAX_STOREYS)
