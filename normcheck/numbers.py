"""Turn text cells into numbers without ever guessing: a cell is read unambiguously or named as a
problem. Vectorised over whole columns."""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_DWELLINGS_PER_ROW = 10_000_000
MAX_M2_PER_ROW = 1e9


def parse_numbers(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(values, bad): values is float with NaN for empty cells; bad marks non-empty cells that are
    not a plain decimal number with a point (no thousands separators, no comma)."""
    text = cells.fillna("").astype(str).str.strip()
    # Only digits, an optional sign and one decimal point: "1,250" or "1 250" is not read here.
    plain = text.str.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
    values = pd.to_numeric(text.where(plain), errors="coerce").astype(float)
    bad = (text != "") & ~(plain & np.isfinite(values))
    return values, bad
