"""One programme against several frameworks, side by side.

Facilities are matched by id. Where the frameworks do not share the same facilities within a
category (Amsterdam's huisartsenpraktijk against a national gezondheidscentrum), the category's
total is compared as well, per unit (m² BVO, m² terrain, places), against everything the plan
provides in that category: that is the comparison that still means something."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from normcheck import __version__
from normcheck.core.report import DECIMALS, Report, framework_record
from normcheck.framework.model import UNIT_WORDS, Dwelling, Facility, Framework, Milieu

if TYPE_CHECKING:
    from normcheck.programme.model import Programme

NOTABLE_SPREAD = 0.10  # requirements further apart than this are highlighted


@dataclass(frozen=True)
class Cell:
    required: float
    planned: float
    status: str
    facilities: tuple[str, ...]  # the framework's facilities behind the number


@dataclass(frozen=True)
class CompareRow:
    key: str  # facility id, or category/unit for a category total
    match: Literal["id", "category"]
    label: str
    category: str
    unit: str  # m2_bvo, m2_terrain or places
    cells: dict[str, Cell | None]  # per framework key; None: the framework has no such facility

    @property
    def present(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if cell is not None]

    @property
    def spread(self) -> float | None:
        """(largest - smallest) / smallest requirement; None with fewer than two, or a zero."""
        values = [cell.required for cell in self.present]
        if len(values) < 2 or min(values) <= 0:
            return None
        return round((max(values) - min(values)) / min(values), 4)

    @property
    def statuses_differ(self) -> bool:
        return len({cell.status == "short" for cell in self.present}) > 1

    @property
    def notable(self) -> bool:
        return self.statuses_differ or (self.spread is not None and self.spread >= NOTABLE_SPREAD)


@dataclass(frozen=True, eq=False)
class Comparison:
    programme_file: str
    keys: tuple[str, ...]  # one per framework, in the order given (its id; #2 for a repeat)
    reports: tuple[Report, ...]
    rows: tuple[CompareRow, ...]
    mappings: tuple[dict[str, Any], ...] = ()  # per framework: dwelling categories and woonmilieus it counted as others

    @property
    def status(self) -> str:
        return "short" if any(r.status == "short" for r in self.reports) else "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "normcheck": __version__,
            "programme": {"file": self.programme_file},
            "status": self.status,
            "frameworks": [
                {**_framework_record(key, report), **({"mapped": mapping} if mapping else {})}
                for key, report, mapping in zip(self.keys, self.reports, self.mappings or [{}] * len(self.keys))
            ],
            "facilities": [_row_record(row) for row in self.rows],
        }


def compare(
    frameworks: Sequence[Framework],
    read: Callable[[Framework], Programme],
    run: Callable[[Programme, Framework], Report],
) -> Comparison:
    """The programme `read` gives (read once per framework, with everything any compared
    framework knows) checked against each framework by `run`. A planned facility only some
    frameworks know is left out for the others (each framework judges its own facilities) and
    still counts in its category's total."""
    known: dict[str, Facility] = {}
    dwellings: dict[str, Dwelling] = {}
    milieus: dict[str, Milieu] = {}
    for framework in frameworks:
        for facility in framework.facilities.values():
            known.setdefault(facility.id, facility)
        for key, dwelling in framework.dwellings.items():
            dwellings.setdefault(key, dwelling)
        for milieu in framework.milieus:
            milieus.setdefault(milieu.id, milieu)
    reports, mappings, planned_rows = [], [], None
    for framework in frameworks:
        # Read with everything any compared framework knows, so that another framework's dwelling
        # category, woonmilieu or facility is no typo; a real typo is unknown to all of them.
        reading = replace(
            framework,
            facilities={
                **framework.facilities,
                **{k: f for k, f in known.items() if k not in framework.facilities and k not in framework.dwellings},
            },
            dwellings={
                **framework.dwellings,
                **{
                    k: d for k, d in dwellings.items() if k not in framework.dwellings and k not in framework.facilities
                },
            },
            milieus=framework.milieus + tuple(m for k, m in milieus.items() if k not in framework.milieu_ids),
        )
        programme = read(reading)
        if planned_rows is None:
            planned_rows = programme.facilities
        fitted, mapping = _fit(programme, framework)
        mappings.append(mapping)
        reports.append(run(fitted, framework))
    keys = _keys(frameworks)
    planned = _planned_by_facility(planned_rows, known)
    return Comparison(
        str(reports[0].programme_file),
        keys,
        tuple(reports),
        tuple(_rows(keys, frameworks, reports, known, planned)),
        tuple(mappings),
    )


def _fit(programme: Programme, framework: Framework) -> tuple[Programme, dict[str, Any]]:
    """The programme in the framework's own terms: a planned facility it does not know is left
    out (it still counts in its category's total); a dwelling category it does not know is
    counted by its default_mix (Den Haag's: every dwelling a `woning`); a woonmilieu it does not
    know becomes its default woonmilieu. What was mapped is returned, to be shown."""
    from normcheck.errors import ProgrammeError
    from normcheck.programme.model import Programme

    rows = programme.rows
    rows = rows[(rows["kind"] != "facility") | rows["use"].isin(list(framework.facilities))]
    mapping: dict[str, Any] = {}
    foreign = (rows["kind"] == "dwelling") & ~rows["use"].isin(list(framework.dwellings))
    if foreign.any():
        names = sorted(rows.loc[foreign, "use"].unique())
        if framework.default_mix is None:
            raise ProgrammeError.single(
                programme.file,
                f"{framework.id} has no dwelling categor"
                f"{'ies' if len(names) > 1 else 'y'} {', '.join(names)} and no default_mix to "
                "count them by: compare frameworks that share dwelling categories",
            )
        mix = pd.DataFrame({"_into": list(framework.default_mix), "_share": list(framework.default_mix.values())})
        spread = rows[foreign].merge(mix, how="cross")
        spread = spread.assign(use=spread["_into"], count=spread["count"] * spread["_share"]).drop(
            columns=["_into", "_share"]
        )
        rows = pd.concat([rows[~foreign], spread], ignore_index=True)
        mapping["dwellings"] = {name: dict(framework.default_mix) for name in names}
    strange = ~rows["milieu"].isin(list(framework.milieu_ids))
    if strange.any():
        mapping["milieus"] = dict.fromkeys(sorted(rows.loc[strange, "milieu"].unique()), framework.default_milieu)
        rows = rows.assign(milieu=rows["milieu"].where(~strange, framework.default_milieu))
    return Programme(programme.file, rows.reset_index(drop=True), programme.dialect), mapping


def _keys(frameworks: Sequence[Framework]) -> tuple[str, ...]:
    keys: list[str] = []
    for framework in frameworks:
        key, n = framework.id, 2
        while key in keys:
            key, n = f"{framework.id}#{n}", n + 1
        keys.append(key)
    return tuple(keys)


def _planned_by_facility(rows: Any, known: dict[str, Facility]) -> dict[str, float]:
    """What the plan provides per facility id (m², or places for facilities counted in places)."""
    if rows is None or rows.empty:
        return {}
    places = rows["use"].map(lambda use: known[use].counts_places)
    amount = np.where(places, rows["count"], rows["m2"])
    return rows.assign(amount=amount).groupby("use")["amount"].sum().to_dict()


def _rows(
    keys: tuple[str, ...],
    frameworks: Sequence[Framework],
    reports: Sequence[Report],
    known: dict[str, Facility],
    planned: dict[str, float],
) -> list[CompareRow]:
    totals = [report.totals().set_index("facility") for report in reports]
    order = list(known)  # first framework's order, then facilities only later ones have
    rows: list[CompareRow] = []
    groups: dict[tuple[str, str], list[str]] = {}
    categories = list(dict.fromkeys(known[f].category for f in order))
    for facility_id in sorted(
        order, key=lambda f: categories.index(known[f].category)
    ):  # stable: framework order within
        facility = known[facility_id]
        groups.setdefault((facility.category, facility.unit), []).append(facility_id)
    for (category, unit), ids in groups.items():
        for facility_id in ids:
            cells = {
                key: (_cell(total.loc[facility_id], (facility_id,)) if facility_id in fw.facilities else None)
                for key, fw, total in zip(keys, frameworks, totals)
            }
            rows.append(CompareRow(facility_id, "id", known[facility_id].label, category, unit, cells))
        # Where frameworks split a category into different facilities, the category's total is the
        # like-for-like comparison; where they share the same ones, the rows above already are.
        sets = {tuple(f for f in ids if f in fw.facilities) for fw in frameworks} - {()}
        if len(sets) > 1:
            rows.append(_category_row(category, unit, ids, keys, frameworks, totals, planned))
    return rows


def _cell(total: Any, facilities: tuple[str, ...]) -> Cell:
    return Cell(float(total["required"]), float(total["planned"]), str(total["status"]), facilities)


def _category_row(
    category: str,
    unit: str,
    ids: list[str],
    keys: tuple[str, ...],
    frameworks: Sequence[Framework],
    totals: list[Any],
    planned: dict[str, float],
) -> CompareRow:
    """Everything each framework requires in the category (this unit) against everything the
    plan provides in it."""
    provided = round(sum(planned.get(f, 0.0) for f in ids), DECIMALS)
    cells: dict[str, Cell | None] = {}
    for key, framework, total in zip(keys, frameworks, totals):
        own = tuple(f for f in ids if f in framework.facilities)
        if not own:
            cells[key] = None
            continue
        need = round(float(total.loc[list(own), "required"].sum()), DECIMALS)
        cells[key] = Cell(need, provided, "short" if provided < need else "ok", own)
    return CompareRow(f"{category}/{unit}", "category", f"{category}: all {UNIT_WORDS[unit]}", category, unit, cells)


def _framework_record(key: str, report: Report) -> dict[str, Any]:
    fw = report.framework
    return {
        "key": key,
        **framework_record(fw),
        "status": report.status,
        "population": report.population,
        **({"case": report.case} if report.case is not None else {}),
    }


def _row_record(row: CompareRow) -> dict[str, Any]:
    suffix = "places" if row.unit == "places" else "m2"
    return {
        "key": row.key,
        "match": row.match,
        "label": row.label,
        "category": row.category,
        "unit": row.unit,
        "frameworks": {
            key: None
            if cell is None
            else {
                f"required_{suffix}": cell.required,
                f"planned_{suffix}": cell.planned,
                f"gap_{suffix}": round(cell.planned - cell.required, DECIMALS),
                "status": cell.status,
                "facilities": list(cell.facilities),
            }
            for key, cell in row.cells.items()
        },
        "spread": row.spread,
        "statuses_differ": row.statuses_differ,
    }
