"""A file's number format (its decimal mark and thousands mark), decided once per file from all of
its evidence and never from habit: the CSV reader weighs the count and m2 cells, the .xlsx reader
the number-like text cells (typed cells need no format).

1. `--decimal` and `--thousands` win. `--thousands ,` or `.` means the decimal mark is the other
   one; `--thousands none` means no thousands mark (groups of spaces are always read).
2. Otherwise each cell is weighed. A cell that reads only with a decimal comma ('12,5',
   '1.250,5', '1.250.000', '0,250') is evidence for the comma; one that reads only with a
   decimal point ('12.5', '1,250.5', '1,250,000', '0.250') for the point. The decimal mark
   settled, the other mark is the thousands mark: '2.400' beside '12,5' is 2400.
3. A cell like '2.400' or '1,250' reads both ways with different numbers (a thousands group, or
   three decimals as a planner's m2 may have): no evidence. When nothing else in the file
   settles the mark, such cells are refused, named, with the flag that decides.
4. Evidence both ways is refused, naming one cell of each. The separator is never evidence: a
   `,`-separated file from a Dutch spreadsheet has thousands dots, a `;` one from a US one
   thousands commas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from normcheck.errors import Problem
from normcheck.programme.numbers import (
    distinct,
    is_decimal,
    is_thousands,
    other_mark,
    parse_numbers,
    readings,
    thousands_of,
)

SHOWN_CELLS = 3


@dataclass(frozen=True)
class Cells:
    """One column's number cells to weigh: the texts, their lines, and the column's name (per
    row, as a wide table's numbers come from several columns)."""

    texts: pd.Series
    lines: pd.Series
    column: str | pd.Series


@dataclass(frozen=True, order=True)
class _Cell:
    line: int
    column: str
    text: str

    def __str__(self) -> str:
        return f"'{self.text}' (line {self.line}, column {self.column})"


def decide(
    columns: Sequence[Cells], file: str, decimal: str | None = None, thousands: str | None = None
) -> tuple[dict[str, str], list[Problem]]:
    """(the format as dialect entries, problems). Entries: decimal, thousands ('' for none),
    decimal_source (given, evidence or none: no cell depends on the mark), and where it was
    decided from: decimal_evidence (the first cell that settles it) and two_ways (how the cells
    that read two ways were read)."""
    if thousands == "none":
        thousands = ""
    if decimal is not None and thousands and decimal == thousands:
        return {}, [Problem(file, f"--decimal {decimal} and --thousands {thousands} cannot both be '{decimal}'")]
    if decimal is None and thousands in (",", "."):
        decimal = "." if thousands == "," else ","
    comma, point, two_ways = _weigh(columns, thousands)
    if decimal is not None:
        entries = {"decimal": decimal, "thousands": thousands_of(decimal, thousands), "decimal_source": "given"}
        return entries | _read_two_ways(two_ways, decimal, thousands), []
    if comma and point:
        c, p = comma[0], point[0]
        line, column = max((c.line, c.column), (p.line, p.column))
        return {}, [
            Problem(
                file,
                f"mixes decimal marks: {c} has a decimal comma, {p} a decimal point; "
                "pass --decimal , or --decimal . to say which the file uses",
                line=line,
                column=column,
            )
        ]
    if comma or point:
        decimal, first = (",", comma[0]) if comma else (".", point[0])
        entries = {
            "decimal": decimal,
            "thousands": thousands_of(decimal, thousands),
            "decimal_source": "evidence",
            "decimal_evidence": str(first),
        }
        return entries | _read_two_ways(two_ways, decimal, thousands), []
    if two_ways:
        return {}, [_refuse_two_ways(two_ways, file)]
    return {"decimal": ".", "thousands": "", "decimal_source": "none"}, []


def _weigh(columns: Sequence[Cells], thousands: str | None) -> tuple[list[_Cell], list[_Cell], list[_Cell]]:
    """The cells that read only with a decimal comma, only with a point, and both ways with
    different numbers: the first cell of each distinct text, in line order."""
    found: tuple[list[_Cell], list[_Cell], list[_Cell]] = ([], [], [])
    for cells in columns:
        codes, texts = distinct(cells.texts)
        comma, point, differ = readings(texts, thousands)
        kinds = np.where(comma & ~point, 0, np.where(point & ~comma, 1, np.where(differ, 2, -1)))
        if not (kinds >= 0).any():
            continue
        first_row = np.full(len(texts), -1, dtype=np.int64)
        rows = np.flatnonzero(kinds[codes] >= 0)
        uniques, at = np.unique(codes[rows], return_index=True)
        first_row[uniques] = rows[at]
        for code in np.flatnonzero(kinds >= 0):
            row = int(first_row[code])
            column = cells.column if isinstance(cells.column, str) else str(cells.column.iloc[row])
            found[int(kinds[code])].append(_Cell(int(cells.lines.iloc[row]), column, str(texts[code]).strip()))
    return sorted(found[0]), sorted(found[1]), sorted(found[2])


def _read_two_ways(two_ways: list[_Cell], decimal: str, thousands: str | None) -> dict[str, str]:
    """How the cells that read two ways were read, once the mark is settled: the first, and how many more."""
    if not two_ways:
        return {}
    more = f" and {len(two_ways) - 1} more" if len(two_ways) > 1 else ""
    return {"two_ways": f"{two_ways[0]} = {_value(two_ways[0].text, decimal, thousands_of(decimal, thousands))}{more}"}


def _value(text: str, decimal: str, thousands: str) -> str:
    assert is_decimal(decimal) and is_thousands(thousands)
    values, _ = parse_numbers(pd.Series([text]), decimal, thousands)
    return f"{values.iloc[0]:g}"


def _refuse_two_ways(cells: list[_Cell], file: str) -> Problem:
    shown = ", ".join(map(str, cells[:SHOWN_CELLS]))
    more = f" and {len(cells) - SHOWN_CELLS} more" if len(cells) > SHOWN_CELLS else ""
    text = cells[0].text
    mark = "." if "." in text else ","
    other = other_mark(mark)
    word = {".": "point", ",": "comma"}
    thousands = "dot" if mark == "." else "comma"
    as_thousands, as_decimal = _value(text, other, mark), _value(text, mark, "")
    values = f"{as_thousands} with a thousands {thousands}, {as_decimal} with a decimal {word[mark]}"
    how = f"reads two ways: {values}" if len(cells) == 1 else f"read two ways ('{text}': {values})"
    return Problem(
        file,
        f"{shown}{more} {how}; no other number in the file says which: pass --thousands {mark} if they are "
        f"thousands (decimal {word[other]}), or --decimal {mark} if they are decimals",
        line=cells[0].line,
        column=cells[0].column,
    )


def settle(
    dialect: dict[str, str], cells: pd.DataFrame, file: str, labels: dict[str, str]
) -> tuple[dict[str, str], list[Problem]]:
    """The dialect with its number format decided from the count and m2 cells of a long table
    (`origin`: in a wide one the column each number came from), or the problems. A workbook's
    cells are typed, its text cells settled by its reader: nothing to decide."""
    if dialect.get("decimal_source") == "typed":
        return dict(dialect), []
    given_decimal = dialect.get("decimal") if dialect.get("decimal_source") == "given" else None
    columns = [
        Cells(cells[name], cells["line"], cells["origin"] if "origin" in cells else labels.get(name, name))
        for name in ("count", "m2")  # years are whole numbers, and a date is no evidence
    ]
    entries, problems = decide(columns, file, given_decimal, dialect.get("thousands_given"))
    base = {key: value for key, value in dialect.items() if key != "thousands_given"}
    return ({**base, **entries}, []) if not problems else (base, problems)
