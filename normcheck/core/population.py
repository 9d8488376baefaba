"""Dwellings -> inhabitants and age cohorts, per woonmilieu and dwelling category. Pure pandas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from normcheck.framework.model import Framework, Leaf

COHORT_PREFIX = "cohort:"


def cohort_column(cohort_id: str) -> str:
    return COHORT_PREFIX + cohort_id


def dwelling_parameters(framework: Framework) -> pd.DataFrame:
    """Index (use, milieu); columns persons and one share column per cohort. One small table
    built from the framework, then joined onto the programme in one vectorised step."""
    uses: list[str] = []
    milieus: list[str] = []
    columns: dict[str, list[float]] = {"persons": []}
    columns.update({cohort_column(c.id): [] for c in framework.cohorts})
    for dwelling in framework.dwellings.values():
        for milieu in framework.milieu_ids:
            uses.append(dwelling.id)
            milieus.append(milieu)
            columns["persons"].append(_value(dwelling.persons.leaf(milieu)))
            for cohort in framework.cohorts:
                quantity = dwelling.cohorts.get(cohort.id)
                columns[cohort_column(cohort.id)].append(_value(quantity.leaf(milieu)) if quantity else 0.0)
    # column by column, not record by record: a check with value ranges builds it three times
    return pd.DataFrame(columns, index=pd.MultiIndex.from_arrays([uses, milieus], names=["use", "milieu"]))


def _value(leaf: Leaf | None) -> float:
    return leaf.value if leaf is not None else 0.0


def population(dwellings: pd.DataFrame, framework: Framework, by: Sequence[str] = ("area", "milieu")) -> pd.DataFrame:
    """Per group of `by` (which must include milieu): dwellings, inhabitants and persons per cohort.
    Everything is linear in the dwelling count, so rows are summed per category first and the
    arithmetic runs on that small table, however long the programme."""
    return population_of_counts(dwelling_counts(dwellings, by), framework, by)


def dwelling_counts(dwellings: pd.DataFrame, by: Sequence[str] = ("area", "milieu")) -> pd.DataFrame:
    """The dwellings summed per group of `by` and category (columns: the keys, use, count), in
    the order the groups first appear: the only row-sized step of `population`, and the same
    for every framework (a check with value ranges runs three frameworks on one programme)."""
    keys = list(by)
    return dwellings.groupby(keys + ["use"], observed=True, sort=False)["count"].sum().reset_index()


def population_of_counts(
    counts: pd.DataFrame, framework: Framework, by: Sequence[str] = ("area", "milieu")
) -> pd.DataFrame:
    """`population` from the dwellings already summed per group and category (`dwelling_counts`)."""
    keys = list(by)
    params = dwelling_parameters(framework)
    joined = counts.join(params, on=["use", "milieu"])
    parameters = list(params.columns)
    columns = population_columns(joined["count"].to_numpy(), joined[parameters].to_numpy(), parameters, framework)
    result = pd.DataFrame(columns, index=joined.index)
    for key in keys:
        result[key] = joined[key]
    summed = result.groupby(keys, observed=True, sort=True)[list(columns)].sum()
    return summed.set_axis(plain_levels(summed.index))


@dataclass(frozen=True, eq=False)
class CountGroups:
    """The rows of `dwelling_counts` (by area and milieu) on integer codes, the same for every
    framework: made once per programme, so a framework's population is numpy on them."""

    pair: np.ndarray  # per row: its (use, milieu) in `pairs`
    pairs: pd.MultiIndex  # the distinct (use, milieu)
    group: np.ndarray  # per row: its (area, milieu) group, numbered in sorted order
    index: pd.Index  # the groups (area, milieu), sorted


def count_groups(counts: pd.DataFrame) -> CountGroups:
    """On each key's codes in sorted order (the programme's categoricals hold them): the pairs
    in the order they first appear, the groups sorted, as the factorize and groupby below give."""
    coded = [pd.factorize(counts[key], sort=True) for key in ("use", "milieu", "area")]
    if len(counts) and all(bool((codes >= 0).all()) for codes, _ in coded):
        (use, uses), (milieu, milieus), (area, areas) = [
            (codes.astype(np.int64), _texts(keys)) for codes, keys in coded
        ]
        width = len(milieus)
        pair, first = pd.factorize(use * width + milieu)
        pairs = pd.MultiIndex.from_arrays([uses[first // width], milieus[first % width]], names=["use", "milieu"])
        keys, group = np.unique(area * width + milieu, return_inverse=True)
        index = pd.MultiIndex.from_arrays([areas[keys // width], milieus[keys % width]], names=["area", "milieu"])
        return CountGroups(np.asarray(pair), pairs, np.asarray(group).ravel(), index)
    pair, pairs = pd.MultiIndex.from_arrays([counts["use"], counts["milieu"]], names=["use", "milieu"]).factorize()
    grouped = counts.groupby(["area", "milieu"], observed=True, sort=True)
    return CountGroups(np.asarray(pair), pairs, grouped.ngroup().to_numpy(), plain_levels(grouped.size().index))


def _texts(keys: pd.Index) -> np.ndarray:
    """A key's distinct values as an array of the values themselves (a categorical's texts)."""
    return np.asarray(keys.astype(object) if isinstance(keys, pd.CategoricalIndex) else keys, dtype=object)


def plain_levels(index: pd.Index) -> pd.Index:
    """The groups of the programme's text columns (categoricals) as plain Indexes of their texts:
    the population's index is the same whichever way it was summed."""

    def plain(level: pd.Index) -> pd.Index:
        return level.astype(level.categories.dtype) if isinstance(level, pd.CategoricalIndex) else level

    if isinstance(index, pd.MultiIndex):
        levels: list[Any] = [plain(level) for level in index.levels]
        return index.set_levels(levels)
    return plain(index)


def population_of_groups(counts: pd.DataFrame, groups: CountGroups, framework: Framework) -> pd.DataFrame:
    """`population_of_counts(counts, framework, by=("area", "milieu"))`, the same numbers by the
    same sums, on the codes of `count_groups(counts)`: no join and no grouping on text."""
    by_pair, parameters, known = pair_parameters(groups, framework)
    if not known.all():  # a (category, milieu) the framework has no values for: NaN, as joined
        return population_of_counts(counts, framework, by=("area", "milieu"))
    columns = population_columns(counts["count"].to_numpy(), by_pair[groups.pair], parameters, framework)
    summed = pd.DataFrame(columns).groupby(groups.group, sort=True).sum()
    summed.index = groups.index
    return summed


def pair_parameters(groups: CountGroups, framework: Framework) -> tuple[np.ndarray, list[str], np.ndarray]:
    """(distinct pair x parameter): the persons and cohort shares the framework gives each
    (category, woonmilieu) of `groups`, the parameters' names, and which pairs it gives them for
    (NaN for the others, as `population_of_counts` joins them)."""
    params = dwelling_parameters(framework)
    position = params.index.get_indexer(groups.pairs)
    table = np.vstack([params.to_numpy(), np.full((1, params.shape[1]), np.nan)])  # -1: the NaN row
    return table[position], list(params.columns), position >= 0


def population_columns(
    count: np.ndarray, per_row: np.ndarray, parameters: list[str], framework: Framework
) -> dict[str, np.ndarray]:
    """Each row's dwellings, inhabitants and persons per cohort from its dwelling count and its
    parameters (`per_row`: row x parameter, or row x value x parameter for a sweep; named by
    `parameters`): inhabitants = dwellings x persons, a cohort's = inhabitants x its share."""
    count = count.reshape(-1, *([1] * (per_row.ndim - 2)))  # one count for every value of a row
    inhabitants = count * per_row[..., parameters.index("persons")]
    columns = {"dwellings": np.broadcast_to(count, inhabitants.shape), "inhabitants": inhabitants}
    for cohort in framework.cohorts:
        name = cohort_column(cohort.id)
        columns[name] = inhabitants * per_row[..., parameters.index(name)]
    return columns
