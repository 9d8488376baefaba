"""Population -> required m² (or places) per facility, set beside what the programme plans.
Pure, vectorised pandas: per facility a basis amount times one coefficient per woonmilieu.

    required = rate * (basis * participation) / per               without a fixed part
    required = that * standard_size / (standard_size - fixed)      with a fixed part per facility

The second form spreads the fixed part (a school's vaste voet) over the standard-size buildings
the variable part fills, so the result stays proportional and areas add up to the whole plan.
A two-step need (`demand`: places, FTE GPs) first counts the users in units, count = users *
demand.rate / demand.per, and the rate is per counted unit: one more factor, `demand`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

import numpy as np
import pandas as pd

from normcheck.core.population import cohort_column
from normcheck.framework.model import Facility, Framework, Quantity

# A number, or a numpy array of them: a sweep (sweep.py) puts one input's values in as an array.
Numbers = float | np.ndarray


class CoefficientInputs(TypedDict):
    """The arguments of `coefficient`, by name."""

    rate: Numbers
    participation: Numbers
    per: Numbers
    fixed: Numbers | None
    size: Numbers | None
    demand: Numbers


def basis_columns(facility: Facility) -> list[str]:
    if facility.basis == "cohort":
        return [cohort_column(c) for c in facility.cohorts]
    return [facility.basis]


def _leaf_value(quantity: Quantity | None, milieu: str, default: float) -> float:
    leaf = quantity.leaf(milieu) if quantity is not None else None
    return leaf.value if leaf is not None else default


def coefficient_inputs(facility: Facility, milieu: str) -> CoefficientInputs:
    """The numbers of `coefficient` for one facility in one woonmilieu."""
    fixed = facility.fixed_m2 is not None and facility.standard_size_m2 is not None
    return {
        "rate": _leaf_value(facility.rate, milieu, 0.0),
        "participation": _leaf_value(facility.participation, milieu, 1.0),
        "per": facility.per,
        "fixed": _leaf_value(facility.fixed_m2, milieu, 0.0) if fixed else None,
        "size": _leaf_value(facility.standard_size_m2, milieu, 0.0) if fixed else None,
        "demand": count_per_user(facility, milieu),
    }


def count_per_user(facility: Facility, milieu: str) -> float:
    """Counted units (places, FTE GPs) per user of a two-step need; 1 without one."""
    if facility.demand is None:
        return 1.0
    return _leaf_value(facility.demand.rate, milieu, 1.0) / _leaf_value(facility.demand.per, milieu, 1.0)


def coefficient(
    rate: Numbers,
    participation: Numbers,
    per: Numbers,
    fixed: Numbers | None = None,
    size: Numbers | None = None,
    demand: Numbers = 1.0,
) -> Numbers:
    """Required amount per unit of basis. Numbers or numpy arrays alike: a sweep (sweep.py)
    evaluates it for a thousand values of one input at once, with the same arithmetic.
    `demand`: counted units per user of a two-step need (places, FTE GPs); 1 without one."""
    scale = 1.0 if fixed is None or size is None else size / (size - fixed)
    return rate * participation * demand / per * scale


def coefficients(framework: Framework) -> pd.DataFrame:
    """Index milieu, one column per facility: required amount per unit of basis."""
    table = {}
    for facility in framework.facilities.values():
        table[facility.id] = {
            milieu: coefficient(**coefficient_inputs(facility, milieu)) for milieu in framework.milieu_ids
        }
    return pd.DataFrame(table)


def basis_amounts(pop: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Same index as `pop`; per facility the amount of its basis (dwellings, inhabitants, cohort persons)."""
    # numpy, not .loc: a check and a timeline call this several times, a sweep per value block
    values = basis_values(pop.to_numpy(), list(pop.columns), framework)
    return pd.DataFrame(values, index=pop.index, columns=list(framework.facilities))


def basis_values(values: np.ndarray, columns: list[str], framework: Framework) -> np.ndarray:
    """`basis_amounts` on arrays: (row x population column) -> (row x facility)."""
    return values @ basis_weights(columns, framework).T


def basis_weights(columns: list[str], framework: Framework) -> np.ndarray:
    """(facility x population column): 1 where the column is part of the facility's basis."""
    position = {name: k for k, name in enumerate(columns)}
    weights = np.zeros((len(framework.facilities), len(position)))
    for row, facility in enumerate(framework.facilities.values()):
        weights[row, [position[c] for c in basis_columns(facility)]] = 1.0
    return weights


def required(pop: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Same index as `pop` (which has a milieu level); per facility the required amount."""
    values = required_values(pop.to_numpy(), list(pop.columns), pop.index.get_level_values("milieu"), framework)
    return pd.DataFrame(values, index=pop.index, columns=list(framework.facilities))


def required_values(
    values: np.ndarray, columns: list[str], milieus: np.ndarray | pd.Index, framework: Framework
) -> np.ndarray:
    """`required` on arrays: rows of the population `columns` in woonmilieus `milieus` ->
    (row x facility) the basis (`basis_amounts`) times the facility's coefficient there."""
    amounts = basis_values(values, columns, framework)
    coef = coefficients(framework).reindex(columns=list(framework.facilities))
    # each woonmilieu looked up once (a sweep's rows are a thousand copies of the groups)
    code, distinct = pd.factorize(np.asarray(milieus, dtype=object), use_na_sentinel=False)
    return amounts * coef.loc[distinct].to_numpy()[code]


def planned(facility_rows: pd.DataFrame, framework: Framework, by: list[str]) -> pd.DataFrame:
    """Per group of `by`, per facility: planned m² (or places, from `count`)."""
    return planned_of_sums(planned_sums(facility_rows, by), framework)


def planned_sums(facility_rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per group of `by` and use: the planned rows' count and m2 summed, each apart (the only
    row-sized step of `planned`, the same for every framework)."""
    return facility_rows.groupby(by + ["use"], observed=True)[["count", "m2"]].sum()


def planned_of_sums(sums: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """`planned` from `planned_sums`: per use its places (count) or its m²."""
    # a use the framework does not norm counts as places, as a row-wise choice would take it
    uses = pd.factorize(sums.index.get_level_values("use").to_numpy(dtype=object), use_na_sentinel=False)
    by_use = np.array(
        [framework.facilities[use].counts_places if use in framework.facilities else True for use in uses[1]],
        dtype=bool,
    )
    amount = pd.Series(np.where(by_use[uses[0]], sums["count"], sums["m2"]), index=sums.index)
    table = amount.unstack("use", fill_value=0)
    return table.reindex(columns=list(framework.facilities), fill_value=0.0)


def standard_size(facility: Facility, milieus: Iterable[str]) -> float:
    """The size one facility is judged on: the largest standard size among these woonmilieus
    (NaN where the framework gives none)."""
    if facility.standard_size_m2 is None:
        return np.nan
    values = [leaf.value for m in milieus if (leaf := facility.standard_size_m2.leaf(m)) is not None]
    return max(values) if values else np.nan
