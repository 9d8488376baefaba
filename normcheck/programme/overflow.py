"""A mistake repeated on thousands of rows is reported row by row up to a bound, then as one line
saying how many more: readers of a programme and of an existing-capacity file alike."""

from __future__ import annotations

import pandas as pd

from normcheck.errors import Problem

MAX_PER_KIND = 50  # rows reported one by one per kind of problem


def more_rows(file: str, message: str, lines: pd.Series, column: str) -> list[Problem]:
    """The one line for the rows beyond MAX_PER_KIND of `lines` (none when there are not more)."""
    if len(lines) <= MAX_PER_KIND:
        return []
    return [
        Problem(
            file,
            f"{message}: {len(lines) - MAX_PER_KIND} more rows like this "
            f"(lines {lines.iloc[MAX_PER_KIND]} to {lines.iloc[-1]})",
            line=int(lines.iloc[MAX_PER_KIND]),
            column=column,
        )
    ]
