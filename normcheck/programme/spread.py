"""Rows in the framework's own terms: a use that counts as several framework ids (dwellings by a
default_mix, a kind normed by several facilities with their kind_share) becomes one row per id
with its share of the count or m²; and the `also` column's lendings, resolved like uses."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from normcheck.errors import Problem
from normcheck.programme.numbers import Decimal
from normcheck.programme.terms import Meaning, Terms


def spread(
    rows: pd.DataFrame, meanings: Mapping[str, Meaning], milieu_notes: Mapping[str, str]
) -> tuple[pd.DataFrame, dict[str, dict[str, str]]]:
    """(rows with every multi-id use spread, notes on how words were counted)."""
    notes: dict[str, dict[str, str]] = {}
    for text, meaning in meanings.items():
        if not meaning.how:
            continue
        section = (
            "unnormed"
            if meaning.role == "facility" and not meaning.into
            else {"dwelling": "dwellings"}.get(meaning.role, "facilities")
        )
        notes.setdefault(section, {})[text] = meaning.how
    if milieu_notes:
        notes["milieus"] = dict(milieu_notes)
    many = {text: m.into for text, m in meanings.items() if len(m.into) > 1}
    if not many:
        return rows, notes
    table = pd.DataFrame(
        [(text, into, share) for text, pairs in many.items() for into, share in pairs],
        columns=["use_given", "_into", "_share"],
    )
    split = rows["use_given"].isin(list(many))
    spread_rows = rows[split].merge(table, on="use_given", how="left", sort=False)
    spread_rows = spread_rows.assign(
        use=spread_rows["_into"],
        count=spread_rows["count"] * spread_rows["_share"],
        m2=spread_rows["m2"] * spread_rows["_share"],
    ).drop(columns=["_into", "_share"])
    combined = pd.concat([rows[~split], spread_rows], ignore_index=True)
    return combined.sort_values("line", kind="stable").reset_index(drop=True), notes


LENDING_COLUMNS = ("line", "area", "wijk", "stadsdeel", "year", "lender", "lender_kind", "name", "use", "kind", "m2")


def lendings(
    rows: pd.DataFrame,
    cells: pd.DataFrame,
    terms: Terms,
    file: str,
    column: str,
    decimal: Decimal,
    problems: list[Problem],
    workbook: bool = False,
) -> pd.DataFrame | None:
    """The floor area each planned facility row lends (the `also` column), checked: a borrower
    is a facility kind, lends only in hours its lender leaves free, and in each slot one row
    lends no more than its own m². None when the programme has no `also` column values."""
    from normcheck.programme.also import parse_also
    from normcheck.programme.lending_rules import check_lendings

    text = cells["also"].astype(object)
    if not (text != "").any():
        return None
    given = pd.Series(text.to_numpy(), index=rows.index)
    mark = "auto" if workbook else decimal  # a workbook's text cells have no file-wide decimal mark
    items, found = parse_also(given, rows["line"], file, column, mark)
    problems += found
    if not items:
        return None
    positions = np.array([item.row for item in items])
    lenders = rows.iloc[positions]
    frame = pd.DataFrame(
        {
            "line": lenders["line"].to_numpy(),
            "area": lenders["area"].astype(object).to_numpy(),
            "wijk": lenders["wijk"].astype(object).to_numpy(),
            "stadsdeel": lenders["stadsdeel"].astype(object).to_numpy(),
            "year": lenders["year"].to_numpy(),
            "lender": lenders["use"].to_numpy(),
            "lender_kind": lenders["kind"].to_numpy(),
            "lender_role": lenders["role"].to_numpy(),
            "lender_m2": lenders["m2"].to_numpy(),
            "name": lenders["name"].astype(object).to_numpy(),
            "lender_given": lenders["use_given"].astype(object).to_numpy(),
            "use_given": [item.use_given for item in items],
            "m2": [item.m2 for item in items],
            "slots": [item.slots for item in items],
        }
    )
    return check_lendings(frame, terms, file, column, problems)
