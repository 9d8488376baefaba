"""A file's number format (its decimal mark and thousands mark), decided once per file from all of
its evidence and never from habit: the cells weighed are a programme's count and m2 cells (in a
wide table its category columns), the m² of its `also` items, and in a workbook only the text
cells among them (a typed number cell needs no format), over every sheet read.

1. `--decimal` and `--thousands` win. `--thousands ,` or `.` means the decimal mark is the other
   one; `--thousands none` means no thousands mark (groups of spaces are always read).
2. Otherwise each cell is weighed. A cell that reads only with a decimal comma ('12,5',
   '1.250,5', '1.250.000', '0,250') is evidence for the comma; one that reads only with a
   decimal point ('12.5', '1,250.5', '1,250,000', '0.250') for the point. The decimal mark
   settled, the other mark is the thousands mark: '2.400' beside '12,5' is 2400.
3. A cell like '2.400' or '1,250' reads both ways with different numbers (a thousands group, or
   three decimals as a planner's m2 may have): no evidence. When nothing else in the file
   settles the mark, such cells are refused, named, with the flag that decides; cells of this
   kind written with both marks ('2.400' and '1,800') are refused naming one of each, since one
   of them will be read the other way than it looks. Once the mark is settled (by a cell or a
   flag), how the first of each mark was read is said (two_ways: '2.400' = 2400; '1,800' = 1.8).
4. Evidence both ways is refused, naming one cell of each. The separator is never evidence: a
   `,`-separated file from a Dutch spreadsheet has thousands dots, a `;` one from a US one
   thousands commas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from normcheck.errors import Problem
from normcheck.programme.numbers import distinct, is_decimal, is_thousands, parse_numbers, readings, thousands_of
from normcheck.value import Value, value_type

SHOWN_LINES = 3  # the further cells a refusal lists by line before "and N more"
# What a weighed cell shows, by kind: evidence for a decimal comma, for a decimal point, and the
# cells that read two ways, written with a dot or with a comma.
COMMA, POINT, TWO_WAYS_DOT, TWO_WAYS_COMMA = range(4)


@value_type
class Cells(Value):
    """Number cells to weigh: the texts, their lines, the column's name (per row, as a wide
    table's numbers come from several columns), and where they are: the file (a workbook's sheet
    as 'plan.xlsx, sheet Woningen' when several are read), the sheet's name for messages ('' for
    a CSV file or a workbook read as one sheet) and its place among the sheets read."""

    texts: pd.Series
    lines: pd.Series
    column: str | pd.Series
    file: str = ""
    sheet: str = ""
    order: int = 0


@dataclass(frozen=True, order=True)
class _Cell:
    order: int
    line: int
    column: str
    text: str
    file: str = field(compare=False)
    sheet: str = field(compare=False)

    def __str__(self) -> str:
        sheet = f"sheet {self.sheet}, " if self.sheet else ""
        return f"'{self.text}' ({sheet}line {self.line}, column {self.column})"

    def seen_from(self, other: _Cell) -> str:
        """Where this cell is, said from a problem located at `other`: only what differs."""
        if self.file != other.file:
            return f"sheet {self.sheet}, line {self.line}, column {self.column}"
        if self.column != other.column:
            return f"line {self.line}, column {self.column}"
        return f"line {self.line}"

    def listed_from(self, other: _Cell) -> str:
        """The same, short, for a list of cells: 'line 5 (Spelen)'."""
        if self.file != other.file:
            return f"sheet {self.sheet} line {self.line} ({self.column})"
        return f"line {self.line}" + (f" ({self.column})" if self.column != other.column else "")


@value_type
class _Found(Value):
    """The distinct texts of one kind: how many, and the first cells (by sheet and line)."""

    count: int
    first: list[_Cell]


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
    # Weighed with the thousands mark free when a flag gives it (the decimal mark then follows):
    # which cells read two ways is said even when the flag decides them.
    found = _weigh(columns, None if thousands in (",", ".") else thousands)
    comma, point = found.get(COMMA), found.get(POINT)
    dot_ways, comma_ways = found.get(TWO_WAYS_DOT), found.get(TWO_WAYS_COMMA)
    if decimal is not None:
        entries = {"decimal": decimal, "thousands": thousands_of(decimal, thousands), "decimal_source": "given"}
        return entries | _read_two_ways(found, decimal, thousands), []
    if comma and point:
        return {}, [_refuse_both_marks(comma.first[0], point.first[0])]
    if comma or point:
        decimal, first = (",", comma.first[0]) if comma else (".", point.first[0])  # type: ignore[union-attr]
        entries = {
            "decimal": decimal,
            "thousands": thousands_of(decimal, thousands),
            "decimal_source": "evidence",
            "decimal_evidence": str(first),
        }
        return entries | _read_two_ways(found, decimal, thousands), []
    if dot_ways and comma_ways:
        return {}, [_refuse_two_marks(dot_ways.first[0], comma_ways.first[0])]
    two_ways = dot_ways or comma_ways
    if two_ways:
        return {}, [_refuse_two_ways(two_ways)]
    return {"decimal": ".", "thousands": "", "decimal_source": "none"}, []


def _weigh(columns: Sequence[Cells], thousands: str | None) -> dict[int, _Found]:
    """Per kind (COMMA, POINT, TWO_WAYS_DOT, TWO_WAYS_COMMA) the distinct texts of that kind and
    the first cells, in sheet and line order. Vectorised: each distinct text is read once, and
    only the first cells of each kind are made objects (a million-row file has hundreds of
    thousands of distinct m² texts)."""
    counts: dict[int, int] = {}
    firsts: dict[int, list[_Cell]] = {}
    for cells in columns:
        codes, texts = distinct(cells.texts)
        comma, point, differ = readings(texts, thousands)
        dotted = texts.str.contains(".", regex=False).to_numpy(dtype=bool)
        kinds = np.select(
            [comma & ~point, point & ~comma, differ & dotted, differ & ~dotted],
            [COMMA, POINT, TWO_WAYS_DOT, TWO_WAYS_COMMA],
            -1,
        )
        if not (kinds >= 0).any():  # the usual case: no row-sized work
            continue
        row_kinds = kinds[codes]
        lines = np.asarray(cells.lines, dtype=np.int64)
        for kind in np.unique(row_kinds[row_kinds >= 0]).tolist():  # a categorical's texts may be on no row
            rows = np.flatnonzero(row_kinds == kind)
            these, first = np.unique(codes[rows], return_index=True)  # each distinct text at its first row
            at = rows[first]
            shown = at[np.argsort(lines[at], kind="stable")[: SHOWN_LINES + 1]]
            counts[kind] = counts.get(kind, 0) + len(these)
            firsts.setdefault(kind, []).extend(
                _Cell(
                    cells.order,
                    int(lines[row]),
                    cells.column if isinstance(cells.column, str) else str(cells.column.iloc[row]),
                    str(texts.iloc[codes[row]]).strip(),
                    cells.file,
                    cells.sheet,
                )
                for row in shown.tolist()
            )
    return {kind: _Found(counts[kind], sorted(firsts[kind])[: SHOWN_LINES + 1]) for kind in counts}


def _read_two_ways(found: dict[int, _Found], decimal: str, thousands: str | None) -> dict[str, str]:
    """How the cells that read two ways were read, once the mark is settled: per mark the first,
    and how many more."""
    mark = thousands_of(decimal, thousands)
    said = []
    for kind in (TWO_WAYS_DOT, TWO_WAYS_COMMA):
        if kind in found:
            first, count = found[kind].first[0], found[kind].count
            more = f" and {count - 1} more" if count > 1 else ""
            said.append(f"{first} = {_value(first.text, decimal, mark)}{more}")
    return {"two_ways": "; ".join(said)} if said else {}


def _value(text: str, decimal: str, thousands: str) -> str:
    assert is_decimal(decimal) and is_thousands(thousands)
    values, _ = parse_numbers(pd.Series([text]), decimal, thousands)
    return f"{values.iloc[0]:.15g}"


def _ways(text: str) -> tuple[str, str, str]:
    """(its mark, the number with that mark as thousands mark, the number with it as decimal mark)."""
    mark = "." if "." in text else ","
    other = "," if mark == "." else "."
    return mark, _value(text, other, mark), _value(text, mark, "")


def _refuse_two_ways(found: _Found) -> Problem:
    first = found.first[0]
    mark, as_thousands, as_decimal = _ways(first.text)
    rest = found.first[1 : SHOWN_LINES + 1]
    more = found.count - 1 - len(rest)
    also = ""
    if rest:
        here = [str(cell.line) for cell in rest if (cell.file, cell.column) == (first.file, first.column)]
        parts = [f"line{'s' if len(here) > 1 else ''} {', '.join(here)}"] if here else []
        parts += [cell.listed_from(first) for cell in rest if (cell.file, cell.column) != (first.file, first.column)]
        listed = ", ".join(parts) + (f" and {more} more" if more > 0 else "")
        also = f" (so {'are' if len(rest) > 1 or more > 0 else 'is'} {listed})"
    return Problem(
        first.file,
        f"'{first.text}' is {as_thousands} or {as_decimal}{also}; nothing else says which: "
        f"pass --thousands {mark} for {as_thousands}, --decimal {mark} for {as_decimal}",
        line=first.line,
        column=first.column,
    )


def _refuse_two_marks(dotted: _Cell, commaed: _Cell) -> Problem:
    first, second = sorted((dotted, commaed))
    dot_thousands, dot_decimal = _ways(dotted.text)[1:]
    comma_thousands, comma_decimal = _ways(commaed.text)[1:]
    return Problem(
        first.file,
        f"'{first.text}' and '{second.text}' ({second.seen_from(first)}) read two ways, with different marks: "
        f"write them alike, or pass --thousands . ({dot_thousands} and {comma_decimal}) or --thousands , "
        f"({dot_decimal} and {comma_thousands})",
        line=first.line,
        column=first.column,
    )


def _refuse_both_marks(comma: _Cell, point: _Cell) -> Problem:
    """Located at the later of the two cells, naming the other."""
    (first, first_mark), (later, later_mark) = sorted(((comma, ","), (point, ".")))
    word = {",": "a decimal comma", ".": "a decimal point"}
    return Problem(
        later.file,
        f"mixes decimal marks: '{later.text}' has {word[later_mark]}, '{first.text}' ({first.seen_from(later)}) "
        f"{word[first_mark]}; pass --decimal {later_mark} or --decimal {first_mark} to say which",
        line=later.line,
        column=later.column,
    )


def settle(dialect: dict[str, str], columns: Sequence[Cells], file: str) -> tuple[dict[str, str], list[Problem]]:
    """The dialect with its number format decided from `columns` (the readers put --decimal and
    --thousands in it as decimal_given and thousands_given), or the problems. A workbook whose
    weighed text cells need no mark keeps its format 'typed'; one whose text cells do says how
    many it read (text_numbers)."""
    base = {key: value for key, value in dialect.items() if key not in ("decimal_given", "thousands_given")}
    typed = base.get("decimal_source") == "typed"
    columns = [cells for cells in columns if len(cells.texts)]
    if typed and not columns:
        return base, []
    entries, problems = decide(columns, file, dialect.get("decimal_given"), dialect.get("thousands_given"))
    if problems:
        return base, problems
    if typed:
        if entries["decimal_source"] == "none":
            return base, []
        count = sum(int((cells.texts.astype(str).str.strip() != "").sum()) for cells in columns)
        entries["text_numbers"] = f"{count} text cell{'s' if count != 1 else ''}"
    return {**base, **entries}, []
