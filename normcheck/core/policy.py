"""The policy: which facilities are checked and whether the run fails.

Pure functions from a Report to a Report (or to a verdict), so the calculator itself never
learns about CI: the numbers stay what the framework says, only their verdict changes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Literal

import pandas as pd

from normcheck.core.provenance import facility_leaves
from normcheck.core.report import Report
from normcheck.errors import NormcheckError, Problem
from normcheck.framework.model import Facility, Leaf

FailOn = Literal["short", "never"]  # the single values of the old call: fails(report, "short")
WITHIN_TOLERANCE = "within-tolerance"

# What may fail a run (--fail-on), in the order the messages list them. Each names a kind of
# finding; `never` names none and stands alone.
FAIL_ON = ("short", "timeline", "pool", "tolerance", "never")
DEFAULT_FAIL_ON: frozenset[str] = frozenset({"short"})
# The status of a steady-state row that each --fail-on name counts (timeline: timeline_short()).
COUNTED_STATUS = {"short": "short", "pool": "pool", "tolerance": WITHIN_TOLERANCE}


def parse_only(given: str | Sequence[str] | None) -> tuple[str, ...]:
    """`onderwijs, Sport` (or ['onderwijs', 'Sport']) -> ('onderwijs', 'sport'); None (option not
    given) -> ()."""
    if given is None:
        return ()
    parts = given.split(",") if isinstance(given, str) else list(given)
    names = tuple(dict.fromkeys(part.strip().lower() for part in parts if part.strip()))
    if not names:
        raise NormcheckError(Problem("--only", "names no category; give one or more, separated by commas"))
    return names


def apply_policy(report: Report, only: Sequence[str] = ()) -> Report:
    """The report as the policy sees it: only the chosen categories. (Small shortfalls are
    tolerated where they are judged: check(tolerance_pct=...), judge.py.)"""
    return only_categories(report, only) if only else report


def only_categories(report: Report, categories: Sequence[str]) -> Report:
    """Keep the facilities of these categories (ids, any case). The framework in the new report
    holds only those facilities, so 'N of M facilities' and the provenance counts stay true."""
    framework = report.framework
    known = {category.lower(): category for category in framework.categories}
    problems = [
        Problem("--only", _unknown(name, framework.id, sorted(framework.categories)))
        for name in categories
        if name.lower() not in known
    ]
    if problems:
        raise NormcheckError(problems)
    wanted = {known[name.lower()] for name in categories}
    facilities = {fid: f for fid, f in framework.facilities.items() if f.category in wanted}
    rows = report.rows[report.rows["category"].isin(wanted)].reset_index(drop=True)
    return replace(
        report,
        framework=replace(framework, facilities=facilities),
        rows=rows,
        leaves=_leaves_of(report, facilities.values()),
    )


def fail_on(values: Sequence[str]) -> frozenset[str]:
    """--fail-on as given (`short,timeline`, or the option repeated) as the set of what fails the
    run; () is the default, short. Every unknown name is one problem; `never` with others is one."""
    names = [part.strip().lower() for value in values for part in value.split(",") if part.strip()]
    problems = [Problem("--fail-on", _not_a_fail_on(name)) for name in dict.fromkeys(names) if name not in FAIL_ON]
    chosen = frozenset(name for name in names if name in FAIL_ON)
    if "never" in chosen and len(chosen) > 1:
        others = ", ".join(name for name in FAIL_ON if name in chosen and name != "never")
        problems.append(Problem("--fail-on", f"'never' cannot be combined with {others}: never fails on nothing"))
    if problems:
        raise NormcheckError(problems)
    return chosen or DEFAULT_FAIL_ON


def fails(report: Report, fail_on: FailOn | frozenset[str] = "short") -> bool:
    """Whether the report fails the run (the CLI's exit code 1) by the policy `fail_on` (fail_on()'s
    set; a single "short" or "never" as before)."""
    chosen = frozenset({fail_on}) if isinstance(fail_on, str) else fail_on
    if "short" in chosen and report.status == "short":  # the status also counts a plan's capacity
        return True
    statuses = set(report.rows.loc[verdict_rows(report), "status"])
    if report.plan_capacity is not None:  # a bestemmingsplan's room pools or is tolerated as the rows do
        statuses |= {row.status for row in report.plan_capacity.rows}
    if any(COUNTED_STATUS[name] in statuses for name in ("pool", "tolerance") if name in chosen):
        return True
    return "timeline" in chosen and not timeline_short(report).empty


def counts(status: str, fail_on: frozenset[str]) -> bool:
    """Whether a finding of this status where its facility is judged (a steady-state row, or
    "timeline" for a shortfall in some year) fails the run by the policy."""
    return any(COUNTED_STATUS.get(name, name) == status for name in fail_on)


def verdict_rows(report: Report) -> pd.Series:
    """Per report row, whether it gives its facility's verdict: the rows where the facility is
    judged (its catchment) and, without --by area, the whole-plan rows, which stand for the judged
    rows not shown. (Rows below the catchment only show their group's status; rows above it sum
    judged rows shown beside them: counting those too would count a shortfall twice.)"""
    judged = report.rows["judged"].astype(bool)
    return judged if report.by_area else judged | report.rows["level"].eq("plan")


def timeline_short(report: Report) -> pd.DataFrame:
    """The timeline's summary rows (timeline.Timeline.summary: per facility and place, its peak and
    first short year) that give a verdict and are short in some year, in the summary's order;
    empty without a timeline. As for the steady state: where the facility is judged with --by area,
    the whole plan's rows (which are short in a year when a judged row in them is) without it."""
    line = report.timeline
    if line is None:
        return pd.DataFrame()
    summary: pd.DataFrame = line.summary
    short = summary["first_short_year"].notna()
    if report.by_area:
        judged_at = dict(zip(report.rows["facility"], report.rows["judged_at"]))
        short &= summary["level"].astype(str).eq(summary["facility"].map(judged_at))
    else:
        short &= summary["level"].astype(str).eq("plan")
    return summary[short & summary["facility"].isin(report.framework.facilities)]


def _not_a_fail_on(name: str) -> str:
    listed = ", ".join(FAIL_ON)
    close = difflib.get_close_matches(name, FAIL_ON, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"'{name}' is not one of {listed}{hint}"


def _unknown(name: str, framework_id: str, categories: list[str]) -> str:
    close = difflib.get_close_matches(name.lower(), categories, n=2, cutoff=0.6)
    hint = (
        f"did you mean {' or '.join(repr(c) for c in close)}?"
        if close
        else f"the categories are {', '.join(categories)}"
    )
    return f"unknown category '{name}' in framework {framework_id}; {hint}"


def _leaves_of(report: Report, facilities: Iterable[Facility]) -> tuple[Leaf, ...]:
    """The report's leaves that a kept facility rests on. Every leaf a facility could rest on
    (all woonmilieus, all dwelling categories) intersected with the leaves this report rests on
    gives exactly those for the milieus and dwellings the programme has."""
    framework = report.framework
    possible = {
        leaf
        for facility in facilities
        for leaf in facility_leaves(facility, framework, framework.milieu_ids, framework.dwellings)
    }
    return tuple(leaf for leaf in report.leaves if leaf in possible)
