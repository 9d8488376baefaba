"""Where a programme's areas lie: each area (a buurt) in a wijk, each wijk in a stadsdeel, all in
the plan. Without a wijk column the whole programme is one wijk, without a stadsdeel column one
stadsdeel. A facility's catchment names the level where its demand and supply are summed and
its status is judged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from normcheck.framework.model import Facility, Framework

Level = Literal["buurt", "wijk", "stadsdeel", "plan"]
LEVELS: tuple[Level, ...] = ("buurt", "wijk", "stadsdeel", "plan")
# The level a catchment is judged at when the programme gives it; stad and regio: the plan holds
# a share of a city facility, judged at the plan; no catchment: the plan as a whole.
CATCHMENT_LEVEL: dict[str | None, Level] = {
    "buurt": "buurt",
    "wijk": "wijk",
    "stadsdeel": "stadsdeel",
    "stad": "plan",
    "regio": "plan",
    None: "plan",
}


@dataclass(frozen=True, eq=False)
class Places:
    """The areas (sorted) and, per level the programme gives, the group of each area."""

    areas: np.ndarray  # area names, object
    levels: tuple[Level, ...]  # buurt, the levels the programme gives, plan
    codes: dict[Level, np.ndarray]  # level -> group number per area
    names: dict[Level, np.ndarray]  # level -> group names (plan: [None])

    def groups(self, level: Level) -> int:
        return len(self.names[level])

    def given(self, level: Level) -> Level:
        """The level that stands for `level` in this programme: itself when the programme gives
        it, else the next wider one it gives (the whole programme is one wijk without a wijk column)."""
        for candidate in LEVELS[LEVELS.index(level) :]:
            if candidate in self.levels:
                return candidate
        return "plan"

    def collapsed(self, base: Level) -> Places:
        """The same hierarchy with the groups of `base` as its finest units (finer levels gone)."""
        if base == "buurt":
            return self
        levels = self.levels[self.levels.index(base) :]
        codes = {level: self.parent(base, level) for level in levels}
        names = {level: self.names[level] for level in levels}
        return Places(self.names[base], levels, codes, names)

    def parent(self, finer: Level, wider: Level) -> np.ndarray:
        """Per group of `finer`, the group of `wider` it lies in."""
        out = np.zeros(self.groups(finer), dtype=np.int64)
        out[self.codes[finer]] = self.codes[wider]
        return out


def places_of(rows: pd.DataFrame, areas: list[str]) -> Places:
    """The hierarchy of the programme rows' areas (`areas`, sorted, as the check lists them).
    The reader has checked that every area lies in one wijk and every wijk in one stadsdeel."""
    area_index = pd.Index(areas, dtype=object)
    codes: dict[Level, np.ndarray] = {"buurt": np.arange(len(areas))}
    names: dict[Level, np.ndarray] = {"buurt": np.asarray(areas, dtype=object)}
    levels: list[Level] = ["buurt"]
    for level in ("wijk", "stadsdeel"):
        if level not in rows or rows[level].isna().all():
            continue
        given = rows[["area", level]].dropna().drop_duplicates("area").set_index("area")[level]
        of_area = given.reindex(area_index)
        # An area none of whose rows names a wijk is a wijk of its own name (a plan's own rows).
        of_area = of_area.where(of_area.notna(), pd.Series(area_index, index=area_index).map(lambda a: f"({a})"))
        group, group_names = pd.factorize(of_area.to_numpy(dtype=object), sort=True)
        codes[level], names[level] = group.astype(np.int64), np.asarray(group_names, dtype=object)
        levels.append(level)
    codes["plan"] = np.zeros(len(areas), dtype=np.int64)
    names["plan"] = np.array([None], dtype=object)
    levels.append("plan")
    return Places(np.asarray(areas, dtype=object), tuple(levels), codes, names)


def judging_level(facility: Facility, framework: Framework, places: Places) -> Level:
    """Where a facility's status is judged in this programme. A site facility (a schoolplein) is
    judged where the facility of the building it belongs to is judged, else per buurt."""
    catchment = facility.catchment
    if catchment == "site":
        host = next(
            (f for f in framework.facilities.values() if f.kind == facility.site_of and f.catchment != "site"), None
        )
        return places.given(CATCHMENT_LEVEL[host.catchment]) if host is not None else "buurt"
    return places.given(CATCHMENT_LEVEL.get(catchment, "plan"))
