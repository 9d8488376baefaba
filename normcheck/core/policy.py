"""The policy: which facilities are checked and whether the run fails.

Pure functions from a Report to a Report (or to a verdict), so the calculator itself never
learns about CI: the numbers stay what the framework says, only their verdict changes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Literal

from normcheck.core.provenance import facility_leaves
from normcheck.core.report import Report
from normcheck.errors import NormcheckError, Problem
from normcheck.framework.model import Facility, Leaf

FailOn = Literal["short", "never"]
WITHIN_TOLERANCE = "within-tolerance"


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


def fails(report: Report, fail_on: FailOn = "short") -> bool:
    """Whether the report fails the run (the CLI's exit code 1)."""
    return fail_on == "short" and report.status == "short"


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
