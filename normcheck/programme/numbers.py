"""Turn text cells into numbers without ever guessing: a cell is read unambiguously or named as a
problem. The number format (decimal mark and thousands mark) is decided once per file (see
`number_format.decide`), never per cell.

A format is a decimal mark and a thousands mark, the other one of ',' and '.' unless the file
says it has none (`--thousands none`); groups of three digits separated by a space or a no-break
space are always read. Decimal comma: 1250, 1.250, 1.250,5, 1250,5, 1 250, -12,5, 1,512E+03.
Decimal point: 1250, 1,250, 1,250.5, 1250.5, 1 250, 1.512e3. A number in exponent notation that
does not show its units digit (1.5E+03, a spreadsheet's rounded display) is refused by the
readers (rounded_displays), never rounded.

Vectorised: a programme column holds few distinct texts, so each distinct text is parsed once and
the result spread back over the rows."""

from __future__ import annotations

import math
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
# How close a computed cell may be to a whole number and still be that number (825.0000000000001):
# the one tolerance, on the digits as written (whole_numbers) and on the value read (near_whole).
WHOLE_TOLERANCE = 1e-9
# A number in exponent notation: its mantissa's digits after the decimal mark, and its exponent.
EXPONENT_NOTATION = re.compile(r"[+-]?\d+(?:[.,](\d+))?[eE]([+-]?\d+)", re.ASCII)


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
    values = cells.array
    if isinstance(values, pd.Categorical) and not (values.codes < 0).any():  # factorized already (programme.py)
        return values.codes.astype(np.intp), pd.Series(values.categories.to_numpy(dtype=object), dtype=object)
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


def rounded_displays(cells: pd.Series) -> pd.Series:
    """Per cell: whether it is a number in exponent notation that does not show its units digit
    ('4E+03', '4.8E+03', '1.5E+03': a spreadsheet's "as displayed" export of 4,812 m² or 1,530).
    Such a cell says only roughly what the number is, so it is refused, never rounded; one that
    shows every digit down to the units ('4.812E+03', '1.5e-3', a computed '1e-400') is exact."""
    codes, texts = distinct(cells)
    rounded = np.array([_rounded(text.strip()) for text in texts], dtype=bool)
    return pd.Series(rounded[codes], index=cells.index, dtype=bool)


def _rounded(text: str) -> bool:
    if "e" not in text and "E" not in text:  # the usual cell: no regex
        return False
    found = EXPONENT_NOTATION.fullmatch(text)
    if found is None or int(found.group(2)) <= len(found.group(1) or ""):
        return False
    return math.isfinite(float(text.replace(",", ".")))  # '1e999' is no number at all


def rounded_message(text: str) -> str:
    """Why a rounded display ('4.8E+03') is refused, for the reader's problems."""
    written = text.strip()
    if not _rounded(written):
        return f"'{written}' is not a number"
    mantissa = written.lower().split("e")[0].lstrip("+-")
    digits = len(mantissa.replace(".", "").replace(",", "").lstrip("0")) or 1
    value = float(written.replace(",", "."))
    return (
        f"'{written}' gives a number near {value:.15g} to {digits} digit{'s' if digits > 1 else ''} only "
        "(a rounded display in exponent notation): write the number in full"
    )


def near_whole(values: pd.Series) -> pd.Series:
    """The values with those within WHOLE_TOLERANCE of a whole number made that number."""
    given = values.to_numpy(dtype=float)
    nearest = np.round(given)  # half to even, as Series.round
    with np.errstate(invalid="ignore"):  # NaN stays NaN
        close = np.abs(given - nearest) <= WHOLE_TOLERANCE
    return pd.Series(np.where(close, nearest, given), index=values.index)


def _plain(texts: pd.Series, decimal: Decimal, thousands: Thousands) -> tuple[np.ndarray, list[str]]:
    """(readable, plain): whether each text is a number in this format, and the text without
    group separators and with a decimal point, as float() and Decimal() read it ('' where not
    readable). On the distinct texts as a list: a pandas string method per step costs more than
    the texts themselves in a small programme."""
    return _plain_of([text.strip() for text in texts.tolist()], decimal, thousands)


def _plain_of(stripped: list[str], decimal: Decimal, thousands: Thousands) -> tuple[np.ndarray, list[str]]:
    pattern = PATTERNS[decimal, thousands]
    readable = [pattern.fullmatch(text) is not None for text in stripped]
    plain = []
    for text, ok in zip(stripped, readable):
        if ok:
            text = text.translate(_NO_SPACES)
            if thousands:
                text = text.replace(thousands, "")
            if decimal == ",":
                text = text.replace(",", ".")
        plain.append(text if ok else "")
    return np.array(readable, dtype=bool), plain


_NO_SPACES = str.maketrans("", "", _SPACES)  # group separators that are spaces, deleted


def _parse_distinct(texts: pd.Series, decimal: Decimal, thousands: Thousands) -> tuple[np.ndarray, np.ndarray]:
    stripped = [text.strip() for text in texts.tolist()]
    readable, plain = _plain_of(stripped, decimal, thousands)
    given = np.array([text if ok else np.nan for text, ok in zip(plain, readable.tolist())], dtype=object)
    values = np.array(pd.to_numeric(given, errors="coerce"), dtype=float)
    bad = np.array([text != "" for text in stripped], dtype=bool) & ~(readable & np.isfinite(values))
    values[bad] = np.nan
    return values, bad


def readings(texts: pd.Series, thousands: str | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per distinct text: (reads with a decimal comma, reads with a decimal point, the two read
    as different numbers), each with its thousands mark (the given one, else the other mark; a
    decimal mark that is the given thousands mark reads nothing)."""
    text = [t.strip() for t in texts.tolist()]

    def reads(decimal: Decimal) -> np.ndarray:
        mark = thousands_of(decimal, thousands)
        if mark == decimal:
            return np.zeros(len(text), dtype=bool)
        pattern = PATTERNS[decimal, mark]
        return np.array([pattern.fullmatch(t) is not None for t in text], dtype=bool)

    comma, point = reads(","), reads(".")
    both = comma & point
    differ = np.zeros(len(text), dtype=bool)
    if both.any():
        as_comma, _ = _parse_distinct(texts[both], ",", thousands_of(",", thousands))
        as_point, _ = _parse_distinct(texts[both], ".", thousands_of(".", thousands))
        differ[both] = ~np.isclose(as_comma, as_point, rtol=0, atol=0, equal_nan=True)
    return comma, point, differ


# Numbers as planners type them beside a sign or a unit: '40%', '€ 390.000', '1.200 m²'.
_PERCENTAGE = re.compile(r"(?P<number>.+?)\s*%")
_MONEY = re.compile(r"(?:€|eur\b)\s*(?P<number>.+)|(?P<after>.+?)\s*(?:€|eur|euro)", re.IGNORECASE)
_WITH_UNIT = re.compile(
    r"(?P<number>.+?)\s*(?:m²|m2|m\^2)(?:\s*(?:bvo|vvo|gbo|terrein))?"
    r"|(?P<counted>.+?)\s+(?:woningen|woning|won|we|st|stuks|plaatsen|places|dwellings)",
    re.IGNORECASE,
)
TextKind = Literal["number", "percentage", "money", "unit", "text"]


def text_kind(text: str) -> TextKind:
    """What a cell's text is: a number (in some number format), a percentage ('40%'), an amount
    of money ('€ 390.000'), a number with a unit ('1.200 m²', '40 woningen'), or text."""
    stripped = text.strip()
    if reads_as_number(stripped):
        return "number"
    if _number_beside(_PERCENTAGE, stripped):
        return "percentage"
    if _number_beside(_MONEY, stripped):
        return "money"
    if _number_beside(_WITH_UNIT, stripped):
        return "unit"
    return "text"


def _number_beside(pattern: re.Pattern[str], text: str) -> bool:
    found = pattern.fullmatch(text)
    return found is not None and any(reads_as_number(part.strip()) for part in found.groups() if part)


def reads_as_number(text: str) -> bool:
    """Whether a text reads as a number in some number format (one text: no pandas)."""
    return any(pattern.fullmatch(text) is not None for pattern in PATTERNS.values())
