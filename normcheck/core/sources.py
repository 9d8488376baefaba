"""Where each row's supply comes from (`planned_from`): what the plan builds (by building name;
unnamed rows together), what other buildings lend it in their free hours, and what existing
facilities spare. The entries of a row add up to its planned plus existing amount. And the
planned uses this framework does not norm (`unnormed`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from normcheck.core.judge import LevelResult, Spare
from normcheck.core.places import Level, Places
from normcheck.core.report import DECIMALS
from normcheck.framework.model import Framework
from normcheck.programme.model import Programme


def planned_from(
    rows: pd.DataFrame,
    programme: Programme,
    places: Places,
    judged: dict[Level, LevelResult],
    spare: Sequence[Spare],
    framework: Framework,
) -> list[list[dict[str, Any]]]:
    """Per report row (in order), its supply entries."""
    ids = list(framework.facilities)
    position = {f: n for n, f in enumerate(ids)}
    group_of_area = {level: dict(zip(places.areas, places.codes[level])) for level in places.levels}
    own = _entries(programme.facilities, framework, "planned")
    lent = _entries(programme.lendings, framework, "shared") if programme.lendings is not None else own.iloc[:0]
    lent = _as_counted(lent, judged, group_of_area, position)
    out: list[list[dict[str, Any]]] = []
    index: dict[Level, dict[str, dict[tuple[int, str], list[tuple[str | None, float]]]]] = {}
    for level in dict.fromkeys(rows["level"]):  # only the levels shown
        index[level] = {
            "planned": _by_group(own, group_of_area[level]),
            "shared": _by_group(lent, group_of_area[level]),
        }
    group_number = {level: {name: n for n, name in enumerate(places.names[level])} for level in places.levels}
    at: Level
    for at, place, facility in zip(rows["level"].tolist(), rows["place"].tolist(), rows["facility"].tolist()):
        group = group_number[at][place]
        entries: list[dict[str, Any]] = [
            {"source": "planned", "name": name, "m2": round(m2, DECIMALS)}
            for name, m2 in index[at]["planned"].get((group, facility), [])
        ]
        entries += [
            {"source": "shared", "name": name, "m2": round(m2, DECIMALS)}
            for name, m2 in index[at]["shared"].get((group, facility), [])
            if round(m2, DECIMALS) > 0
        ]
        parts = judged[at].spare_parts
        for n, item in enumerate(spare):
            if item.facility != position[facility] or n not in parts:
                continue
            amount = float(parts[n][group, 0])
            if amount > 0:
                entries.append({"source": "existing", "name": item.name, "m2": round(amount, DECIMALS)})
        out.append(entries)
    return out


def _as_counted(
    lent: pd.DataFrame,
    judged: dict[Level, LevelResult],
    group_of_area: dict[Level, dict[str, int]],
    position: dict[str, int],
) -> pd.DataFrame:
    """Each lending as counted: scaled by the max_shared cap of the group where its borrower is
    judged (a cap in wijk Zuid scales Zuid's lenders only)."""
    if lent.empty:
        return lent
    level_of: dict[int, Level] = {
        int(f): level for level, result in judged.items() for f in np.flatnonzero(result.judged)
    }
    scale = np.ones(len(lent))
    for n, (area, use) in enumerate(zip(lent["area"], lent["use"])):
        f = position[use]
        level = level_of[f]
        group = group_of_area[level][str(area)]
        offered = judged[level].lent[group, f, 0]
        scale[n] = judged[level].shared[group, f, 0] / offered if offered > 0 else 0.0
    return lent.assign(amount=lent["amount"].to_numpy() * scale)


def _entries(rows: pd.DataFrame | None, framework: Framework, source: str) -> pd.DataFrame:
    """area, facility, name, amount per contributing row."""
    if rows is None or rows.empty:
        return pd.DataFrame({"area": [], "use": [], "name": [], "amount": []})
    rows = rows[rows["use"].notna()]
    if source == "planned":
        places = rows["use"].map({f: fac.counts_places for f, fac in framework.facilities.items()}).astype(bool)
        amount = np.where(places, rows["count"], rows["m2"])
    else:
        amount = rows["m2"].to_numpy()
    return pd.DataFrame(
        {
            "area": rows["area"].to_numpy(dtype=object),
            "use": rows["use"].to_numpy(dtype=object),
            "name": rows["name"].to_numpy(dtype=object),
            "amount": np.asarray(amount, dtype=float),
        }
    )


def _by_group(
    entries: pd.DataFrame, group_of_area: dict[str, int]
) -> dict[tuple[int, str], list[tuple[str | None, float]]]:
    if entries.empty:
        return {}
    # each distinct area looked up once (Series.map makes a Series of the whole dict first)
    codes, areas = pd.factorize(entries["area"].to_numpy(dtype=object))
    known = [group_of_area.get(area, np.nan) for area in areas.tolist()]
    group = np.array([*known, np.nan], dtype=float)[codes]  # a missing area (code -1): no group
    frame = entries.assign(group=group, name=entries["name"].fillna(""))
    summed = frame.groupby(["group", "use", "name"], sort=False)["amount"].sum()
    out: dict[tuple[int, str], list[tuple[str | None, float]]] = {}
    for (group, use, name), amount in summed.items():
        out.setdefault((int(group), str(use)), []).append((name or None, float(amount)))
    return out


def unnormed(programme: Programme, existing: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """Planned uses of kinds this framework does not norm (planned rows, floor lent to such a
    kind in shared use, spare capacity of existing ones): kind, as written, amount, lines."""
    rows = programme.unnormed
    lent = programme.lendings
    out = []
    if existing is not None and not existing.empty:
        out += _by_kind(existing.assign(m2=existing["amount"]), "existing")
    if lent is not None and not lent.empty:
        out += _by_kind(lent.assign(unit="m2"), "lent_by")
    if rows.empty:
        return out
    key: Any
    for key, these in rows.groupby(["kind", "use_given"], sort=False, dropna=False):
        kind, given = key
        places = these["m2"].isna().all()
        out.append(
            {
                "kind": None if pd.isna(kind) else kind,
                "use": given,
                "unit": "places" if places else "m2",
                "amount": round(float((these["count"] if places else these["m2"]).sum()), DECIMALS),
                "lines": [int(n) for n in these["line"].dropna()[:10]],
            }
        )
    return out


def _by_kind(rows: pd.DataFrame, named: str) -> list[dict[str, Any]]:
    """Rows of kinds the framework does not norm (use NaN), one record per kind, with the names
    of the buildings (`named`: existing, or lent_by for the lenders)."""
    return [
        {
            "kind": kind,
            "use": kind,
            named: list(dict.fromkeys(these["name"])),
            "unit": str(these["unit"].iloc[0]),
            "amount": round(float(these["m2"].sum()), DECIMALS),
            "lines": [int(n) for n in these["line"][:10]],
        }
        for kind, these in rows[rows["use"].isna()].groupby("kind", sort=False)
    ]
