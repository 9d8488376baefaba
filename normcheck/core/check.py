"""Put it together: a programme, a framework and existing capacity in, a Report out. No I/O.

Demand per area, planned m² per area, floor lent by other buildings per area, spare capacity of
existing facilities where they stand; judged per facility at its catchment (judge.py)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from normcheck.core.calculate import basis_amounts, planned_of_sums, planned_sums, required, standard_size
from normcheck.core.judge import (
    OK,
    POOL,
    SHORT,
    STATUS_NAMES,
    WITHIN,
    LevelResult,
    Rules,
    Spare,
    count_standard,
    group_sum,
    judge,
)
from normcheck.core.places import Level, Places, judging_level, places_of
from normcheck.core.population import CountGroups, cohort_column, count_groups, dwelling_counts, population_of_groups
from normcheck.core.provenance import facility_leaves, provenance
from normcheck.core.report import DECIMALS, ROW_COLUMNS, Report
from normcheck.core.sources import planned_from, unnormed
from normcheck.framework.model import Facility, Framework, Leaf
from normcheck.programme.model import Programme

LEVEL_COLUMN: dict[Level, str] = {"buurt": "area", "wijk": "wijk", "stadsdeel": "stadsdeel"}


def check(
    programme: Programme,
    framework: Framework,
    by_area: bool = False,
    existing: pd.DataFrame | None = None,
    tolerance_pct: float = 0.0,
) -> Report:
    """`existing`: spare capacity (supply.py's resolved rows: use, amount, level, place, name);
    `tolerance_pct`: a shortfall of at most this share of a judged need is within-tolerance."""
    if not 0 <= tolerance_pct <= 100:
        raise ValueError(f"tolerance must be from 0 to 100 %, not {tolerance_pct}")
    sums = programme_sums(programme)
    pop, need = area_need(sums, framework)
    per_area = sums.per_area
    milieu_of_area = per_area["milieu"]
    areas = sums.areas
    places = sums.places
    ids = list(framework.facilities)
    have = planned_of_sums(sums.planned, framework).reindex(areas, fill_value=0.0)
    lent = lent_by_area(programme, framework, areas)
    basis = per_area_sum(basis_amounts(pop, framework), sums)
    area_milieus = sums.area_milieus
    rules = judging_rules(framework, places, area_milieus)
    spare = spare_list(existing, places, ids)
    judged = judge(
        places, rules, need.to_numpy()[:, :, None], have.to_numpy()[:, :, None], lent[:, :, None], spare, tolerance_pct
    )

    uses_of_area = (
        sums.uses_of_area
        if by_area  # only the plan row shown: it rests on every category (no per-area work)
        else (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))
    )
    shown = [lv for lv in places.levels if by_area or lv == "plan"]
    all_uses = list(sums.all_uses)
    frames = [
        _rows(framework, places, judged, level, basis, area_milieus, uses_of_area, all_uses, rules)
        for level in reversed(shown)  # the plan first, then each finer level
    ]
    table = pd.concat(frames, ignore_index=True)
    order = {f: n for n, f in enumerate(framework.facilities)}
    table = (
        table.assign(_f=table["facility"].map(order))
        .sort_values("_f", kind="stable")
        .drop(columns=["_f"])
        .reset_index(drop=True)
    )
    leaves = check_leaves(programme, framework)
    by_area_pop = pop.groupby(level="area").sum().reindex(areas, fill_value=0.0)
    by_area_pop["milieu"] = milieu_of_area.reindex(areas)
    table["planned_from"] = planned_from(table, programme, places, judged, spare, framework)
    return Report(
        framework=framework,
        programme_file=programme.file,
        population=_population(pop, framework),
        population_by_area=by_area_pop,
        rows=table[list(ROW_COLUMNS)],
        leaves=leaves,
        by_area=by_area,
        dialect=dict(programme.dialect),
        area_lines=_first_lines(per_area["line"]),
        programme=programme,
        unnormed=unnormed(programme, existing),
        notes=dict(programme.notes),
        existing_file=None if existing is None else str(existing.attrs.get("file", "")),
    )


def required_rows(programme: Programme, framework: Framework, by_area: bool = False) -> np.ndarray:
    """The `required` column of `check`'s rows alone, in their order, by the same arithmetic (a
    framework with value ranges shows the requirement of its low and high cases beside the
    judged one: neither needs judging, supply or provenance)."""
    sums = programme_sums(programme)
    need = area_need(sums, framework)[1].to_numpy()[:, :, None]
    places = sums.places
    shown = [lv for lv in places.levels if by_area or lv == "plan"]
    per_level = [
        group_sum(need, places.codes[level], places.groups(level))[:, :, 0].round(DECIMALS) for level in reversed(shown)
    ]
    # check's rows: per facility (in order), the plan first, then each finer level, group by group
    return np.concatenate(per_level, axis=0).T.ravel()


def check_leaves(programme: Programme, framework: Framework) -> tuple[Leaf, ...]:
    """Every framework number a check of the programme rests on (Report.leaves)."""
    sums = programme_sums(programme)
    all_milieus = list(dict.fromkeys(sums.area_milieus))
    all_uses = list(sums.all_uses)
    return tuple(
        leaf for f in framework.facilities.values() for leaf in facility_leaves(f, framework, all_milieus, all_uses)
    )


def area_need(sums: ProgrammeSums, framework: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The population per (area, woonmilieu), and the need per area (sorted) and facility."""
    pop = population_of_groups(sums.counts, sums.count_groups, framework)
    return pop, per_area_sum(required(pop, framework), sums)


def per_area_sum(table: pd.DataFrame, sums: ProgrammeSums) -> pd.DataFrame:
    """A table per (area, woonmilieu) summed per area, in the rows' areas (sorted; 0 where none):
    `table.groupby(level="area").sum().reindex(sums.areas, fill_value=0.0)` on the codes made once."""
    code, names, at = sums.pop_areas
    out = np.zeros((len(sums.areas), table.shape[1]))
    values = table.to_numpy()
    if len(names) == len(code) and not np.isnan(values).any():  # one woonmilieu per area: its row
        out[at[code]] = values
    else:
        out[at] = table.groupby(code, sort=True).sum().to_numpy()
    return pd.DataFrame(out, index=sums.area_index, columns=table.columns)


@dataclass(frozen=True, eq=False)
class ProgrammeSums:
    """The row-sized work of a check, which does not depend on the framework's values: done once
    per programme, however many frameworks it is checked with (a framework with value ranges is
    checked in its low, base and high case; each then works on these small tables)."""

    programme: Programme

    @cached_property
    def counts(self) -> pd.DataFrame:
        """Dwellings per area, woonmilieu and category (population.dwelling_counts)."""
        return dwelling_counts(self.dwelling_rows, by=("area", "milieu"))

    @cached_property
    def dwelling_rows(self) -> pd.DataFrame:
        """The dwelling rows (`Programme.dwellings`, in the same order) with only the columns the
        sums read: `Programme.dwellings` keeps every column, a copy of 100 MiB at a million rows."""
        return self.programme.rows.loc[self.programme.is_dwelling, ["area", "milieu", "use", "count"]]

    @cached_property
    def count_groups(self) -> CountGroups:
        return count_groups(self.counts)

    @cached_property
    def pop_areas(self) -> tuple[np.ndarray, pd.Index, np.ndarray]:
        """Per (area, woonmilieu) group of the population: its area's code, the areas (sorted),
        and each one's position in `areas`."""
        index = self.count_groups.index
        if isinstance(index, pd.MultiIndex):
            index = index.remove_unused_levels()
            code, names = np.asarray(index.codes[0]), index.levels[0]
        else:  # no dwellings: no groups
            code, names = np.zeros(0, dtype=np.int64), pd.Index([], dtype=object)
        return code, names, self.area_index.get_indexer(pd.Index(names, dtype=object))

    @cached_property
    def area_index(self) -> pd.Index:
        """`areas` as the index of per-area tables."""
        return pd.Index(self.areas, dtype=object, name="area")

    @cached_property
    def per_area(self) -> pd.DataFrame:
        """Per area (sorted): its woonmilieu and first line, in one pass over the rows."""
        return self.programme.rows.groupby("area").agg(milieu=("milieu", "first"), line=("line", "min"))

    @cached_property
    def areas(self) -> list[str]:
        """Every area of the rows, sorted (the areas with dwellings are among them)."""
        # object arrays iterate fast (str indexes do not)
        named = self.per_area.index.to_numpy(dtype=object)
        counted = pd.unique(self.counts["area"].to_numpy(dtype=object))
        if pd.Index(named, dtype=object).is_monotonic_increasing and pd.Index(counted, dtype=object).isin(named).all():
            return list(named)
        return sorted(set(counted) | set(named))

    @cached_property
    def area_milieus(self) -> np.ndarray:
        return self.per_area["milieu"].reindex(self.areas).to_numpy(dtype=object)

    @cached_property
    def places(self) -> Places:
        return places_of(self.programme.rows, self.areas)

    @cached_property
    def planned(self) -> pd.DataFrame:
        """The planned facility rows' count and m2 per area and use (calculate.planned_sums)."""
        return planned_sums(self.programme.facilities, ["area"])

    @cached_property
    def uses_of_area(self) -> tuple[np.ndarray, np.ndarray]:
        return _uses_of_area(self.dwelling_rows, self.areas)

    @cached_property
    def all_uses(self) -> list[str]:
        return list(self.dwelling_rows["use"].unique())


_SUMS: weakref.WeakKeyDictionary[Programme, ProgrammeSums] = weakref.WeakKeyDictionary()


def programme_sums(programme: Programme) -> ProgrammeSums:
    """The programme's ProgrammeSums, made once and kept as long as the programme lives (its rows
    are never changed in place: a changed programme is a new Programme)."""
    sums = _SUMS.get(programme)
    if sums is None:
        sums = _SUMS[programme] = ProgrammeSums(programme)
    return sums


def judging_rules(framework: Framework, places: Places, area_milieus: np.ndarray) -> Rules:
    """How each facility is judged, with its standard size and max_shared per area (woonmilieu)."""
    facilities = list(framework.facilities.values())
    milieus = list(dict.fromkeys(area_milieus))
    position = {m: k for k, m in enumerate(milieus)}
    code = np.array([position[m] for m in area_milieus], dtype=np.int64)
    sizes = np.array([[standard_size(f, [m]) for f in facilities] for m in milieus], dtype=float).reshape(
        len(milieus), len(facilities)
    )
    caps = np.array([[_share(f, m) for f in facilities] for m in milieus], dtype=float).reshape(
        len(milieus), len(facilities)
    )
    return Rules(
        levels=[judging_level(f, framework, places) for f in facilities],
        site=np.array([f.catchment == "site" for f in facilities], dtype=bool),
        city=np.array([f.catchment in ("stad", "regio") for f in facilities], dtype=bool),
        threshold=np.array([f.rounding.threshold for f in facilities], dtype=float),
        max_shared=caps[code],
        sizes=sizes[code],
    )


def _share(facility: Facility, milieu: str) -> float:
    leaf = facility.max_shared.leaf(milieu) if facility.max_shared is not None else None
    return np.nan if leaf is None else leaf.value


def spare_list(existing: pd.DataFrame | None, places: Places, ids: list[str]) -> list[Spare]:
    """The existing file's resolved rows as spare capacity per framework facility and place."""
    if existing is None or existing.empty:
        return []
    position = {f: n for n, f in enumerate(ids)}
    spare = []
    row: Any  # a row of pandas scalars
    for row in existing.itertuples(index=False):
        if row.use not in position:
            continue
        group = 0 if row.level == "plan" else int(np.flatnonzero(places.names[row.level] == row.place)[0])
        spare.append(Spare(row.level, group, position[row.use], float(row.amount), str(row.name)))
    return spare


def lent_by_area(programme: Programme, framework: Framework, areas: list[str]) -> np.ndarray:
    """(area x facility): floor area lent to each facility by buildings standing in each area."""
    lendings = programme.lendings
    out = np.zeros((len(areas), len(framework.facilities)))
    if lendings is None or lendings.empty:
        return out
    known = lendings[lendings["use"].notna()]
    table = known.groupby(["area", "use"])["m2"].sum().unstack("use", fill_value=0.0)
    return table.reindex(index=areas, columns=list(framework.facilities), fill_value=0.0).to_numpy()


def _uses_of_area(dwellings: pd.DataFrame, areas: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (area position, dwelling category) pairs of the programme, on integer codes
    (a million rows in thousands of areas): the area positions and the categories, as arrays."""
    area_code = pd.Index(areas, dtype=object).get_indexer(dwellings["area"].to_numpy(dtype=object))
    use_code, uses = pd.factorize(dwellings["use"].to_numpy(dtype=object))
    pairs = np.unique(area_code.astype(np.int64) * max(len(uses), 1) + use_code)
    return pairs // max(len(uses), 1), np.asarray(uses, dtype=object)[pairs % max(len(uses), 1)]


def _group_keys(
    codes: np.ndarray, groups: int, area_milieus: np.ndarray, uses_of_area: tuple[np.ndarray, np.ndarray]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per group: the woonmilieus and dwelling categories of its areas, sorted (what its
    provenance rests on)."""
    milieu_code, milieus = pd.factorize(area_milieus)
    milieu_pairs = np.unique(codes.astype(np.int64) * len(milieus) + milieu_code)
    member_milieus: list[list[str]] = [[] for _ in range(groups)]
    for pair in milieu_pairs:
        member_milieus[pair // len(milieus)].append(milieus[pair % len(milieus)])
    area_of_pair, use_of_pair = uses_of_area
    member_uses: list[set[str]] = [set() for _ in range(groups)]
    for group, use in zip(codes[area_of_pair], use_of_pair):
        member_uses[group].add(use)
    return [(tuple(sorted(m)), tuple(sorted(u))) for m, u in zip(member_milieus, member_uses)]


def _first_lines(first: pd.Series) -> dict[str, int]:
    lines = first.dropna()  # an area none of whose rows has a line (a plan's own rows) has none
    return dict(zip(map(str, lines.index.to_numpy(dtype=object)), map(int, lines.to_numpy())))


def _rows(
    framework: Framework,
    places: Places,
    judged: dict[Level, LevelResult],
    level: Level,
    basis: pd.DataFrame,
    area_milieus: np.ndarray,
    uses_of_area: tuple[np.ndarray, np.ndarray],
    all_uses: list[str],
    rules: Rules,
) -> pd.DataFrame:
    """One row per group of `level` x facility. Provenance is worked out once per distinct
    (woonmilieus, dwelling categories) of the groups, not per group."""
    result = judged[level]
    facilities = list(framework.facilities.values())
    ids = [f.id for f in facilities]
    codes = places.codes[level]
    groups = places.groups(level)
    names = places.names[level]
    keys = (
        _group_keys(codes, groups, area_milieus, uses_of_area)
        if level != "plan"
        else [(tuple(sorted(set(area_milieus))), tuple(sorted(set(all_uses))))]
    )
    position = {key: n for n, key in enumerate(dict.fromkeys(keys))}
    code = np.fromiter((position[k] for k in keys), dtype=int, count=groups)
    prov = [
        [provenance(facility_leaves(f, framework, milieus, uses)) for f in facilities] for milieus, uses in position
    ]
    group_basis = basis.reindex(columns=ids).groupby(codes).sum().reindex(range(groups), fill_value=0.0)
    required_amount = result.required[:, :, 0].round(DECIMALS)
    planned_amount = (result.own + result.shared)[:, :, 0].round(DECIMALS)
    existing = result.existing[:, :, 0].round(DECIMALS)
    size = result.size
    units = np.round(required_amount / np.where(size > 0, size, np.nan), 2)
    counted = count_standard(required_amount / np.where(size > 0, size, np.nan), rules.threshold[None, :])
    # at and above the judging level the judge's count (above it the judged rows' counts added up)
    from_judge = result.count[:, :, 0]
    counted = np.where(np.isnan(from_judge), counted, from_judge)
    judging = [rules.levels[k] for k in range(len(facilities))]
    served_by = _served_by(places, level, judging)
    within = _within(places, judged, level, judging)
    count = len(ids)
    frame = pd.DataFrame(
        {
            "level": level,
            "area": np.repeat(names if level == "buurt" else np.full(groups, None, dtype=object), count),
            "place": np.repeat(names, count),
            "facility": np.tile(ids, groups),
            "kind": np.tile([f.kind for f in facilities], groups),
            "label": np.tile([f.label for f in facilities], groups),
            "category": np.tile([f.category for f in facilities], groups),
            "unit": np.tile(["places" if f.counts_places else "m2" for f in facilities], groups),
            "basis": np.tile([_basis_kind(f) for f in facilities], groups),
            "basis_amount": group_basis.to_numpy().round(DECIMALS).ravel(),
            "required": required_amount.ravel(),
            "planned": planned_amount.ravel(),
            "own": result.own[:, :, 0].round(DECIMALS).ravel(),
            "shared": result.shared[:, :, 0].round(DECIMALS).ravel(),
            "existing": existing.ravel(),
            "gap": np.round(planned_amount + existing - required_amount, DECIMALS).ravel(),
            "status": STATUS_NAMES[result.status[:, :, 0]].ravel(),
            # judged here: the facility's catchment, or a wider row short for what its rows pool
            "judged": (np.tile(result.judged, groups) | result.carried[:, :, 0].ravel()),
            "judged_at": np.tile(np.array(judging, dtype=object), groups),
            "served_by": served_by.ravel(),
            "within": within.ravel(),
            "standard_units": units.ravel(),
            "standard_count": np.where(size > 0, counted, np.nan).ravel(),
            "rounding": np.tile([f.rounding.describe() for f in facilities], groups),
            "catchment": np.tile(np.array([f.catchment for f in facilities], dtype=object), groups),
        }
    )
    frame["shortfall"] = _shortfall(places, judged, level, judging).ravel()
    frame["provenance_status"] = [p.status for k in code for p in prov[k]]
    frame["sources"] = [p.sources for k in code for p in prov[k]]
    return frame


def _shortfall(places: Places, judged: dict[Level, LevelResult], level: Level, judging: list[Level]) -> np.ndarray:
    """(group x facility): what the groups of the facility's judging level within this row lack
    together, each group's shortfall counted whole (a surplus in one catchment never meets the
    need of another; a need to pool is a share of a facility that must be found, so it counts);
    NaN below the judging level. What the bill of money.md builds on."""
    out = np.full((places.groups(level), len(judging)), np.nan)
    order = places.levels
    for f, at in enumerate(judging):
        if order.index(level) < order.index(at):
            continue
        result = judged[at]
        gap = (result.own + result.shared + result.existing - result.required)[:, f, 0]
        lacking = np.maximum(0.0, -np.round(gap, DECIMALS))
        into = places.parent(at, level) if level != at else np.arange(places.groups(level))
        out[:, f] = np.round(np.bincount(into, weights=lacking, minlength=places.groups(level)), DECIMALS)
    return out


def _served_by(places: Places, level: Level, judging: list[Level]) -> np.ndarray:
    """(group x facility): for a row below its facility's judging level, the group that serves
    it ('wijk Oost'); None at or above it."""
    groups = places.groups(level)
    out = np.full((groups, len(judging)), None, dtype=object)
    order = list(places.levels)
    for k, judged_at in enumerate(judging):
        if order.index(judged_at) <= order.index(level):
            continue
        parent = places.parent(level, judged_at)
        names = places.names[judged_at]
        out[:, k] = [judged_at if judged_at == "plan" else f"{judged_at} {names[p]}" for p in parent]
    return out


PLURAL: dict[Level, str] = {"buurt": "buurten", "wijk": "wijken", "stadsdeel": "stadsdelen", "plan": "plans"}


def _groups_word(count: int, level: Level) -> str:
    return f"{count} {level if count == 1 else PLURAL[level]}"


def _within(places: Places, judged: dict[Level, LevelResult], level: Level, judging: list[Level]) -> np.ndarray:
    """(group x facility): for a row above its facility's judging level, how its judged groups
    fare ('2 of 3 buurten short'); None at or below it."""
    groups = places.groups(level)
    out = np.full((groups, len(judging)), None, dtype=object)
    order = list(places.levels)
    for k, judged_at in enumerate(judging):
        if order.index(judged_at) >= order.index(level):
            continue
        parent = places.parent(judged_at, level)
        status = judged[judged_at].status[:, k, 0]
        total = np.bincount(parent, minlength=groups)
        short = np.bincount(parent, weights=status == SHORT, minlength=groups).astype(int)
        pooled = np.bincount(parent, weights=status == POOL, minlength=groups).astype(int)
        tolerated = np.bincount(parent, weights=status == WITHIN, minlength=groups).astype(int)
        here = judged[level].status[:, k, 0]  # a row whose pooled groups together need one is short
        out[:, k] = [
            f"{s} of {_groups_word(n, judged_at)} short"
            if s
            else f"{w} of {_groups_word(n, judged_at)} within the tolerance"
            if w
            else f"{p} of {_groups_word(n, judged_at)} to pool, together enough for one of their own"
            if p and h == SHORT
            else f"{p} of {_groups_word(n, judged_at)} to pool, covered by what the others spare"
            if p and h == OK
            else f"{p} of {_groups_word(n, judged_at)} to pool"
            if p
            else f"{_groups_word(n, judged_at)} met"
            for n, s, w, p, h in zip(total, short, tolerated, pooled, here)
        ]
    return out


def _basis_kind(facility: Facility) -> str:
    return f"cohort {'+'.join(facility.cohorts)}" if facility.basis == "cohort" else facility.basis


def _population(pop: pd.DataFrame, framework: Framework) -> dict[str, Any]:
    total = pop.sum()
    return {
        "dwellings": float(round(total.get("dwellings", 0.0), DECIMALS)),
        "inhabitants": float(round(total.get("inhabitants", 0.0), DECIMALS)),
        "cohorts": {c.id: float(round(total.get(cohort_column(c.id), 0.0), DECIMALS)) for c in framework.cohorts},
    }
