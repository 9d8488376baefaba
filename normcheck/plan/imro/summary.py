"""What a plan allows, in the terms normcheck's norms speak: land per hoofdgroep, dwelling caps,
and land and floor-area capacity for facilities. Plain values; `as_dict()` is JSON-safe with areas
rounded to 0.1 m²."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from normcheck.plan.imro.capacity import Capacity, aanduiding_capacity, plane_capacity
from normcheck.plan.imro.model import MAX_DWELLINGS, Index, Plan
from normcheck.value import Value, value_type

FacilityCategory = Literal["maatschappelijk", "sport", "onderwijs", "gezondheidszorg"]
FACILITY_HOOFDGROEPEN: tuple[FacilityCategory, ...] = ("maatschappelijk", "sport")
# Functieaanduiding names (or their start) that mark a facility on a plane of another hoofdgroep.
FACILITY_FUNCTIONS: dict[str, FacilityCategory] = {
    "maatschappelijk": "maatschappelijk",
    "specifieke vorm van maatschappelijk": "maatschappelijk",
    "onderwijs": "onderwijs",
    "gezondheidszorg": "gezondheidszorg",
    "sport": "sport",
}
WONEN_HOOFDGROEPEN = ("wonen", "woongebied")
OUTDOOR_HOOFDGROEPEN = ("sport", "groen")
PLAY_FUNCTION_PREFIX = "speel"  # functieaanduiding "speelvoorziening", "speelterrein"


def facility_category(functie_naam: str) -> FacilityCategory | None:
    naam = functie_naam.lower()
    return next((c for prefix, c in FACILITY_FUNCTIONS.items() if naam.startswith(prefix)), None)


@value_type
class DwellingCap(Value):
    maatvoering_id: str
    plane_ids: tuple[str, ...]  # usually one; a cap over several planes is still one cap
    bestemming: str
    hoofdgroep: str
    max_dwellings: int
    area_m2: float  # the Maatvoering's own area


@value_type
class WonenPlane(Value):
    plane_id: str
    bestemming: str
    area_m2: float
    max_dwellings: int | None  # sum of the caps on it; None when uncapped
    capped_area_m2: float  # area under a cap (caps are drawn side by side, not stacked)


@value_type
class FacilityPlace(Value):
    id: str  # the Enkelbestemming, or the Functieaanduiding on a plane of another hoofdgroep
    source: Literal["enkelbestemming", "functieaanduiding"]
    category: FacilityCategory
    naam: str
    plane_id: str | None
    hoofdgroep: str | None  # of the plane
    land_m2: float
    capacity: Capacity
    functions: tuple[str, ...] = ()  # functieaanduidingen on the plane


@value_type
class PlanSummary(Value):
    plan_id: str
    plan_name: str
    file: str
    plan_area_m2: float | None
    counts: Mapping[str, int]
    area_by_hoofdgroep: Mapping[str, float]  # Enkelbestemmingen: they tile the plan
    dubbel_area_by_hoofdgroep: Mapping[str, float]  # Dubbelbestemmingen lie over them
    gebiedsaanduidingen: Mapping[str, int]  # count per naam
    dwelling_caps: tuple[DwellingCap, ...]
    wonen_planes: tuple[WonenPlane, ...]
    facilities: tuple[FacilityPlace, ...]
    outdoor_land_m2: Mapping[str, float]  # sport, groen, spelen
    notes: tuple[str, ...]

    @property
    def max_dwellings(self) -> int:
        return sum(c.max_dwellings for c in self.dwelling_caps)

    @property
    def uncapped_wonen_planes(self) -> tuple[WonenPlane, ...]:
        return tuple(p for p in self.wonen_planes if p.max_dwellings is None)

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe: plain numbers, areas rounded to 0.1 m², no NaN."""
        return {
            "plan": {"id": self.plan_id, "name": self.plan_name, "file": self.file, "area_m2": _m2(self.plan_area_m2)},
            "counts": dict(self.counts),
            "area_by_hoofdgroep": {k: _m2(v) for k, v in self.area_by_hoofdgroep.items()},
            "dubbelbestemming_area_by_hoofdgroep": {k: _m2(v) for k, v in self.dubbel_area_by_hoofdgroep.items()},
            "gebiedsaanduidingen": dict(self.gebiedsaanduidingen),
            "max_dwellings": self.max_dwellings,
            "dwelling_caps": [
                {
                    "maatvoering_id": c.maatvoering_id,
                    "plane_id": c.plane_ids[0] if c.plane_ids else None,
                    "plane_ids": list(c.plane_ids),
                    "bestemming": c.bestemming,
                    "hoofdgroep": c.hoofdgroep,
                    "max_dwellings": c.max_dwellings,
                    "area_m2": _m2(c.area_m2),
                }
                for c in self.dwelling_caps
            ],
            "wonen_planes": [
                {
                    "plane_id": p.plane_id,
                    "bestemming": p.bestemming,
                    "area_m2": _m2(p.area_m2),
                    "max_dwellings": p.max_dwellings,
                    "capped_area_m2": _m2(p.capped_area_m2),
                }
                for p in self.wonen_planes
            ],
            "uncapped_wonen_planes": [p.plane_id for p in self.uncapped_wonen_planes],
            "facilities": [
                {
                    "id": f.id,
                    "source": f.source,
                    "category": f.category,
                    "naam": f.naam,
                    "plane_id": f.plane_id,
                    "hoofdgroep": f.hoofdgroep,
                    "land_m2": _m2(f.land_m2),
                    "capacity_m2": _m2(f.capacity.m2),
                    "capacity_method": f.capacity.method,
                    "capacity_basis": f.capacity.basis,
                    "assumptions": list(f.capacity.assumptions),
                    "functions": list(f.functions),
                }
                for f in self.facilities
            ],
            "outdoor_land_m2": {k: _m2(v) for k, v in self.outdoor_land_m2.items()},
            "notes": list(self.notes),
        }


def _m2(value: float | None) -> float | None:
    return None if value is None or value != value else round(value, 1) + 0.0  # + 0.0: no "-0.0"


def _sum_by(pairs: list[tuple[str, float]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for key, area in pairs:
        totals[key] = totals.get(key, 0.0) + area
    return dict(sorted(totals.items()))


def summarise(plan: Plan) -> PlanSummary:
    caps = []
    for m in plan.maatvoeringen:
        planes = plan.index.planes.any_of(m.plane_ids)
        for v in m.values:
            if v.type == MAX_DWELLINGS and v.number is not None:
                naam = " / ".join(p.naam for p in planes) or "(no plane)"
                hoofdgroep = " / ".join(sorted({p.hoofdgroep for p in planes}))
                caps.append(DwellingCap(m.id, m.plane_ids, naam, hoofdgroep, int(v.number), m.area_m2))
    wonen = []
    caps_on = Index(caps, lambda c: c.plane_ids)
    for p in plan.enkelbestemmingen:
        on_plane = caps_on.named(p.id)
        if p.hoofdgroep in WONEN_HOOFDGROEPEN or on_plane:
            wonen.append(
                WonenPlane(
                    p.id,
                    p.naam,
                    p.area_m2,
                    sum(c.max_dwellings for c in on_plane) if on_plane else None,
                    min(p.area_m2, sum(c.area_m2 for c in on_plane)),
                )
            )
    facilities = _facilities(plan)
    outdoor = _sum_by(
        [(p.hoofdgroep, p.area_m2) for p in plan.enkelbestemmingen if p.hoofdgroep in OUTDOOR_HOOFDGROEPEN]
    )
    outdoor = {g: outdoor.get(g, 0.0) for g in OUTDOOR_HOOFDGROEPEN}
    outdoor["spelen"] = sum(
        f.area_m2 for f in plan.functieaanduidingen if f.naam.lower().startswith(PLAY_FUNCTION_PREFIX)
    )
    notes = [str(n) for n in plan.notes]
    notes += [
        f"cap {c.maatvoering_id} ({c.max_dwellings} dwellings) is tied to no plane" for c in caps if not c.plane_ids
    ]
    notes += [
        f"{w.bestemming} {w.plane_id}: {w.area_m2 - w.capped_area_m2:.1f} m² of its {w.area_m2:.1f} m² lies under "
        "no dwelling cap; check the regels for what may be built there"
        for w in wonen
        if w.max_dwellings is not None and w.area_m2 - w.capped_area_m2 >= 1.0
    ]
    return PlanSummary(
        plan_id=plan.id,
        plan_name=plan.name,
        file=plan.file,
        plan_area_m2=plan.area_m2,
        counts=plan.counts(),
        area_by_hoofdgroep=_sum_by([(p.hoofdgroep, p.area_m2) for p in plan.enkelbestemmingen]),
        dubbel_area_by_hoofdgroep=_sum_by([(p.hoofdgroep, p.area_m2) for p in plan.dubbelbestemmingen]),
        gebiedsaanduidingen={k: int(v) for k, v in _sum_by([(g.naam, 1) for g in plan.gebiedsaanduidingen]).items()},
        dwelling_caps=tuple(caps),
        wonen_planes=tuple(wonen),
        facilities=facilities,
        outdoor_land_m2=outdoor,
        notes=tuple(notes),
    )


def _facilities(plan: Plan) -> tuple[FacilityPlace, ...]:
    places = []
    for p in plan.enkelbestemmingen:
        if p.hoofdgroep in FACILITY_HOOFDGROEPEN:
            functions = tuple(f.naam for f in plan.index.functieaanduidingen_on.named(p.id))
            category: FacilityCategory = "sport" if p.hoofdgroep == "sport" else "maatschappelijk"
            places.append(
                FacilityPlace(
                    p.id,
                    "enkelbestemming",
                    category,
                    p.naam,
                    p.id,
                    p.hoofdgroep,
                    p.area_m2,
                    plane_capacity(plan, p),
                    functions,
                )
            )
    for f in plan.functieaanduidingen:
        aanduiding_category = facility_category(f.naam)
        planes = plan.index.planes.any_of(f.plane_ids)
        if aanduiding_category is None or any(p.hoofdgroep in FACILITY_HOOFDGROEPEN for p in planes):
            continue  # not a facility, or already counted with its maatschappelijk/sport plane
        plane = planes[0] if planes else None
        places.append(
            FacilityPlace(
                f.id,
                "functieaanduiding",
                aanduiding_category,
                f.naam,
                plane.id if plane else None,
                plane.hoofdgroep if plane else None,
                f.area_m2,
                aanduiding_capacity(plan, f),
            )
        )
    return tuple(places)
