"""Demand per calendar year: dwellings delivered in year d count from year d on, with each age
cohort at its steady-state share times the framework's ageing curve at age t - d; planned m²
counts from its opening year. Pure, vectorised pandas/numpy; no I/O.

Everything before the facility formula is linear in the dwellings, so the programme is first
summed per group and delivery year (population.population), the delivery years are spread over
the calendar years with one batched matrix product per cohort (a lower-triangular Toeplitz matrix
of curve values), and the need is calculate.required's formula on the arrays (yearly_need): the
basis per facility times its coefficient in the woonmilieu. Each year is judged as the steady
state is (judge.py), a few years at a time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, cast

import numpy as np
import pandas as pd

from normcheck.core.calculate import basis_weights, coefficients, planned
from normcheck.core.horizon import DEFAULT_HORIZON, MAX_HORIZON
from normcheck.core.judge import SHORT, STATUS_NAMES, Spare, group_sum, judge
from normcheck.core.places import LEVELS, Level, Places, places_of
from normcheck.core.population import COHORT_PREFIX, population
from normcheck.core.report import DECIMALS, Report
from normcheck.errors import Problem, ProgrammeError
from normcheck.framework.model import Framework
from normcheck.programme.model import Programme

SHOWN_ROWS = 10  # rows without a year listed one by one
SCALE = 10**DECIMALS  # an amount rounded to DECIMALS is held as a whole number of tenths
CHUNK_CELLS = 500_000  # area x facility x year cells judged at once
RECORD_COLUMNS = (
    "year",
    "facility",
    "area",
    "level",
    "place",
    "required_key",
    "required",
    "planned_key",
    "planned",
    "status",
)


@dataclass(frozen=True, eq=False)
class LevelSeries:
    """One level's series in its compact form: (group x facility x year) arrays, 9 bytes a
    record, from which the long rows are made a chunk at a time (a DataFrame of them, or a list of
    dicts, takes ten to a hundred times that: 10,000 areas x 100 years are 14 million records)."""

    level: Level
    names: np.ndarray  # the groups' names (object; the plan's: [None])
    # the amounts rounded to DECIMALS, as int32 tenths (SCALE) where those give back every one of
    # them exactly, else as floats (_store): read them with amounts()
    required: np.ndarray
    planned: np.ndarray  # all supply (own, shared, existing)
    status: np.ndarray  # int8 codes of STATUS_NAMES

    def amounts(self, name: str, start: int = 0, stop: int | None = None) -> np.ndarray:
        """The `required` or `planned` amounts of the records start..stop-1 of this level, as floats."""
        held: np.ndarray = getattr(self, name).reshape(-1)[start:stop]
        return held / SCALE if held.dtype.kind == "i" else held


@dataclass(frozen=True, eq=False)
class Timeline:
    """The series per calendar year and, per facility (and area), its peak and shortfall."""

    first_year: int
    horizon: int
    levels: tuple[LevelSeries, ...]  # in the order of the series: the plan first, areas last
    facilities: tuple[str, ...]  # facility ids, the arrays' second axis
    counts_places: tuple[bool, ...]  # per facility: counted in places (else m²)
    summary: (
        pd.DataFrame
    )  # the same area and facility, unit, peak_year, peak_required, first_short_year, short_until, short_years
    population: pd.DataFrame  # index year (whole plan); dwellings, inhabitants, one column per cohort
    curves: tuple[str, ...]  # cohorts that follow an ageing curve; the rest are at steady state

    @property
    def last_year(self) -> int:
        return self.first_year + self.horizon - 1

    @cached_property
    def series(self) -> pd.DataFrame:
        """level, area, place (missing: whole plan), facility, unit, year, required, planned,
        status: one row per level, group, facility and year (in that order), made when asked."""
        return _series(self.levels, self.facilities, self.counts_places, self.first_year, self.horizon)

    def records(self) -> list[dict[str, Any]]:
        """The JSON report's `timeline`: one record per year, facility and area."""
        return self.records_between(0, self.record_count)

    @property
    def record_count(self) -> int:
        return sum(part.required.size for part in self.levels)

    def records_between(self, start: int, stop: int) -> list[dict[str, Any]]:
        """The timeline records start..stop-1, in the series' order, made from the arrays (the
        JSON report streams them a chunk at a time)."""
        records: list[dict[str, Any]] = []
        offset = 0
        for part in self.levels:
            size = part.required.size
            first, last = max(start, offset) - offset, min(stop, offset + size) - offset
            if first < last:
                records += self._records_of(part, first, last)
            offset += size
        return records

    def _records_of(self, part: LevelSeries, start: int, stop: int) -> list[dict[str, Any]]:
        _, count, span = part.required.shape
        cell = np.arange(start, stop)
        facility = (cell // span) % count
        names = part.names[cell // (count * span)].tolist()
        nothing = [None] * len(cell)
        area = names if part.level == "buurt" else nothing
        place = names if part.level != "plan" else nothing
        ids, required_keys, planned_keys = self._record_texts
        year = (cell % span + self.first_year).tolist()
        need = part.amounts("required", start, stop).tolist()
        have = part.amounts("planned", start, stop).tolist()
        status = _STATUS_TEXTS[part.status.reshape(-1)[start:stop]].tolist()
        return [
            {
                "year": y,
                "facility": f,
                "area": a,
                "level": part.level,
                "place": p,
                rk: n,
                pk: h,
                "status": st,
            }
            for y, f, a, p, rk, n, pk, h, st in zip(
                year,
                ids[facility].tolist(),
                area,
                place,
                required_keys[facility].tolist(),
                need,
                planned_keys[facility].tolist(),
                have,
                status,
            )
        ]

    @cached_property
    def _record_texts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per facility (object arrays): its id and the keys of its required and planned amounts."""
        ids = np.array(self.facilities, dtype=object)
        units = np.array(self.counts_places, dtype=bool)
        required_keys = np.where(units, "required_places", "required_m2").astype(object)
        return ids, required_keys, np.where(units, "planned_places", "planned_m2").astype(object)

    def finite(self) -> bool:
        """Whether every amount of the series and the summary is a finite number (JSON holds no other)."""
        amounts = [array for part in self.levels for array in (part.required, part.planned)]
        return all(bool(np.isfinite(array).all()) for array in amounts) and bool(
            np.isfinite(self.summary["peak_required"].to_numpy(dtype=float)).all()
        )

    def annotate(self, facility_records: list[dict[str, Any]]) -> None:
        """Add peak_year, peak_required_m2 (or _places), first_short_year, short_until and
        short_years to the report's facility records, matched on facility and area."""
        by_key = self._summary_index
        for record in facility_records:
            row = by_key.get((record["id"], record["level"], record["place"]))
            if row is None:
                continue
            unit = "places" if row.unit == "places" else "m2"
            record.update(
                {
                    "peak_year": _int(row.peak_year),
                    f"peak_required_{unit}": float(row.peak_required),
                    "first_short_year": _int(row.first_short_year),
                    "short_until": _int(row.short_until),
                    "short_years": int(row.short_years),
                }
            )

    @cached_property
    def _summary_index(self) -> dict[tuple[Any, Any, Any], Any]:
        """The summary rows by facility, level and place (annotate is called a chunk at a time)."""
        # Any: the stubs type every field of an itertuples row as the union of all pandas scalars
        rows: Iterable[Any] = self.summary.itertuples(index=False)
        return {(row.facility, row.level, None if pd.isna(row.place) else row.place): row for row in rows}

    def span(self) -> dict[str, Any]:
        return {
            "first_year": self.first_year,
            "last_year": self.last_year,
            "horizon": self.horizon,
            "ageing_curves": list(self.curves),
        }


_STATUS_TEXTS = np.array(STATUS_NAMES, dtype=object)


def _int(value: Any) -> int | None:
    return None if pd.isna(value) else int(value)


# -- the report with a timeline ----------------------------------------------------------------


def with_timeline(
    report: Report,
    programme: Programme,
    horizon: int = DEFAULT_HORIZON,
    existing: pd.DataFrame | None = None,
    tolerance_pct: float = 0.0,
) -> Report:
    """`report` with its timeline (at every level too when the report has area rows), for the
    facilities of the report's framework (after --only), judged as the report is: at each
    facility's catchment, with shared and existing capacity. The ageing curves of the cohorts a
    facility counts join the numbers the result rests on."""
    framework = report.framework
    line = build_timeline(programme, framework, horizon, report.by_area, existing, tolerance_pct)
    used = {c for f in framework.facilities.values() if f.basis == "cohort" for c in f.cohorts}
    curve_leaves = tuple(framework.ageing[c].leaf() for c in line.curves if c in used)
    return replace(report, timeline=line, leaves=report.leaves + curve_leaves)


def build_timeline(
    programme: Programme,
    framework: Framework,
    horizon: int = DEFAULT_HORIZON,
    by_area: bool = False,
    existing: pd.DataFrame | None = None,
    tolerance_pct: float = 0.0,
) -> Timeline:
    from normcheck.core.check import judging_rules, spare_list

    if not 1 <= horizon <= MAX_HORIZON:
        raise ValueError(f"horizon must be 1 to {MAX_HORIZON} years, not {horizon}")
    require_years(programme)
    dwellings, facility_rows = programme.dwellings, programme.facilities
    first_year = int(dwellings["year"].min())
    years = np.arange(first_year, first_year + horizon)
    milieu_of_area = programme.rows.groupby("area")["milieu"].first()
    areas = sorted(milieu_of_area.index.to_numpy(dtype=object))
    places = places_of(programme.rows, areas)
    area_milieus = milieu_of_area.reindex(areas).to_numpy(dtype=object)
    rules = judging_rules(framework, places, area_milieus)
    spare = spare_list(existing, places, list(framework.facilities))
    shown: tuple[Level, ...] = places.levels if by_area else ("plan",)
    count = len(framework.facilities)
    arrays = {
        level: {
            name: np.zeros((places.groups(level), count, horizon), dtype=np.int8 if name == "status" else np.int32)
            for name in ("required", "planned", "status")
        }
        for level in shown
    }
    population = pd.DataFrame()
    for judged_at in dict.fromkeys(rules.levels):
        chosen = [k for k, level in enumerate(rules.levels) if level == judged_at]
        # Without --by area only the judging level and wider are shown: the areas are summed first,
        # unless max_shared differs between the woonmilieus of the areas (the cap weighs each
        # area's need by its own share: judge.py)
        caps = rules.max_shared[:, chosen]
        uneven = bool(np.any(np.nan_to_num(caps, nan=-1.0) != np.nan_to_num(caps[:1], nan=-1.0)))
        base: Level = "buurt" if by_area or uneven else judged_at
        sub = places.collapsed(base)
        block = pd.Series(places.codes[base], index=pd.Index(areas, dtype=object))
        groups = places.groups(base)
        need, population = yearly_need(_with_block(dwellings, block), framework, first_year, horizon, groups, chosen)
        ids = [list(framework.facilities)[k] for k in chosen]
        opened = _opened(_with_block(facility_rows, block), framework, years)[ids]
        have = _cumulative(opened, groups, first_year, horizon)
        lent = _cumulative(_lent_opened(programme, framework, block, years)[ids], groups, first_year, horizon)
        rules_here = rules.subset(chosen, places.codes[base], groups)
        spare_here = _collapse(spare, places, base, chosen)
        # Each year is judged on its own: a few years at a time keep the arrays of 10,000 areas small.
        step = max(1, CHUNK_CELLS // max(1, groups * len(chosen)))
        for start in range(0, horizon, step):
            span = slice(start, min(horizon, start + step))
            result = judge(
                sub, rules_here, need[:, :, span], have[:, :, span], lent[:, :, span], spare_here, tolerance_pct
            )
            for level in shown:
                judged = result[level]
                where = (slice(None), chosen, span)
                _store(arrays[level], "required", where, judged.required.round(DECIMALS))
                _store(arrays[level], "planned", where, judged.supply.round(DECIMALS))
                arrays[level]["status"][:, chosen, span] = judged.status
        del need, have, lent  # before the next level's are made: two sets of them would be 300 MB more
    summary = pd.concat(
        [_summary(arrays[level], places, level, years, framework) for level in reversed(shown)], ignore_index=True
    )
    facilities = list(framework.facilities.values())
    return Timeline(
        first_year,
        horizon,
        tuple(
            LevelSeries(level, pd.Index(places.names[level], dtype=object).to_numpy(dtype=object), **arrays[level])
            for level in reversed(shown)
        ),
        tuple(f.id for f in facilities),
        tuple(f.counts_places for f in facilities),
        summary,
        population.set_axis(pd.Index(years, name="year")),
        tuple(c.id for c in framework.cohorts if c.id in framework.ageing),
    )


def _store(arrays: dict[str, np.ndarray], name: str, where: tuple[Any, ...], rounded: np.ndarray) -> None:
    """Put amounts rounded to DECIMALS in arrays[name][where]: as whole tenths while the array is
    int32 and the tenths give back each amount exactly (within int32, no NaN, infinity or -0.0),
    else, from then on, the array is floats (the tenths held so far, divided: those amounts)."""
    array = arrays[name]
    if array.dtype.kind == "i":
        tenths = np.rint(rounded * SCALE)
        exact = (
            bool(np.all(np.abs(tenths) < 2**31 - 1))
            and np.array_equal(tenths / SCALE, rounded)
            and not bool(np.any(np.signbit(rounded) & (rounded == 0)))
        )
        if exact:
            array[where] = tenths
            return
        arrays[name] = array = array / SCALE
    array[where] = rounded


def _collapse(spare: list[Spare], places: Places, base: Level, chosen: list[int]) -> list[Spare]:
    """Spare capacity for the chosen facilities, placed in the groups of `base` (what stands in
    a finer group counts for the base group it lies in)."""
    order = list(LEVELS)
    position = {k: n for n, k in enumerate(chosen)}
    out = []
    for item in spare:
        if item.facility not in position:
            continue
        if order.index(item.level) < order.index(base):
            item = replace(item, level=base, group=int(places.parent(item.level, base)[item.group]))
        out.append(replace(item, facility=position[item.facility]))
    return out


def _lent_opened(programme: Programme, framework: Framework, block: pd.Series, years: np.ndarray) -> pd.DataFrame:
    """Per block and calendar year: the floor area lent to each facility that opens that year."""
    lendings = programme.lendings
    ids = list(framework.facilities)
    empty = pd.DataFrame(columns=ids, index=pd.MultiIndex.from_arrays([[], []], names=["block", "year"]), dtype=float)
    if lendings is None or lendings.empty:
        return empty
    rows = lendings[lendings["use"].notna()].assign(block=lendings["area"].map(block))
    rows = rows.assign(year=rows["year"].fillna(int(years[0])).clip(lower=int(years[0])))
    rows = rows[rows["year"] <= years[-1]]
    if rows.empty:
        return empty
    table = rows.groupby(["block", "year", "use"])["m2"].sum().unstack("use", fill_value=0.0)
    return table.reindex(columns=ids, fill_value=0.0)


def _blocks(table: pd.DataFrame, blocks: int, first_year: int, horizon: int) -> np.ndarray:
    """(block x facility x year) array from a table indexed by block, ..., year (summed over the rest)."""
    array = np.zeros((blocks, horizon, table.shape[1]))
    offset = table.index.get_level_values("year").to_numpy(dtype=np.int64) - first_year
    np.add.at(array, (table.index.get_level_values("block").to_numpy(dtype=np.int64), offset), table.to_numpy())
    return array.transpose(0, 2, 1)


def _cumulative(table: pd.DataFrame, blocks: int, first_year: int, horizon: int) -> np.ndarray:
    """(block x facility x year) what has opened up to each year, from _blocks' table. Summed in
    place, and not at all when nothing opens: zeros the memory is never written to take none."""
    array = _blocks(table, blocks, first_year, horizon)
    if len(table):
        np.cumsum(array, axis=2, out=array)
    return array


def require_years(programme: Programme) -> None:
    """A timeline needs the delivery year of every dwelling row and the opening year of every
    facility row: a row without one cannot be placed in time, and guessing would misread it."""
    rows = programme.rows
    if not (rows["role"] == "dwelling").any():
        raise ProgrammeError(
            [
                Problem(
                    programme.file,
                    "a timeline starts at the first delivery: the programme has no dwelling rows",
                    line=1,
                )
            ]
        )
    missing = rows[rows["year"].isna()]
    if missing.empty:
        return
    if len(missing) == len(rows):
        raise ProgrammeError(
            [
                Problem(
                    programme.file,
                    "a timeline needs a 'year' column: the delivery year of "
                    "each dwelling row and the opening year of each facility row",
                    line=1,
                )
            ]
        )
    problems = [
        Problem(
            programme.file,
            "no year: a timeline needs the delivery year of dwellings and the opening year of facilities",
            line=int(line),
            column="year",
        )
        for line in missing["line"][:SHOWN_ROWS]
    ]
    if len(missing) > SHOWN_ROWS:
        rest = missing["line"][SHOWN_ROWS:]
        problems.append(
            Problem(
                programme.file,
                f"no year: {len(rest)} more rows like this (lines {rest.iloc[0]} to {rest.iloc[-1]})",
                line=int(rest.iloc[0]),
                column="year",
            )
        )
    raise ProgrammeError(problems)


# -- the arithmetic ----------------------------------------------------------------------------


def ageing_matrix(framework: Framework, columns: Sequence[str], horizon: int) -> np.ndarray:
    """(age 0..horizon-1) x columns: the multiplier of each population column at each age since
    delivery; 1 for dwellings, inhabitants and cohorts without a curve, and after a curve's end."""
    matrix = np.ones((horizon, len(columns)))
    for position, column in enumerate(columns):
        curve = framework.ageing.get(column.removeprefix(COHORT_PREFIX)) if column.startswith(COHORT_PREFIX) else None
        if curve is not None:
            values = np.asarray(curve.multipliers[:horizon], dtype=float)
            matrix[: len(values), position] = values
    return matrix


def yearly_arrays(
    dwellings: pd.DataFrame, framework: Framework, first_year: int, horizon: int, by: Sequence[str] = ("milieu",)
) -> tuple[np.ndarray, pd.DataFrame, list[str]]:
    """(group x year x column) dwellings, inhabitants and cohort persons per group of `by` (which
    must include milieu) and calendar year first_year..+horizon-1, summed over the delivery years
    up to that year; with the groups (one row per group, the columns of `by`) and the columns."""
    keys = list(by)
    delivered = population(dwellings, framework, by=(*keys, "year"))
    columns = list(delivered.columns)
    groups = delivered.index.droplevel("year")
    codes, uniques = pd.factorize(groups)
    offset = delivered.index.get_level_values("year").to_numpy(dtype=np.int64) - first_year
    inside = offset < horizon  # deliveries after the horizon do not show in it
    cohorts = np.zeros((len(uniques), horizon, len(columns)))
    cohorts[codes[inside], offset[inside]] = delivered.to_numpy()[inside]  # one row per group and year

    # spread[t, d, k]: multiplier at calendar offset t of what was delivered at offset d (0 before delivery)
    age = np.arange(horizon)[:, None] - np.arange(horizon)[None, :]
    spread = np.where((age >= 0)[:, :, None], ageing_matrix(framework, columns, horizon)[np.clip(age, 0, None)], 0.0)
    # per column k: (groups x delivery) @ (delivery x calendar), batched over k
    yearly = np.matmul(cohorts.transpose(2, 0, 1), spread.transpose(2, 1, 0)).transpose(1, 2, 0)
    # factorize drops the level names: the frame is named from `keys`
    group_frame = (
        pd.DataFrame(uniques.tolist(), columns=keys)
        if isinstance(uniques, pd.MultiIndex)
        else pd.DataFrame({keys[0]: np.asarray(uniques)})
    )
    return yearly, group_frame, columns


def yearly_need(
    dwellings: pd.DataFrame, framework: Framework, first_year: int, horizon: int, blocks: int, chosen: list[int]
) -> tuple[np.ndarray, pd.DataFrame]:
    """(block x chosen facility x year) requirement, and (year x column) the whole plan's
    population, from dwellings with a `block` column. The arithmetic of calculate.required on
    arrays: the basis per facility times its coefficient in the group's woonmilieu."""
    yearly, groups, columns = yearly_arrays(dwellings, framework, first_year, horizon, ["block", "milieu"])
    weights = basis_weights(columns, framework)[chosen]  # (chosen x column)
    table = coefficients(framework).reindex(columns=list(framework.facilities))
    coefficient = table.to_numpy()[:, chosen]
    milieu_row = pd.Index(table.index).get_indexer(groups["milieu"].to_numpy(dtype=object))
    whole = pd.DataFrame(yearly.sum(axis=0), columns=columns)
    need = np.einsum("ghk,fk->gfh", yearly, weights)
    del yearly  # 10,000 areas x 100 years: tens of MB each, so one at a time
    need *= coefficient[milieu_row][:, :, None]
    return group_sum(need, groups["block"].to_numpy(dtype=np.int64), blocks), whole


def _with_block(rows: pd.DataFrame, block_of_area: pd.Series | None) -> pd.DataFrame:
    return rows.assign(block=0 if block_of_area is None else rows["area"].map(block_of_area))


def _opened(rows: pd.DataFrame, framework: Framework, years: np.ndarray) -> pd.DataFrame:
    """Per block and calendar year: the planned amount that opens in that year (one opened
    before the first year counts from the first year; one after the last is not in view)."""
    rows = rows.assign(year=rows["year"].clip(lower=int(years[0])))
    rows = rows[rows["year"] <= years[-1]]
    if rows.empty:
        return pd.DataFrame(
            columns=list(framework.facilities),
            index=pd.MultiIndex.from_arrays([[], []], names=["block", "year"]),
            dtype=float,
        )
    return planned(rows, framework, ["block", "year"])


def _labels(places: Places, level: Level, repeat: int) -> dict[str, Any]:
    """The level, place and area columns for a level's groups, each repeated."""
    groups = places.groups(level)
    names = places.names[level]
    codes = np.repeat(np.arange(groups), repeat)
    area = (
        pd.Categorical.from_codes(codes, categories=pd.Index(names, dtype=object))
        if level == "buurt"
        else pd.Categorical.from_codes(np.full(len(codes), -1), categories=pd.Index([], dtype=object))
    )
    place = (
        pd.Categorical.from_codes(codes, categories=pd.Index(names, dtype=object))
        if level != "plan"
        else pd.Categorical.from_codes(np.full(len(codes), -1), categories=pd.Index([], dtype=object))
    )
    return {"level": level, "area": area, "place": place}


def _series(
    levels: tuple[LevelSeries, ...],
    facilities: tuple[str, ...],
    counts_places: tuple[bool, ...],
    first_year: int,
    horizon: int,
) -> pd.DataFrame:
    """Long rows from each level's (group x facility x year) arrays, level by level, then group-,
    then facility-major, years ascending. Every text column is categorical (one set of names for
    all levels), so that a row takes about 30 bytes: the amounts, the year and six small codes."""
    names = pd.Index(
        list(dict.fromkeys(name for part in levels if part.level != "plan" for name in part.names)), dtype=object
    )
    columns: dict[str, list[np.ndarray]] = {
        name: [] for name in ("level", "area", "place", "facility", "unit", "required", "planned", "status")
    }
    count = len(facilities)
    for position, part in enumerate(levels):
        groups = len(part.names)
        cells = groups * count * horizon
        group = np.repeat(np.arange(groups), count * horizon)
        named = names.get_indexer(pd.Index(part.names, dtype=object)) if part.level != "plan" else None
        nothing = np.full(cells, -1, dtype=np.int32)
        columns["level"].append(np.full(cells, position, dtype=np.int8))
        columns["area"].append(
            named[group].astype(np.int32) if named is not None and part.level == "buurt" else nothing
        )
        columns["place"].append(named[group].astype(np.int32) if named is not None else nothing)
        columns["facility"].append(np.tile(np.repeat(np.arange(count, dtype=np.int16), horizon), groups))
        columns["unit"].append(np.tile(np.repeat(np.array(counts_places, dtype=np.int8), horizon), groups))
        columns["required"].append(part.amounts("required"))
        columns["planned"].append(part.amounts("planned"))
        columns["status"].append(part.status.ravel())
    joined = {name: np.concatenate(parts) for name, parts in columns.items()}
    total = len(joined["required"])
    return pd.DataFrame(
        {
            "level": pd.Categorical.from_codes(
                joined["level"], categories=pd.Index([part.level for part in levels], dtype=object)
            ),
            "area": pd.Categorical.from_codes(joined["area"], categories=names),
            "place": pd.Categorical.from_codes(joined["place"], categories=names),
            "facility": pd.Categorical.from_codes(joined["facility"], categories=pd.Index(list(facilities))),
            "unit": pd.Categorical.from_codes(joined["unit"], categories=pd.Index(["m2", "places"])),
            "year": np.tile(np.arange(first_year, first_year + horizon), total // horizon),
            "required": joined["required"],
            "planned": joined["planned"],
            "status": pd.Categorical.from_codes(joined["status"], categories=pd.Index(STATUS_NAMES)),
        }
    )


def _summary(
    arrays: dict[str, np.ndarray], places: Places, level: Level, years: np.ndarray, framework: Framework
) -> pd.DataFrame:
    """Per group and facility: the (first) peak year and height, the first year short, the last
    year of that first run of short years, and how many years are short."""
    need = arrays["required"]
    groups, count, span = need.shape
    short = arrays["status"] == SHORT
    need, short = need.reshape(-1, span), short.reshape(-1, span)
    peak = need.argmax(axis=1)
    rows = np.arange(len(need))
    any_short = cast(np.ndarray, short.any(axis=1))  # short is 2-d: an array (the stubs allow a scalar)
    first = np.where(any_short, short.argmax(axis=1), 0)
    after = (~short) & (np.arange(span)[None, :] > first[:, None])
    end = np.where(after.any(axis=1), after.argmax(axis=1), span)  # first year met again
    facilities = list(framework.facilities.values())

    def year_or_na(values: np.ndarray, mask: np.ndarray) -> pd.Series:
        return pd.Series(values, dtype="Int64").where(mask)

    return pd.DataFrame(
        {
            **_labels(places, level, count),
            "facility": np.tile([f.id for f in facilities], groups),
            "unit": np.tile(["places" if f.counts_places else "m2" for f in facilities], groups),
            "peak_year": year_or_na(years[peak], need[rows, peak] > 0),  # nothing needed in any year: no peak
            "peak_required": need[rows, peak] / (SCALE if need.dtype.kind == "i" else 1),
            "first_short_year": year_or_na(years[first], any_short),
            "short_until": year_or_na(years[np.maximum(end - 1, 0)], any_short),
            "short_years": short.sum(axis=1),
        }
    )
