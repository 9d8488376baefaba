"""Rows in the framework's own terms: a use that counts as several framework ids (dwellings by a
default_mix, a kind normed by several facilities with their kind_share) becomes one row per id
with its share of the count or m²."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from normcheck.programme.terms import Meaning


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
