"""The Programme value: a housing programme's validated rows, what the rest of normcheck reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from normcheck.framework.model import Framework


@dataclass(frozen=True, eq=False)
class Programme:
    """Validated rows. `rows` columns: area, wijk and stadsdeel (missing where not given), milieu,
    year (Int64, may be NA), use (the framework's id; missing for a facility kind the framework
    does not norm), role ('dwelling' or 'facility'), kind (the vocabulary's kind or dwelling
    category, missing for a framework's own word), count, m2 (float, NaN where not given), name
    (missing where not given), line. The text columns (area, wijk, stadsdeel, milieu, use, role,
    kind, name, use_given, milieu_given) are pandas categoricals of their texts, the categories
    sorted: a million rows hold a few thousand texts, and a groupby or sort on the codes orders
    as on the texts (a missing text is NaN, no category).
    `lendings`: floor area planned facilities lend to other uses in their free hours (the `also`
    column): line, area, wijk, stadsdeel, year, lender (framework id or None), lender_kind,
    name, use (the borrower's framework id; NaN: not normed), kind, m2, slots.
    `notes`: how words the framework does not use itself were counted, by kind of word.
    `reading`: how the file was read where a reader might wonder (columns and sheets left out,
    dates read as years), one sentence each."""

    file: str
    rows: pd.DataFrame
    dialect: dict[str, str] = field(default_factory=dict)
    lendings: pd.DataFrame | None = None
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    reading: tuple[str, ...] = ()
    # The framework whose ids the rows use (set by the pipeline's reader): checked with that one only.
    framework: Framework | None = field(default=None, repr=False, compare=False)

    # Cached: a check reads them several times, and each is a copy of up to a million rows.
    # (A frozen dataclass still has a __dict__ for cached_property; `rows` is never changed in place.)
    @cached_property
    def dwellings(self) -> pd.DataFrame:
        return self.rows[self.is_dwelling]

    @cached_property
    def is_dwelling(self) -> np.ndarray:
        """Per row: whether it is a dwelling row (`dwellings` is these rows with every column)."""
        return (self.rows["role"] == "dwelling").to_numpy(dtype=bool)

    @cached_property
    def facilities(self) -> pd.DataFrame:
        """Planned facility rows of kinds the framework norms."""
        rows = self.rows
        return rows[(rows["role"] == "facility") & rows["use"].notna()]

    @cached_property
    def unnormed(self) -> pd.DataFrame:
        """Planned facility rows of kinds the framework does not norm."""
        rows = self.rows
        return rows[(rows["role"] == "facility") & rows["use"].isna()]
