"""Turn text cells into numbers without ever guessing: a cell is read unambiguously or named as a
problem. The decimal mark is decided once per file (see `dialect.settle_decimal`), never per cell.

Accepted forms, decimal comma: 1250, 1.250, 1.250,5, 1250,5, 1 250 (space or no-break space
groups), -12,5, 1,5E+03. Decimal point: 1250, 1250.5, 1 250, 1.5e3. A comma is never a thousands
separator in a decimal-point file: a Dutch planner may have typed a decimal comma there.

Vectorised: a programme column holds few distinct texts, so each distinct text is parsed once and
the result spread back over the rows."""

from __future__ import annotations

import re
from decimal import Decimal as DecimalNumber
from typing import Literal, TypeGuard, cast

import numpy as np
import pandas as pd

MAX_DWELLINGS_PER_ROW = 10_000_000
MAX_M2_PER_ROW = 1e9

Decimal = Literal[",", "."]


def is_decimal(mark: str) -> TypeGuard[Decimal]:
    return mark in (",", ".")


_EXPONENT = r"(?:[eE][+-]?\d+)?"
_SPACES = "\u0020\u00a0\u202f"  # space, no-break space, narrow no-break space (Excel, Word)


def _grouped(separators: str) -> str:
    """1-3 digits, then groups of three, all with the same separator (the backreference)."""
    return rf"[1-9]\d{{0,2}}(?P<sep>[{separators}])\d{{3}}(?:(?P=sep)\d{{3}})*"


PATTERNS: dict[str, re.Pattern[str]] = {
    ",": re.compile(rf"[+-]?(?:{_grouped('.' + _SPACES)}(?:,\d+)?|\d+(?:,\d+)?{_EXPONENT}|,\d+{_EXPONENT})", re.ASCII),
    ".": re.compile(rf"[+-]?(?:{_grouped(_SPACES)}(?:\.\d+)?|\d+(?:\.\d+)?{_EXPONENT}|\.\d+{_EXPONENT})", re.ASCII),
}
# "1.250" or "1,250": a thousands group or three decimals. Never evidence for either decimal mark.
AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", re.ASCII)


def parse_numbers(cells: pd.Series, decimal: Decimal = ".") -> tuple[pd.Series, pd.Series]:
    """(values, bad): values is float with NaN for empty cells; bad marks non-empty cells that are
    not a finite number written with this decimal mark."""
    codes, texts = distinct(cells)
    values, bad = _parse_distinct(texts, decimal)
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


def whole_numbers(cells: pd.Series, decimal: Decimal = ".") -> pd.Series:
    """Per cell: False where the text is a readable number that is not exactly whole as written.
    A float cannot tell: '1.0000000000000001' reads as 1.0 and '1e-400' as 0.0, yet neither is a
    whole number of dwellings. Decided on the digits (decimal.Decimal), each distinct text once."""
    codes, texts = distinct(cells)
    readable, plain = _plain(texts, decimal)
    # digits alone (the usual count) are whole without a Decimal: a million distinct counts stay quick
    whole = np.array([not ok or text.isdigit() or _is_whole(text) for ok, text in zip(readable, plain)], dtype=bool)
    return pd.Series(whole[codes], index=cells.index, dtype=bool)


def _is_whole(text: str) -> bool:
    try:
        number = DecimalNumber(text)
    except ArithmeticError:  # pragma: no cover - the patterns admit only decimal numbers
        return True
    return not number.is_finite() or number == number.to_integral_value()


def _plain(texts: pd.Series, decimal: Decimal) -> tuple[pd.Series, pd.Series]:
    """(readable, plain): whether each text is a number with this decimal mark, and the text
    without group separators and with a decimal point, as float() and Decimal() read it."""
    text = texts.str.strip()
    readable = text.map(lambda t: PATTERNS[decimal].fullmatch(t) is not None).astype(bool)
    plain = text.where(readable, "").str.replace(f"[{_SPACES}]", "", regex=True)
    if decimal == ",":
        plain = plain.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return readable, plain


def _parse_distinct(texts: pd.Series, decimal: Decimal) -> tuple[np.ndarray, np.ndarray]:
    text = texts.str.strip()
    readable, plain = _plain(texts, decimal)
    values = pd.to_numeric(plain.where(readable), errors="coerce").astype(float).to_numpy(copy=True)
    bad = (text != "").to_numpy() & ~(readable.to_numpy() & np.isfinite(values))
    values[bad] = np.nan
    return values, bad


def decimal_evidence(cells: pd.Series) -> pd.Series:
    """Per cell: ',' if only a decimal comma reads it, '.' if only a decimal point does, else ''.
    '1.250' and '1,250' read both ways with different values, so they are no evidence at all."""
    codes, texts = distinct(cells)
    text = texts.str.strip()

    def reads(decimal: str) -> np.ndarray:
        return text.map(lambda t: PATTERNS[decimal].fullmatch(t) is not None).to_numpy(dtype=bool)

    comma, point = reads(","), reads(".")
    ambiguous = text.map(lambda t: AMBIGUOUS.fullmatch(t) is not None).to_numpy(dtype=bool)
    kind = np.where(comma & ~point & ~ambiguous, 1, np.where(point & ~comma & ~ambiguous, 2, 0))
    # A categorical: comparing a million cells with ',' compares small integer codes.
    # (pandas-stubs types categories as an Index only; from_codes takes any list-like)
    return pd.Series(pd.Categorical.from_codes(kind[codes], cast("pd.Index[str]", ["", ",", "."])), index=cells.index)
