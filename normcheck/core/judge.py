"""Judge each facility at its catchment: demand and supply summed over the group of areas its
catchment names (buurt, wijk, stadsdeel, plan), supply being what the plan builds, what other
buildings lend it in their free hours (capped by max_shared) and what existing facilities spare.
Rows below the judging level are information: they take the status of the group that serves
them. Rows above it are rolled up level by level: short when a row in them is, or when what the
rows in them pool needs a facility of its own after what the met ones spare (then judged there).

Pure numpy on (area x facility x time) arrays: the steady state has one time step, a timeline
one per year, and both are judged by the same code."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from normcheck.core.places import LEVELS, Level, Places
from normcheck.core.report import DECIMALS, NOISE
from normcheck.value import Value, value_type

OK, SHORT, POOL, WITHIN = 0, 1, 2, 3
STATUS_NAMES = np.array(["ok", "short", "pool", "within-tolerance"], dtype=object)


@value_type
class Spare(Value):
    """Spare capacity of one existing facility, offered to one framework facility."""

    level: Level  # where it stands: buurt (an area), wijk, stadsdeel, or plan (the whole plan)
    group: int  # the group of that level
    facility: int  # position of the framework facility it counts for
    amount: float
    name: str


@value_type
class Rules(Value):
    """Per framework facility (in order): how it is judged."""

    levels: Sequence[Level]  # the judging level
    site: np.ndarray  # bool: catchment site (never pooled)
    city: np.ndarray  # bool: catchment stad or regio (a share of a city facility)
    threshold: np.ndarray  # rounding: the fraction of one standard facility from which one more counts
    max_shared: np.ndarray  # (area x facility) share of the need lent floor may meet; NaN: no cap
    sizes: np.ndarray  # (area x facility [x time]) standard size in the area's woonmilieu, NaN: none

    def subset(self, chosen: list[int], codes: np.ndarray, groups: int) -> Rules:
        """The rules of the chosen facilities, per group of `codes` instead of per area (the
        largest standard size and max_shared of the group's areas)."""
        return Rules(
            [self.levels[k] for k in chosen],
            self.site[chosen],
            self.city[chosen],
            self.threshold[chosen],
            _group_max(self.max_shared[:, chosen], codes, groups),
            _group_max(self.sizes[:, chosen], codes, groups),
        )


@dataclass(frozen=True, eq=False)
class LevelResult:
    """One level's rows: arrays (group x facility x time)."""

    level: Level
    required: np.ndarray
    own: np.ndarray  # planned by the programme itself
    shared: np.ndarray  # lent by other buildings, as counted (after max_shared)
    lent: np.ndarray  # lent by other buildings, before the cap
    existing: np.ndarray  # spare capacity of existing facilities counted here
    size: np.ndarray  # (group x facility) standard size, NaN: none
    status: np.ndarray  # int codes OK / SHORT / POOL / WITHIN
    judged: np.ndarray  # (facility,) bool: this level is where the facility is judged
    spare_parts: dict[int, np.ndarray]  # position in the spare list -> (group x time) counted here
    count: np.ndarray  # standard facilities counted by the rounding rule (NaN: no standard size)
    carried: np.ndarray  # bool: short here because what the rows in it pool needs one together

    @property
    def supply(self) -> np.ndarray:
        return self.own + self.shared + self.existing


def count_standard(units: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Standard facilities counted by the rounding rule: the whole ones, and one more for a
    fraction of at least `threshold` (nearest: 0.5; up: any fraction)."""
    units = np.nan_to_num(np.round(units, 6), nan=0.0)
    whole = np.floor(units)
    return whole + ((units - whole) >= threshold - 1e-9) * ((units - whole) > 1e-9)


def judge(
    places: Places,
    rules: Rules,
    required: np.ndarray,
    own: np.ndarray,
    lent: np.ndarray,
    spare: Sequence[Spare] = (),
    tolerance_pct: float = 0.0,
) -> dict[Level, LevelResult]:
    """Every level's rows, judged. `required`, `own` and `lent` are (area x facility x time).
    A shortfall of at most `tolerance_pct` % of a judged group's need is within the tolerance:
    shown, not a failure (--tolerance)."""
    facilities = required.shape[1]
    results: dict[Level, dict[str, np.ndarray]] = {}
    present = [level for level in LEVELS if level in places.levels]
    sums = {
        level: {
            k: group_sum(v, places.codes[level], places.groups(level))
            for k, v in (("required", required), ("own", own), ("lent", lent))
        }
        for level in present
    }
    sizes = {level: _group_max(rules.sizes, places.codes[level], places.groups(level)) for level in present}
    spare_parts: dict[Level, dict[int, np.ndarray]] = {level: {} for level in present}
    for level in present:
        shape = sums[level]["required"].shape
        results[level] = {
            "shared": np.zeros(shape),
            "existing": np.zeros(shape),
            "status": np.zeros(shape, dtype=np.int8),
            "count": np.full(shape, np.nan),
            "carried": np.zeros(shape, dtype=bool),
        }
    for level in present:
        judged = np.array([rules.levels[f] == level for f in range(facilities)], dtype=bool)
        if not judged.any():
            continue
        # Only the facilities judged here (`sel`): what this level works out is kept for them
        # alone, here and in the rows below and above it. Each facility's numbers are its own
        # columns', so they are the same whichever others are computed beside them.
        sel: slice | np.ndarray = slice(None) if judged.all() else np.flatnonzero(judged)  # all: views, no copies
        need, have, offered = (sums[level][k][:, sel] for k in ("required", "own", "lent"))
        threshold = rules.threshold[sel][None, :, None]
        max_shared = rules.max_shared[:, sel]
        uncapped = np.isnan(max_shared).all(axis=0)[None, :, None]
        weighted = np.nan_to_num(max_shared)[:, :, None] * required[:, sel]
        cap = np.where(uncapped, np.inf, group_sum(weighted, places.codes[level], places.groups(level)))
        shared = np.minimum(offered, cap)
        full = sums[level]["required"].shape
        mine = [n for n, s in enumerate(spare) if judged[s.facility]]
        shortfall = np.zeros(full)
        if mine:
            shortfall[:, sel] = need - have - shared
        parts = _spare_at(level, places, [spare[n] for n in mine], shortfall)
        parts = {mine[k]: part for k, part in parts.items()}
        existing = _total(parts, spare, full)[:, sel]
        spare_parts[level].update(parts)
        supply = np.round(have + shared + existing, DECIMALS)
        short = supply < np.round(need, DECIMALS) - NOISE
        size = sizes[level][:, sel] if sizes[level].ndim == 3 else sizes[level][:, sel, None]
        counted = count_standard(np.round(need, DECIMALS) / np.where(size > 0, size, np.nan), threshold)
        # pooled: the plan builds none of it itself (floor lent or spare elsewhere is no building),
        # and its catchment needs less than justifies one of its own (a city facility without a
        # standard size: always a share)
        builds_none = np.round(have, DECIMALS) == 0
        pool = (
            ~rules.site[sel][None, :, None]
            & builds_none
            & (((counted == 0) & (size > 0)) | (rules.city[sel][None, :, None] & ~(size > 0)))
        )
        rounded_need = np.round(need, DECIMALS)
        tolerated = rounded_need - supply <= rounded_need * tolerance_pct / 100 + NOISE
        status = np.where(short, np.where(pool, POOL, np.where(tolerated, WITHIN, SHORT)), OK).astype(np.int8)
        for name, value in (("shared", shared), ("existing", existing), ("status", status)):
            _put(results[level], name, sel, value)
        # below: a finer row shows what stands in it and takes the status of the group serving it
        for finer in present[: present.index(level)]:
            parent = places.parent(finer, level)
            scale = np.divide(shared, offered, out=np.zeros_like(shared), where=offered > 0)[parent]
            inside = [n for n in mine if _rank(spare[n].level) <= _rank(finer)]
            shape = sums[finer]["required"].shape
            located = _spare_at(finer, places, [spare[n] for n in inside], np.zeros(shape))
            located = {inside[k]: part for k, part in located.items()}
            spare_parts[finer].update(located)
            for name, value in (
                ("shared", sums[finer]["lent"][:, sel] * scale),
                ("existing", _total(located, spare, shape)[:, sel]),
                ("status", status[parent]),
            ):
                _put(results[finer], name, sel, value)
        # above: level by level, each from the one just below it. A row is short when a row in
        # it is; what the rows in it pool is pooled with their neighbours there: netted against
        # what the met ones spare, and judged again (four wijken that each need 0.4 of a
        # sporthal and build none need one together: short, and judged there); then within the
        # tolerance when a row in it is; then pooled when demand is left to share; else ok.
        # Standard facilities add up: the rows' counts, and one more for what is left to pool
        # that the rounding counts as one; never fewer than the row's own need counts.
        below = {
            "status": status,
            "gap": np.where(status == POOL, np.maximum(need - supply, 0.0), 0.0),
            "spare": np.where(status == OK, np.maximum(supply - need, 0.0), 0.0),
            "count": counted,
        }
        _put(results[level], "count", sel, np.where(size > 0, counted, np.nan))
        previous = level
        for wider in present[present.index(level) + 1 :]:
            parent = places.parent(previous, wider)
            groups = places.groups(wider)

            def summed(values: np.ndarray, parent: np.ndarray = parent, groups: int = groups) -> np.ndarray:
                return group_sum(values.astype(float), parent, groups)

            any_short = summed(below["status"] == SHORT) > 0
            any_within = summed(below["status"] == WITHIN) > 0
            remaining = np.round(summed(below["gap"]) - summed(below["spare"]), 6)
            wide_size = sizes[wider][:, sel] if sizes[wider].ndim == 3 else sizes[wider][:, sel, None]
            wide_units = np.maximum(remaining, 0.0) / np.where(wide_size > 0, wide_size, np.nan)
            together = count_standard(wide_units, threshold)
            carried = ~any_short & (remaining > NOISE) & (together >= 1)  # judged here
            rolled = np.where(
                any_short | carried,
                SHORT,
                np.where(any_within, WITHIN, np.where(remaining > NOISE, POOL, OK)),
            ).astype(np.int8)
            # never fewer than the row's own need counts (two buurten of 0.17 that the rule counts
            # as none each, 0.33 together, which a min_share of 0.25 counts as one)
            own_units = np.round(sums[wider]["required"][:, sel], DECIMALS) / np.where(wide_size > 0, wide_size, np.nan)
            count = np.maximum(
                summed(below["count"]) + np.where(remaining > NOISE, together, 0.0),
                count_standard(own_units, threshold),
            )
            below = {
                "status": rolled,
                "gap": np.where(rolled == POOL, np.maximum(remaining, 0.0), 0.0),
                "spare": np.where((rolled == OK) | (rolled == WITHIN), np.maximum(-remaining, 0.0), 0.0),
                "count": count,
            }
            previous = wider
            direct = places.parent(level, wider)
            spare_parts[wider].update({n: group_sum(parts[n], direct, groups) for n in mine})
            for name, value in (
                ("shared", group_sum(shared, direct, groups)),
                ("existing", group_sum(existing, direct, groups)),
                ("status", rolled),
                ("count", np.where(np.isnan(wide_size), np.nan, count)),
                ("carried", carried),
            ):
                _put(results[wider], name, sel, value)
    return {
        level: LevelResult(
            level,
            sums[level]["required"],
            sums[level]["own"],
            results[level]["shared"],
            sums[level]["lent"],
            results[level]["existing"],
            sizes[level],
            results[level]["status"],
            np.array([rules.levels[f] == level for f in range(facilities)], dtype=bool),
            spare_parts[level],
            results[level]["count"],
            results[level]["carried"],
        )
        for level in present
    }


def _put(table: dict[str, np.ndarray], name: str, sel: slice | np.ndarray, value: np.ndarray) -> None:
    """A level's results for the facilities `sel` judged at one level; all of them (one level
    judges every facility, as a timeline's blocks do): the array itself, not a copy into zeros."""
    if isinstance(sel, slice) and value.shape == table[name].shape and value.dtype == table[name].dtype:
        table[name] = value  # each value is an array of its own, made for this level
    else:
        table[name][:, sel] = value


def _rank(level: Level) -> int:
    return LEVELS.index(level)


def group_sum(values: np.ndarray, codes: np.ndarray, groups: int) -> np.ndarray:
    """(area x ...) summed per group: (group x ...)."""
    if groups == len(codes) and np.array_equal(codes, np.arange(groups)):
        return values.copy()
    if groups == 1:  # the whole plan: area after area, in order, however many columns
        # (numpy adds a single column pairwise, several one row at a time: the running sum is
        # the order for every width, so a facility's total does not depend on its neighbours)
        if len(codes) > 1 and values[0].size == 1:
            return np.cumsum(values.reshape(len(codes), 1), axis=0)[-1:].reshape((1, *values.shape[1:]))
        return values.sum(axis=0, keepdims=True)
    flat = values.reshape(len(codes), -1)
    out = np.zeros((groups, flat.shape[1]))
    summed = pd.DataFrame(flat).groupby(codes, sort=True).sum()
    out[summed.index.to_numpy()] = summed.to_numpy()
    return out.reshape((groups, *values.shape[1:]))


def _group_max(values: np.ndarray, codes: np.ndarray, groups: int) -> np.ndarray:
    """(area x ...) largest per group, NaN where no area of the group has a value."""
    if groups == len(codes) and np.array_equal(codes, np.arange(groups)):  # each area its own group
        return values.astype(float)
    flat = values.reshape(len(codes), -1)
    out = np.full((groups, flat.shape[1]), np.nan)
    if groups == 1 and len(codes):
        with warnings.catch_warnings():  # a facility without a standard size: all NaN, stays NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            out[0] = np.nanmax(flat, axis=0)
    elif len(codes):
        frame = pd.DataFrame(flat).groupby(codes, sort=True).max()
        out[frame.index.to_numpy()] = frame.to_numpy()
    return out.reshape((groups, *values.shape[1:]))


def _spare_at(level: Level, places: Places, spare: Sequence[Spare], shortfall: np.ndarray) -> dict[int, np.ndarray]:
    """What each spare capacity (by its position in `spare`) counts per group of `level`
    (group x time), for its facility: what stands in a group counts for it; what stands in a
    wider group (or is offered to the whole plan) is divided over the groups in it in proportion
    to their shortfall (where none is short, evenly), so every m² offered is counted once."""
    groups, span = shortfall.shape[0], shortfall.shape[2]
    parts: dict[int, np.ndarray] = {}
    counted = np.zeros_like(shortfall)
    for n, item in enumerate(spare):
        if _rank(item.level) <= _rank(level):
            part = np.zeros((groups, span))
            part[places.parent(item.level, level)[item.group]] = item.amount
            parts[n] = part
            counted[:, item.facility] += part
    for n, item in sorted(
        ((n, s) for n, s in enumerate(spare) if _rank(s.level) > _rank(level)), key=lambda pair: _rank(pair[1].level)
    ):
        members = np.flatnonzero(places.parent(level, item.level) == item.group)
        part = np.zeros((groups, span))
        if len(members):
            gap = np.maximum(shortfall[members, item.facility] - counted[members, item.facility], 0.0)
            total = gap.sum(axis=0)
            even = np.full_like(gap, 1.0 / len(members))
            weights = np.where(total > 0, np.divide(gap, total, out=np.zeros_like(gap), where=total > 0), even)
            part[members] = item.amount * weights
        parts[n] = part
        counted[:, item.facility] += part
    return parts


def _total(parts: dict[int, np.ndarray], spare: Sequence[Spare], shape: tuple[int, ...]) -> np.ndarray:
    out = np.zeros(shape)
    for n, part in parts.items():
        out[:, spare[n].facility] += part
    return out
