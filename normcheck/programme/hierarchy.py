"""Areas in a hierarchy: each area (buurt) lies in one wijk, each wijk in one stadsdeel. A
programme that puts one area in two wijken cannot be judged per catchment: refused, located."""

from __future__ import annotations

import pandas as pd

from normcheck.errors import Problem

SHOWN = 10  # areas listed one by one per problem


def check_hierarchy(rows: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """One problem per area in two wijken (or stadsdelen), per wijk in two stadsdelen, and per
    area without a wijk (or stadsdeel) where the others have one: it would be judged as a wijk
    of its own, which no planner means."""
    for finer, wider in (("area", "wijk"), ("area", "stadsdeel"), ("wijk", "stadsdeel")):
        if _empty(rows[wider]) or _empty(rows[finer]):  # the usual programme: no such column
            continue
        named = rows.loc[rows[wider].astype(object) != "", finer].astype(object)
        lacking = rows[~rows[finer].astype(object).isin(set(named)) & (rows[finer].astype(object) != "")]
        for name, these in list(lacking.groupby(finer, sort=False, observed=True))[:SHOWN]:
            problems.append(
                Problem(
                    file,
                    f"{finer} '{name}' has no {wider}, while other rows give one: give it its {wider}",
                    line=int(these["line"].iloc[0]),
                    column=wider,
                )
            )
        given = rows[[finer, wider, "line"]]
        given = given[(given[wider].astype(object) != "") & (given[finer].astype(object) != "")]
        if given.empty:
            continue
        firsts = given.drop_duplicates([finer, wider])
        split = firsts[firsts.duplicated(finer, keep=False)]
        what = "area" if finer == "area" else finer
        for name, these in list(split.groupby(finer, sort=False, observed=True))[:SHOWN]:
            listed = ", ".join(f"'{w}' (line {line})" for w, line in zip(these[wider], these["line"]))
            problems.append(
                Problem(
                    file,
                    f"{what} '{name}' lies in more than one {wider}: {listed}; give each {what} one {wider}",
                    line=int(these["line"].iloc[1]),
                    column=wider,
                )
            )


def _empty(column: pd.Series) -> bool:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return bool(set(column.cat.categories) <= {""})
    return bool((column.astype(object) == "").all())
