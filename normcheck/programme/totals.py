"""A 'Totaal'/'Total' row sums the rows of the table, a subtotal row ('Subtotaal Noord', 'Noord
totaal', 'Totaal Noord') the rows of one area: each is checked against the sum of the rows it
sums and then left out, so nothing is counted twice. A subtotal whose rows cannot be known (no
area of that name) is refused: counted it would double them, left out unchecked it might hide a
misread. Totals are found in the area column, or in the year column of a table without areas."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from normcheck.errors import Problem
from normcheck.programme.headers import SUBTOTAL_WORDS, TOTAL_WORDS, header_key, header_keys, words_of
from normcheck.programme.numbers import Decimal, Thousands, distinct, parse_numbers

GRAND = ""  # the scope of a total of every row
UNNAMED = "\0"  # the scope of a subtotal that names no area ('Subtotaal' alone)
EXACT: tuple[Decimal, Thousands] = (".", "")  # how the reader writes a workbook's typed numbers
# Beside an area's name only these say a subtotal: 'Som' and 'Sum' do so alone (a '=SUM(A1)' text is a name).
_ALL_TOTAL_WORDS = frozenset({"totaal", "total", "totalen", "totals"}) | SUBTOTAL_WORDS
# Words beside a total word that name no area: 'Totaal van Noord' sums Noord, 'Totaal alle gebieden' all.
_LINKS = frozenset(
    {"van", "of", "voor", "for", "deelgebied", "gebied", "area", "generaal", "alle", "all", "gebieden", "areas"}
    | {"overall", "plan", "programma", "woningen", "dwellings"}
)
_MAYBE = re.compile("|".join(sorted({re.escape(w.split("_")[0]) for w in _ALL_TOTAL_WORDS}, key=len, reverse=True)))


def key_column(cells: pd.DataFrame) -> str:
    """The column totals are written in: the area column, or the year column of a table without areas."""
    return "year" if (distinct(cells["area"])[1] == "").all() else "area"


def scope_keys(texts: pd.Series) -> pd.Series:
    """The key a row's area (or year) is matched on against a subtotal's: its words joined."""
    codes, uniques = distinct(texts)
    keys = np.array(["_".join(words_of(text)) for text in uniques], dtype=object)
    return pd.Series(keys[codes], index=texts.index, dtype=object)


def total_rows(cells: pd.DataFrame) -> pd.Series:
    """Per row of the long cells: None for a row of the programme, GRAND for a total row, else
    the scope key of the area (or year) a subtotal row sums (UNNAMED when it names none)."""
    codes, texts = distinct(cells[key_column(cells)])
    # only texts holding a total word's first letters (few among a million rows' areas) are split
    search = _MAYBE.search  # on the list: pandas' two string methods cost thrice as much
    maybe = np.array([search(text.lower()) is not None for text in texts.tolist()], dtype=bool)
    scopes = np.full(len(texts), None, dtype=object)
    for k in np.flatnonzero(maybe).tolist():
        text = str(texts.iloc[k])
        if header_key(text).rstrip(":") in TOTAL_WORDS:
            scopes[k] = GRAND
            continue
        words = words_of(text)
        if not set(words) & _ALL_TOTAL_WORDS:
            continue
        named = [w for w in words if w not in _ALL_TOTAL_WORDS and w not in _LINKS]
        scopes[k] = "_".join(named) if named else UNNAMED if set(words) <= SUBTOTAL_WORDS | _LINKS else GRAND
    return pd.Series(scopes[codes] if len(texts) else np.full(len(cells), None), index=cells.index, dtype=object)


def check_totals(
    totals: pd.DataFrame,
    scopes: pd.Series,
    rows: pd.DataFrame,
    row_scopes: pd.Series,
    number_format: tuple[Decimal, Thousands],
    file: str,
    left_out: tuple[int, ...] = (),
) -> list[Problem]:
    """Each total row's count and m2 per use against the sum over the rows it sums (`rows`, the
    typed other rows, each with its scope key in `row_scopes`). A total row without a use (the
    long layout's 'Totaal' under the count column) sums every row: the dwellings, or every count
    and m2 together. `number_format`: how the file's text numbers are written (a workbook's typed
    cells, marked in `count_typed` and `m2_typed`, need none). `left_out`: hidden rows --hidden
    exclude left out, which the total may include."""
    if totals.empty:
        return []
    keyed = rows.assign(key=header_keys(rows["use_given"]).to_numpy(), scope=row_scopes.to_numpy())
    problems = []
    unknown: set[int] = set()
    for (_, total), scope in zip(totals.iterrows(), scopes):  # a table has a few total rows, not thousands
        line, written = int(total["line"]), str(total.get("area", "") or total.get("year", "")).strip()
        these = keyed if scope == GRAND else keyed[keyed["scope"] == scope]
        if scope != GRAND and these.empty:
            if line in unknown:  # a wide row is a long row per category: said once
                continue
            unknown.add(line)
            why = (
                "which rows it sums cannot be known"
                if scope == UNNAMED
                else f"no area is named '{scope.replace('_', ' ')}' to check it against"
            )
            problems.append(
                Problem(
                    file,
                    f"'{written}' is a subtotal row, so it is not counted, but {why}: remove the row, or name "
                    "its area as its rows do",
                    line=line,
                )
            )
            continue
        key = header_keys(pd.Series([total["use"]])).iloc[0]
        for name in ("count", "m2"):
            text = str(total[name]).strip()
            if not text:
                continue
            column = str(total["origin"]) if "origin" in total.index else name
            written_as = EXACT if bool(total.get(f"{name}_typed", False)) else number_format
            values, bad = parse_numbers(pd.Series([text]), *written_as)
            if bad.iloc[0]:
                problems.append(Problem(file, f"'{text}' is not a number", line=line, column=column))
                continue
            if key:
                expected = [float(these.loc[these["key"] == key, name].sum())]
            else:
                dwellings = these.loc[these["role"] == "dwelling", "count"] if "role" in these else None
                expected = [float(these[name].sum())]
                if name == "count" and dwellings is not None:
                    expected.append(float(dwellings.sum()))
            if any(np.isclose(values.iloc[0], e, rtol=1e-9, atol=1e-6) for e in expected):
                continue
            whose = "the rows" if scope == GRAND else f"the rows of '{scope.replace('_', ' ')}'"
            what = "the total row" if scope == GRAND else "the subtotal row"
            hidden = (
                f"; hidden row{'s' if len(left_out) > 1 else ''} {', '.join(map(str, left_out))}, left out "
                "(--hidden exclude), may be the difference"
                if left_out
                else ""
            )
            problems.append(
                Problem(
                    file,
                    f"{whose} add up to {_plain(expected[-1])}, {what} says {_plain(values.iloc[0])}{hidden}",
                    line=line,
                    column=column,
                )
            )
    return problems


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.10g}"
