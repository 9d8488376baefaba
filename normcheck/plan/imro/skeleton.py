"""A programme skeleton from a plan summary: the long-format rows a planner completes before
running the norm check on what the bestemmingsplan allows.

Columns, in this order: ``SKELETON_COLUMNS`` = area, milieu, year, use, count, m2.

- one row per dwelling cap (Maatvoering "maximum aantal wooneenheden"): ``count`` = the cap;
- one row per wonen plane without a cap: ``count`` empty, the planner must decide it;
- one row per maatschappelijk / onderwijs / gezondheidszorg place: ``m2`` = the floor-area
  capacity (m² BVO) when it could be estimated, else empty;
- one row per sport place: ``m2`` = its land (m² terrain), as sport norms are mostly fields.

``use``, ``milieu`` and ``year`` are left empty (``""``): a dwelling category or facility id
depends on the framework the planner will check against, and an invented placeholder could pass
for a real one. Empty numbers are ``None`` (an empty CSV cell).
"""

from __future__ import annotations

import re

from normcheck.plan.imro.summary import FacilityPlace, PlanSummary

SKELETON_COLUMNS: tuple[str, ...] = ("area", "milieu", "year", "use", "count", "m2")
Row = dict[str, str | int | float | None]


def short_id(gml_id: str) -> str:
    """``NL.IMRO.0664.EP12317226315-00`` -> ``EP12317226315``; a long hex id -> its first 6."""
    core = re.sub(r"^NL\.IMRO\.", "", gml_id)
    core = re.sub(r"^\d{4}\.", "", core)
    core = re.sub(r"-\d+$", "", core)
    return core[:6] if re.fullmatch(r"[0-9a-fA-F]{16,}", core) else core


def _row(area: str, use: str, count: int | None = None, m2: float | None = None) -> Row:
    return {"area": area, "milieu": "", "year": "", "use": use, "count": count, "m2": m2}


def _facility_m2(place: FacilityPlace) -> float | None:
    if place.category == "sport":
        return round(place.land_m2, 1)
    return round(place.capacity.m2, 1) if place.capacity.m2 is not None else None


def programme_skeleton(summary: PlanSummary, use_placeholder: str = "") -> list[Row]:
    rows: list[Row] = []
    caps_per_plane: dict[str, int] = {}
    for cap in summary.dwelling_caps:
        key = "+".join(cap.plane_ids)
        caps_per_plane[key] = caps_per_plane.get(key, 0) + 1
    seen: dict[str, int] = {}
    # Grouped by plane (file order within a plane) so a plane's numbered parts sit together; the
    # planes in the order of their first cap (a position looked up, not searched: many caps).
    first = {key: position for position, key in enumerate(caps_per_plane)}
    for cap in sorted(summary.dwelling_caps, key=lambda c: first["+".join(c.plane_ids)]):
        key = "+".join(cap.plane_ids)
        if cap.plane_ids:
            area = f"{cap.bestemming} {'+'.join(short_id(p) for p in cap.plane_ids)}"
        else:
            area = f"maatvoering {short_id(cap.maatvoering_id)}"
        if caps_per_plane[key] > 1:  # several caps side by side on one plane: number the parts
            seen[key] = seen.get(key, 0) + 1
            area += f" deel {seen[key]}"
        rows.append(_row(area, use_placeholder, count=cap.max_dwellings))
    for plane in summary.uncapped_wonen_planes:
        rows.append(_row(f"{plane.bestemming} {short_id(plane.plane_id)}", use_placeholder))
    for place in summary.facilities:
        rows.append(_row(f"{place.naam} {short_id(place.id)}", use_placeholder, m2=_facility_m2(place)))
    return rows
