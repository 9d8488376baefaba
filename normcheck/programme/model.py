"""The Programme value: a housing programme's validated rows, what the rest of normcheck reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from normcheck.framework.model import Framework


@dataclass(frozen=True, eq=False)
class Programme:
    """Validated rows. `rows` columns: area, milieu, year (Int64, may be NA), use, kind
    ('dwelling' or 'facility'), count, m2 (float, NaN where not given), line."""

    file: str
    rows: pd.DataFrame
    dialect: dict[str, str] = field(default_factory=dict)
    # The framework whose ids the rows use (set by the pipeline's reader): checked with that one only.
    framework: Framework | None = field(default=None, repr=False, compare=False)

    # Cached: a check reads them several times, and each is a copy of up to a million rows.
    # (A frozen dataclass still has a __dict__ for cached_property; `rows` is never changed in place.)
    @cached_property
    def dwellings(self) -> pd.DataFrame:
        return self.rows[self.rows["kind"] == "dwelling"]

    @cached_property
    def facilities(self) -> pd.DataFrame:
        return self.rows[self.rows["kind"] == "facility"]
