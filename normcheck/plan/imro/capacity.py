"""How much floor area (m² BVO) a plan allows on a facility plane, from its Maatvoeringen.

- "explicit": a ``maximum vloeroppervlakte ...`` value governs the plane or its bouwvlakken; the
  capacity is the sum of those values.
- "estimated": per bouwvlak (or the whole plane, or the aanduiding's own area, when there is no
  bouwvlak): area x ``maximum bebouwingspercentage (%)`` x ``maximum aantal bouwlagen``.
  Without a percentage, 100% is assumed and said. Where storeys differ within one bouwvlak the
  Maatvoering areas are used as the storey zones when they tile the bouwvlak (within 1%); else
  the highest storey count is used, an upper bound, and said.
- "unknown": somewhere no ``maximum aantal bouwlagen`` is given; capacity is None and `basis`
  says where.
"""

from __future__ import annotations

from typing import Literal

from normcheck.plan.imro.geometry import contains, point_on_surface
from normcheck.plan.imro.model import (
    FLOOR_AREA_PREFIX,
    MAX_COVERAGE,
    MAX_FOOTPRINT,
    MAX_STOREYS,
    Bestemmingsvlak,
    Functieaanduiding,
    Maatvoering,
    Plan,
    Point,
)
from normcheck.value import Value, value_type

Method = Literal["explicit", "estimated", "unknown"]
TILE_TOLERANCE = 0.01


@value_type
class Capacity(Value):
    m2: float | None
    method: Method
    basis: str  # how the number was reached, in words a planner can check against the plan map
    assumptions: tuple[str, ...]


@value_type
class _Unit(Value):
    label: str  # "bouwvlak NL.IMRO....", "bestemmingsvlak ..."
    area_m2: float
    maatvoeringen: tuple[Maatvoering, ...]
    at: Point | None = None  # where storeys are read when they vary (a functieaanduiding's inner point)


def _numbers(mvs: tuple[Maatvoering, ...], value_type: str) -> list[tuple[Maatvoering, float]]:
    return [(m, v.number) for m in mvs for v in m.values if v.type == value_type and v.number is not None]


def plane_capacity(plan: Plan, plane: Bestemmingsvlak) -> Capacity:
    index = plan.index
    plane_wide = tuple(m for m in index.maatvoeringen_on.named(plane.id) if not m.bouwvlak_ids)
    units = [
        _Unit(f"bouwvlak {b.id}", b.area_m2, tuple(index.maatvoeringen_of_bouwvlak.named(b.id)) + plane_wide)
        for b in index.bouwvlakken_on.named(plane.id)
    ]
    return _capacity(units or [_Unit(f"bestemmingsvlak {plane.id} (no bouwvlak)", plane.area_m2, plane_wide)])


def aanduiding_capacity(plan: Plan, aanduiding: Functieaanduiding) -> Capacity:
    """Floor area allowed where the aanduiding lies, which it shares with its plane's own use."""
    inner = point_on_surface(aanduiding.shape)
    index = plan.index
    plane_wide = tuple(m for m in index.maatvoeringen_on.any_of(aanduiding.plane_ids) if not m.bouwvlak_ids)
    units = [
        _Unit(
            f"bouwvlak {b.id} where it overlaps the aanduiding",
            min(b.area_m2, aanduiding.area_m2),
            tuple(index.maatvoeringen_of_bouwvlak.named(b.id)) + plane_wide,
            inner,
        )
        for b in index.bouwvlakken.any_of(aanduiding.bouwvlak_ids)
    ]
    result = _capacity(
        units or [_Unit(f"functieaanduiding {aanduiding.id} (no bouwvlak)", aanduiding.area_m2, plane_wide, inner)]
    )
    shared = "shared with the plane's own use: what the plan allows here, not floor area reserved for it"
    return Capacity(result.m2, result.method, result.basis, result.assumptions + (shared,))


def _capacity(units: list[_Unit]) -> Capacity:
    explicit = [(m, n) for u in units for m, n in _floor_values(u.maatvoeringen)]
    if explicit:
        unique = {m.id: n for m, n in explicit}  # one Maatvoering may govern several bouwvlakken
        total = sum(unique.values())
        return Capacity(
            total, "explicit", f"maximum vloeroppervlakte {' + '.join(f'{n:g}' for n in unique.values())} m²", ()
        )
    total = 0.0
    parts: list[str] = []
    assumptions: list[str] = []
    for unit in units:
        storeys, note = _storey_area(unit)
        if storeys is None:
            return Capacity(None, "unknown", f"no '{MAX_STOREYS}' for {unit.label}", tuple(assumptions))
        coverage = [n for _, n in _numbers(unit.maatvoeringen, MAX_COVERAGE)]
        percent = max(coverage) if coverage else 100.0
        if not coverage:
            assumptions.append(f"{unit.label}: no '{MAX_COVERAGE}', 100% assumed")
        elif len(set(coverage)) > 1:
            assumptions.append(f"{unit.label}: percentages {sorted(set(coverage))} given, the highest used")
        footprint_caps = [n for _, n in _numbers(unit.maatvoeringen, MAX_FOOTPRINT)]
        factor = percent / 100
        if footprint_caps and unit.area_m2 > 0:
            factor = min(factor, sum(footprint_caps) / unit.area_m2)
        if note:
            assumptions.append(note)
        total += storeys * factor
        average_storeys = storeys / unit.area_m2 if unit.area_m2 else 0.0
        parts.append(f"{unit.label}: {unit.area_m2:.1f} m² x {factor * 100:.3g}% x {average_storeys:.3g} bouwlagen")
    return Capacity(total, "estimated", "; ".join(parts), tuple(assumptions))


def _floor_values(mvs: tuple[Maatvoering, ...]) -> list[tuple[Maatvoering, float]]:
    return [
        (m, v.number) for m in mvs for v in m.values if v.type.startswith(FLOOR_AREA_PREFIX) and v.number is not None
    ]


def _storey_area(unit: _Unit) -> tuple[float | None, str | None]:
    """Area x storeys summed over the unit (m² of floor at 100% coverage), and a note if assumed."""
    given = _numbers(unit.maatvoeringen, MAX_STOREYS)
    if not given:
        return None, None
    counts = {n for _, n in given}
    if len(counts) == 1:
        return unit.area_m2 * counts.pop(), None
    if unit.at is not None:
        here = [n for m, n in given if contains(m.shape, unit.at)]
        if here:
            return unit.area_m2 * max(here), None
    zones = {m.id: (m.area_m2, n) for m, n in given}
    tiled = sum(a for a, _ in zones.values())
    if abs(tiled - unit.area_m2) <= TILE_TOLERANCE * unit.area_m2:
        return sum(a * n for a, n in zones.values()) * unit.area_m2 / tiled, None
    return unit.area_m2 * max(
        counts
    ), f"{unit.label}: storeys {sorted(counts)} in zones that do not tile it, the highest used (an upper bound)"
