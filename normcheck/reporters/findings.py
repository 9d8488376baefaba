"""One finding per report row, in words: shared by the formats CI shows to people (GitHub
annotations, JUnit failures, the markdown summary), so they all say the same thing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from normcheck.core.report import Report
from normcheck.reporters.i18n import EN, Words
from normcheck.reporters.text import amount, group_text, shown_gap, unit_text

WHOLE_PLAN = EN("finding.whole_plan")  # "whole plan": the area of a whole-plan finding


@dataclass(frozen=True)
class Finding:
    facility: str
    label: str
    category: str
    area: str | None  # None: the whole plan (the place of a wijk or stadsdeel row: 'wijk Noord')
    unit: str  # "m2" or "places"
    required: float
    planned: float
    gap: float
    status: str  # ok, short, pool, within-tolerance
    standard_units: float | None
    catchment: str | None
    line: int | None  # first programme line of the area, where there is one
    served_by: str | None = None  # below the facility's catchment: the group judged ('wijk Noord')
    within: str | None = None  # above it: how the judged groups fare ('2 of 3 buurten short')
    judged_at: str = "plan"  # the level the facility is judged at
    existing: float = 0.0  # spare capacity of existing facilities counted (--existing)
    summary: bool = False  # a row that sums judged rows shown beside it (--by area)

    @property
    def fails(self) -> bool:
        """A shortfall where it is judged: a row below its catchment only shows its group's, and
        one above it that sums judged rows shown beside it would count them twice."""
        return self.status == "short" and self.served_by is None and not self.summary

    @property
    def where(self) -> str:
        return WHOLE_PLAN if self.area is None else self.area

    def quantity(self, value: float, w: Words = EN) -> str:
        return f"{amount(value, self.unit, w)} {unit_text(self.unit, w)}"

    def sentence(self, w: Words = EN) -> str:
        """`School in A: 810 m² required, 300 m² planned, 510 m² short.`"""
        subject = self.label if self.area is None else w("finding.subject_in", label=self.label, area=self.area)
        numbers = w("finding.numbers", required=self.quantity(self.required, w), planned=self.quantity(self.planned, w))
        if self.existing:
            numbers += w("finding.numbers_existing", existing=self.quantity(self.existing, w))
        if self.served_by is not None:
            return w(
                "finding.served",
                subject=subject,
                numbers=numbers,
                group=group_text(self.served_by, w),
                status=w.status(self.status),
            )
        if self.within is not None:
            return w(
                "finding.within", subject=subject, numbers=numbers, level=self.judged_at, within=w.phrase(self.within)
            )
        return w("finding.judged", subject=subject, numbers=numbers, verdict=self.verdict(w))

    def verdict(self, w: Words = EN) -> str:
        missing = self.quantity(-self.gap, w)
        if self.status == "short":
            return w("finding.short", missing=missing)
        if self.status == "within-tolerance":
            return w("finding.within_tolerance", missing=missing)
        if self.status == "pool":
            return w("finding.pool", share=_share(self.standard_units, w), catchment=self.catchment)
        return w("finding.met")


def findings(report: Report) -> Iterator[Finding]:
    """Every row of the report, in its order (each facility's whole-plan row, then its areas)."""
    row: Any  # a row of pandas scalars (ROW_COLUMNS)
    for row in report.rows.itertuples(index=False):
        area = None if row.level == "plan" else str(row.area) if row.level == "buurt" else f"{row.level} {row.place}"
        yield Finding(
            facility=row.facility,
            label=row.label,
            category=row.category,
            area=area,
            unit=row.unit,
            required=float(row.required),
            planned=float(row.planned),
            gap=shown_gap(float(row.planned + row.existing), float(row.required), row.unit),
            status=row.status,
            standard_units=_number(row.standard_units),
            catchment=None if pd.isna(row.catchment) else str(row.catchment),
            line=None if row.level != "buurt" else report.area_lines.get(str(row.area)),
            served_by=None if pd.isna(row.served_by) else str(row.served_by),
            within=None if pd.isna(row.within) else str(row.within),
            judged_at=str(row.judged_at),
            existing=float(row.existing),
            summary=report.by_area and not pd.isna(row.within) and not bool(row.judged),
        )


def headline(report: Report, w: Words = EN) -> str:
    """`3 of 5 facilities fall short: school, buurthuis, kita.` (facilities, not rows, are counted)"""
    rows = report.totals()  # a whole-plan row is short when any row judged at its catchment is
    short = list(dict.fromkeys(rows.loc[rows["status"] == "short", "facility"]))
    total = len(report.framework.facilities)
    if not short:
        return w("headline.met_one" if total == 1 else "headline.met", total=total)
    key = "headline.short_one" if len(short) == 1 else "headline.short"
    return w(key, count=len(short), total=total, facilities=", ".join(short))


def _number(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _share(units: float | None, w: Words = EN) -> str:
    """`0.52 of one facility`; a share that rounds to nothing is still a share."""
    if units is None:
        return w("share.less_than_one")
    if units < 0.005:
        return w("share.less_than_a_hundredth", hundredth=w.decimal(0.01, 2))
    return w("share.of_one", share=w.share(units))
