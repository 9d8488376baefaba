"""Turn text cells into numbers without ever guessing: a cell is read unambiguously or named as a
problem. The number format (decimal mark and thousands mark) is decided once per file (see
`number_format.decide`), never per cell.

A format is a decimal mark and a thousands mark, the other one of ',' and '.' unless the file
says it has none (`--thousands none`); groups of three digits separated by a space or a no-break
space are always read. Decimal comma: 1250, 1.250, 1.250,5, 1250,5, 1 250, -12,5, 1,5E+03.
Decimal point: 1250, 1,250, 1,250.5, 1250.5, 1 250, 1.5e3.

Vectorised: a programme column holds few distinct texts, so each distinct text is parsed once and
the result spread back over the rows."""

from __future__ import annotations

import re
from decimal import Decimal as DecimalNumber
from typing import Literal, TypeGuard

import numpy as np
import pandas as pd

MAX_DWELLINGS_PER_ROW = 10_000_000
MAX_M2_PER_ROW = 1e9

Decimal = Literal[",", "."]
Thousands = Literal[",", ".", ""]  # "": no thousands mark (spaces still group)


def is_decimal(mark: str) -> TypeGuard[Decimal]:
    return mark in (",", ".")


def is_thousands(mark: str) -> TypeGuard[Thousands]:
    return mark in (",", ".", "")


def other_mark(decimal: str) -> Thousands:
    """The thousands mark that goes with a decimal mark: the other one of ',' and '.'."""
    return "." if decimal == "," else ","


_EXPONENT = r"(?:[eE][+-]?\d+)?"
_SPACES = "\u0020\u00a0\u202f"  # space, no-break space, narrow no-break space (Excel, Word)


def _grouped(separators: str) -> str:
    """1-3 digits, then groups of three, all with the same separator (the backreference)."""
    return rf"[1-9]\d{{0,2}}(?P<sep>[{separators}])\d{{3}}(?:(?P=sep)\d{{3}})*"


def _pattern(decimal: Decimal, thousands: Thousands) -> re.Pattern[str]:
    d = re.escape(decimal)
    groups = re.escape(thousands) + _SPACES if thousands else _SPACES
    return re.compile(rf"[+-]?(?:{_grouped(groups)}(?:{d}\d+)?|\d+(?:{d}\d+)?{_EXPONENT}|{d}\d+{_EXPONENT})", re.ASCII)


PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {
    (decimal, thousands): _pattern(decimal, thousands)
    for decimal in (",", ".")
    for thousands in ("", other_mark(decimal))
}
# "1.250" or "1,250": a thousands group or three decimals. Never evidence for either decimal mark.
AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", re.ASCII)
# How close a computed cell may be to a whole number and still be that number (825.0000000000001)
WHOLE_TOLERANCE = 1e-9


def thousands_of(decimal: str, thousands: str | None) -> Thousands:
    """The thousands mark to read with: the one given, else the other mark of the decimal."""
    mark = other_mark(decimal) if thousands is None else thousands
    assert is_thousands(mark)
    return mark


def parse_numbers(
    cells: pd.Series, decimal: Decimal = ".", thousands: Thousands | None = ""
) -> tuple[pd.Series, pd.Series]:
    """(values, bad): values is float with NaN for empty cells; bad marks non-empty cells that are
    not a finite number written with this decimal mark and thousands mark (None: the other mark)."""
    codes, texts = distinct(cells)
    values, bad = _parse_distinct(texts, decimal, thousands_of(decimal, thousands))
    return (
        pd.Series(values[codes], index=cells.index, dtype=float),
        pd.Series(bad[codes], index=cells.index, dtype=bool),
    )


def distinct(cells: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(codes, texts): each distinct cell text once (missing as ''), and where each cell's is."""
    if isinstance(cells.dtype, pd.CategoricalDtype) and not cells.hasnans:  # factorized already (programme.py)
        return cells.cat.codes.to_numpy(dtype=np.intp), pd.Series(
            cells.cat.categories.to_numpy(dtype=object), dtype=object
        )
    codes, uniques = pd.factorize(cells.to_numpy(dtype=object), use_na_sentinel=False)
    return codes, pd.Series(["" if u is None or u != u else str(u) for u in uniques], dtype=object)


def whole_numbers(cells: pd.Series, decimal: Decimal = ".", thousands: Thousands | None = "") -> pd.Series:
    """Per cell: False where the text is a readable number that is not whole as written. Decided
    on the digits (decimal.Decimal), each distinct text once: a float cannot tell ('2.0000001'
    and '1e-400' read as floats that hide what was typed). A number within WHOLE_TOLERANCE of a
    whole number is that number: a spreadsheet's computed 825.0000000000001 is 825 dwellings (a
    number written with an exponent, such as 1e-400, is whole only exactly)."""
    codes, texts = distinct(cells)
    readable, plain = _plain(texts, decimal, thousands_of(decimal, thousands))
    # digits alone (the usual count) are whole without a Decimal: a million distinct counts stay quick
    whole = np.array([not ok or text.isdigit() or _is_whole(text) for ok, text in zip(readable, plain)], dtype=bool)
    return pd.Series(whole[codes], index=cells.index, dtype=bool)


def _is_whole(text: str) -> bool:
    try:
        number = DecimalNumber(text)
    except ArithmeticError:  # pragma: no cover - the patterns admit only decimal numbers
        return True
    if not number.is_finite():
        return True
    nearest = number.to_integral_value()
    if "e" in text.lower():  # written with an exponent on purpose, not a computed float's digits
        return number == nearest
    return abs(number - nearest) <= DecimalNumber(WHOLE_TOLERANCE)


def near_whole(values: pd.Series) -> pd.Series:
    """The values with those within WHOLE_TOLERANCE of a whole number made that number."""
    nearest = values.round()
    close = (values - nearest).abs() <= WHOLE_TOLERANCE
    return values.where(~close, nearest)


def _plain(texts: pd.Series, decimal: Decimal, thousands: Thousands) -> tuple[pd.Series, pd.Series]:
    """(readable, plain): whether each text is a number in this format, and the text without
    group separators and with a decimal point, as float() and Decimal() read it."""
    text = texts.str.strip()
    pattern = PATTERNS[decimal, thousands]
    readable = text.map(lambda t: pattern.fullmatch(t) is not None).astype(bool)
    plain = text.where(readable, "").str.replace(f"[{_SPACES}]", "", regex=True)
    if thousands:
        plain = plain.str.replace(thousands, "", regex=False)
    if decimal == ",":
        plain = plain.str.replace(",", ".", regex=False)
    return readable, plain


def _parse_distinct(texts: pd.Series, decimal: Decimal, thousands: Thousands) -> tuple[np.ndarray, np.ndarray]:
    text = texts.str.strip()
    readable, plain = _plain(texts, decimal, thousands)
    values = pd.to_numeric(plain.where(readable), errors="coerce").astype(float).to_numpy(copy=True)
    bad = (text != "").to_numpy() & ~(readable.to_numpy() & np.isfinite(values))
    values[bad] = np.nan
    return values, bad


def readings(texts: pd.Series, thousands: str | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per distinct text: (reads with a decimal comma, reads with a decimal point, the two read
    as different numbers), each with its thousands mark (the given one, else the other mark; a
    decimal mark that is the given thousands mark reads nothing)."""
    text = texts.str.strip()

    def reads(decimal: Decimal) -> np.ndarray:
        mark = thousands_of(decimal, thousands)
        if mark == decimal:
            return np.zeros(len(text), dtype=bool)
        pattern = PATTERNS[decimal, mark]
        return text.map(lambda t: pattern.fullmatch(t) is not None).to_numpy(dtype=bool)

    comma, point = reads(","), reads(".")
    both = comma & point
    differ = np.zeros(len(text), dtype=bool)
    if both.any():
        as_comma, _ = _parse_distinct(texts[both], ",", thousands_of(",", thousands))
        as_point, _ = _parse_distinct(texts[both], ".", thousands_of(".", thousands))
        differ[both] = ~np.isclose(as_comma, as_point, rtol=0, atol=0, equal_nan=True)
    return comma, point, differ
