"""One finding per report row, in words, and the issues CI formats raise from them: shared by the
formats CI shows (GitHub annotations, JUnit failures, SARIF results, GitLab Code Quality issues,
the markdown summary), so they all say the same thing, point at the same programme line and count
the same failures as the exit code (core/policy.py)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path, PurePath
from typing import Any, Literal
from urllib.parse import quote

import pandas as pd

from normcheck.core.places import LEVELS, places_of
from normcheck.core.policy import DEFAULT_FAIL_ON, counts, timeline_short, verdict_rows
from normcheck.core.report import Report, plain_rows
from normcheck.errors import Problem
from normcheck.reporters.i18n import EN, Words
from normcheck.reporters.text import amount, group_text, shown_gap, signed, unit_text
from normcheck.value import Value, value_type

WHOLE_PLAN = EN("finding.whole_plan")  # "whole plan": the area of a whole-plan finding


@value_type
class Finding(Value):
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
    line: int | None  # an area's, wijk's or stadsdeel's row: the programme line that plans (or
    #                   should plan) it there (lines() below); None for the whole plan
    served_by: str | None = None  # below the facility's catchment: the group judged ('wijk Noord')
    within: str | None = None  # above it: how the judged groups fare ('2 of 3 buurten short')
    judged_at: str = "plan"  # the level the facility is judged at
    existing: float = 0.0  # spare capacity of existing facilities counted (--existing)
    gives_verdict: bool = True  # the row gives its facility's verdict (core/policy.py's verdict_rows)
    level: str = "plan"  # buurt (an area), wijk, stadsdeel or plan
    place: str | None = None  # the area, wijk or stadsdeel; None for the plan

    @property
    def fails(self) -> bool:
        """A shortfall where it is judged: a row below its catchment only shows its group's, and
        one above it that sums judged rows shown beside it would count them twice."""
        return self.status == "short" and self.gives_verdict

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
    line_of = lines(report)
    row: Any  # a row of pandas scalars (ROW_COLUMNS)
    for row, verdict_here in zip(plain_rows(report.rows), verdict_rows(report)):
        place = None if pd.isna(row.place) else str(row.place)
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
            # a whole-plan row is annotated on the file (docs/ci.md); Issue.line has its line
            line=None if row.level == "plan" else line_of(str(row.level), place, row.facility),
            served_by=None if pd.isna(row.served_by) else str(row.served_by),
            within=None if pd.isna(row.within) else str(row.within),
            judged_at=str(row.judged_at),
            existing=float(row.existing),
            gives_verdict=bool(verdict_here),
            level=str(row.level),
            place=place,
        )


# -- where a finding points ------------------------------------------------------------------------

Lines = dict[tuple[str, str | None, str], int]
LineOf = Callable[[str, str | None, str], int | None]


def lines(report: Report) -> LineOf:
    """line_of(level, place, facility): the first programme line that plans the facility in that
    place (an area, or any area of the wijk, stadsdeel or plan), else the place's first line, else
    None (the whole plan, when no line plans the facility: the file as a whole). That is where a
    planner adds or enlarges the facility, so a CI annotation on it is one click from the fix."""
    planned, first = _first_lines(report)

    def line_of(level: str, place: str | None, facility: str) -> int | None:
        return planned.get((level, place, facility), first.get((level, place)))

    return line_of


def _first_lines(report: Report) -> tuple[Lines, dict[tuple[str, str | None], int]]:
    """(first line per level, place and facility planned there; first line per level and place)."""
    first: dict[tuple[str, str | None], int] = {("buurt", area): line for area, line in report.area_lines.items()}
    programme = report.programme
    rows = None if programme is None else getattr(programme, "rows", None)
    if rows is None or rows.empty or "line" not in rows or rows["line"].isna().all():
        return {}, first
    rows = rows[rows["line"].notna() & rows["area"].notna()]
    areas = sorted(rows["area"].unique())
    places = places_of(rows, areas)
    planned: Lines = {}
    line = rows["line"].astype(int)
    facility_rows = (rows["role"] == "facility") & rows["use"].notna()
    for level in LEVELS:
        if level not in places.levels:
            continue
        group_of = dict(zip(places.areas, places.names[level][places.codes[level]]))
        group = rows["area"].map(group_of)
        if level != "plan":  # the whole plan has no line of its own: a CI format points at the file
            for name, value in line.groupby(group, sort=False).min().items():
                first.setdefault((level, str(name)), int(value))
        by_use = line[facility_rows].groupby([group[facility_rows], rows["use"][facility_rows]], dropna=False)
        for (name, use), value in by_use.min().items():
            planned[(level, None if level == "plan" else str(name), str(use))] = int(value)
    return planned, first


def repo_path(file: str, cwd: str | None = None) -> tuple[str, bool]:
    """(the file's path relative to the working directory, with forward slashes, True), as code
    scanning and GitLab resolve it from the checkout; a file outside it: (its absolute path, False)."""
    base = os.path.abspath(cwd or os.getcwd())
    absolute = os.path.normpath(os.path.join(base, file))
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:  # another drive (Windows)
        return PurePath(absolute).as_posix(), False
    if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
        return PurePath(absolute).as_posix(), False
    return PurePath(relative).as_posix(), True


def location_uri(file: str, cwd: str | None = None) -> tuple[str, bool]:
    """The file as a URI: relative (percent-encoded, for a uriBaseId) or an absolute file: URI."""
    path, relative = repo_path(file, cwd)
    return (quote(path), True) if relative else (Path(path).as_uri(), False)


# -- the issues CI formats raise ------------------------------------------------------------------

Rank = Literal["fail", "warn", "note"]  # fails the run; a shortfall not counted; a pool to share


@value_type
class Issue(Value):
    """One thing a CI format reports: a facility that is not met where it is judged (short,
    within the tolerance, or to pool with neighbours), or one short in some year of the timeline."""

    facility: str
    label: str
    category: str
    level: str  # buurt, wijk, stadsdeel, plan
    place: str | None  # None: the whole plan
    where: str  # in words: the area, 'wijk Noord', 'whole plan'
    kind: str  # short, within-tolerance, pool, or timeline (a shortfall in some year)
    rank: Rank
    line: int | None  # lines(): the line that plans (or should plan) it there; None: no such line
    message: str
    file: str | None = None  # the file it is in, when not the programme (a bestemmingsplan)

    def fingerprint(self, report: Report) -> str:
        """The same for the same facility in the same place of the same programme under the same
        framework, whatever the numbers or the line: a changed amount keeps its issue open, and
        the timeline's issue is another one than the steady state's."""
        aspect = "timeline" if self.kind == "timeline" else "steady"
        key = "\0".join(
            (report.framework.id, report.programme_file, self.facility, self.level, self.place or "", aspect)
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def issues(report: Report, fail_on: frozenset[str] = DEFAULT_FAIL_ON) -> list[Issue]:
    """The findings that give a verdict and are not met, then the timeline's shortfalls; each
    ranked by the policy: `fail` exactly where --fail-on counts it."""
    out = []
    line_of = lines(report)
    for finding in findings(report):
        if not finding.gives_verdict or finding.status not in ("short", "within-tolerance", "pool"):
            continue
        out.append(
            Issue(
                facility=finding.facility,
                label=finding.label,
                category=finding.category,
                level=finding.level,
                place=finding.place,
                where=finding.where,
                kind=finding.status,
                rank=rank(finding.status, fail_on),
                line=line_of(finding.level, finding.place, finding.facility),
                message=finding.sentence() + _gap_said(finding),
            )
        )
    return out + timeline_issues(report, fail_on) + capacity_issues(report, fail_on)


def timeline_issues(report: Report, fail_on: frozenset[str] = DEFAULT_FAIL_ON) -> list[Issue]:
    """One issue per facility and place that falls short in some year of the timeline, with the
    numbers of its first short year."""
    short = timeline_short(report)
    if short.empty:
        return []
    first_year = _first_short_numbers(report, short)
    line_of = lines(report)
    facilities = report.framework.facilities
    judged_level = dict(zip(report.rows["facility"], report.rows["judged_at"]))
    out = []
    row: Any  # a row of the timeline summary (pandas scalars)
    for row, (required, planned) in zip(short.itertuples(index=False), first_year):
        level, place = str(row.level), None if pd.isna(row.place) else str(row.place)
        label = facilities[row.facility].label
        where = WHOLE_PLAN if place is None else place if level == "buurt" else f"{level} {place}"
        subject = label if level == "plan" else f"{label} in {where}"
        unit = unit_text(row.unit)
        span = f"{report.timeline.first_year}–{report.timeline.last_year}"
        until = "" if row.short_until == row.first_short_year else f"–{row.short_until}"
        numbers = f"{amount(required, row.unit)} {unit} required, {amount(planned, row.unit)} {unit} planned"
        judged_at = judged_level.get(row.facility, level)
        if judged_at == level:
            numbers += f", {amount(required - planned, row.unit)} {unit} short"
        else:  # the whole plan stands for the places it is judged in: its sums may even look met
            numbers += f"; judged per {judged_at}"
        message = (
            f"{subject}: short in {int(row.short_years)} of the years {span} (first {row.first_short_year}"
            f"{until}); in {row.first_short_year} {numbers}; peak need {amount(row.peak_required, row.unit)} {unit} "
            f"in {row.peak_year}."
        )
        out.append(
            Issue(
                facility=row.facility,
                label=label,
                category=facilities[row.facility].category,
                level=level,
                place=place,
                where=where,
                kind="timeline",
                rank=rank("timeline", fail_on),
                line=line_of(level, place, row.facility),
                message=message,
            )
        )
    return out


def capacity_issues(report: Report, fail_on: frozenset[str] = DEFAULT_FAIL_ON) -> list[Issue]:
    """A bestemmingsplan's room that falls short of what its dwellings need (report.plan_capacity),
    at the plan file: the plan's status counts as `short` (core/report.py's status)."""
    capacity = report.plan_capacity
    if capacity is None:
        return []
    out = []
    for row in capacity.rows:
        if row.status not in ("short", "within-tolerance", "pool"):
            continue
        unit = "dwellings" if row.unit == "dwellings" else unit_text("m2")
        where = WHOLE_PLAN if row.area is None else row.area
        subject = row.label if row.area is None else f"{row.label} in {row.area}"
        message = (
            f"{subject}: {amount(row.required)} {unit} needed, {amount(row.capacity)} {unit} of room in plan "
            f"{capacity.plan_name} ({capacity.plan_id}), {amount(-row.gap)} {unit} short."
        )
        out.append(
            Issue(
                facility=f"capacity.{row.kind}",
                label=row.label,
                category="capacity",
                level="plan" if row.area is None else "buurt",
                place=row.area,
                where=where,
                kind=row.status,
                rank=rank(row.status, fail_on),
                line=None,
                message=message,
                file=capacity.file,
            )
        )
    return out


def problem_fingerprint(programme: str, problem: Problem) -> str:
    """A problem of a programme that could not be read, for the CI formats that track issues."""
    key = "\0".join((programme, problem.file, str(problem.line), problem.column or "", problem.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def rank(kind: str, fail_on: frozenset[str]) -> Rank:
    """`fail` where the policy counts this kind of finding (given where its facility is judged)."""
    if counts(kind, fail_on):
        return "fail"
    return "note" if kind == "pool" else "warn"


def _gap_said(finding: Finding) -> str:
    """The gap, where the sentence does not say it (a row judged per buurt, seen from the plan)."""
    if finding.within is None and finding.served_by is None:
        return ""
    return f" Gap: {signed(finding.gap, finding.unit)} {unit_text(finding.unit)}."


def _first_short_numbers(report: Report, short: pd.DataFrame) -> list[tuple[float, float]]:
    """Per row of `short` (timeline summary rows), required and planned in its first short year."""
    series = report.timeline.series
    keys = ["level", "place", "facility"]
    wanted = pd.DataFrame({key: short[key].astype(object).to_numpy() for key in keys})
    wanted["year"] = short["first_short_year"].astype(int).to_numpy()
    wanted = wanted.fillna({"place": ""})
    years = series[series["year"].isin(wanted["year"])]
    years = pd.DataFrame(
        {
            **{key: years[key].astype(object).fillna("").to_numpy() for key in keys},
            "year": years["year"].to_numpy(),
            "required": years["required"].to_numpy(),
            "planned": years["planned"].to_numpy(),
        }
    )
    found = wanted.merge(years, on=[*keys, "year"], how="left")
    return list(zip(found["required"].astype(float), found["planned"].astype(float)))


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
