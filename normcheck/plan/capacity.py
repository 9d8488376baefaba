"""Set what a plan's dwellings need beside the room the plan leaves for it, at the level a
bestemmingsplan can answer (it zones land and caps buildings; it does not place a school):

- floor:    indoor needs (unit m2_bvo: education, youth, care, welfare, culture, indoor sport)
            against the building capacity of the maatschappelijk places (maatschappelijk planes,
            and onderwijs/gezondheidszorg/maatschappelijk aanduidingen on other planes);
- grounds:  outdoor needs of those facilities (m2_terrain outside sport, groen and spelen, e.g. a
            schoolplein) against the land of the same places;
- outdoor:  sport fields, green and play (m2_terrain of sport, groen, spelen) against sport and
            groen planes and play or sport aanduidingen on other planes;
- dwellings: the dwellings checked against the plan's caps (maximum aantal wooneenheden).

A group whose unmet need is all "pool" (less than one standard facility, catchment wider than a
buurt, to share with neighbouring areas) is `pool`, as in the facility rows. Pure values, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Literal

import pandas as pd

from normcheck.core.policy import WITHIN_TOLERANCE
from normcheck.core.report import NOISE, Report
from normcheck.framework.model import Framework
from normcheck.plan.areas import cap_area
from normcheck.plan.dwellings import PlanInput
from normcheck.plan.imro import Plan, PlanSummary, programme_skeleton, short_id
from normcheck.plan.imro.summary import OUTDOOR_HOOFDGROEPEN, FacilityPlace
from normcheck.programme.model import Programme
from normcheck.value import Value, value_type

Kind = Literal["floor", "grounds", "outdoor", "dwellings"]
OUTDOOR_CATEGORIES = ("sport", "groen", "spelen")
PLAY_PREFIX = "speel"  # functieaanduiding speelvoorziening, speelterrein
CAPACITY = "capacity"  # a facility row of a plan: no m² planned for it; judged with its group
LABELS: dict[Kind, str] = {
    "floor": "Floor space for facilities (m² BVO)",
    "grounds": "Grounds of those facilities (m² terrain)",
    "outdoor": "Sport fields, green and play (m² terrain)",
    "dwellings": "Dwellings within the plan's caps",
}


@value_type
class Room(Value):
    """One place in the plan that gives room, with how its amount was reached."""

    id: str
    naam: str
    m2: float | None  # None: the plan does not say (no bouwlagen)
    method: str  # land, explicit, estimated, unknown
    basis: str


@value_type
class CapacityRow(Value):
    kind: Kind
    label: str
    unit: Literal["m2", "dwellings"]
    required: float
    pooled: float  # part of `required` the facility rows pool with neighbouring areas
    capacity: float
    status: str  # ok, short, pool, within-tolerance
    facilities: tuple[str, ...] = ()
    rooms: tuple[Room, ...] = ()
    assumptions: tuple[str, ...] = ()
    area: str | None = None  # dwellings: None for the total, else a programme area matched to a cap

    @property
    def gap(self) -> float:
        return round(self.capacity - self.required, 1)

    def as_dict(self) -> dict[str, Any]:
        unit = self.unit
        return {
            "kind": self.kind,
            "label": self.label,
            "area": self.area,
            "unit": unit,
            f"required_{unit}": _plain(self.required),
            f"capacity_{unit}": _plain(self.capacity),
            f"gap_{unit}": _plain(self.gap),
            "status": self.status,
            **({"pooled_m2": _plain(self.pooled), "facilities": list(self.facilities)} if unit == "m2" else {}),
            "capacity_from": [
                {"id": r.id, "naam": r.naam, "m2": _plain(r.m2), "method": r.method, "basis": r.basis}
                for r in self.rooms
            ],
            "assumptions": list(self.assumptions),
        }


@value_type
class PlanCapacity(Value):
    plan_id: str
    plan_name: str
    file: str
    dwellings: float
    dwellings_from: str  # caps, --dwellings, programme
    max_dwellings: int | None  # sum of the caps; None when the plan caps nothing
    uncapped_wonen_planes: tuple[str, ...]
    mix: Mapping[str, float] | None
    mix_from: str  # --mix, default_mix, programme
    milieu: str | None
    rows: tuple[CapacityRow, ...]
    assumptions: tuple[str, ...]
    not_checked: tuple[str, ...]  # facilities counted in places: a plan gives no places
    relabelled: bool  # the facility rows are a plan's (status capacity), not a programme's

    @property
    def status(self) -> str:
        return "short" if any(row.status == "short" for row in self.rows) else "ok"

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": {"id": self.plan_id, "name": self.plan_name, "file": self.file},
            "status": self.status,
            "dwellings": {
                "count": _plain(self.dwellings),
                "from": self.dwellings_from,
                "max_dwellings": self.max_dwellings,
                "uncapped_wonen_planes": list(self.uncapped_wonen_planes),
            },
            "mix": {"shares": dict(self.mix) if self.mix is not None else None, "from": self.mix_from},
            "milieu": self.milieu,
            "rows": [row.as_dict() for row in self.rows],
            "assumptions": list(self.assumptions),
            "not_checked": list(self.not_checked),
        }


def with_plan_capacity(report: Report, source: PlanInput, programme: Programme, tolerance_pct: float = 0.0) -> Report:
    """The report with its plan_capacity. For a plan checked on its own, the facility rows hold
    no planned m² (a plan zones land, it plans no facility): their status becomes `capacity`,
    judged by their group. Beside a programme (--imro) they keep the programme's verdict."""
    capacity = plan_capacity(report, source, programme, tolerance_pct)
    rows = report.rows
    if capacity.relabelled:
        unmet = rows["status"].isin(["short", WITHIN_TOLERANCE])
        rows = rows.assign(status=rows["status"].mask(unmet, CAPACITY))
    return replace(report, rows=rows, plan_capacity=capacity)


def plan_capacity(report: Report, source: PlanInput, programme: Programme, tolerance_pct: float = 0.0) -> PlanCapacity:
    framework, summary, plan = report.framework, source.summary, source.plan
    need = _need(report, framework)
    maatschappelijk = [f for f in summary.facilities if f.category != "sport"]
    rows = []
    floor_rooms = tuple(
        Room(f.id, _name(f), f.capacity.m2, f.capacity.method, f.capacity.basis) for f in maatschappelijk
    )
    rows.append(
        _row(
            "floor",
            need[need["group"] == "floor"],
            floor_rooms,
            tolerance_pct,
            _floor_assumptions(summary, maatschappelijk),
        )
    )
    grounds_rooms = tuple(
        Room(f.id, _name(f), f.land_m2, "land", f"{f.source} {f.hoofdgroep or ''}".strip()) for f in maatschappelijk
    )
    rows.append(
        _row(
            "grounds",
            need[need["group"] == "grounds"],
            grounds_rooms,
            tolerance_pct,
            ("the land is shared with the buildings on it: an upper bound",) if grounds_rooms else (),
        )
    )
    rows.append(_row("outdoor", need[need["group"] == "outdoor"], _outdoor_rooms(plan, summary), tolerance_pct, ()))
    rows = [r for r in rows if r.facilities]  # a group the framework (or --only) has no facility for
    dwelling_rows, dwelling_notes = _dwelling_rows(source, programme)
    rows += dwelling_rows
    relabelled = source.dwellings_from != "programme"
    return PlanCapacity(
        plan_id=summary.plan_id,
        plan_name=summary.plan_name,
        file=summary.file,
        dwellings=source.dwellings,
        dwellings_from=source.dwellings_from,
        max_dwellings=summary.max_dwellings if summary.dwelling_caps else None,
        uncapped_wonen_planes=tuple(p.plane_id for p in summary.uncapped_wonen_planes),
        mix=dict(source.mix.shares) if source.mix is not None else None,
        mix_from=source.mix.source if source.mix is not None else "programme",
        milieu=source.milieu,
        rows=tuple(rows),
        assumptions=tuple(_assumptions(report, source, programme) + dwelling_notes + list(summary.notes)),
        not_checked=tuple(need.loc[need["group"] == "places", "facility"]),
        relabelled=relabelled,
    )


def _need(report: Report, framework: Framework) -> pd.DataFrame:
    """Whole-plan rows with the group each facility's need is set against."""
    totals = report.totals()[["facility", "category", "unit", "required", "status"]]
    units = totals["facility"].map({f.id: f.unit for f in framework.facilities.values()})
    outdoor = totals["category"].isin(OUTDOOR_CATEGORIES)
    group = (
        units.map({"m2_bvo": "floor", "places": "places"})
        .fillna("grounds")
        .mask((units == "m2_terrain") & outdoor, "outdoor")
    )
    return totals.assign(group=group)


def _row(
    kind: Kind, need: pd.DataFrame, rooms: tuple[Room, ...], tolerance_pct: float, assumptions: tuple[str, ...]
) -> CapacityRow:
    required = round(float(need["required"].sum()), 1)
    pooled = round(float(need.loc[need["status"] == "pool", "required"].sum()), 1)
    capacity = round(sum(r.m2 for r in rooms if r.m2 is not None), 1)
    unknown = [r for r in rooms if r.m2 is None]
    if unknown:
        assumptions += (
            f"{', '.join(r.naam for r in unknown)}: no floor area can be read ({unknown[0].basis}); "
            "counted as 0, so the capacity is a lower bound",
        )
    return CapacityRow(
        kind,
        LABELS[kind],
        "m2",
        required,
        pooled,
        capacity,
        _status(required, pooled, capacity, tolerance_pct),
        tuple(need["facility"]),
        rooms,
        assumptions,
    )


def _status(required: float, pooled: float, capacity: float, tolerance_pct: float) -> str:
    if capacity + NOISE >= required:
        return "ok"
    if capacity + NOISE >= required - pooled:
        return "pool"
    if required - capacity <= required * tolerance_pct / 100 + NOISE:
        return WITHIN_TOLERANCE
    return "short"


def _name(place: FacilityPlace) -> str:
    return f"{place.naam} {short_id(place.id)}"


def _floor_assumptions(summary: PlanSummary, places: list[FacilityPlace]) -> tuple[str, ...]:
    notes = [f"{_name(f)}: {a}" for f in places for a in f.capacity.assumptions]
    sport = [f for f in summary.facilities if f.category == "sport" and f.capacity.m2]
    if sport:
        notes.append(
            f"building room on sport planes ({', '.join(_name(f) for f in sport)}) is not counted here: "
            "their land counts for sport fields"
        )
    return tuple(notes)


def _outdoor_rooms(plan: Plan, summary: PlanSummary) -> tuple[Room, ...]:
    """Sport and groen planes, and sport or play aanduidingen on planes of another hoofdgroep
    (on a sport or groen plane their land is already counted)."""
    rooms = [
        Room(p.id, f"{p.naam} {short_id(p.id)}", p.area_m2, "land", f"enkelbestemming {p.hoofdgroep}")
        for p in plan.enkelbestemmingen
        if p.hoofdgroep in OUTDOOR_HOOFDGROEPEN
    ]
    hoofdgroep = {p.id: p.hoofdgroep for p in plan.enkelbestemmingen}
    sport_places = {f.id for f in summary.facilities if f.category == "sport"}  # a set: one look-up per aanduiding
    for a in plan.functieaanduidingen:
        sport = a.id in sport_places
        elsewhere = not any(hoofdgroep.get(p) in OUTDOOR_HOOFDGROEPEN for p in a.plane_ids)
        if elsewhere and (sport or a.naam.lower().startswith(PLAY_PREFIX)):
            rooms.append(Room(a.id, f"{a.naam} {short_id(a.id)}", a.area_m2, "land", "functieaanduiding"))
    return tuple(rooms)


def _dwelling_rows(source: PlanInput, programme: Programme) -> tuple[list[CapacityRow], list[str]]:
    """The dwellings against the caps: the total; beside a programme whose areas carry the names
    --to-programme gives the capped planes, also per area."""
    summary = source.summary
    if not summary.dwelling_caps:
        return [], ["the plan caps no dwellings: the dwellings are not checked against it"]
    if summary.uncapped_wonen_planes:
        planes = ", ".join(p.plane_id for p in summary.uncapped_wonen_planes)
        return [], [
            f"wonen planes without a cap ({planes}): the caps are no ceiling, "
            "the dwellings are not checked against them"
        ]
    cap = float(summary.max_dwellings)
    caps = [f"{c.max_dwellings} on {cap_area(c)}" for c in summary.dwelling_caps]
    total = CapacityRow(
        "dwellings",
        LABELS["dwellings"],
        "dwellings",
        source.dwellings,
        0.0,
        cap,
        "short" if source.dwellings > cap + NOISE else "ok",
        assumptions=(f"caps (maximum aantal wooneenheden): {', '.join(caps)}",),
    )
    if source.dwellings_from != "programme":
        return [total], []
    per_area = programme.dwellings.groupby("area")["count"].sum()
    named = _cap_names(summary)
    if not set(per_area.index) <= set(named):
        return [total], [
            "programme dwellings are matched to the caps in total only: its areas do not carry the "
            "names of the capped planes (as normcheck imro --to-programme writes them)"
        ]
    over = [
        CapacityRow(
            "dwellings",
            LABELS["dwellings"],
            "dwellings",
            float(count),
            0.0,
            float(named[str(area)]),
            "short",
            area=str(area),
        )
        for area, count in per_area.items()
        if count > named[str(area)] + NOISE
    ]
    return [total, *over], [
        "programme dwellings are matched to the caps in total and per area (by the area names "
        "normcheck imro --to-programme writes)"
    ]


def _cap_names(summary: PlanSummary) -> dict[str, float]:
    """Area name -> its cap: per cap as --to-programme names them ("Wonen 9cacbc deel 2"), and per
    capped plane, its caps added up, as a plan check names its areas ("Wonen 9cacbc")."""
    per_plane: dict[str, float] = {}
    for cap in summary.dwelling_caps:
        per_plane[cap_area(cap)] = per_plane.get(cap_area(cap), 0.0) + cap.max_dwellings
    per_cap = {
        str(r["area"]): float(r["count"])
        for r in programme_skeleton(summary)
        if r["count"] is not None and r["m2"] is None
    }
    return {**per_plane, **per_cap}


def _assumptions(report: Report, source: PlanInput, programme: Programme) -> list[str]:
    summary, fw = source.summary, report.framework
    count = f"{source.dwellings:,.0f}"
    if source.dwellings_from == "caps":
        lines = [
            f"dwellings: {count}, the sum of the plan's {len(summary.dwelling_caps)} caps (maximum aantal wooneenheden)"
        ]
    elif source.dwellings_from == "--dwellings":
        lines = [f"dwellings: {count}, given with --dwellings"]
    else:
        lines = [f"dwellings: {count}, from the programme {programme.file}"]
    if source.mix is not None:
        origin = "given with --mix" if source.mix.source == "--mix" else f"framework {fw.id}'s default_mix"
        lines.append(f"mix: {source.mix.text()}, {origin}")
    if source.milieu is not None:
        lines.append(f"woonmilieu: {source.milieu}, the framework's default (a bestemmingsplan does not name one)")
    lines.append(
        "building capacity per place: the explicit 'maximum vloeroppervlakte' where the plan gives one, "
        "else area x 'maximum bebouwingspercentage' x 'maximum aantal bouwlagen' (each place says which)"
    )
    return lines


def _plain(value: float | None) -> float | None:
    return None if value is None or value != value else round(float(value), 1) + 0.0
