"""A 'Totaal'/'Total' row sums the rows of the table: it is checked against their sum and then
left out, so nothing is counted twice."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from normcheck.errors import Problem
from normcheck.programme.headers import TOTAL_WORDS, header_key, header_keys
from normcheck.programme.numbers import Decimal, Thousands, distinct, parse_numbers


def total_rows(cells: pd.DataFrame) -> pd.Series:
    """Which rows of the long cells are total rows: 'Totaal' in the area column (in the year column
    when the table has no areas)."""
    codes, texts = distinct(cells["area"])
    if (texts == "").all():
        codes, texts = distinct(cells["year"])
    # header_key only lowers and joins: a total row's text holds a total word's first part. Only
    # those texts (few among a million rows' area names) are keyed.
    maybe = (
        texts.str.lower().str.contains("|".join(re.escape(w.split("_")[0]) for w in TOTAL_WORDS)).to_numpy(dtype=bool)
    )
    is_total = np.array(
        [maybe[k] and header_key(text).rstrip(":") in TOTAL_WORDS for k, text in enumerate(texts)], dtype=bool
    )
    return pd.Series(is_total[codes] if len(texts) else np.zeros(len(cells), dtype=bool), index=cells.index)


def check_totals(
    totals: pd.DataFrame, rows: pd.DataFrame, decimal: Decimal, thousands: Thousands, file: str
) -> list[Problem]:
    """Each total row's count and m2 per use against the sum over `rows` (the typed other rows).
    A total row without a use (the long layout's 'Totaal' under the count column) sums every
    row: the dwellings, or every count and m2 together."""
    if totals.empty:
        return []
    keyed = rows.assign(key=header_keys(rows["use_given"]))
    sums = keyed.groupby("key")[["count", "m2"]].sum()
    everything = {name: float(keyed[name].sum()) for name in ("count", "m2")}
    dwellings = float(keyed.loc[keyed["role"] == "dwelling", "count"].sum()) if "role" in keyed else None
    problems = []
    for _, total in totals.iterrows():  # a table has a total row or two, not thousands
        key = header_keys(pd.Series([total["use"]])).iloc[0]
        for name in ("count", "m2"):
            text = str(total[name]).strip()
            if not text:
                continue
            column = str(total["origin"]) if "origin" in total.index else name
            values, bad = parse_numbers(pd.Series([text]), decimal, thousands)
            if bad.iloc[0]:
                problems.append(Problem(file, f"'{text}' is not a number", line=int(total["line"]), column=column))
                continue
            if key:
                expected = [float(sums[name].get(key, 0.0))]
            else:
                expected = [everything[name], *([dwellings] if name == "count" and dwellings is not None else [])]
            if not any(np.isclose(values.iloc[0], e, rtol=1e-9, atol=1e-6) for e in expected):
                problems.append(
                    Problem(
                        file,
                        f"the rows add up to {_plain(expected[-1])}, the total row says {_plain(values.iloc[0])}",
                        line=int(total["line"]),
                        column=column,
                    )
                )
    return problems


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"
